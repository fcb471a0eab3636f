import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Customer360, HealthOptions, NextBestActionRules, RfmOptions } from '../../metrics/index.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { renderEmptyAction } from '../base/states.js';
import { rfmOptionsOf, rfmProperties, type RfmAttributes } from '../base/rfm-attributes.js';
import { c360Messages } from './messages.js';
import { renderAction, renderFigures, renderHealth, renderNps, renderProfile, renderSignals, renderTickets } from './parts.js';
import { c360Styles } from './styles.js';
import { c360Subtitle, c360View, type C360ReadyView, type C360View, type TimelineItemView } from './view-model.js';

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
 * @csspart meter - A bar filled to the health score, in its band's colour.
 * @csspart band - The health band: shape and label (also `green`, `yellow` or `red`).
 * @csspart stage - The lifecycle stage.
 * @csspart rfm - RFM scores and segment.
 * @csspart figures - Lifetime revenue, orders, average order value, orders per year, CLV.
 * @csspart figure - One figure.
 * @csspart signals - The five warning signals.
 * @csspart signal - One signal (also `fired` when it fired, `not-measured` when the data lacks its collection).
 * @csspart signal-icon - A signal's icon: a warning triangle when fired, a check when clear, a dash when not measured.
 * @csspart revenue - The last 12 months' revenue figure (also `figure`).
 * @csspart revenue-spark - Its sparkline, one point per month, the latest marked.
 * @csspart action - The next-best-action hint.
 * @csspart nps - The latest NPS answer.
 * @csspart tickets - Open tickets.
 * @csspart timeline - The timeline list.
 * @csspart timeline-item - One timeline entry (a button).
 *
 * @cssproperty --crm-color-good - Healthy band.
 * @cssproperty --crm-color-neutral - Band that needs watching.
 * @cssproperty --crm-color-bad - At-risk band and fired signals.
 * @cssproperty --crm-color-accent - The revenue sparkline and focus ring.
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

  private get view(): C360View {
    const options = { customerId: this.customerId, minHistoryDays: this.health.minHistoryDays ?? 90, stages: this.loader.value?.info?.stages ?? [] };
    return c360View(this.customerId ? this.result : undefined, options, this.resolvedLocale, this.fmt);
  }

  protected defaultLabel(): string {
    return this.translator(c360Messages)('title');
  }

  protected override subtitleParts(): string[] {
    return c360Subtitle(this.loader.filters, this.resolvedLocale, this.fmt);
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

  protected renderView(): WidgetView {
    const view = this.view;
    const tc = this.tc;
    // An unknown id: check it, or load again (the customer may have been added since).
    const notFound = !!this.customerId && this.result === null;
    if (view.kind === 'empty') return notFound ? { ...view, extra: renderEmptyAction(tc('notFound.hint'), tc('notFound.reload'), () => void this.reload()) } : view;
    return {
      kind: 'ready',
      body: html`<div class="layout" part="layout">
        <div class="column">${renderProfile(view, tc)} ${renderHealth(view, tc)} ${renderFigures(view)} ${renderAction(view, tc)}</div>
        <div class="column">${renderSignals(view, tc)} ${renderNps(view, tc)} ${renderTickets(view, tc)} ${this.renderTimeline(view)}</div>
      </div>`,
      summary: view.summary,
      table: view.table,
    };
  }

  // ------------------------------------------------------------ parts

  private get tc() {
    return this.translator(c360Messages);
  }

  private renderTimeline(view: C360ReadyView) {
    const items = view.timeline;
    const active = Math.min(this.activeItem, Math.max(0, items.length - 1));
    return html`<div class="timeline" role="group" aria-labelledby="timeline-title">
      <p class="section-title" id="timeline-title">${this.tc('timeline.label')} <span class="muted">· ${view.timelineShown}</span></p>
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
                  @click=${() => this.selectItem(item, i)}
                  @keydown=${(e: KeyboardEvent) => this.onItemKey(e, items.length, i)}
                >
                  <span class="kind">${item.kindText}</span>
                  <span class="what">${item.what}</span>
                  <time datetime=${item.iso}>${item.date}</time>
                </button>
              </li>`,
            )}
          </ol>`
        : html`<p class="muted">${this.tc('timeline.none')}</p>`}
    </div>`;
  }

  // ------------------------------------------------------------ user actions (the only source of crm-select)

  private selectItem(item: TimelineItemView, i: number): void {
    this.activeItem = i;
    emit(this, new CrmSelectEvent(item.select));
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
