import { html, nothing, svg, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { StageDef } from '../../contract/index.js';
import { MISSING, type Translate } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import { SIGNAL_NEEDS } from '../../metrics/measured.js';
import { HEALTH_COMPONENTS, SIGNAL_KINDS } from '../../metrics/types.js';
import type {
  Customer360,
  HealthBand,
  HealthOptions,
  NextBestActionRules,
  RfmOptions,
  SignalKind,
  TimelineItem,
} from '../../metrics/index.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import type { DataState } from '../base/data-controller.js';
import type { TableSpec } from '../base/data-table.js';
import { collectionName } from '../base/states.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { rfmOptionsOf, rfmProperties, type RfmAttributes } from '../base/rfm-attributes.js';
import { c360Messages, type C360Key } from './messages.js';
import { c360Styles } from './styles.js';
import { itemKind, itemText, npsGroup, signalEvidence, type Words } from './words.js';

/** Shapes that carry the health band besides its colour: circle, diamond, triangle. */
const BAND_SHAPE: Record<HealthBand, ReturnType<typeof svg>> = {
  green: svg`<circle cx="8" cy="8" r="6.5"></circle>`,
  yellow: svg`<path d="M8 1.5 14.5 8 8 14.5 1.5 8Z"></path>`,
  red: svg`<path d="M8 1.5 15 14.5H1Z"></path>`,
};

/**
 * @summary One customer at a glance: profile, value, RFM, lifecycle stage, health with its
 * band, the five warning signals with their evidence, latest NPS answer, open tickets,
 * the next best action and a timeline of everything that happened, newest first.
 *
 * @example
 * <crm-data-source id="crm" src="/api/crm.json"></crm-data-source>
 * <crm-segment-matrix source="crm"></crm-segment-matrix>
 * <!-- Shows whichever customer is picked in the matrix's drill-down table. -->
 * <crm-customer-360 source="crm" follow-selection></crm-customer-360>
 *
 * @csspart layout - The card's grid.
 * @csspart profile - Name, company, segment, region, owner and customer since.
 * @csspart name - The customer's name.
 * @csspart health - Health score, band, lifecycle stage and RFM.
 * @csspart health-score - The health score.
 * @csspart band - The health band: shape and label (also `green`, `yellow` or `red`).
 * @csspart stage - The lifecycle stage.
 * @csspart rfm - RFM scores and segment.
 * @csspart figures - Lifetime revenue, orders, average order value, orders per year, CLV.
 * @csspart figure - One figure.
 * @csspart signals - The five warning signals.
 * @csspart signal - One signal (also `fired` when it fired, `not-measured` when the data lacks its collection).
 * @csspart action - The next-best-action hint.
 * @csspart nps - The latest NPS answer.
 * @csspart tickets - Open tickets.
 * @csspart timeline - The timeline list.
 * @csspart timeline-item - One timeline entry (a button).
 *
 * @cssproperty --crm-color-good - Healthy band.
 * @cssproperty --crm-color-neutral - Band that needs watching.
 * @cssproperty --crm-color-bad - At-risk band and fired signals.
 * @cssproperty --crm-color-accent - The health score and focus ring.
 *
 * @event crm-select - A timeline item was picked (click, Enter or Space): `{ kind: 'timeline-item', customerId, item: { kind, id, date } }`.
 *
 * @attr customer-id - The customer to show (`customers[].id`). Without it the card asks to choose one.
 * @attr timeline-limit - How many of the newest timeline items to show; default 20.
 * @attr follow-selection - Show the customer picked anywhere on the page (`crm-select` with `kind: 'customer'`).
 * @attr min-history-days - Whole days of history before CLV is projected; default 90 (below it: "not enough history").
 * @attr ties - RFM rank scoring of equal values, as on `<crm-segment-matrix>`: `low` (default) or `dense`.
 * @attr frequency - RFM frequency: `orders` (default) or `days`.
 * @attr r-thresholds - Fixed RFM R scoring, as on `<crm-segment-matrix>`.
 * @attr f-thresholds - Fixed RFM F scoring, as on `<crm-segment-matrix>`.
 * @attr m-thresholds - Fixed RFM M scoring, as on `<crm-segment-matrix>`.
 */
export class CrmCustomer360 extends CrmElement implements RfmAttributes {
  static override properties: PropertyDeclarations = {
    ...CrmElement.properties,
    customerId: { attribute: 'customer-id', reflect: true },
    timelineLimit: { attribute: 'timeline-limit', type: Number },
    followSelection: { attribute: 'follow-selection', type: Boolean, reflect: true },
    minHistoryDays: { attribute: 'min-history-days', type: Number },
    ...rfmProperties,
    actionRules: { attribute: false },
    healthOptions: { attribute: false },
    activeItem: { state: true, attribute: false },
  };

  static override styles = [CrmElement.styles, c360Styles];

  declare customerId?: string;
  declare timelineLimit: number;
  declare followSelection: boolean;
  declare minHistoryDays?: number;
  declare ties?: RfmOptions['ties'];
  declare frequency?: RfmOptions['frequency'];
  declare rThresholds?: string;
  declare fThresholds?: string;
  declare mThresholds?: string;
  /** Next-best-action rules (tiers, actions, red signals, remedies); defaults in `DEFAULT_ACTION_RULES`. */
  declare actionRules?: NextBestActionRules;
  /** Signal thresholds, health weights, lifecycle rules; defaults in `DEFAULT_SIGNAL_THRESHOLDS` and friends. */
  declare healthOptions?: HealthOptions;
  /** Index of the timeline item that holds the tab stop (roving tabindex). */
  protected declare activeItem: number;

  constructor() {
    super();
    this.timelineLimit = 20;
    this.followSelection = false;
    this.activeItem = 0;
  }

  /** The customer on screen, as the engine describes them (`describeCustomer`); null when the id is unknown. */
  get result(): Customer360 | null | undefined {
    const customerId = this.customerId;
    if (!customerId) return undefined;
    // The RFM segment depends on every customer: the engine scores once per dataset, for every id shown.
    return this.loader.query('customer', { customerId, timelineLimit: this.timelineLimit, health: this.health, actions: this.actionRules ?? {}, rfm: rfmOptionsOf(this) }) as
      | Customer360
      | null
      | undefined;
  }

  /** The health options: `healthOptions`, with `min-history-days` on top when set. */
  private get health(): HealthOptions {
    const days = this.minHistoryDays;
    return typeof days === 'number' && Number.isFinite(days) ? { ...this.healthOptions, minHistoryDays: days } : (this.healthOptions ?? {});
  }

  // ------------------------------------------------------------ follow-selection

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.followSelection) document.addEventListener('crm-select', this.onSelection);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('crm-select', this.onSelection);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('followSelection') && this.isConnected) {
      // add/removeEventListener are idempotent for the same listener, so toggling is safe.
      if (this.followSelection) document.addEventListener('crm-select', this.onSelection);
      else document.removeEventListener('crm-select', this.onSelection);
    }
    if (changed.has('customerId')) this.activeItem = 0;
  }

  // Typed as Event: \`crm-select\` is declared on elements, not on \`document\`; read by shape, so
  // events of another copy of the kit (a second bundle on the page) are understood too.
  private readonly onSelection = (event: Event): void => {
    // Never our own events (they reach \`document\` retargeted to this element).
    if (event.composedPath().includes(this)) return;
    const detail = (event as Partial<CrmSelectEvent>).detail;
    if (detail?.kind === 'customer' && detail.customerId) this.customerId = detail.customerId;
  };

  // ------------------------------------------------------------ what the base asks for

  private get tc(): Translate<C360Key> {
    return this.translator(c360Messages);
  }

  private get words(): Words {
    return { tc: this.tc, fmt: this.fmt, locale: this.resolvedLocale };
  }

  protected defaultLabel(): string {
    return this.tc('title');
  }

  protected renderSkeleton() {
    return html`<div class="layout" part="layout">
      <div class="column">
        <span class="skeleton skeleton-profile" part="skeleton"></span>
        <span class="skeleton skeleton-health" part="skeleton"></span>
        <span class="skeleton skeleton-figures" part="skeleton"></span>
      </div>
      <div class="column">
        <span class="skeleton skeleton-signals" part="skeleton"></span>
        <span class="skeleton skeleton-timeline" part="skeleton"></span>
      </div>
    </div>`;
  }

  protected renderView(state: DataState): WidgetView {
    const tc = this.tc;
    if (!this.customerId) return { kind: 'empty', title: tc('prompt.title'), text: tc('prompt.text') };
    const c = this.result;
    // undefined: a warm load from cached results that has no copy for this customer yet; the dataset follows.
    if (c === undefined) return { kind: 'empty', title: this.t('state.loading'), text: '' };
    if (c === null) return { kind: 'empty', title: tc('notFound.title'), text: tc('notFound.text', { id: this.customerId }) };
    const stages = state.info?.stages ?? [];
    return {
      kind: 'ready',
      body: html`<div class="layout" part="layout">
        <div class="column">
          ${this.renderProfile(c)} ${this.renderHealth(c)} ${this.renderFigures(c)} ${this.renderAction(c)}
        </div>
        <div class="column">${this.renderSignals(c)} ${this.renderNps(c)} ${this.renderTickets(c)} ${this.renderTimeline(c, stages)}</div>
      </div>`,
      summary: this.summarize(c),
      table: this.tableOf(c),
    };
  }

  // ------------------------------------------------------------ words

  private bandText(band: HealthBand): string {
    return this.tc(`band.${band}`);
  }

  /** An action key from the rules in words; a custom key without a translation shows as given. */
  private actionText(action: string): string {
    const key = `action.${action}` as C360Key;
    const text = this.tc(key);
    return text === key ? action : text;
  }

  private signalsText(c: Customer360): string {
    const tc = this.tc;
    if (!c.signals.length) return tc('signals.none');
    const names = c.signals.map((s) => tc(`signal.${s.kind}`));
    return `${tc('signals.count', { n: this.fmt.number(c.signals.length), count: c.signals.length })} (${this.fmt.list(names)})`;
  }

  private summarize(c: Customer360): string {
    const { tc, fmt } = this;
    return tc('summary', {
      name: c.profile.name,
      score: fmt.number(c.health.score),
      band: this.bandText(c.health.band),
      stage: tc(`stage.${c.health.stage}`),
      signals: this.signalsText(c),
      revenue: fmt.currencyAmount(c.value.lifetimeRevenue),
      action: this.actionText(c.nextBestAction.action),
    });
  }

  private figures(c: Customer360): [key: string, label: string, value: string][] {
    const { tc, fmt } = this;
    const v = c.value;
    return [
      ['lifetimeRevenue', tc('value.lifetimeRevenue'), fmt.currencyAmount(v.lifetimeRevenue)],
      ['orders', tc('value.orders'), fmt.number(v.orders)],
      ['averageOrderValue', tc('value.aov'), fmt.currencyAmount(v.averageOrderValue)],
      ['ordersPerYear', tc('value.ordersPerYear'), fmt.number(v.ordersPerYear, 1)],
      ['clv', tc('value.clv'), v.clvStatus === 'short-history' ? tc('value.clv.short', { days: fmt.number(this.health.minHistoryDays ?? 90) }) : fmt.currencyAmount(v.clv)],
    ];
  }

  /** A signal's state in words: its evidence when it fired, "not measured" when the data lacks what it reads, else clear. */
  private signalState(c: Customer360, kind: SignalKind): string {
    const signal = c.signals.find((s) => s.kind === kind);
    if (signal) return signalEvidence(signal, this.words);
    return c.measured.signals.includes(kind) ? this.tc('signal.clear') : this.tc('signal.notMeasured', { collection: collectionName(SIGNAL_NEEDS[kind], this.t) });
  }

  /** "Computed over recency, spend trend; not measured: NPS, engagement, service", or nothing when all were measured. */
  private partialText(c: Customer360): string | null {
    const { tc, fmt } = this;
    const missing = HEALTH_COMPONENTS.filter((name) => !c.health.measured.includes(name));
    if (missing.length === 0) return null;
    const names = (list: readonly string[]) => fmt.list(list.map((name) => tc(`component.${name}` as C360Key)));
    return tc('health.partial', { measured: names(c.health.measured), missing: names(missing) });
  }

  private tableOf(c: Customer360): TableSpec {
    const { tc, fmt } = this;
    const p = c.profile;
    const locale = this.resolvedLocale;
    return {
      caption: tc('table.caption', { name: p.name }),
      columns: [{ label: tc('table.measure') }, { label: tc('table.value') }],
      rows: [
        [tc('profile.id'), c.customerId],
        [tc('profile.company'), p.company ?? MISSING],
        [tc('profile.segment'), p.segment ?? MISSING],
        [tc('profile.region'), p.region ?? MISSING],
        [tc('profile.owner'), p.owner ?? MISSING],
        [tc('profile.since'), fmt.date(p.createdAt)],
        ...this.figures(c).map(([, label, value]) => [label, value]),
        [tc('health.score'), [`${fmt.number(c.health.score)} ${tc('health.of')} · ${this.bandText(c.health.band)}`, this.partialText(c)].filter(Boolean).join(' · ')],
        [tc('stage.label'), tc(`stage.${c.health.stage}`)],
        [tc('rfm.label'), c.rfm ? `${tc('rfm.scores', { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m })} · ${segmentLabel(c.rfm.segment, locale)}` : tc('rfm.none')],
        ...SIGNAL_KINDS.map((kind) => [tc(`signal.${kind}`), this.signalState(c, kind)]),
        [tc('nps.label'), c.latestSurvey ? tc('nps.answer', { score: fmt.number(c.latestSurvey.score), date: fmt.date(c.latestSurvey.date) }) : tc('nps.none')],
        [tc('tickets.label'), c.openTickets.length ? fmt.list(c.openTickets.map((t) => t.id)) : tc('tickets.none')],
        [tc('action.label'), `${tc(`tier.${c.nextBestAction.tier}`)} · ${this.actionText(c.nextBestAction.action)}`],
      ],
    };
  }

  // ------------------------------------------------------------ parts

  private renderProfile(c: Customer360) {
    const { tc, fmt } = this;
    const p = c.profile;
    const meta = [p.company, p.segment, p.region].filter((x): x is string => !!x);
    return html`<div class="profile" part="profile">
      <p class="name" part="name">${p.name}</p>
      ${meta.length ? html`<p class="meta">${meta.join(' · ')}</p>` : nothing}
      <dl class="facts">
        <div><dt>${tc('profile.owner')}</dt><dd data-field="owner">${p.owner ?? MISSING}</dd></div>
        <div><dt>${tc('profile.since')}</dt><dd data-field="since">${fmt.date(p.createdAt)}</dd></div>
        <div><dt>${tc('profile.id')}</dt><dd data-field="id">${c.customerId}</dd></div>
      </dl>
    </div>`;
  }

  private renderHealth(c: Customer360) {
    const { tc, fmt } = this;
    const h = c.health;
    const band = this.bandText(h.band);
    const locale = this.resolvedLocale;
    const partial = this.partialText(c);
    return html`<div class="health" part="health" data-band=${h.band} role="group" aria-label=${tc('health.aria', { score: fmt.number(h.score), band })}>
      <p class="score-line" aria-hidden="true">
        <span class="health-score" part="health-score">${fmt.number(h.score)}</span>
        <span class="of">${tc('health.of')}</span>
      </p>
      <p class="band band-${h.band}" part="band ${h.band}">
        <svg class="shape" viewBox="0 0 16 16" aria-hidden="true">${BAND_SHAPE[h.band]}</svg>
        <span class="band-label">${band}</span>
      </p>
      <dl class="facts">
        <div><dt>${tc('stage.label')}</dt><dd part="stage" data-stage=${h.stage}>${tc(`stage.${h.stage}`)}</dd></div>
        <div>
          <dt>${tc('rfm.label')}</dt>
          <dd part="rfm">
            ${c.rfm
              ? html`<span class="rfm-scores" aria-label=${tc('rfm.aria', { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m })} role="img"
                    >${tc('rfm.scores', { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m })}</span
                  >
                  · <span class="rfm-segment" data-segment=${c.rfm.segment}>${segmentLabel(c.rfm.segment, locale)}</span>`
              : tc('rfm.none')}
          </dd>
        </div>
      </dl>
      ${partial ? html`<p class="muted partial" data-partial>${partial}</p>` : nothing}
    </div>`;
  }

  private renderFigures(c: Customer360) {
    return html`<dl class="figures" part="figures" aria-label=${this.tc('value.label')}>
      ${this.figures(c).map(
        ([key, label, value]) => html`<div class="figure" part="figure"><dt>${label}</dt><dd data-figure=${key}>${value}</dd></div>`,
      )}
    </dl>`;
  }

  private renderAction(c: Customer360) {
    const tc = this.tc;
    const a = c.nextBestAction;
    return html`<div class="action" part="action" role="group" aria-labelledby="action-title">
      <p class="section-title" id="action-title">${tc('action.label')}</p>
      <p class="action-text" data-action=${a.action}>${this.actionText(a.action)}</p>
      <p class="muted">
        <span data-tier=${a.tier}>${tc(`tier.${a.tier}`)}</span>${a.because
          ? html` · <span data-because=${a.because}>${tc('action.because', { signal: tc(`signal.${a.because}`) })}</span>`
          : nothing}
      </p>
    </div>`;
  }

  private renderSignals(c: Customer360) {
    const tc = this.tc;
    const fired = new Set(c.signals.map((s) => s.kind));
    return html`<div class="signals" part="signals" role="group" aria-labelledby="signals-title">
      <p class="section-title" id="signals-title">
        ${tc('signals.label')} <span class="muted">· ${tc('signals.fired', { n: this.fmt.number(c.signals.length), total: this.fmt.number(SIGNAL_KINDS.length) })}</span>
      </p>
      <ul>
        ${SIGNAL_KINDS.map((kind) => {
          const state = fired.has(kind) ? 'fired' : c.measured.signals.includes(kind) ? '' : 'not-measured';
          return html`<li class="signal ${state}" part="signal ${state}" data-signal=${kind}>
            <span class="mark" aria-hidden="true">${state === 'fired' ? '▲' : state ? '–' : '○'}</span>
            <span class="signal-name">${tc(`signal.${kind}`)}</span>
            <span class="evidence">${this.signalState(c, kind)}</span>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderNps(c: Customer360) {
    const { tc, fmt } = this;
    const s = c.latestSurvey;
    return html`<div class="nps" part="nps" role="group" aria-labelledby="nps-title">
      <p class="section-title" id="nps-title">${tc('nps.label')}</p>
      ${s
        ? html`<p>
              <span class="nps-answer">${tc('nps.answer', { score: fmt.number(s.score), date: fmt.date(s.date) })}</span>
              <span class="muted">(${tc(`nps.${npsGroup(s.score)}`)})</span>
            </p>
            ${s.comment ? html`<p class="comment">“${s.comment}”</p>` : nothing}`
        : html`<p class="muted">${tc('nps.none')}</p>`}
    </div>`;
  }

  private renderTickets(c: Customer360) {
    const { tc, fmt } = this;
    return html`<div class="tickets" part="tickets" role="group" aria-labelledby="tickets-title">
      <p class="section-title" id="tickets-title">${tc('tickets.label')} <span class="muted">· ${fmt.number(c.openTickets.length)}</span></p>
      ${c.openTickets.length
        ? html`<ul>
            ${c.openTickets.map(
              (t) => html`<li data-ticket=${t.id}>
                <span class="ticket-id">${t.id}</span> · ${tc('tickets.opened', { date: fmt.date(t.openedAt) })} ·
                ${t.firstResponseAt === null ? tc('tickets.waiting') : tc('tickets.responded', { wait: fmt.duration(t.firstResponseAt - t.openedAt) })}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${tc('tickets.none')}</p>`}
    </div>`;
  }

  private renderTimeline(c: Customer360, stages: readonly StageDef[]) {
    const { tc, fmt } = this;
    const words = this.words;
    const items = c.timeline;
    const active = Math.min(this.activeItem, Math.max(0, items.length - 1));
    return html`<div class="timeline" role="group" aria-labelledby="timeline-title">
      <p class="section-title" id="timeline-title">
        ${tc('timeline.label')} <span class="muted">· ${tc('timeline.shown', { n: fmt.number(items.length), count: items.length })}</span>
      </p>
      ${items.length
        ? html`<ol part="timeline" aria-labelledby="timeline-title">
            ${items.map(
              (item, i) => html`<li>
                <button
                  part="timeline-item"
                  class="item item-${item.kind}"
                  data-index=${i}
                  data-kind=${item.kind}
                  data-id=${item.id}
                  tabindex=${i === active ? 0 : -1}
                  @click=${() => this.selectItem(c, item, i)}
                  @keydown=${(e: KeyboardEvent) => this.onItemKey(e, items.length, i)}
                >
                  <span class="kind">${itemKind(item, words)}</span>
                  <span class="what">${itemText(item, words, stages)}</span>
                  <time datetime=${new Date(item.date).toISOString()}>${fmt.date(item.date)}</time>
                </button>
              </li>`,
            )}
          </ol>`
        : html`<p class="muted">${tc('timeline.none')}</p>`}
    </div>`;
  }

  // ------------------------------------------------------------ user actions (the only source of crm-select)

  private selectItem(c: Customer360, item: TimelineItem, i: number): void {
    this.activeItem = i;
    emit(
      this,
      new CrmSelectEvent({ kind: 'timeline-item', customerId: c.customerId, item: { kind: item.kind, id: item.id, date: new Date(item.date).toISOString() } }),
    );
  }

  /** Up and down move along the timeline (roving tabindex); Enter and Space are the button's own click. */
  private async onItemKey(e: KeyboardEvent, count: number, i: number): Promise<void> {
    const next = { ArrowUp: i - 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: count - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.activeItem = Math.max(0, Math.min(count - 1, next));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[part~="timeline-item"][data-index="${this.activeItem}"]`)?.focus();
  }
}
