import { html, nothing, svg, type PropertyDeclarations } from 'lit';
import { describePeriod } from '../../i18n/index.js';
import { parseFilter } from '../../metrics/parse-filter.js';
import { parsePeriod } from '../../metrics/parse-period.js';
import type { NpsOptions, NpsResult, Period } from '../../metrics/index.js';
import { changeOf } from '../../metrics/previous-period.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { cssProps } from '../base/css-props.js';
import { renderEmptyAction } from '../base/states.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import type { ExportFigure } from '../base/figure.js';
import { npsFigure } from './export-figure.js';
import { renderDial } from './dial.js';
import { previousNps } from './previous-nps.js';
import { renderDistribution, type DistributionHandlers } from './distribution.js';
import { dedupeConverter } from './dedupe-attribute.js';
import { renderNpsSkeleton } from './skeleton.js';
import { npsMessages } from './messages.js';
import { SPARK_HEIGHT, SPARK_WIDTH } from './sparkline.js';
import { npsStyles } from './styles.js';
import { npsSubtitle, npsView, type NpsTrendView, type NpsView, type NpsViewOptions } from './view-model.js';

export type { NpsCategory } from './view-model.js';

/**
 * @summary Net Promoter Score on a −100..100 dial with its margin of error, a target marker,
 * the promoter / passive / detractor split and a trend sparkline.
 *
 * @example
 * <crm-nps-gauge src="/api/crm.json" period="last-90d" segment="region:华东" target="40"></crm-nps-gauge>
 *
 * @csspart dial - The gauge: dial and score.
 * @csspart gauge - The dial's SVG.
 * @csspart track - The dial's background arc.
 * @csspart value - The arc from 0 to the score.
 * @csspart band - The 95 % interval (lower to upper bound).
 * @csspart target - The target marker.
 * @csspart score - The score.
 * @csspart readout - Interval, target and responses in words.
 * @csspart change - The score's change against the previous equivalent period (of the source's time filter, else of `period`; none for all time).
 * @csspart compare - The score's comparisons beside it: the change and the target.
 * @csspart not-enough - The "below the minimum, indicative only" note under a greyed score.
 * @csspart distribution - The promoter / passive / detractor bar and legend.
 * @csspart bar - The stacked bar.
 * @csspart segment - One part of the bar (also `promoters`, `passives` or `detractors`).
 * @csspart legend - The list of groups.
 * @csspart category - A group's button (also `promoters`, `passives` or `detractors`).
 * @csspart trend - The trend block.
 * @csspart sparkline - The trend's SVG.
 * @csspart trend-point - One period of the trend.
 * @csspart trend-truncated - The note that the trend shows only the latest periods.
 * @csspart trend-not-enough - The line that says no period has enough responses yet (instead of the chart).
 * @csspart trend-zero - The trend's zero line.
 * @csspart trend-ticks - The period names under the trend.
 * @csspart band-label - The margin of error written on its arc.
 *
 * @cssproperty --crm-color-good - Promoters (solid).
 * @cssproperty --crm-color-neutral - Passives (diagonal stripes).
 * @cssproperty --crm-color-bad - Detractors (cross stripes).
 * @cssproperty --crm-color-accent - The score's arc and the trend line.
 *
 * @event crm-select - A group (`nps-category`) or a trend period (`nps-period`) was picked by click, Enter or Space.
 *
 * @attr target - Target score marked on the dial; default 50.
 * @attr trend - `month` (default), `week` or `none`.
 * @attr period - `all` (default), `last-30d`, `last-90d`, `last-365d` or `YYYY-MM-DD..YYYY-MM-DD`.
 * @attr segment - Only customers with `field:value`, e.g. `region:华东` or `attributes.tier:gold`.
 * @attr dedupe - Count each customer once, by their latest response.
 * @attr min-responses - Below this many responses the score is greyed and marked indicative only; default 30.
 * @attr interval - 95 % interval: `wald` (default) or `adjusted-wald` (centred on the adjusted score).
 */
export class CrmNpsGauge extends CrmElement {
  static override properties: PropertyDeclarations = {
    ...CrmElement.properties,
    target: { type: Number },
    trend: {},
    period: {},
    segment: {},
    dedupe: { converter: dedupeConverter },
    minResponses: { attribute: 'min-responses', type: Number },
    interval: {},
    activePoint: { state: true, attribute: false },
  };

  static override styles = [CrmElement.styles, npsStyles];

  declare target: number;
  declare trend: 'month' | 'week' | 'none';
  declare period: string;
  declare segment?: string;
  declare dedupe: 'all' | 'latest';
  declare minResponses: number;
  declare interval: 'wald' | 'adjusted-wald';
  /** Index of the trend point that holds the tab stop (roving tabindex); -1 means the latest. */
  protected declare activePoint: number;

  constructor() {
    super();
    this.target = 50;
    this.trend = 'month';
    this.period = 'all';
    this.dedupe = 'all';
    this.minResponses = 30;
    this.interval = 'wald';
    this.activePoint = -1;
  }

  /** The metric options the attributes stand for; an unreadable `period` means all, an unreadable `segment` no filter. */
  get options(): NpsOptions {
    const period: Period = parsePeriod(this.period ?? 'all') ?? { kind: 'all' };
    const filter = this.segment ? (parseFilter(this.segment) ?? undefined) : undefined;
    return { period, dedupe: this.dedupe, minResponses: this.minResponses, interval: this.interval, trend: this.trend, filter };
  }

