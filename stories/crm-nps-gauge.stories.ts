import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/crm-nps-gauge/index.js';
import '../src/locales/zh-TW.js';
import { brokenPayload, sample, sampleWithIssues, sampleTaiwan } from './support/sample-data.js';
import { headersNeverReady, PENDING_SRC } from './support/pending.js';
import { staleStory } from './support/stale.js';
import { inWidth } from './support/width.js';

interface Args {
  locale?: 'en' | 'zh-CN' | 'zh-TW';
  theme?: 'light' | 'dark';
  period: string;
  segment?: string;
  trend: 'month' | 'week' | 'none';
  target: number;
  minResponses: number;
  dedupe: boolean;
  interval: 'wald' | 'adjusted-wald';
  data?: unknown;
}

const gauge = (args: Args) => html`<crm-nps-gauge
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(args.theme)}
  period=${args.period}
  segment=${ifDefined(args.segment || undefined)}
  trend=${args.trend}
  target=${args.target}
  min-responses=${args.minResponses}
  ?dedupe=${args.dedupe}
  interval=${args.interval}
  .data=${args.data}
></crm-nps-gauge>`;

const meta: Meta<Args> = {
  title: 'Widgets/NPS gauge',
  component: 'crm-nps-gauge',
  tags: ['autodocs'],
  render: (args) => inWidth('40rem', gauge(args)),
  args: {
    locale: 'en',
    period: 'all',
    trend: 'month',
    target: 50,
    minResponses: 30,
    dedupe: false,
    interval: 'wald',
    data: sample(),
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    period: { control: 'select', options: ['all', 'last-30d', 'last-90d', 'last-365d', '2026-01-01..2026-06-30'] },
    segment: { control: 'select', options: ['', 'region:华东', 'region:华南', 'segment:B2B'] },
    trend: { control: 'inline-radio', options: ['month', 'week', 'none'] },
    interval: { control: 'inline-radio', options: ['wald', 'adjusted-wald'] },
    target: { control: { type: 'range', min: -100, max: 100, step: 5 } },
    data: { control: false },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Generated data: score, margin of error on the dial and in words, target, groups and trend. */
export const Ready: Story = {};

export const LastYearEastRegion: Story = { args: { period: 'last-365d', segment: 'region:华东', dedupe: true, minResponses: 10 } };

export const WeeklyTrend: Story = { args: { period: 'last-90d', trend: 'week', minResponses: 5 } };

/** Below `min-responses`: the score greyed, "… responses — below 100,000, indicative only", with its interval. */
export const NotEnoughResponses: Story = { args: { minResponses: 100_000 } };

/** Adjusted Wald: the band is centred on the adjusted score 100 × (P − D)/(N + 3); the bounds are in Details. */
export const AdjustedWald: Story = { args: { interval: 'adjusted-wald', period: 'last-90d', minResponses: 10 } };

/** Loaded, but no survey responses at all. */
export const Empty: Story = { args: { data: sample({ surveys: 0 }) } };

/** No data yet: a skeleton in the gauge's shape. */
export const Loading: Story = {
  render: (args) =>
    inWidth('40rem', html`<crm-nps-gauge locale=${ifDefined(args.locale)} cache="none" src=${PENDING_SRC} .getHeaders=${headersNeverReady}></crm-nps-gauge>`),
};

/** The payload is not a contract payload: a localized message, details behind a toggle, retry. */
export const Failed: Story = { name: 'Error', args: { data: brokenPayload } };

/** Some rows were set aside by validation: see the footer and Details. */
export const RowsSetAside: Story = { args: { data: sampleWithIssues() } };

/** A cached copy the server could not confirm, with its age. */
export const Stale: Story = {
  render: (args) => inWidth('40rem', staleStory(sample(), (src) => html`<crm-nps-gauge locale=${ifDefined(args.locale)} cache="memory" src=${src}></crm-nps-gauge>`, 'crm-nps-gauge')),
};

export const Chinese: Story = { args: { locale: 'zh-CN', period: 'last-365d' } };

/** Traditional Chinese (registered through registerLocale), on data a Taiwanese CRM would hold: no English left. */
export const TraditionalChinese: Story = { name: 'zh-TW', args: { locale: 'zh-TW', period: 'last-365d', data: sampleTaiwan() } };

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div style="background: #010409; padding: 1rem">${inWidth('40rem', gauge(args))}</div>`,
};

export const Narrow280: Story = { render: (args) => inWidth('280px', gauge(args)) };

export const Wide: Story = { render: (args) => inWidth('100%', gauge(args)) };

/** Host restyling through the `--crm-*` tokens and `::part()`. */
export const Themed: Story = {
  render: (args) => html`<style>
      .branded {
        --crm-color-accent: #7c3aed;
        --crm-color-good: #0e7490;
        --crm-radius: 1rem;
        --crm-font-sans: Georgia, serif;
      }
      .branded::part(score) {
        letter-spacing: -0.04em;
      }
    </style>
    <div class="branded">${inWidth('40rem', gauge(args))}</div>`,
};
