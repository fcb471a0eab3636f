import { html, nothing, type TemplateResult } from 'lit';
import { barTrack } from './bar-track.js';
import type { FunnelView } from './view-model.js';

/** Placeholder bar widths, one class per position (styles.ts). */
const SKELETON_WIDTHS = 4;

/** The loading view in the ready view's shape: `count` stages, each a label, a bar and a count. */
export function renderFunnelSkeleton(count: number, orientation: 'horizontal' | 'vertical') {
  return html`<div class="funnels" data-orientation=${orientation}>
    <div class="funnel-wrap">
      <ol class="funnel skeleton-funnel" aria-hidden="true">
        ${Array.from(
          { length: count },
          (_, j) =>
            html`<li class="stage-item">
              <span class="stage skeleton-stage">
                <span class="skeleton skeleton-label" part="skeleton"></span>
                <span class="track"><span class="skeleton skeleton-bar w${j % SKELETON_WIDTHS}" part="skeleton"></span></span>
                <span class="skeleton skeleton-count" part="skeleton"></span>
              </span>
            </li>`,
        )}
      </ol>
    </div>
  </div>`;
}

/** What a funnel's stage list needs of its element: the tab stop, the layout, and the element's handlers. */
export interface StageListHooks {
  active: number;
  orientation: 'horizontal' | 'vertical';
  stepChange: (stage: string) => TemplateResult | typeof nothing;
  select: (index: number) => void;
  key: (event: KeyboardEvent, index: number) => void;
  showTip: (target: Element, text: string) => void;
  hideTip: () => void;
}

/** One funnel: its group title (with `breakdown`), then each stage's step figures and button with its bar. */
export function renderStageList(funnel: FunnelView, hooks: StageListHooks) {
  const { group, stages } = funnel;
  const arrow = hooks.orientation === 'vertical' ? '→' : '↓';
  return html`<div class="funnel-wrap" part="group" data-group=${group ?? nothing}>
    ${group === undefined
      ? nothing
      : html`<p class="group-title" part="group-title">
          <span class="group-name">${funnel.name}</span>
          ${funnel.overall ? html`<span class="group-overall">${funnel.overall}</span>` : nothing}
        </p>`}
    <ol class="funnel" part="funnel" aria-label=${funnel.name}>
      ${stages.map(
        (s, j) =>
          html`<li class="stage-item">
            ${s.step
              ? html`<p class="step" part="step" aria-hidden="true">
                  <span class="rate">${arrow} ${s.step.rate}</span>
                  <span class="median">${s.step.median}</span>
                  <span class="lost">${s.step.lost}</span>
                  ${hooks.stepChange(s.stage)}
                </p>`
              : nothing}
            <button
              class="stage"
              part=${j === hooks.active ? 'stage active' : 'stage'}
              data-stage=${s.stage}
              data-index=${j}
              tabindex=${j === hooks.active ? 0 : -1}
              @click=${() => hooks.select(j)}
              @keydown=${(e: KeyboardEvent) => hooks.key(e, j)}
              @focus=${(e: FocusEvent) => hooks.showTip(e.currentTarget as Element, s.text)}
              @pointerenter=${(e: PointerEvent) => hooks.showTip(e.currentTarget as Element, s.text)}
              @blur=${hooks.hideTip}
              @pointerleave=${hooks.hideTip}
            >
              <span class="visually-hidden">${s.text}</span>
              <span class="name" part="stage-label" aria-hidden="true">${s.label}</span>
              ${barTrack(s.size, hooks.orientation)}
              <span class="figures" aria-hidden="true">
                <span class="count" part="count">${s.count}</span>
                ${s.share ? html`<span class="share" part="share">${s.share}</span>` : nothing}
              </span>
            </button>
          </li>`,
      )}
    </ol>
  </div>`;
}
