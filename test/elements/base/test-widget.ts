import { html } from 'lit';
import { CrmElement, type WidgetView } from '../../../src/elements/base/crm-element.js';
import type { DataState } from '../../../src/elements/base/data-controller.js';

/** The smallest widget on the base: it counts surveys, and is empty when there are none. */
export class TestWidget extends CrmElement {
  protected defaultLabel() {
    return this.resolvedLocale === 'zh-CN' ? '测试' : 'Test';
  }
  protected renderSkeleton() {
    return html`<span class="skeleton" part="skeleton" style="height: 4em"></span>`;
  }
  protected renderView(state: DataState): WidgetView {
    // Surveys that passed validation, from the source's summary: the widget needs no query.
    const count = state.summary.received.surveys - state.summary.rejected.surveys;
    if (count === 0) return { kind: 'empty' };
    const text = this.fmt.number(count);
    return {
      kind: 'ready',
      body: html`<p class="count">${text}</p>`,
      summary: `${text} surveys from ${state.sourceLabel}.`,
      table: { caption: 'Surveys', columns: [{ label: 'What' }, { label: 'Count', numeric: true }], rows: [['surveys', text]] },
    };
  }
}
if (!customElements.get('test-widget')) customElements.define('test-widget', TestWidget);

declare global {
  interface HTMLElementTagNameMap {
    'test-widget': TestWidget;
  }
}
