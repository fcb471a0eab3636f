/**
 * The card's sections as templates of its view model: no state, no events (the timeline, which
 * keeps a roving tab stop, stays in the element).
 */
import { html, nothing, svg } from 'lit';
import type { HealthBand } from '../../metrics/index.js';
import type { Translate } from '../../i18n/index.js';
import type { C360Key } from './messages.js';
import { REVENUE_HEIGHT, REVENUE_WIDTH } from './revenue-spark.js';
import type { C360ReadyView, SignalView } from './view-model.js';

type Tc = Translate<C360Key>;

/** Shapes that carry the health band besides its colour: circle, diamond, triangle. */
const BAND_SHAPE: Record<HealthBand, ReturnType<typeof svg>> = {
  green: svg`<circle cx="8" cy="8" r="6.5"></circle>`,
  yellow: svg`<path d="M8 1.5 14.5 8 8 14.5 1.5 8Z"></path>`,
  red: svg`<path d="M8 1.5 15 14.5H1Z"></path>`,
};

/** A signal's state as an icon (its name and evidence say it in words): warning, check, dash. */
const SIGNAL_ICON: Record<SignalView['state'], ReturnType<typeof svg>> = {
  fired: svg`<path class="icon-fill" d="M8 1.5 15 14.5H1Z"></path><path class="icon-mark" d="M8 6v4M8 11.6v.4"></path>`,
  clear: svg`<path class="icon-line" d="M3 8.5 6.5 12 13 4.5"></path>`,
  'not-measured': svg`<path class="icon-line" d="M4 8h8"></path>`,
};

export function renderProfile({ profile: p }: C360ReadyView, tc: Tc) {
  return html`<div class="profile" part="profile">
    <p class="name" part="name">${p.name}</p>
    ${p.meta ? html`<p class="meta">${p.meta}</p>` : nothing}
    <dl class="facts">
      <div><dt>${tc('profile.owner')}</dt><dd data-field="owner">${p.owner}</dd></div>
      <div><dt>${tc('profile.since')}</dt><dd data-field="since">${p.since}</dd></div>
      <div><dt>${tc('profile.id')}</dt><dd data-field="id">${p.id}</dd></div>
    </dl>
  </div>`;
}

/** The headline: the health score large in its band's colour, the band beside it, the meter under it. */
export function renderHealth({ health: h }: C360ReadyView, tc: Tc) {
  return html`<div class="health" part="health" data-band=${h.band} role="group" aria-label=${h.aria}>
    <div class="kpi" aria-hidden="true">
      <p class="score-line">
        <span class="health-score" part="health-score">${h.score}</span>
        <span class="of">${h.of}</span>
      </p>
      <p class="band band-${h.band}" part="band ${h.band}">
        <svg class="shape" viewBox="0 0 16 16" aria-hidden="true">${BAND_SHAPE[h.band]}</svg>
        <span class="band-label">${h.bandText}</span>
      </p>
    </div>
    <svg class="meter" part="meter" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
      <rect class="meter-track" x="0" y="0" width="100" height="4" rx="2"></rect>
      <rect class="meter-fill" x="0" y="0" width=${100 * h.fill} height="4" rx="2"></rect>
    </svg>
    <dl class="facts">
      <div><dt>${tc('stage.label')}</dt><dd part="stage" data-stage=${h.stage.key}>${h.stage.text}</dd></div>
      <div>
        <dt>${tc('rfm.label')}</dt>
        <dd part="rfm">
          ${h.rfm
            ? html`<span class="rfm-scores" aria-label=${h.rfm.aria} role="img">${h.rfm.text}</span>
                · <span class="rfm-segment" data-segment=${h.rfm.segment}>${h.rfm.segmentText}</span>`
            : h.rfmNone}
        </dd>
      </div>
    </dl>
    ${h.partial ? html`<p class="muted partial" data-partial>${h.partial}</p>` : nothing}
  </div>`;
}

