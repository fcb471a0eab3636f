import { html, nothing, svg, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Header, Table } from '@tanstack/table-core';
import type { Translate } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import type { ResultOf } from '../../contract/query.js';
// Direct modules, not the metrics barrel: the barrel is the lazily loaded metrics chunk.
import { absentCollections } from '../../metrics/measured.js';
import { RFM_SEGMENTS } from '../../metrics/types.js';
import type { RfmAxis, RfmOptions, RfmSegment, RfmWarning } from '../../metrics/index.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { cssProps } from '../base/css-props.js';
import type { DataState } from '../base/data-controller.js';
import type { TableSpec } from '../base/data-table.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { rfmOptionsOf, rfmProperties, type RfmAttributes } from '../base/rfm-attributes.js';
import type { ExportFigure } from '../base/figure.js';
import { matrixFigure } from './export-figure.js';
import { cellColour, COLOR_BY, type CellColour, type ColorBy } from './colour-scale.js';
import { drillColumns, type ColumnId } from './drill-columns.js';
import type { DrillRow } from './drill-rows.js';
import { cellBox, labelCells, SCORES, segmentAt, segmentOutline, xCentre, yCentre } from './matrix-geometry.js';
import { matrixMessages, type MatrixKey } from './messages.js';
import { matrixStyles } from './styles.js';
import { TableController } from './table-controller.js';

/** What the engine answers for the matrix: 25 cells on two axes, segments, counts, warnings. */
type Grid = ResultOf<'rfm-grid'>;
type GridCell = Grid['cells'][number];
type RfmResult = Grid;
type RfmGridCell = GridCell;

const AXES: readonly RfmAxis[] = ['r', 'f', 'm'];
const axisOf = (value: unknown, fallback: RfmAxis): RfmAxis => (AXES.includes(value as RfmAxis) ? (value as RfmAxis) : fallback);

interface Point {
  x: number;
  y: number;
}

/**
 * @summary RFM segment matrix: customers on a 5 × 5 grid of two RFM scores, coloured by value,
 * with the named segments outlined, and a sortable, filterable, paginated drill-down of a cell's customers.
 *
 * @example
 * <crm-segment-matrix src="/api/crm.json" color-by="monetary"></crm-segment-matrix>
 * <crm-customer-360 follow-selection></crm-customer-360>
 *
 * @attr x - Score on the horizontal axis: `r` (default), `f` or `m`.
 * @attr y - Score on the vertical axis: `f` (default), `r` or `m`.
 * @attr color-by - Cell colour: `m-score` (mean M score, default), `monetary` (total spend) or `count` (customers).
 * @attr page-size - Rows per page of the drill-down table; default 10.
 * @attr migration-days - Show the segment migration over this many days (from → to counts, largest flows first); unset: not shown.
 * @attr ties - Rank scoring of equal values: `low` (default: a tie takes its lowest score) or `dense` (a big tie keeps its score, the rest spread over the remaining scores).
 * @attr frequency - `orders` (default: purchases) or `days` (distinct days with a purchase).
 * @attr r-thresholds - Fixed R scoring instead of ranks: five ascending day counts, the most days since the last purchase for R = 5, 4, 3, 2, 1, e.g. `30,90,180,365,730`.
 * @attr f-thresholds - Fixed F scoring: the lowest frequency for F = 1..5, e.g. `1,2,3,5,10`.
 * @attr m-thresholds - Fixed M scoring: the lowest monetary value (payload currency) for M = 1..5, e.g. `0,100,500,1000,5000`.
 *
 * @csspart layout - Matrix and drill-down (side by side when wide).
 * @csspart matrix - The matrix with its axes.
 * @csspart grid - The 25 cells (role grid).
 * @csspart cell - A cell (also `empty` without customers, `selected` when open).
 * @csspart cell-count - A cell's number of customers.
 * @csspart cell-share - A cell's share of scored customers.
 * @csspart segment-label - A segment's name, in its top-left cell.
 * @csspart outlines - The segment boundaries.
 * @csspart axis - An axis title.
 * @csspart tick - A score on an axis.
 * @csspart legend - Colour ramp, empty cell and segment boundary keys.
 * @csspart drill - The drill-down of the selected cell.
 * @csspart drill-title - Its heading: cell, segment and customers.
 * @csspart drill-close - Its close button.
 * @csspart filter - The text filter input.
 * @csspart drill-table - The customers table.
 * @csspart sort - A column's sort button.
 * @csspart drill-row - A customer's row.
 * @csspart customer - A customer's name button.
 * @csspart pager - Previous, page status, next.
 * @csspart migration - The segment migration: since when, how many stayed, the largest flows.
 * @csspart migration-table - The from → to table of the migration.
 *
 * @cssproperty --crm-chart-ramp-1 - Cell colour, low end (`--crm-chart-ramp-2` … `--crm-chart-ramp-5` up to the high end); mean M runs from `--crm-color-bad` through the track to the ramp.
 * @cssproperty --crm-color-good - Healthy customers' band marker.
 * @cssproperty --crm-color-neutral - Watch band marker.
 * @cssproperty --crm-color-bad - At-risk band marker.
 * @cssproperty --crm-color-accent - Selected cell and focus ring.
 * @cssproperty --crm-color-text - Segment outlines.
 *
 * @event crm-select - A cell (`cell`: axes, scores, count, customer ids) or a customer of the drill-down (`customer`) was picked by click, Enter or Space.
 */