  /** The numbers on screen, straight from `computeNps` (memoized per dataset and options). */
  get result(): NpsResult | undefined {
    return this.loader.query('nps', this.options);
  }

  private get view(): NpsView {
    return npsView(this.result, this.loader.value?.info ?? null, this.viewOptions, this.resolvedLocale, this.fmt);
  }

  private get viewOptions(): NpsViewOptions {
    const { period, filter } = this.options;
    return { target: this.target, trend: this.trend, period: period!, filter };
  }

  protected defaultLabel(): string {
    return this.translator(npsMessages)('title');
  }

  protected override subtitleParts(): string[] {
    return npsSubtitle(this.viewOptions, this.resolvedLocale, this.fmt, this.loader.filters, this.loader.value?.info ?? null);
  }

  protected renderSkeleton() {
    return renderNpsSkeleton(this.trend !== 'none');
  }

  protected renderView(): WidgetView {
    const view = this.view;
    if (view.kind === 'empty') return { ...view, extra: this.emptyAction() };
    return {
      kind: 'ready',
      body: html`<div class="layout">
        ${renderDial(view, this.changeText())}
        <div class="side">${renderDistribution(view, this.distributionHandlers)} ${view.trend ? this.renderTrend(view.trend) : nothing}</div>
      </div>`,
      summary: view.summary,
      table: view.table,
      notes: view.notes,
    };
  }

  /** The dial, the group bar, the readout and the trend, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const r = this.result;
    const view = this.view;
    if (!r || view.kind !== 'ready') return null;
    return npsFigure(r, this.target, view.figure, this.trend !== 'none');
  }

  // ------------------------------------------------------------ parts

  /** The way out of an empty view: all time and every customer when narrowed, else load again. */
  private emptyAction() {
    const [tn, narrowed] = [this.translator(npsMessages), this.period !== 'all' || !!this.segment];
    const act = narrowed ? () => Object.assign(this, { period: 'all', segment: undefined }) : () => void this.reload();
    return renderEmptyAction(tn(narrowed ? 'empty.widen.hint' : 'empty.reload.hint'), tn(narrowed ? 'empty.widen' : 'empty.reload'), act);
  }

  /** The group bar's and legend's handlers: a pick is a user action, the only source of crm-select. */
  private readonly distributionHandlers: DistributionHandlers = {
    select: (c) => emit(this, new CrmSelectEvent(c.select)),
    showTip: (target, text) => this.showTip(target, text),
    hideTip: () => this.hideTip(),
  };

  /** The score's change against the previous equivalent period, in words; null when there is none. */
  private changeText(): string | null {
    const previous = previousNps(this.loader, this.options);
    const change = changeOf(this.result?.score, previous?.result?.score);
    if (!previous || change === null) return null;
    const period = describePeriod(previous.period, this.t, this.fmt);
    return this.translator(npsMessages)('change', { change: this.fmt.signed(change, 1), period });
  }

  private renderTrend(trend: NpsTrendView) {
    const points = trend.points;
    // Every period is reachable, scored or not: a month with too few responses is a fact too.
    const active = this.activePoint >= 0 && this.activePoint < points.length ? this.activePoint : points.length - 1;
    return html`<div class="trend" part="trend">
      <p class="trend-label" id="trend-label">${trend.label}</p>
      ${trend.truncated ? html`<p class="trend-note" part="trend-truncated">${trend.truncated}</p>` : nothing}
      ${trend.notEnough
        ? // No period reaches the minimum: one clear line, not a row of empty markers.
          html`<p class="trend-note" part="trend-not-enough">${trend.notEnough}</p>`
        : html`<p class="visually-hidden">${trend.summary}</p>
            <svg class="sparkline" part="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" role="group" aria-labelledby="trend-label">
              <line class="zero" part="trend-zero" x1="0" x2=${SPARK_WIDTH} y1=${trend.zeroY} y2=${trend.zeroY}></line>
              <path class="spark-line" d=${trend.path}></path>
              ${points.map(
                (p, i) =>
                  svg`<circle class=${p.y === null ? 'point missing' : 'point'} part="trend-point" data-index=${i} cx=${p.x} cy=${p.markerY} r="3"
                    role="button" tabindex=${i === active ? 0 : -1} aria-label=${p.label}
                    @click=${() => this.selectPoint(trend, i)}
                    @keydown=${(e: KeyboardEvent) => this.onPointKey(e, trend, i)}
                    @focus=${(e: FocusEvent) => this.showTip(e.currentTarget as Element, p.label)}
                    @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, p.label)}
                    @blur=${this.hideTip} @pointerleave=${this.hideTip}></circle>`,
              )}
            </svg>
            <div class="trend-ticks" part="trend-ticks" aria-hidden="true">
              ${points.map((p) => (p.tick ? html`<span class="trend-tick" ${cssProps({ left: `${(100 * p.x) / SPARK_WIDTH}%` })}>${p.tick}</span>` : nothing))}
            </div>`}
    </div>`;
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private selectPoint(trend: NpsTrendView, i: number): void {
    this.activePoint = i;
    emit(this, new CrmSelectEvent(trend.points[i]!.select));
  }

  private async onPointKey(e: KeyboardEvent, trend: NpsTrendView, i: number): Promise<void> {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.selectPoint(trend, i);
      return;
    }
    const last = trend.points.length - 1;
    const next = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.activePoint = Math.max(0, Math.min(last, next));
    await this.updateComplete;
    this.renderRoot.querySelector<SVGElement>(`[data-index="${this.activePoint}"]`)?.focus();
  }
}
