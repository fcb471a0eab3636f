import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import { styleMap } from 'lit/directives/style-map.js';
import { until } from 'lit/directives/until.js';
import type { Payload } from '../src/contract/index.js';
import '../src/elements/crm-segment-matrix/index.js';
import type { CrmSegmentMatrix } from '../src/elements/crm-segment-matrix/index.js';
import { generateSample } from '../src/sample/index.js';
import '../src/locales/zh-TW.js';
import { brokenPayload, sample, sampleWithIssues, sampleTaiwan } from './support/sample-data.js';
import { headersNeverReady, PENDING_SRC } from './support/pending.js';
import { staleStory } from './support/stale.js';
import { inWidth } from './support/width.js';

interface Args {
  locale?: 'en' | 'zh-CN' | 'zh-TW';
  theme?: 'light' | 'dark';
  x: 'r' | 'f' | 'm';
  y: 'r' | 'f' | 'm';
  colorBy: 'm-score' | 'monetary' | 'count';
  pageSize: number;
  ties?: 'low' | 'dense';
  fThresholds?: string;
  data?: unknown;
}

const matrix = (args: Args, opened?: (el: Element | undefined) => void) => html`<crm-segment-matrix
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(args.theme)}
  x=${args.x}
  y=${args.y}
  color-by=${args.colorBy}
  page-size=${args.pageSize}
  ties=${ifDefined(args.ties)}
  f-thresholds=${ifDefined(args.fThresholds)}
  .data=${args.data}
  ${ref(opened)}
></crm-segment-matrix>`;

/** Open a cell's drill-down once the data is in, the way a user would: a click on the cell. */
const openCell = (x: number, y: number) => (el: Element | undefined) => {
  if (!el) return;
  const matrixEl = el as CrmSegmentMatrix;
  const click = async () => {
    await matrixEl.updateComplete;
    matrixEl.shadowRoot?.querySelector<HTMLElement>(`[part~="cell"][data-x="${x}"][data-y="${y}"]`)?.click();
  };
  if (matrixEl.shadowRoot?.querySelector('[part~="cell"]')) void click();
  else matrixEl.addEventListener('crm-load', () => void click(), { once: true });
};

let large: Promise<Payload> | undefined;
/** 100,000 customers and 300,000 orders, generated once (about a second) after the story shows. */
const largePayload = () =>
  (large ??= new Promise((resolve) =>
    setTimeout(() => resolve(generateSample({ seed: 42, customers: 100_000, orders: 300_000, surveys: 0, interactions: 0, deals: 0, tickets: 0 })), 50),
  ));

const meta: Meta<Args> = {
  title: 'Widgets/Segment matrix',
  component: 'crm-segment-matrix',
  tags: ['autodocs'],
  render: (args) => inWidth('48rem', matrix(args)),
  args: {
    locale: 'en',
    x: 'r',
    y: 'f',
    colorBy: 'm-score',
    pageSize: 10,
    data: sample(),
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    x: { control: 'inline-radio', options: ['r', 'f', 'm'] },
    y: { control: 'inline-radio', options: ['r', 'f', 'm'] },
    colorBy: { control: 'inline-radio', options: ['m-score', 'monetary', 'count'] },
    pageSize: { control: { type: 'number', min: 5, max: 50, step: 5 } },
    ties: { control: 'inline-radio', options: ['low', 'dense'] },
    fThresholds: { control: 'text' },
    data: { control: false },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Recency by frequency, coloured by mean M score, the ten named segments outlined. */
export const Ready: Story = {};

/** A cell picked: its customers, sortable by any column, filterable by text, one page at a time. */
export const DrillDownOpen: Story = {
  render: (args) => inWidth('100%', matrix(args, openCell(5, 5))),
};

export const ColourBySpend: Story = { args: { colorBy: 'monetary' } };

/** `ties="dense"`: a big tie keeps its score and the others spread over the remaining scores, so no row is left empty. */
export const DenseTies: Story = { args: { ties: 'dense' } };

/** `f-thresholds="1,2,3,5,10"`: frequency scored by fixed order counts; empty scores are named in Details. */
export const FixedFrequencyThresholds: Story = { args: { fThresholds: '1,2,3,5,10' } };

export const ColourByCount: Story = { args: { colorBy: 'count' } };

/** Monetary by recency: the named segments are defined on R × F, so none are outlined. */
export const MonetaryByRecency: Story = { args: { x: 'm', y: 'r' } };

/** Frequency by recency: the same segments, transposed. */
export const FrequencyByRecency: Story = { args: { x: 'f', y: 'r' } };

/** 100,000 customers: the grid draws at once, the drill-down renders one page. */
export const LargeData: Story = {
  render: (args) =>
    inWidth(
      '100%',
      html`${until(
        largePayload().then((data) => matrix({ ...args, data }, openCell(1, 1))),
        html`<p>Generating 100,000 customers…</p>`,
      )}`,
    ),
};

/** Loaded, but nobody has bought anything: nothing to score, and how many were left unscored. */
export const Empty: Story = { args: { data: sample({ orders: 0 }) } };

/** No data yet: a skeleton in the matrix's shape. */
export const Loading: Story = {
  render: (args) =>
    inWidth('48rem', html`<crm-segment-matrix locale=${ifDefined(args.locale)} cache="none" src=${PENDING_SRC} .getHeaders=${headersNeverReady}></crm-segment-matrix>`),
};

/** The payload is not a contract payload: a localized message, details behind a toggle, retry. */
export const Failed: Story = { name: 'Error', args: { data: brokenPayload } };

/** Some rows were set aside by validation: see the footer and Details. */
export const RowsSetAside: Story = { args: { data: sampleWithIssues() } };

/** A cached copy the server could not confirm, with its age. */
export const Stale: Story = {
  render: (args) =>
    inWidth(
      '48rem',
      staleStory(sample(), (src) => html`<crm-segment-matrix locale=${ifDefined(args.locale)} cache="memory" src=${src}></crm-segment-matrix>`, 'crm-segment-matrix'),
    ),
};

export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  render: (args) => inWidth('100%', matrix(args, openCell(5, 5))),
};

/** Traditional Chinese (registered through registerLocale), on data a Taiwanese CRM would hold: no English left. */
export const TraditionalChinese: Story = {
  name: 'zh-TW',
  args: { locale: 'zh-TW', data: sampleTaiwan() },
  render: (args) => inWidth('100%', matrix(args, openCell(5, 5))),
};

const onDark = (story: TemplateResult) => html`<div style=${styleMap({ background: '#010409', padding: '1rem' })}>${story}</div>`;

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => onDark(inWidth('100%', matrix(args, openCell(4, 4)))),
};

/** 280 px: segment names and shares move to the cells' names, the tooltip and the table view. */
export const Narrow280: Story = { render: (args) => inWidth('280px', matrix(args, openCell(5, 5))) };

export const Wide: Story = { render: (args) => inWidth('100%', matrix(args)) };

/** Host restyling through the `--crm-*` tokens and `::part()`. */
export const Themed: Story = {
  render: (args) => html`<style>
      .branded {
        --crm-color-accent: #7c3aed;
        --crm-color-text: #312e81;
        --crm-radius: 0.75rem;
        --crm-font-sans: Georgia, serif;
      }
      .branded::part(cell-count) {
        letter-spacing: -0.03em;
      }
    </style>
    <div class="branded">${inWidth('48rem', matrix(args))}</div>`,
};