export class CrmSegmentMatrix extends CrmElement implements RfmAttributes {
  static override properties: PropertyDeclarations = {
    ...CrmElement.properties,
    x: {},
    y: {},
    colorBy: { attribute: 'color-by' },
    pageSize: { attribute: 'page-size', type: Number },
    migrationDays: { attribute: 'migration-days', type: Number },
    ...rfmProperties,
    active: { state: true, attribute: false },
    selected: { state: true, attribute: false },
  };

  static override styles = [CrmElement.styles, matrixStyles];

  declare x: RfmAxis;
  declare y: RfmAxis;
  declare colorBy: ColorBy;
  declare pageSize: number;
  /** Days back the segment migration looks (docs/metrics.md, "Segment migration"); unset: no migration view. */
  declare migrationDays?: number;
  declare ties?: RfmOptions['ties'];
  declare frequency?: RfmOptions['frequency'];
  declare rThresholds?: string;
  declare fThresholds?: string;
  declare mThresholds?: string;
  /** The cell holding the tab stop (roving tabindex). */
  protected declare active: Point;
  /** The cell whose customers the drill-down lists; null when closed. */
  protected declare selected: Point | null;

  private readonly drill = new TableController<DrillRow>(this, {
    columns: drillColumns(),
    pageSize: 10,
  });
  private collator = new Intl.Collator('en');

  constructor() {
    super();
    this.x = 'r';
    this.y = 'f';
    this.colorBy = 'm-score';
    this.pageSize = 10;
    this.active = { x: 5, y: 5 };
    this.selected = null;
  }

  /** The horizontal axis in use: `x`, or `r` when `x` is not one of `r`, `f`, `m`. */
  get xAxis(): RfmAxis {
    return axisOf(this.x, 'r');
  }

  /** The vertical axis in use: `y`, or `f` when `y` is not one of `r`, `f`, `m`. */
  get yAxis(): RfmAxis {
    return axisOf(this.y, 'f');
  }

  /** The colouring in use: `color-by`, or `m-score` when it is not a known value. */
  get colorMode(): ColorBy {
    return COLOR_BY.includes(this.colorBy) ? this.colorBy : 'm-score';
  }

  /** The RFM options the scoring attributes stand for. */
  get rfmOptions(): RfmOptions {
    return rfmOptionsOf(this);
  }

  /** The scored customers on the current axes, as the engine answers them (cells, segments, warnings). */
  get rfm(): Grid | undefined {
    return this.loader.query('rfm-grid', { ...this.rfmOptions, x: this.xAxis, y: this.yAxis });
  }

  /** The 25 cells on the current axes, row by row. */
  get grid(): GridCell[] | undefined {
    return this.rfm?.cells;
  }