/** The value figures, then the last 12 months' revenue with its sparkline (when the answer has it). */
export function renderFigures(view: C360ReadyView) {
  const r = view.revenue;
  return html`<dl class="figures" part="figures" aria-label=${view.figuresLabel}>
    ${view.figures.map(
      (f) => html`<div class="figure" part="figure">
        <dt>${f.label}</dt>
        <dd data-figure=${f.key}>${f.value}</dd>
      </div>`,
    )}
    ${r
      ? html`<div class="figure revenue" part="figure revenue">
          <dt>${r.label}</dt>
          <dd data-figure="revenue12m">
            <span class="revenue-total">${r.total}</span>
            <svg class="revenue-spark" part="revenue-spark" viewBox="0 0 ${REVENUE_WIDTH} ${REVENUE_HEIGHT}" role="img" aria-label=${r.aria}>
              <path class="revenue-area" d=${r.spark.area}></path>
              <line class="revenue-zero" x1="0" x2=${REVENUE_WIDTH} y1=${r.spark.zeroY} y2=${r.spark.zeroY}></line>
              <path class="revenue-line" d=${r.spark.line}></path>
              <circle class="revenue-last" cx=${r.spark.last.x} cy=${r.spark.last.y} r="2"></circle>
            </svg>
          </dd>
        </div>`
      : nothing}
  </dl>`;
}

export function renderAction({ action: a }: C360ReadyView, tc: Tc) {
  return html`<div class="action" part="action" role="group" aria-labelledby="action-title">
    <p class="section-title" id="action-title">${tc('action.label')}</p>
    <p class="action-text" data-action=${a.key}>${a.text}</p>
    <p class="muted">
      <span data-tier=${a.tier}>${a.tierText}</span>${a.because ? html` · <span data-because=${a.because}>${a.becauseText}</span>` : nothing}
    </p>
  </div>`;
}

/** The five signals as a compact list: an icon, the name, the evidence; fired ones in the bad colour. */
export function renderSignals(view: C360ReadyView, tc: Tc) {
  return html`<div class="signals" part="signals" role="group" aria-labelledby="signals-title">
    <p class="section-title" id="signals-title">${tc('signals.label')} <span class="muted">· ${view.signalsFired}</span></p>
    <ul>
      ${view.signals.map((s) => {
        const state = s.state === 'clear' ? '' : s.state;
        return html`<li class="signal ${state}" part="signal ${state}" data-signal=${s.kind}>
          <svg class="mark" part="signal-icon" viewBox="0 0 16 16" aria-hidden="true">${SIGNAL_ICON[s.state]}</svg>
          <span class="signal-name">${s.name}</span>
          <span class="evidence">${s.evidence}</span>
        </li>`;
      })}
    </ul>
  </div>`;
}

export function renderNps({ nps }: C360ReadyView, tc: Tc) {
  return html`<div class="nps" part="nps" role="group" aria-labelledby="nps-title">
    <p class="section-title" id="nps-title">${tc('nps.label')}</p>
    ${nps
      ? html`<p><span class="nps-answer">${nps.answer}</span> <span class="muted">(${nps.group})</span></p>
          ${nps.comment ? html`<p class="comment">“${nps.comment}”</p>` : nothing}`
      : html`<p class="muted">${tc('nps.none')}</p>`}
  </div>`;
}

export function renderTickets({ tickets, ticketsCount }: C360ReadyView, tc: Tc) {
  return html`<div class="tickets" part="tickets" role="group" aria-labelledby="tickets-title">
    <p class="section-title" id="tickets-title">${tc('tickets.label')} <span class="muted">· ${ticketsCount}</span></p>
    ${tickets.length
      ? html`<ul>
          ${tickets.map((t) => html`<li data-ticket=${t.id}><span class="ticket-id">${t.id}</span> · ${t.text}</li>`)}
        </ul>`
      : html`<p class="muted">${tc('tickets.none')}</p>`}
  </div>`;
}
