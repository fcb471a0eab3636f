import { html, nothing, svg } from 'lit';
import { RADIUS } from './gauge-geometry.js';
import type { NpsReadyView } from './view-model.js';

/**
 * The dial with the score, and the score's comparisons beside it: the change against the previous
 * period (when there is one) and the target; the interval and the responses quieter under them.
 */
export function renderDial(view: NpsReadyView, change: string | null) {
  const { dial } = view;
  const t = dial.target;
  return html`<div class="dial-wrap ${view.enough ? '' : 'indicative'}">
    <div class="dial" part="dial">
      <svg part="gauge" viewBox=${dial.viewBox} role="img" aria-label=${dial.label}>
        <path class="track" part="track" d=${dial.track}></path>
        ${dial.value ? svg`<path class="value" part="value" d=${dial.value}></path>` : nothing}
        ${dial.band ? svg`<path class="band" part="band" d=${dial.band}></path>` : nothing}
        ${dial.band && view.marginAt
          ? svg`<text class="band-label" part="band-label" x=${view.marginAt.x} y=${view.marginAt.y} text-anchor="middle" dominant-baseline="middle">${view.marginLabel}</text>`
          : nothing}
        <line class="target" part="target" x1=${t.x1} y1=${t.y1} x2=${t.x2} y2=${t.y2}></line>
        <text class="tick" x=${t.lx} y=${t.ly} text-anchor="middle" dominant-baseline="middle">${dial.targetText}</text>
        <text class="tick" x=${-(RADIUS + 70) / 2} y="14" text-anchor="middle">${dial.low}</text>
        <text class="tick" x=${(RADIUS + 70) / 2} y="14" text-anchor="middle">${dial.high}</text>
      </svg>
      <div class="score-wrap" aria-hidden="true"><span class="score" part="score">${view.score}</span></div>
    </div>
    ${view.indicative ? html`<p class="not-enough" part="not-enough" role="status">${view.indicative}</p>` : nothing}
    <p class="compare" part="compare">
      ${change ? html`<span class="change" part="change">${change}</span>` : nothing}
      <span class="target-text">${view.readout.target}</span>
    </p>
    <p class="readout" part="readout">
      <span class="margin">${view.readout.margin}</span>
      <span class="responses">${view.readout.responses}</span>
    </p>
  </div>`;
}
