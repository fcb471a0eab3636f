import { html, nothing, svg, type PropertyDeclarations } from 'lit';
import { describePeriod, type Translate } from '../../i18n/index.js';
// Direct modules, not the metrics barrel: the barrel is the lazily loaded metrics chunk.
import { absentCollections } from '../../metrics/measured.js';
import { parseFilter } from '../../metrics/parse-filter.js';
import { parsePeriod } from '../../metrics/parse-period.js';
import type { NpsOptions, NpsResult, Period } from '../../metrics/index.js';
import { changeOf, previousPeriod } from '../../metrics/previous-period.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { cssProps } from '../base/css-props.js';
import type { DataState } from '../base/data-controller.js';
import type { TableSpec } from '../base/data-table.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import type { ExportFigure } from '../base/figure.js';
import { npsFigure } from './export-figure.js';
import { gaugeShapes, RADIUS } from './gauge-geometry.js';
import { npsMessages, type NpsKey } from './messages.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkline } from './sparkline.js';
import { npsStyles } from './styles.js';

export type NpsCategory = 'promoters' | 'passives' | 'detractors';
const CATEGORIES: NpsCategory[] = ['promoters', 'passives', 'detractors'];

/** `dedupe` (or `dedupe="latest"`) counts each customer once; absent or `dedupe="all"` counts every response. */
const dedupeConverter = {
  fromAttribute: (value: string | null) => (value === null || value === 'all' || value === 'false' ? 'all' : 'latest'),
  toAttribute: (value: string) => (value === 'latest' ? 'latest' : null),
};

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
    const options = this.options;
    return this.loader.query('nps', options);
  }

  /**
   * The same score in the previous equivalent period (docs/metrics.md), asked without holding the
   * view: of the source's time filter when it sets one, else of the gauge's own period; null for `all`.
   */
  private previousScore(): { period: Period; result: NpsResult | undefined } | null {
    const asOf = this.loader.value?.info?.asOf;
    if (asOf === undefined) return null;
    const time = this.loader.timeFilter;
    if (time) {
      const before = previousPeriod(time, asOf);
      return before ? { period: before, result: this.loader.lookup('nps', { ...this.options, trend: 'none' }, 'previous-period') } : null;
    }
    const before = previousPeriod(this.options.period, asOf);
    return before ? { period: before, result: this.loader.lookup('nps', { ...this.options, period: before, trend: 'none' }) } : null;
  }

  private get tn(): Translate<NpsKey> {
    return this.translator(npsMessages);
  }

  protected defaultLabel(): string {
    return this.tn('title');
  }

  protected override subtitleParts(): string[] {
    const parts = [describePeriod(this.options.period!, this.t, this.fmt)];
    const filter = this.options.filter;
    if (filter) parts.push(this.tn('segment', { value: filter.value }));
    return parts;
  }

  protected renderSkeleton() {
    return html`<div class="layout">
      <span class="skeleton skeleton-dial" part="skeleton"></span>
      <div class="side">
        <span class="skeleton skeleton-bar" part="skeleton"></span>
        <span class="skeleton skeleton-legend" part="skeleton"></span>
        ${this.trend === 'none' ? nothing : html`<span class="skeleton skeleton-trend" part="skeleton"></span>`}
      </div>
    </div>`;
  }

  protected renderView(state: DataState): WidgetView {
    const result = this.result;
    const tn = this.tn;
    if (state.info && absentCollections(state.info).includes('surveys')) return { kind: 'empty', title: tn('absent.title'), text: tn('absent.text') };
    if (!result || result.responses === 0 || result.score === null) return { kind: 'empty', title: tn('empty.title'), text: tn('empty.text') };
    return {
      kind: 'ready',
      body: html`<div class="layout">
        ${this.renderDial(result, result.score)}
        <div class="side">${this.renderDistribution(result)} ${this.trend === 'none' ? nothing : this.renderTrend(result)}</div>
      </div>`,
      summary: this.summarize(result),
      table: this.tableOf(result),
      notes: this.notesOf(result),
    };
  }

  /** The dial, the group bar, the readout and the trend, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const r = this.result;
    if (!r || r.responses === 0) return null;
    const { fmt, tn } = this;
    const interval = { lower: fmt.signed(r.lower, 1), upper: fmt.signed(r.upper, 1), moe: fmt.number(r.marginOfError, 1) };
    const readout = r.score === null ? [] : [tn('margin', interval), `${tn('target', { target: fmt.number(this.target) })} · ${this.versusText(r.score)}`];
    return npsFigure(
      r,
      this.target,
      {
        score: fmt.signed(r.score, 1),
        target: fmt.number(this.target),
        low: fmt.signed(-100),
        high: fmt.signed(100),
        readout: [...readout, r.enough ? this.responsesText(r.responses) : this.indicativeText(r)],
        trendLabel: tn(this.trend === 'week' ? 'trend.label.week' : 'trend.label.month'),
        categories: {
          promoters: `${tn('promoters')} ${fmt.percent(this.share(r, 'promoters'))}`,
          passives: `${tn('passives')} ${fmt.percent(this.share(r, 'passives'))}`,
          detractors: `${tn('detractors')} ${fmt.percent(this.share(r, 'detractors'))}`,
        },
      },
      this.trend !== 'none',
    );
  }

  // ------------------------------------------------------------ words

  private responsesText(n: number): string {
    return this.tn('responses', { n: this.fmt.number(n), count: n });
  }

  private versusText(score: number): string {
    const diff = score - this.target;
    if (diff === 0) return this.tn('vs.on');
    return this.tn(diff > 0 ? 'vs.above' : 'vs.below', { diff: this.fmt.number(Math.abs(diff), 1) });
  }

  private summarize(r: NpsResult): string {
    const { fmt, tn } = this;
    const bounds = { lower: fmt.signed(r.lower, 1), upper: fmt.signed(r.upper, 1) };
    if (!r.enough) {
      return tn('summary.notEnough', {
        score: fmt.signed(r.score, 1),
        ...bounds,
        responses: this.responsesText(r.responses),
        min: fmt.number(r.minResponses),
        promoters: fmt.number(r.promoters),
        passives: fmt.number(r.passives),
        detractors: fmt.number(r.detractors),
      });
    }
    return tn('summary.ready', {
      score: fmt.signed(r.score, 1),
      ...bounds,
      responses: this.responsesText(r.responses),
      period: tn('period.in', { period: this.subtitleParts()[0]! }),
      versus: this.versusText(r.score ?? 0),
    });
  }

  private indicativeText(r: NpsResult): string {
    return this.tn('indicative', { responses: this.responsesText(r.responses), min: this.fmt.number(r.minResponses) });
  }

  /** The interval as bounds and how it was made, for the details panel. */
  private notesOf(r: NpsResult): string[] {
    const { fmt, tn } = this;
    const notes = [
      tn('note.interval', { method: tn(`method.${r.interval}`), lower: fmt.signed(r.lower, 1), upper: fmt.signed(r.upper, 1), moe: fmt.number(r.marginOfError, 1) }),
    ];
    if (r.interval === 'adjusted-wald') notes.push(tn('note.adjusted', { centre: fmt.signed((100 * (r.promoters - r.detractors)) / (r.responses + 3), 1) }));
    notes.push(r.enough ? tn('note.minimum', { min: fmt.number(r.minResponses) }) : this.indicativeText(r));
    return notes;
  }

  private share(r: NpsResult, c: NpsCategory): number | null {
    return r.responses > 0 ? r[c] / r.responses : null;
  }

  private tableOf(r: NpsResult): TableSpec {
    const { fmt, tn } = this;
    return {
      caption: tn('table.caption'),
      columns: [{ label: tn('table.measure') }, { label: tn('table.value'), numeric: true }, { label: tn('table.detail'), numeric: true }],
      rows: [
        [tn('table.score'), fmt.signed(r.score, 1), r.enough ? '' : this.indicativeText(r)],
        [tn('table.interval'), `${fmt.signed(r.lower, 1)} … ${fmt.signed(r.upper, 1)}`, ''],
        [tn('table.margin'), `±${fmt.number(r.marginOfError, 1)}`, ''],
        [tn('table.target'), fmt.number(this.target), ''],
        [tn('table.responses'), fmt.number(r.responses), fmt.percent(1)],
        ...CATEGORIES.map((c) => [tn(c), fmt.number(r[c]), fmt.percent(this.share(r, c))]),
        ...r.trend.map((p) => [
          tn('table.trend', { period: p.period }),
          p.enough ? fmt.signed(p.score, 1) : '',
          this.responsesText(p.responses),
        ]),
      ],
    };
  }

  // ------------------------------------------------------------ parts

  private renderDial(r: NpsResult, score: number) {
    const { fmt, tn } = this;
    const shapes = gaugeShapes(score, r, this.target);
    const t = shapes.target;
    const moe = fmt.number(r.marginOfError, 1);
    const lower = fmt.signed(r.lower, 1);
    const upper = fmt.signed(r.upper, 1);
    return html`<div class="dial-wrap ${r.enough ? '' : 'indicative'}">
      <div class="dial" part="dial">
        <svg
          part="gauge"
          viewBox="${-RADIUS - 30} ${-RADIUS - 30} ${2 * RADIUS + 60} ${RADIUS + 48}"
          role="img"
          aria-label=${tn('gauge.label', { score: fmt.signed(score, 1), lower, upper, target: fmt.number(this.target) })}
        >
          <path class="track" part="track" d=${shapes.track}></path>
          ${shapes.value ? svg`<path class="value" part="value" d=${shapes.value}></path>` : nothing}
          ${shapes.band ? svg`<path class="band" part="band" d=${shapes.band}></path>` : nothing}
          <line class="target" part="target" x1=${t.x1} y1=${t.y1} x2=${t.x2} y2=${t.y2}></line>
          <text class="tick" x=${t.lx} y=${t.ly} text-anchor="middle" dominant-baseline="middle">${fmt.number(this.target)}</text>
          <text class="tick" x=${-(RADIUS + 70) / 2} y="14" text-anchor="middle">${fmt.signed(-100)}</text>
          <text class="tick" x=${(RADIUS + 70) / 2} y="14" text-anchor="middle">${fmt.signed(100)}</text>
        </svg>
        <div class="score-wrap" aria-hidden="true"><span class="score" part="score">${fmt.signed(score, 1)}</span></div>
      </div>
      ${r.enough ? nothing : html`<p class="not-enough" part="not-enough" role="status">${this.indicativeText(r)}</p>`}
      <p class="readout" part="readout">
        <span class="margin">${tn('margin', { lower, upper, moe })}</span>
        <span class="target-text">${tn('target', { target: fmt.number(this.target) })} · ${this.versusText(score)}</span>
        <span class="responses">${this.responsesText(r.responses)}</span>
        ${this.renderChange(score)}
      </p>
    </div>`;
  }

  private renderChange(score: number) {
    const previous = this.previousScore();
    const change = changeOf(score, previous?.result?.score);
    if (!previous || change === null) return nothing;
    const period = describePeriod(previous.period, this.t, this.fmt);
    return html`<span class="change" part="change">${this.tn('change', { change: this.fmt.signed(change, 1), period })}</span>`;
  }

  private renderDistribution(r: NpsResult) {
    const { fmt, tn } = this;
    return html`<div class="distribution" part="distribution" role="group" aria-label=${tn('distribution.label')}>
      <div class="bar" part="bar" aria-hidden="true">
        ${CATEGORIES.map(
          (c) =>
            html`<span
              class="fill-${c}"
              part="segment ${c}"
              ${cssProps({ 'flex-grow': String(r[c]) })}
              @click=${() => this.select(r, c)}
              @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, `${tn(c)} ${fmt.percent(this.share(r, c))}`)}
              @pointerleave=${this.hideTip}
            ></span>`,
        )}
      </div>
      <ul class="legend" part="legend">
        ${CATEGORIES.map(
          (c) =>
            html`<li>
              <button class="category" part="category ${c}" data-category=${c} @click=${() => this.select(r, c)}>
                <span class="swatch fill-${c}" aria-hidden="true"></span>
                <span class="name">${tn(c)}</span>
                <span class="share">${fmt.percent(this.share(r, c))}</span>
                <span class="count">${fmt.number(r[c])}</span>
                <span class="visually-hidden">${tn(`${c}.hint`)}</span>
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderTrend(r: NpsResult) {
    const { fmt, tn } = this;
    const { path, points, zeroY } = sparkline(r.trend);
    // Every period is reachable, scored or not: a month with too few responses is a fact too.
    const defined = points.map((_, i) => i);
    const scored = points.flatMap((p, i) => (p.y === null ? [] : [i]));
    const active = this.activePoint >= 0 && this.activePoint < points.length ? this.activePoint : points.length - 1;
    const label = tn(this.trend === 'week' ? 'trend.label.week' : 'trend.label.month');
    const first = scored.length ? points[scored[0]!]!.point : null;
    const last = scored.length ? points[scored[scored.length - 1]!]!.point : null;
    const pointLabel = (i: number) => {
      const p = points[i]!.point;
      const responses = this.responsesText(p.responses);
      return !p.enough ? tn('trend.point.missing', { period: p.period, responses }) : tn('trend.point', { period: p.period, score: fmt.signed(p.score, 1), responses });
    };
    return html`<div class="trend" part="trend">
      <p class="trend-label" id="trend-label">${label}</p>
      ${first && last
        ? html`<p class="visually-hidden">
            ${tn('trend.summary', { label, first: fmt.signed(first.score, 1), from: first.period, last: fmt.signed(last.score, 1), to: last.period })}
          </p>`
        : html`<p class="trend-note">${tn('trend.none', { min: fmt.number(r.minResponses) })}</p>`}
      ${r.trendTruncated ? html`<p class="trend-note" part="trend-truncated">${tn('trend.truncated', { n: fmt.number(r.trend.length) })}</p>` : nothing}
      <svg class="sparkline" part="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" role="group" aria-labelledby="trend-label">
        <line class="zero" x1="0" x2=${SPARK_WIDTH} y1=${zeroY} y2=${zeroY}></line>
        <path class="spark-line" d=${path}></path>
        ${defined.map(
          (i) =>
            svg`<circle class=${points[i]!.y === null ? 'point missing' : 'point'} part="trend-point" data-index=${i} cx=${points[i]!.x} cy=${points[i]!.markerY} r="3"
              role="button" tabindex=${i === active ? 0 : -1} aria-label=${pointLabel(i)}
              @click=${() => this.selectPoint(r, i)}
              @keydown=${(e: KeyboardEvent) => this.onPointKey(e, r, defined, i)}
              @focus=${(e: FocusEvent) => this.showTip(e.currentTarget as Element, pointLabel(i))}
              @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, pointLabel(i))}
              @blur=${this.hideTip} @pointerleave=${this.hideTip}></circle>`,
        )}
      </svg>
    </div>`;
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private select(r: NpsResult, category: NpsCategory): void {
    emit(this, new CrmSelectEvent({ kind: 'nps-category', category, count: r[category], share: this.share(r, category) }));
  }

  private selectPoint(r: NpsResult, i: number): void {
    const p = r.trend[i]!;
    this.activePoint = i;
    emit(this, new CrmSelectEvent({ kind: 'nps-period', period: p.period, score: p.score, responses: p.responses }));
  }

  private async onPointKey(e: KeyboardEvent, r: NpsResult, defined: number[], i: number): Promise<void> {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.selectPoint(r, i);
      return;
    }
    const at = defined.indexOf(i);
    const next = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: defined.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.activePoint = defined[Math.max(0, Math.min(defined.length - 1, next))]!;
    await this.updateComplete;
    this.renderRoot.querySelector<SVGElement>(`[data-index="${this.activePoint}"]`)?.focus();
  }
}
