import { html, nothing } from 'lit';

/** The loading view in the ready view's shape: the dial, the group bar and legend, the trend. */
export function renderNpsSkeleton(withTrend: boolean) {
  return html`<div class="layout">
    <span class="skeleton skeleton-dial" part="skeleton"></span>
    <div class="side">
      <span class="skeleton skeleton-bar" part="skeleton"></span>
      <span class="skeleton skeleton-legend" part="skeleton"></span>
      ${withTrend ? html`<span class="skeleton skeleton-trend" part="skeleton"></span>` : nothing}
    </div>
  </div>`;
}
