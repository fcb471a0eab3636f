import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/crm-data-source/index.js';
import '../src/elements/crm-lifecycle-funnel/index.js';
import '../src/elements/crm-nps-gauge/index.js';
import '../src/elements/crm-segment-matrix/index.js';
import type { CrmElement } from '../src/elements/base/crm-element.js';
import '../src/locales/zh-TW.js';
import { themeCss } from '../src/theme/index.js';
import { sample } from './support/sample-data.js';
import { inWidth } from './support/width.js';

/** The page-level conveniences of docs/embedding.md: exports, first render, states, page theme, no data source. */
const meta: Meta = {
  title: 'Embedding/Page API',
  parameters: { controls: { disable: true } },
};
export default meta;

type Story = StoryObj;

/** The host's buttons call `download('png' | 'csv')` and `exportPng()`; they wake up on `crm-render`. */
export const Downloads: Story = {
  render: () => {
    const wire = (el: Element | undefined) => {
      const widget = el?.querySelector<CrmElement>('crm-segment-matrix');
      const buttons = el?.querySelectorAll<HTMLButtonElement>('button');
      const preview = el?.querySelector<HTMLImageElement>('img');
      if (!widget || !buttons || !preview || widget.dataset['wired']) return;
      widget.dataset['wired'] = 'yes';
      widget.addEventListener(
        'crm-render',
        async () => {
          buttons.forEach((b) => (b.disabled = false));
          preview.src = URL.createObjectURL(await widget.exportPng());
        },
        { once: true },
      );
    };
    const widget = (el: Element) => (el.closest('.downloads')!.querySelector('crm-segment-matrix') as CrmElement);
    return html`<div class="downloads" ${ref(wire)}>
      ${inWidth('48rem', html`<crm-segment-matrix .data=${sample()}></crm-segment-matrix>`)}
      <p>
        <button disabled @click=${(e: Event) => widget(e.target as Element).download('csv')}>Download CSV</button>
        <button disabled @click=${(e: Event) => widget(e.target as Element).download('png')}>Download PNG</button>
      </p>
      <p>The PNG, as <code>exportPng()</code> draws it (2×, title and legend):</p>
      <img alt="The segment matrix as exported" style="max-width: 48rem; border: 1px solid #d1d9e0" />
    </div>`;
  },
};

/** Custom states for host CSS: a dashed outline while `:state(loading)`, a solid one on `:state(ready)`; the data comes after 2 s. */
export const CustomStates: Story = {
  render: () => {
    const later = (el: Element | undefined) => {
      const gauge = el as CrmElement | undefined;
      if (gauge && gauge.data === undefined) setTimeout(() => (gauge.data = sample()), 2000);
    };
    return html`<style>
        crm-nps-gauge:state(loading) {
          outline: 3px dashed #d97706;
        }
        crm-nps-gauge:state(ready) {
          outline: 3px solid #1a7f37;
        }
      </style>
      ${inWidth('40rem', html`<crm-nps-gauge ${ref(later)}></crm-nps-gauge>`)}`;
  },
};

/**
 * The page-wide switch: themes/light.css and themes/dark.css adopted by the page, and the class
 * `crm-theme-dark` on a container (on `<html>` for a whole page). The widgets carry no `theme` attribute.
 */
export const PageTheme: Story = {
  render: () => {
    const adopt = () => {
      const sheets = (['light', 'dark'] as const).map((name) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(themeCss(name));
        return sheet;
      });
      if (!document.adoptedStyleSheets.some((s) => s.cssRules[0]?.cssText.includes('crm-theme-light'))) document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
    };
    adopt();
    const toggle = (e: Event) => (e.target as Element).closest('.page')!.classList.toggle('crm-theme-dark');
    return html`<div class="page crm-theme-dark" style="padding: 1rem; background: var(--crm-color-surface-alt)">
      <p><button @click=${toggle}>Toggle crm-theme-dark</button></p>
      <crm-data-source id="page-theme" .data=${sample()}></crm-data-source>
      <div style="display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr))">
        <crm-nps-gauge source="page-theme"></crm-nps-gauge>
        <crm-lifecycle-funnel source="page-theme"></crm-lifecycle-funnel>
      </div>
    </div>`;
  },
};

/** No `data`, `src` or `source`: after a short grace period the widget says so, instead of loading forever. */
export const NoDataSource: Story = {
  render: () => inWidth('40rem', html`<crm-nps-gauge></crm-nps-gauge>`),
};

/** The same, in zh-TW. */
export const NoDataSourceTraditionalChinese: Story = {
  name: 'No data source (zh-TW)',
  render: () => inWidth('40rem', html`<crm-nps-gauge locale="zh-TW"></crm-nps-gauge>`),
};