  /** The drill-down page for the selected cell under the table's sorting, search and page, asked of the engine on demand. */
  private drillPage(): ResultOf<'rfm-page'> | undefined {
    const at = this.selected;
    if (!at) return undefined;
    const { sorting, globalFilter, pagination } = this.drill.getState();
    const text = String(globalFilter ?? '').trim().toLowerCase();
    const locale = this.resolvedLocale;
    const sort = sorting[0];
    return this.loader.lookup('rfm-page', {
      ...this.rfmOptions,
      x: this.xAxis,
      y: this.yAxis,
      cell: at,
      ...(sort ? { sort: { column: sort.id as ColumnId, desc: sort.desc, locale, segmentOrder: this.segmentOrder() } } : {}),
      ...(text ? { search: { text, segments: RFM_SEGMENTS.filter((s) => this.segmentName(s).toLowerCase().includes(text)) } } : {}),
      offset: pagination.pageIndex * pagination.pageSize,
      limit: pagination.pageSize,
    });
  }

  /** Segments in the order their names sort in the page's language. */
  private segmentOrder(): RfmSegment[] {
    return [...RFM_SEGMENTS].sort((a, b) => this.collator.compare(this.segmentName(a), this.segmentName(b)));
  }

  private get tn(): Translate<MatrixKey> {
    return this.translator(matrixMessages);
  }

  protected defaultLabel(): string {
    return this.tn('title');
  }

  // ------------------------------------------------------------ lifecycle

  /** Also waits for table-core when a drill-down opened before it was loaded (it is a chunk of its own). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.drill.pending) {
      await this.drill.pending;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // New axes make the open cell mean something else: close it rather than show other customers.
    if ((changed.has('x') && changed.get('x') !== undefined) || (changed.has('y') && changed.get('y') !== undefined)) this.selected = null;
    if (this.collator.resolvedOptions().locale !== this.resolvedLocale) this.collator = new Intl.Collator(this.resolvedLocale);
    this.drill.setPageSize(Math.max(1, Math.floor(this.pageSize) || 10));
    this.syncDrill();
  }

  /** Show the engine's page in the table (the last one stays while the next is on its way). */
  private syncDrill(): void {
    if (!this.selected || this.loader.status !== 'complete') return;
    const page = this.drillPage();
    if (page) this.drill.setPage(page.rows.map((row) => ({ ...row, segmentLabel: this.segmentName(row.segment) })), page.total);
  }

  private selectedCell(): RfmGridCell | undefined {
    const s = this.selected;
    return s ? this.grid?.[(s.y - 1) * 5 + (s.x - 1)] : undefined;
  }

  // ------------------------------------------------------------ words

  private customersText(n: number): string {
    return this.tn('customers', { n: this.fmt.number(n), count: n });
  }

  private axisName(axis: RfmAxis): string {
    return this.tn(`axis.${axis}`);
  }

  private cellName(x: number, y: number): string {
    const tn = this.tn;
    return tn('cell.name', { x: `${tn(`short.${this.xAxis}`)}${x}`, y: `${tn(`short.${this.yAxis}`)}${y}` });
  }

  private segmentName(segment: RfmSegment): string {
    return segmentLabel(segment, this.resolvedLocale);
  }

  private share(cell: RfmGridCell, rfm: RfmResult): number | null {
    return rfm.scored > 0 ? cell.count / rfm.scored : null;
  }

  private colourText(cell: RfmGridCell): string {
    const { fmt, tn } = this;
    const mode = this.colorMode;
    const value = mode === 'm-score' ? fmt.number(cell.meanM, 1) : mode === 'monetary' ? fmt.currencyAmount(cell.monetary) : fmt.number(cell.count);
    return tn(`colour.value.${mode}`, { value });
  }

  private cellLabel(cell: RfmGridCell, rfm: RfmResult, segment: RfmSegment | null): string {
    const { fmt, tn } = this;
    return tn('cell.label', {
      cell: this.cellName(cell.x, cell.y),
      n: fmt.number(cell.count),
      count: cell.count,
      share: fmt.percent(this.share(cell, rfm)),
      colour: this.colourText(cell),
      segment: segment ? tn('cell.segment', { segment: this.segmentName(segment) }) : '',
    });
  }

