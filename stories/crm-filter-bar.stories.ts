import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/crm-data-source/index.js';
import '../src/elements/crm-filter-bar/index.js';
import '../src/elements/crm-lifecycle-funnel/index.js';
import '../src/elements/crm-nps-gauge/index.js';
import '../src/elements/crm-segment-matrix/index.js';
import '../src/locales/zh-TW.js';
import type { CrmDataSource } from '../src/elements/crm-data-source/index.js';
import { brokenPayload, sample, sampleTaiwan } from './support/sample-data.js';
import { headersNeverReady, PENDING_SRC } from './support/pending.js';
import { inWidth } from './support/width.js';

interface Args {
  locale?: 'en' | 'zh-CN' | 'zh-TW';
  theme?: 'light' | 'dark';
  fields: string;
  periods: string;
  /** QueryFilters JSON on the source. */
  filters: string;
  crossFilter: boolean;
  data?: unknown;
}

let sources = 0;

/** A source, the bar bound to it, and (with `widgets`) a gauge and a funnel that follow it. */
const dashboard = (args: Args, widgets = false) => {
  const id = `story-source-${++sources}`;
  return html`<crm-data-source id=${id} cache="memory" ?cross-filter=${args.crossFilter} filters=${args.filters} .data=${args.data}></crm-data-source>
    <crm-filter-bar source=${id} locale=${ifDefined(args.locale)} theme=${ifDefined(args.theme)} fields=${args.fields} periods=${args.periods}></crm-filter-bar>
    ${widgets
      ? html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; margin-top: 1rem">
          <crm-nps-gauge source=${id} locale=${ifDefined(args.locale)} min-responses="10"></crm-nps-gauge>
          <crm-lifecycle-funnel source=${id} locale=${ifDefined(args.locale)}></crm-lifecycle-funnel>
        </div>`
      : ''}`;
};

const meta: Meta<Args> = {
  title: 'Widgets/Filter bar',
  component: 'crm-filter-bar',
  tags: ['autodocs'],
  render: (args) => inWidth('60rem', dashboard(args)),
  args: {
    locale: 'en',
    fields: 'region,owner,segment',
    periods: 'all,last-30d,last-90d,last-365d',
    filters: '',
    crossFilter: true,
    data: sample(),
  },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN', 'zh-TW'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    filters: { control: 'text' },
    data: { control: false },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** No filter yet: every control offers what the data holds, with customer counts. */
export const Ready: Story = {};

/** Active filters as chips, each removable; Clear all. */
export const WithFilters: Story = {
  args: { filters: JSON.stringify({ time: { kind: 'last-days', days: 90 }, customer: { region: ['华东', '华南'], segment: ['B2B'] }, stage: ['signed'] }) },
};

/** A custom range: two date inputs and Apply. */
export const CustomRange: Story = {
  args: { filters: JSON.stringify({ time: { kind: 'range', from: Date.UTC(2026, 6, 1), to: Date.UTC(2026, 8, 30) } }) },
};

/** The bar with the widgets it filters: pick a funnel stage or an NPS group to cross-filter, Escape to clear. */
export const Dashboard: Story = { render: (args) => inWidth('70rem', dashboard(args, true)) };

/** A pick made in the funnel, shown as a chip the bar can clear. */
export const CrossFilterPick: Story = {
  render: (args) => {
    const view = dashboard(args, true);
    // Made once the funnel is on the page, as a click on its third stage would.
    requestAnimationFrame(function pick() {
      const funnel = document.querySelector('#storybook-root crm-lifecycle-funnel');
      const source = document.querySelector<CrmDataSource>('#storybook-root crm-data-source');
      if (!funnel || !source) return void requestAnimationFrame(pick);
      source.sourceFilters.select(funnel, { kind: 'stage', stage: 'signed', count: 0, conversionFromPrevious: null, conversionFromFirst: null, dropOff: 0, medianTimeFromPreviousMs: null });
    });
    return inWidth('70rem', view);
  },
};

/** Fields beyond the usual ones: any customer field, `attributes.<name>` or extra field. */
export const MoreFields: Story = { args: { fields: 'region,owner,segment,company,lifecycleStage' } };

/** No data yet: skeleton controls. */
export const Loading: Story = {
  render: (args) => {
    const id = `story-source-${++sources}`;
    return inWidth(
      '60rem',
      html`<crm-data-source id=${id} cache="none" src=${PENDING_SRC} .getHeaders=${headersNeverReady}></crm-data-source>
        <crm-filter-bar source=${id} locale=${ifDefined(args.locale)}></crm-filter-bar>`,
    );
  },
};

/** The payload is not a contract payload: a localized message and retry. */
export const Failed: Story = { name: 'Error', args: { data: brokenPayload } };

export const Chinese: Story = { args: { locale: 'zh-CN', filters: JSON.stringify({ customer: { region: ['华东'] }, nps: ['promoter'] }) } };

/** Traditional Chinese on data a Taiwanese CRM would hold: no English left. */
export const TraditionalChinese: Story = { name: 'zh-TW', args: { locale: 'zh-TW', data: sampleTaiwan(), filters: JSON.stringify({ time: { kind: 'last-days', days: 90 } }) } };

export const Dark: Story = {
  args: { theme: 'dark', filters: JSON.stringify({ customer: { segment: ['B2C'] } }) },
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div style="background: #010409; padding: 1rem">${inWidth('60rem', dashboard(args))}</div>`,
};

export const Narrow280: Story = { args: { filters: JSON.stringify({ customer: { region: ['华东'] }, stage: ['lead'] }) }, render: (args) => inWidth('280px', dashboard(args)) };
