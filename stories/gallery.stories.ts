import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/crm-customer-360/index.js';
import '../src/elements/crm-data-source/index.js';
import '../src/elements/crm-lifecycle-funnel/index.js';
import '../src/elements/crm-nps-gauge/index.js';
import '../src/elements/crm-segment-matrix/index.js';
import { sample } from './support/sample-data.js';

interface Args {
  locale: 'en' | 'zh-CN';
}

/** A customer the sample gives a full card: orders, signals and a timeline. */
const customerId = () => (sample() as { customers: { id: string }[] }).customers[7]!.id;

/** The four widgets on one shared source, as a dashboard shows them, in one theme. */
const board = (theme: 'light' | 'dark', locale: Args['locale']) => html`<section
  class="crm-theme-${theme}"
  aria-label=${theme === 'dark' ? 'Dark theme' : 'Light theme'}
  style="display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; padding: 1rem; background: ${theme === 'dark' ? '#010409' : '#f6f8fa'}"
>
  <crm-nps-gauge theme=${theme} locale=${locale} .data=${sample()} period="all"></crm-nps-gauge>
  <crm-lifecycle-funnel theme=${theme} locale=${locale} .data=${sample()}></crm-lifecycle-funnel>
  <crm-segment-matrix theme=${theme} locale=${locale} .data=${sample()}></crm-segment-matrix>
  <crm-customer-360 theme=${theme} locale=${locale} .data=${sample()} customer-id=${customerId()}></crm-customer-360>
</section>`;

const meta: Meta<Args> = {
  title: 'Gallery',
  tags: ['!autodocs'],
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
  parameters: { layout: 'fullscreen' },
  render: (args) => html`${board('light', args.locale)} ${board('dark', args.locale)}`,
};
export default meta;

type Story = StoryObj<Args>;

/** All four widgets together, light above dark. */
export const AllWidgets: Story = {};

/** The same in Chinese. */
export const AllWidgetsChinese: Story = { args: { locale: 'zh-CN' } };