  private summarize(rfm: RfmResult, grid: RfmGridCell[], segment: ((x: number, y: number) => RfmSegment) | null): string {
    const { fmt, tn } = this;
    const largest = grid.reduce((a, b) => (b.count > a.count ? b : a));
    return tn('summary', {
      scored: this.customersText(rfm.scored),
      x: this.axisName(this.xAxis),
      y: this.axisName(this.yAxis),
      cell: this.cellName(largest.x, largest.y),
      segment: segment ? tn('summary.segment', { segment: this.segmentName(segment(largest.x, largest.y)) }) : '',
      count: this.customersText(largest.count),
      share: fmt.percent(this.share(largest, rfm)),
      unscored: rfm.unscored > 0 ? tn('summary.unscored', { n: fmt.number(rfm.unscored), count: rfm.unscored }) : '',
    });
  }

  private tableOf(rfm: RfmResult, grid: RfmGridCell[], segment: ((x: number, y: number) => RfmSegment) | null): TableSpec {
    const { fmt, tn } = this;
    // Top row of the matrix first, as it reads on screen.
    const cells = [...grid].sort((a, b) => b.y - a.y || a.x - b.x);
    return {
      caption: tn('table.caption'),
      columns: [
        { label: tn('table.cell') },
        ...(segment ? [{ label: tn('table.segment') }] : []),
        { label: tn('table.customers'), numeric: true },
        { label: tn('table.share'), numeric: true },
        { label: tn('table.meanM'), numeric: true },
        { label: tn('table.monetary'), numeric: true },
      ],
      rows: cells.map((c) => [
        this.cellName(c.x, c.y),
        ...(segment ? [this.segmentName(segment(c.x, c.y))] : []),
        fmt.number(c.count),
        fmt.percent(this.share(c, rfm)),
        fmt.number(c.meanM, 1),
        fmt.currencyAmount(c.monetary),
      ]),
    };
  }

  // ------------------------------------------------------------ views

  protected renderSkeleton() {
    return html`<div class="layout" part="layout">
      <div class="matrix">
        <span class="skeleton skeleton-grid" part="skeleton"></span>
        <span class="skeleton skeleton-legend" part="skeleton"></span>
      </div>
    </div>`;
  }

  protected renderView(state: DataState): WidgetView {
    const rfm = this.rfm;
    const grid = this.grid;
    const { fmt, tn } = this;
    if (state.info && absentCollections(state.info).includes('orders')) return { kind: 'empty', title: tn('absent.title'), text: tn('absent.text') };
    if (!rfm || !grid || rfm.scored === 0) {
      const n = rfm?.unscored ?? 0;
      return {
        kind: 'empty',
        title: tn('empty.title'),
        text: tn('empty.text', { n: fmt.number(n), count: n, date: fmt.date(state.info?.asOf ?? null) }),
      };
    }
    const segment = segmentAt(this.xAxis, this.yAxis);
    const colour = cellColour(this.colorMode, grid);
    const open = this.selectedCell();
    return {
      kind: 'ready',
      body: html`<div class="layout ${open ? 'with-drill' : ''}" part="layout">
        <div class="matrix-column">${this.renderMatrix(rfm, grid, segment, colour)} ${this.renderLegend(colour, segment)} ${this.renderMigration()}</div>
        ${open ? (this.drill.table ? this.renderDrill(this.drill.table, open, segment) : (void this.drill.load(), nothing)) : nothing}
      </div>`,
      summary: this.summarize(rfm, grid, segment),
      table: this.tableOf(rfm, grid, segment),
      notes: [this.scoringText(), ...rfm.warnings.map((w) => this.warningText(w, rfm.scored))],
    };
  }

  /** Where customers moved between segments over `migration-days`, asked without holding the view. */
  private renderMigration() {
    const days = this.migrationDays;
    if (!days || !(days > 0)) return nothing;
    const migration = this.loader.lookup('rfm-migration', { ...this.rfmOptions, days: Math.round(days) });
    if (!migration) return nothing;
    const { fmt, tn } = this;
    const name = (segment: RfmSegment | null) => (segment ? this.segmentName(segment) : tn('migration.unscored'));
    const moves = migration.flows.filter((flow) => flow.from !== flow.to).slice(0, 8);
    return html`<section class="migration" part="migration" aria-labelledby="migration-title">
      <h3 id="migration-title">${tn('migration.title', { date: fmt.date(migration.from) })}</h3>
      <p>${tn('migration.stayed', { stayed: fmt.number(migration.stayed), customers: fmt.number(migration.customers) })}</p>
      ${moves.length
        ? html`<table part="migration-table">
            <thead>
              <tr><th scope="col">${tn('migration.from')}</th><th scope="col">${tn('migration.to')}</th><th scope="col" class="num">${tn('migration.customers')}</th></tr>
            </thead>
            <tbody>
              ${moves.map((flow) => html`<tr><td>${name(flow.from)}</td><td>${name(flow.to)}</td><td class="num">${fmt.number(flow.customers)}</td></tr>`)}
            </tbody>
          </table>`
        : nothing}
    </section>`;
  }

