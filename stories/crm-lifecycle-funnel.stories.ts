import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/crm-lifecycle-funnel/index.js';
import '../src/locales/zh-TW.js';
import { brokenPayload, sample, sampleWithIssues, sampleTaiwan } from './support/sample-data.js';
import { headersNeverReady, PENDING_SRC } from './support/pending.js';
import { staleStory } from './support/stale.js';
import { inWidth } from './support/width.js';

interface Args {
  locale?: 'en' | 'zh-CN' | 'zh-TW';
  theme?: 'light' | 'dark';
  orientation: 'horizontal' | 'vertical';
  mode: 'ordered' | 'snapshot';
  stages?: string;
  windowDays?: number;
  attempts?: 'first' | 'any';
  breakdown?: string;
  segment?: string;
  data?: unknown;
}

const funnel = (args: Args) => html`<crm-lifecycle-funnel
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(args.theme)}
  orientation=${args.orientation}
  mode=${args.mode}
  stages=${ifDefined(args.stages || undefined)}
  window-days=${ifDefined(args.windowDays ?? undefined)}
  attempts=${ifDefined(args.attempts)}
  breakdown=${ifDefined(args.breakdown || undefined)}
  segment=${ifDefined(args.segment || undefined)}
  .data=${args.data}
></crm-lifecycle-funnel>`;

const meta: Meta<Args> = {
  title: 'Widgets/Lifecycle funnel',
  component: 'crm-lifecycle-funnel',
  tags: ['autodocs'],
  render: (args) => inWidth('44rem', funnel(args)),
  args: {
    locale: 'en',
    orientation: 'horizontal',
    mode: 'ordered',
    data: sample(),
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    orientation: { control: 'inline-radio', options: ['horizontal', 'vertical'] },
    mode: { control: 'inline-radio', options: ['ordered', 'snapshot'] },
    stages: { control: 'select', options: ['', 'lead,opportunity,signed,paid', 'lead,signed', 'opportunity,signed,paid'] },
    windowDays: { control: { type: 'number', min: 0, step: 7 } },
    attempts: { control: 'inline-radio', options: ['first', 'any'] },
    breakdown: { control: 'select', options: ['', 'segment', 'region', 'owner'] },
    segment: { control: 'select', options: ['', 'region:华东', 'segment:B2B'] },
    data: { control: false },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Generated data: count, step conversion, median time and drop-off per stage, overall conversion. */
export const Ready: Story = {};

/** One column per stage, bars growing upwards (drawn in rows below 400 px). */
export const Vertical: Story = { args: { orientation: 'vertical' } };

/** Only steps reached within 30 days of entering count. */
export const ConversionWindow: Story = { args: { windowDays: 30 } };

/** `attempts="any"`: each lead may start an attempt (as PostHog counts), so re-entered deals can convert within the window. */
export const AnyAttempt: Story = { args: { windowDays: 30, attempts: 'any' } };

/** A subset of stages, in a chosen order; events of the other stages are reported, not counted. */
export const StageSubset: Story = { args: { stages: 'lead,signed' } };

/** Customers by their current lifecycle stage: a distribution, so no conversions. */
export const Snapshot: Story = { args: { mode: 'snapshot' } };

/** Small multiples, one funnel per customer segment, side by side when there is room. */
export const Breakdown: Story = { args: { breakdown: 'segment' }, render: (args) => inWidth('100%', funnel(args)) };

export const BreakdownVertical: Story = { args: { breakdown: 'segment', orientation: 'vertical' }, render: (args) => inWidth('100%', funnel(args)) };

/** 30,000 customers and about 24,000 deals. */
export const LargeData: Story = { args: { data: sample({ customers: 30_000 }), breakdown: 'region' }, render: (args) => inWidth('100%', funnel(args)) };

/** Loaded, but no stage events at all. */
export const Empty: Story = { args: { data: sample({ deals: 0 }) } };

/** No data yet: a skeleton in the funnel's shape. */
export const Loading: Story = {
  render: (args) =>
    inWidth('44rem', html`<crm-lifecycle-funnel locale=${ifDefined(args.locale)} cache="none" src=${PENDING_SRC} .getHeaders=${headersNeverReady}></crm-lifecycle-funnel>`),
};

/** The payload is not a contract payload: a localized message, details behind a toggle, retry. */
export const Failed: Story = { name: 'Error', args: { data: brokenPayload } };

/** Some rows were set aside by validation: see the footer and Details. */
export const RowsSetAside: Story = { args: { data: sampleWithIssues() } };

/** A cached copy the server could not confirm, with its age. */
export const Stale: Story = {
  render: (args) =>
    inWidth(
      '44rem',
      staleStory(sample(), (src) => html`<crm-lifecycle-funnel locale=${ifDefined(args.locale)} cache="memory" src=${src}></crm-lifecycle-funnel>`, 'crm-lifecycle-funnel'),
    ),
};

/** 线索 → 商机 → 签单 → 回款, labels from the payload. */
export const Chinese: Story = { name: 'zh-CN', args: { locale: 'zh-CN', windowDays: 90 } };

/** Traditional Chinese (registered through registerLocale), on data a Taiwanese CRM would hold: no English left. */
export const TraditionalChinese: Story = { name: 'zh-TW', args: { locale: 'zh-TW', windowDays: 90, data: sampleTaiwan() } };

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
};

export const Narrow280: Story = { render: (args) => inWidth('280px', funnel(args)) };

export const NarrowBreakdown: Story = { args: { breakdown: 'segment' }, render: (args) => inWidth('280px', funnel(args)) };

export const Wide: Story = { render: (args) => inWidth('100%', funnel(args)) };
