import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validatePayload } from '../src/contract/index.js';
import { CrmSelectEvent } from '../src/elements/base/events.js';
import '../src/elements/crm-customer-360/index.js';
import { computeRfm, describeCustomer, type Customer360 } from '../src/metrics/index.js';
import '../src/locales/zh-TW.js';
import { brokenPayload, sample, sampleTaiwan } from './support/sample-data.js';
import { headersNeverReady, PENDING_SRC } from './support/pending.js';
import { staleStory } from './support/stale.js';
import { inWidth } from './support/width.js';

interface Args {
  locale?: 'en' | 'zh-CN' | 'zh-TW';
  theme?: 'light' | 'dark';
  customerId?: string;
  timelineLimit: number;
  followSelection: boolean;
  data?: unknown;
}

/** The first sample customer that fits, so the stories show a real healthy and a real at-risk card. */
function sampleCustomer(test: (c: Customer360) => boolean): string {
  const checked = validatePayload(sample());
  if (!checked.ok) return '';
  const dataset = checked.dataset;
  const rfm = computeRfm(dataset);
  for (const id of dataset.customerKeys.slice(0, dataset.customers.length)) {
    const c = describeCustomer(dataset, id, { rfm, timelineLimit: 0 });
    if (c && test(c)) return id;
  }
  return dataset.customerKeys[0] ?? '';
}

let healthyId: string | undefined;
let atRiskId: string | undefined;
const healthy = () => (healthyId ??= sampleCustomer((c) => c.health.band === 'green' && c.signals.length === 0));
const atRisk = () => (atRiskId ??= sampleCustomer((c) => c.health.band === 'red' && c.signals.length >= 4));

const card = (args: Args) => html`<crm-customer-360
  locale=${ifDefined(args.locale)}
  theme=${ifDefined(args.theme)}
  customer-id=${ifDefined(args.customerId || undefined)}
  timeline-limit=${args.timelineLimit}
  ?follow-selection=${args.followSelection}
  .data=${args.data}
></crm-customer-360>`;

const meta: Meta<Args> = {
  title: 'Widgets/Customer 360',
  component: 'crm-customer-360',
  tags: ['autodocs'],
  render: (args) => inWidth('56rem', card({ ...args, customerId: args.customerId ?? healthy() })),
  args: {
    locale: 'en',
    timelineLimit: 20,
    followSelection: false,
    data: sample(),
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    customerId: { control: 'text' },
    timelineLimit: { control: { type: 'range', min: 1, max: 50, step: 1 } },
    data: { control: false },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A healthy high-value customer: green band, no signals, a dedicated advisor suggested. */
export const ReadyHealthy: Story = { name: 'Ready (healthy)' };

/** A customer at risk: red band with its triangle, four signals with their evidence in words, a remedy as next best action. */
export const ReadyAtRisk: Story = {
  name: 'Ready (at risk)',
  render: (args) => inWidth('56rem', card({ ...args, customerId: args.customerId ?? atRisk() })),
};

/** A payload without interactions or tickets: those signals say "not measured", health is computed over the rest. */
export const NotMeasured: Story = {
  args: { data: (({ interactions: _interactions, tickets: _tickets, ...rest }) => rest)(sample()) },
  render: (args) => inWidth('56rem', card({ ...args, customerId: args.customerId ?? atRisk() })),
};

/** No data yet: a skeleton in the card's shape. */
export const Loading: Story = {
  render: (args) =>
    inWidth('56rem', html`<crm-customer-360 locale=${ifDefined(args.locale)} cache="none" src=${PENDING_SRC} .getHeaders=${headersNeverReady}></crm-customer-360>`),
};

/** Data loaded, no `customer-id`: the card asks to choose a customer. */
export const Prompt: Story = { name: 'Empty (choose a customer)', render: (args) => inWidth('56rem', card({ ...args, customerId: undefined })) };

/** An id that is not in the data: "customer not found", naming the id. */
export const NotFound: Story = { args: { customerId: 'C999999' } };

/** The payload is not a contract payload: a localized message, details behind a toggle, retry. */
export const Failed: Story = { name: 'Error', args: { data: brokenPayload } };

/** A cached copy the server could not confirm, with its age. */
export const Stale: Story = {
  render: (args) =>
    inWidth(
      '56rem',
      staleStory(
        sample(),
        (src) => html`<crm-customer-360 locale=${ifDefined(args.locale)} cache="memory" customer-id=${atRisk()} src=${src}></crm-customer-360>`,
        'crm-customer-360',
      ),
    ),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div style="background: #010409; padding: 1rem">${inWidth('56rem', card({ ...args, customerId: args.customerId ?? atRisk() }))}</div>`,
};

export const Chinese: Story = {
  name: 'zh-CN',
  args: { locale: 'zh-CN' },
  render: (args) => inWidth('56rem', card({ ...args, customerId: args.customerId ?? atRisk() })),
};

/** Traditional Chinese (registered through registerLocale), on data a Taiwanese CRM would hold: no English left. */
export const TraditionalChinese: Story = {
  name: 'zh-TW',
  args: { locale: 'zh-TW', data: sampleTaiwan() },
  render: (args) => inWidth('56rem', card({ ...args, customerId: args.customerId ?? atRisk() })),
};

/** 280 px: one stacked column; the timeline's dates move under each entry. */
export const Narrow280: Story = { render: (args) => inWidth('280px', card({ ...args, customerId: args.customerId ?? atRisk() })) };

/**
 * `follow-selection`: the card shows whichever customer another widget picks (`crm-select` with
 * `kind: 'customer'`), here stood in for by plain buttons.
 */
export const FollowSelection: Story = {
  args: { followSelection: true },
  render: (args) => {
    const pickCustomer = (customerId: string) => (e: Event) =>
      e.currentTarget!.dispatchEvent(new CrmSelectEvent({ kind: 'customer', customerId }));
    return html`<p>
        <button @click=${pickCustomer(healthy())}>Pick a healthy customer</button>
        <button @click=${pickCustomer(atRisk())}>Pick a customer at risk</button>
      </p>
      ${inWidth('56rem', card({ ...args, customerId: undefined }))}`;
  },
};