  private scoringText(): string {
    const tn = this.tn;
    const { ties, thresholds, frequency } = this.rfmOptions;
    const axis = (a: RfmAxis) => {
      const fixed = thresholds?.[a];
      if (fixed) return tn('scoring.thresholds', { axis: tn(`short.${a}`), list: this.fmt.list(fixed.map((t) => this.fmt.number(t, 2))) });
      return tn(ties === 'dense' ? 'scoring.dense' : 'scoring.low', { axis: tn(`short.${a}`) });
    };
    return tn('note.scoring', { r: axis('r'), f: axis('f'), m: axis('m'), frequency: tn(frequency === 'days' ? 'frequency.days' : 'frequency.orders') });
  }

  /** A value on one axis in words: days since the last purchase, orders or purchase days, an amount. */
  private axisValue(axis: RfmAxis, value: number): string {
    const { fmt, tn } = this;
    if (axis === 'm') return fmt.currencyAmount(value);
    const key = axis === 'r' ? 'value.r' : this.rfmOptions.frequency === 'days' ? 'value.f.days' : 'value.f.orders';
    return tn(key, { n: fmt.number(value), count: value });
  }

  /** "no customer has F = 2: 51 % are tied at 1 order", for the details view. */
  private warningText(w: RfmWarning, scored: number): string {
    const { fmt, tn } = this;
    const axis = tn(`short.${w.axis}`);
    if (w.range) {
      const name = w.axis === 'r' ? tn('range.days') : axis;
      const show = (v: number) => (w.axis === 'm' ? fmt.currencyAmount(v) : fmt.number(v));
      const { from, to } = w.range;
      // F and M are from ≤ v < to; R counts days, from < d ≤ to.
      const [low, high] = w.axis === 'r' ? ['<', '≤'] : ['≤', '<'];
      const range =
        from === null ? `${name} ${high} ${show(to!)}` : to === null ? `${name} ${w.axis === 'r' ? '>' : '≥'} ${show(from)}` : `${show(from)} ${low} ${name} ${high} ${show(to)}`;
      return tn('warning.threshold', { axis, score: w.score, range });
    }
    if (w.tie) return tn('warning.tie', { axis, score: w.score, share: fmt.percent(w.tie.share, 0), value: this.axisValue(w.axis, w.tie.value) });
    if (scored < 5) return tn('warning.few', { axis, score: w.score, n: fmt.number(scored), count: scored });
    return tn('warning.other', { axis, score: w.score });
  }

  private renderMatrix(rfm: RfmResult, grid: RfmGridCell[], segment: ((x: number, y: number) => RfmSegment) | null, colour: CellColour) {
    const { tn } = this;
    const labels = segment ? labelCells(segment) : new Map<string, RfmSegment>();
    const narrow = this.sizeClass === 'narrow';
    const rows = [...SCORES].reverse();
    return html`<div class="matrix" part="matrix">
      <div class="y-title" part="axis" lang=${this.resolvedLocale} aria-hidden="true">${tn('axis.title', { axis: this.axisName(this.yAxis) })}</div>
      <div class="y-ticks" aria-hidden="true">
        ${SCORES.map((y) => html`<span class="tick" part="tick" ${cssProps({ top: `${yCentre(y)}%` })}>${y}</span>`)}
      </div>
      <div class="plot">
        <div
          class="grid"
          part="grid"
          role="grid"
          aria-label=${tn('grid.label', { x: this.axisName(this.xAxis), y: this.axisName(this.yAxis) })}
          aria-describedby="grid-hint"
        >
          ${rows.map(
            (y) =>
              html`<div class="row" role="row">
                ${SCORES.map((x) => this.renderCell(grid[(y - 1) * 5 + (x - 1)]!, rfm, segment, colour, narrow ? undefined : labels.get(`${x},${y}`)))}
              </div>`,
          )}
        </div>
        ${segment
          ? html`<svg class="outlines" part="outlines" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
              ${svg`<path d=${segmentOutline(segment)}></path>`}
            </svg>`
          : nothing}
      </div>
      <div class="x-ticks" aria-hidden="true">
        ${SCORES.map((x) => html`<span class="tick" part="tick" ${cssProps({ left: `${xCentre(x)}%` })}>${x}</span>`)}
      </div>
      <div class="x-title" part="axis" aria-hidden="true">${tn('axis.title', { axis: this.axisName(this.xAxis) })} → <span class="hint">${tn(`axis.hint.${this.xAxis}`)}</span></div>
      <p id="grid-hint" class="visually-hidden">${tn('grid.hint')}</p>
    </div>`;
  }

