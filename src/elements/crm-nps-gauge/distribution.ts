import { html } from 'lit';
import { cssProps } from '../base/css-props.js';
import type { NpsCategoryView, NpsReadyView } from './view-model.js';

/** What the element does when a group is pointed at or picked (it owns the tooltip and the events). */
export interface DistributionHandlers {
  select(category: NpsCategoryView): void;
  showTip(target: Element, text: string): void;
  hideTip(): void;
}

/** The promoter / passive / detractor bar and its legend of buttons. */
export function renderDistribution(view: NpsReadyView, on: DistributionHandlers) {
  return html`<div class="distribution" part="distribution" role="group" aria-label=${view.distributionLabel}>
    <div class="bar" part="bar" aria-hidden="true">
      ${view.categories.map(
        (c) =>
          html`<span
            class="fill-${c.key}"
            part="segment ${c.key}"
            ${cssProps({ 'flex-grow': String(c.weight) })}
            @click=${() => on.select(c)}
            @pointerenter=${(e: PointerEvent) => on.showTip(e.currentTarget as Element, c.tip)}
            @pointerleave=${() => on.hideTip()}
          ></span>`,
      )}
    </div>
    <ul class="legend" part="legend">
      ${view.categories.map(
        (c) =>
          html`<li>
            <button class="category" part="category ${c.key}" data-category=${c.key} @click=${() => on.select(c)}>
              <span class="swatch fill-${c.key}" aria-hidden="true"></span>
              <span class="name">${c.name}</span>
              <span class="share">${c.share}</span>
              <span class="count">${c.count}</span>
              <span class="visually-hidden">${c.hint}</span>
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}