  private renderCell(cell: RfmGridCell, rfm: RfmResult, segment: ((x: number, y: number) => RfmSegment) | null, colour: CellColour, label?: RfmSegment) {
    const { fmt } = this;
    const box = cellBox(cell.x, cell.y);
    const fill = colour.fill(cell);
    const isActive = this.active.x === cell.x && this.active.y === cell.y;
    const isSelected = this.selected?.x === cell.x && this.selected?.y === cell.y;
    // The name comes from a hidden sentence in the cell (not aria-label), so the visible
    // count and share are part of the content the name is computed from.
    const ariaLabel = this.cellLabel(cell, rfm, segment ? segment(cell.x, cell.y) : null);
    const parts = ['cell', cell.count === 0 ? 'empty' : '', isSelected ? 'selected' : ''].filter(Boolean).join(' ');
    return html`<div
      class="cell ${cell.count === 0 ? 'empty' : ''}"
      part=${parts}
      role="gridcell"
      data-x=${cell.x}
      data-y=${cell.y}
      tabindex=${isActive ? 0 : -1}
      aria-selected=${isSelected ? 'true' : 'false'}
      ${cssProps({
        left: `${box.left}%`,
        top: `${box.top}%`,
        width: `${box.width}%`,
        height: `${box.height}%`,
        // An empty value removes the property, so an empty cell falls back to its CSS.
        'background-color': fill ?? '',
      })}
      @click=${() => this.selectCell(cell.x, cell.y)}
      @keydown=${(e: KeyboardEvent) => this.onCellKey(e, cell)}
      @focus=${(e: FocusEvent) => this.showTip(e.currentTarget as Element, ariaLabel)}
      @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, ariaLabel)}
      @blur=${this.hideTip}
      @pointerleave=${this.hideTip}
    >
      <span class="cell-label visually-hidden">${ariaLabel}</span>
      ${label ? html`<span class="segment-label plate" part="segment-label" aria-hidden="true">${this.segmentName(label)}</span>` : nothing}
      <span class="readout plate" aria-hidden="true">
        <span class="count" part="cell-count">${fmt.number(cell.count)}</span>
        <span class="share" part="cell-share">${fmt.percent(this.share(cell, rfm))}</span>
      </span>
    </div>`;
  }

  /** The cells in their colours with counts, the segment boundaries and a legend of the ramp, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const rfm = this.rfm;
    const grid = this.grid;
    if (!rfm || !grid || rfm.scored === 0) return null;
    const { fmt, tn } = this;
    const mode = this.colorMode;
    const colour = cellColour(mode, grid);
    const segment = segmentAt(this.xAxis, this.yAxis);
    const end = (v: number) => (mode === 'monetary' ? fmt.currencyAmount(v) : fmt.number(v, mode === 'm-score' ? 1 : 0));
    const cells = new Map(grid.filter((c) => c.count > 0).map((c) => [`${c.x},${c.y}`, { count: fmt.number(c.count), share: fmt.percent(this.share(c, rfm)) }]));
    return matrixFigure(
      grid,
      (cell) => colour.fill(cell),
      segment ? segmentOutline(segment) : null,
      {
        xTitle: `${tn('axis.title', { axis: this.axisName(this.xAxis) })} → ${tn(`axis.hint.${this.xAxis}`)}`,
        yTitle: tn('axis.title', { axis: this.axisName(this.yAxis) }),
        cells,
      },
      [
        { label: `${tn('legend.colour', { measure: tn(`colorBy.${mode}`) })} (${end(colour.domain[0])} – ${end(colour.domain[1])})`, colours: colour.ramp },
        { label: tn('legend.empty'), outline: 'var(--_empty)', dashed: true },
        ...(segment ? [{ label: tn('legend.segment'), outline: 'var(--_outline)' }] : []),
      ],
    );
  }

  private renderLegend(colour: CellColour, segment: ((x: number, y: number) => RfmSegment) | null) {
    const { fmt, tn } = this;
    const mode = this.colorMode;
    const end = (v: number) => (mode === 'monetary' ? fmt.currencyAmount(v) : fmt.number(v, mode === 'm-score' ? 1 : 0));
    const step = 100 / colour.ramp.length;
    return html`<div class="legend" part="legend" role="group" aria-label=${tn('legend.label')}>
      <div class="legend-ramp">
        <span class="legend-title">${tn('legend.colour', { measure: tn(`colorBy.${mode}`) })}</span>
        <span class="ramp-row">
          <span class="ramp-end">${end(colour.domain[0])} <span class="visually-hidden">(${tn('legend.low')})</span></span>
          <svg class="ramp" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            ${colour.ramp.map((c, i) => svg`<rect x=${i * step} y="0" width=${step + 0.5} height="10" ${cssProps({ fill: c })}></rect>`)}
          </svg>
          <span class="ramp-end">${end(colour.domain[1])} <span class="visually-hidden">(${tn('legend.high')})</span></span>
        </span>
      </div>
      <span class="legend-key"><span class="key-empty" aria-hidden="true"></span>${tn('legend.empty')}</span>
      ${segment
        ? html`<span class="legend-key"><span class="key-outline" aria-hidden="true"></span>${tn('legend.segment')}</span>`
        : html`<span class="legend-key note">${tn('legend.noSegments')}</span>`}
    </div>`;
  }

  private renderDrill(table: Table<DrillRow>, cell: RfmGridCell, segment: ((x: number, y: number) => RfmSegment) | null) {
    const { fmt, tn } = this;
    const rows = table.getRowModel().rows;
    const filtered = this.drill.total;
    const { pageIndex, pageSize } = table.getState().pagination;
    const pages = Math.max(1, table.getPageCount());
    const from = filtered === 0 ? 0 : pageIndex * pageSize + 1;
    const to = Math.min(filtered, (pageIndex + 1) * pageSize);
    const query = (table.getState().globalFilter as string | undefined) ?? '';
    const name = this.cellName(cell.x, cell.y);
    const status = tn('pager.status', { page: fmt.number(pageIndex + 1), pages: fmt.number(pages), from: fmt.number(from), to: fmt.number(to), total: fmt.number(filtered) });
    const cols = table.getVisibleLeafColumns().length;
    return html`<section class="drill" part="drill" aria-labelledby="drill-title">
      <div class="drill-head">
        <p class="drill-title" id="drill-title" part="drill-title">
          ${tn('drill.title', {
            cell: name,
            segment: segment ? tn('summary.segment', { segment: this.segmentName(segment(cell.x, cell.y)) }) : '',
            customers: this.customersText(cell.count),
          })}
        </p>
        <button class="link-button" part="drill-close" @click=${this.closeDrill}>${tn('drill.close')}</button>
      </div>
      <label class="filter">
        <span>${tn('drill.filter')}</span>
        <input
          part="filter"
          type="search"
          placeholder=${tn('drill.filterHint')}
          .value=${query}
          @input=${(e: InputEvent) => this.drill.setFilter((e.target as HTMLInputElement).value)}
        />
      </label>
      <div class="table-wrap">
        <table part="drill-table">
          <caption class="visually-hidden">${tn('drill.caption', { cell: name, page: status })}</caption>
          <thead>
            <tr>
              ${table.getHeaderGroups()[0]!.headers.map((header) => this.renderHeader(header))}
            </tr>
          </thead>
          <tbody>
            ${rows.length === 0
              ? html`<tr>
                  <td colspan=${cols} class="no-rows">${query ? tn('drill.noMatch', { query }) : tn('drill.none')}</td>
                </tr>`
              : rows.map((row) => this.renderRow(row.original))}
          </tbody>
        </table>
      </div>
      <div class="pager" part="pager" role="group" aria-label=${tn('pager.label')}>
        <button class="link-button" data-page="previous" ?disabled=${!table.getCanPreviousPage()} @click=${() => table.previousPage()}>
          ${tn('pager.previous')}
        </button>
        <span class="pager-status" role="status">${status}</span>
        <button class="link-button" data-page="next" ?disabled=${!table.getCanNextPage()} @click=${() => table.nextPage()}>${tn('pager.next')}</button>
      </div>
    </section>`;
  }

  private renderHeader(header: Header<DrillRow, unknown>) {
    const column = header.column;
    const id = column.id as ColumnId;
    const sorted = column.getIsSorted();
    const numeric = id !== 'name' && id !== 'company' && id !== 'segment';
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
      <button class="sort" part="sort" data-column=${id} @click=${() => column.toggleSorting(undefined, false)}>
        ${this.tn(id === 'frequency' && this.rfmOptions.frequency === 'days' ? 'col.frequency.days' : `col.${id}`)}<span class="sort-mark" aria-hidden="true">${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderRow(row: DrillRow) {
    const { fmt, tn } = this;
    return html`<tr part="drill-row" data-customer=${row.customerId} @click=${() => this.selectCustomer(row.customerId)}>
      <th scope="row">
        <button class="customer" part="customer" @click=${(e: Event) => (e.stopPropagation(), this.selectCustomer(row.customerId))}>${row.name}</button>
      </th>
      <td>${row.company}</td>
      <td class="num">${fmt.daysAgo(row.recencyDays)}</td>
      <td class="num">${fmt.number(row.frequency)}</td>
      <td class="num">${fmt.currencyAmount(row.monetary)}</td>
      <td>${row.segmentLabel}</td>
      <td class="num">
        ${row.health === null || row.band === null
          ? fmt.number(null)
          : html`<span class="band band-${row.band}" aria-hidden="true"></span>${tn('health.value', { score: fmt.number(row.health), band: tn(`band.${row.band}`) })}`}
      </td>
    </tr>`;
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private async selectCell(x: number, y: number): Promise<void> {
    const cell = this.grid?.[(y - 1) * 5 + (x - 1)];
    if (!cell) return;
    this.active = { x, y };
    if (this.selected?.x !== x || this.selected?.y !== y) this.drill.reset();
    this.selected = { x, y };
    const { xAxis, yAxis } = this;
    // The ids are asked of the engine on the click: the paint answer holds counts, not customers.
    const { customerIds } = await this.loader.ask('rfm-members', { ...this.rfmOptions, x: xAxis, y: yAxis, cell: { x, y } });
    emit(this, new CrmSelectEvent({ kind: 'cell', x, y, xAxis, yAxis, count: cell.count, customerIds }));
  }

  private selectCustomer(customerId: string): void {
    emit(this, new CrmSelectEvent({ kind: 'customer', customerId }));
  }

  private readonly closeDrill = async () => {
    const at = this.selected;
    this.selected = null;
    this.drill.reset();
    await this.updateComplete;
    if (at) this.cellElement(at)?.focus();
  };

  private cellElement(p: Point): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="cell"][data-x="${p.x}"][data-y="${p.y}"]`);
  }

  private async onCellKey(e: KeyboardEvent, cell: RfmGridCell): Promise<void> {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.selectCell(cell.x, cell.y);
      return;
    }
    if (e.key === 'Escape' && this.selected) {
      e.preventDefault();
      void this.closeDrill();
      return;
    }
    const moves: Record<string, Point> = {
      ArrowLeft: { x: cell.x - 1, y: cell.y },
      ArrowRight: { x: cell.x + 1, y: cell.y },
      // Score 5 is the top row.
      ArrowUp: { x: cell.x, y: cell.y + 1 },
      ArrowDown: { x: cell.x, y: cell.y - 1 },
      Home: { x: 1, y: cell.y },
      End: { x: 5, y: cell.y },
    };
    const next = moves[e.key];
    if (!next) return;
    e.preventDefault();
    this.active = { x: Math.min(5, Math.max(1, next.x)), y: Math.min(5, Math.max(1, next.y)) };
    await this.updateComplete;
    this.cellElement(this.active)?.focus();
  }
}
