import { html, nothing, svg, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Header, Table } from '@tanstack/table-core';
import type { Translate } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import type { ResultOf } from '../../contract/query.js';
import { RFM_SEGMENTS } from '../../metrics/types.js';
import type { RfmAxis, RfmOptions, RfmSegment } from '../../metrics/index.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { cssProps } from '../base/css-props.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { rfmOptionsOf, rfmProperties, type RfmAttributes } from '../base/rfm-attributes.js';
import type { ExportFigure } from '../base/figure.js';
import { matrixFigure } from './export-figure.js';
import { cellColour, COLOR_BY, type ColorBy } from './colour-scale.js';
import { drillColumns, type ColumnId } from './drill-columns.js';
import type { DrillRow } from './drill-rows.js';
import { cellBox, SCORES } from './matrix-geometry.js';
import { matrixMessages, type MatrixKey } from './messages.js';
import { matrixStyles } from './styles.js';
import { TableController } from './table-controller.js';
import { drillRowView, drillWords, matrixSubtitle, matrixView, type CellView, type DrillRowView, type Grid, type GridCell, type MatrixReadyView, type MatrixView, type MatrixViewOptions } from './view-model.js';

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

  /**
   * The same grid over the period before the source's time filter (docs/metrics.md), asked without
   * holding the view, as the funnel does: the matrix has no period of its own; undefined without a time filter.
   */
  private get previousRfm(): Grid | undefined {
    return this.loader.lookup('rfm-grid', { ...this.rfmOptions, x: this.xAxis, y: this.yAxis }, 'previous-period');
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
      ...(text ? { search: { text, segments: RFM_SEGMENTS.filter((s) => segmentLabel(s, this.resolvedLocale).toLowerCase().includes(text)) } } : {}),
      offset: pagination.pageIndex * pagination.pageSize,
      limit: pagination.pageSize,
    });
  }

  /** Segments in the order their names sort in the page's language. */
  private segmentOrder(): RfmSegment[] {
    return [...RFM_SEGMENTS].sort((a, b) => this.collator.compare(segmentLabel(a, this.resolvedLocale), segmentLabel(b, this.resolvedLocale)));
  }

  private get tn(): Translate<MatrixKey> {
    return this.translator(matrixMessages);
  }

  protected defaultLabel(): string {
    return this.tn('title');
  }

  protected override subtitleParts(): string[] {
    return matrixSubtitle(this.loader.filters, this.loader.value?.info ?? null, this.resolvedLocale, this.fmt);
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
    if (page) this.drill.setPage(page.rows.map((row) => ({ ...row, segmentLabel: segmentLabel(row.segment, this.resolvedLocale) })), page.total);
  }

  private selectedCell(): GridCell | undefined {
    const s = this.selected;
    return s ? this.grid?.[(s.y - 1) * 5 + (s.x - 1)] : undefined;
  }

  private get viewOptions(): MatrixViewOptions {
    return { xAxis: this.xAxis, yAxis: this.yAxis, colorBy: this.colorMode, rfm: this.rfmOptions };
  }

  private get view(): MatrixView {
    return matrixView(this.rfm, this.loader.value?.info ?? null, this.viewOptions, this.resolvedLocale, this.fmt, this.previousRfm);
  }

  // ------------------------------------------------------------ views

  protected renderSkeleton() {
    // The grid's shape: 25 quiet tiles where the cells will be, so nothing jumps when data arrives.
    return html`<div class="layout" part="layout">
      <div class="matrix-column">
        <div class="matrix skeleton-matrix" aria-hidden="true">
          <div class="plot">
            <div class="grid">
              ${SCORES.flatMap((y) =>
                SCORES.map((x) => {
                  const box = cellBox(x, y);
                  return html`<span class="cell skeleton" part="skeleton" ${cssProps({ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` })}></span>`;
                }),
              )}
            </div>
          </div>
        </div>
        <span class="skeleton skeleton-legend" part="skeleton"></span>
      </div>
    </div>`;
  }

  protected renderView(): WidgetView {
    const view = this.view;
    if (view.kind === 'empty') return view;
    const open = this.selectedCell();
    return {
      kind: 'ready',
      body: html`<div class="layout ${open ? 'with-drill' : ''}" part="layout">
        <div class="matrix-column">${this.renderMatrix(view)} ${this.renderLegend(view)} ${this.renderMigration()}</div>
        ${open ? (this.drill.table ? this.renderDrill(this.drill.table, open) : (void this.drill.load(), nothing)) : nothing}
      </div>`,
      summary: view.summary,
      table: view.table,
      notes: view.notes,
    };
  }

  /** Where customers moved between segments over `migration-days`, asked without holding the view. */
  private renderMigration() {
    const days = this.migrationDays;
    if (!days || !(days > 0)) return nothing;
    const migration = this.loader.lookup('rfm-migration', { ...this.rfmOptions, days: Math.round(days) });
    if (!migration) return nothing;
    const { fmt, tn } = this;
    const name = (segment: RfmSegment | null) => (segment ? segmentLabel(segment, this.resolvedLocale) : tn('migration.unscored'));
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

  private renderMatrix(view: MatrixReadyView) {
    const narrow = this.sizeClass === 'narrow';
    return html`<div class="matrix" part="matrix">
      <div class="y-title" part="axis" lang=${this.resolvedLocale} aria-hidden="true">${view.yTitle}</div>
      <div class="y-ticks" aria-hidden="true">${view.ticks.map((t) => html`<span class="tick" part="tick" ${cssProps({ top: `${t.y}%` })}>${t.score}</span>`)}</div>
      <div class="plot">
        <div class="grid" part="grid" role="grid" aria-label=${view.gridLabel} aria-describedby="grid-hint">
          ${view.rows.map((row) => html`<div class="row" role="row">${row.map((cell) => this.renderCell(cell, narrow))}</div>`)}
        </div>
        ${view.outline
          ? html`<svg class="outlines" part="outlines" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">${svg`<path d=${view.outline}></path>`}</svg>`
          : nothing}
      </div>
      <div class="x-ticks" aria-hidden="true">${view.ticks.map((t) => html`<span class="tick" part="tick" ${cssProps({ left: `${t.x}%` })}>${t.score}</span>`)}</div>
      <div class="x-title" part="axis" aria-hidden="true">${view.xTitle} → <span class="hint">${view.xHint}</span></div>
      <p id="grid-hint" class="visually-hidden">${this.tn('grid.hint')}</p>
    </div>`;
  }

  private renderCell(cell: CellView, narrow: boolean) {
    const isActive = this.active.x === cell.x && this.active.y === cell.y;
    const isSelected = this.selected?.x === cell.x && this.selected?.y === cell.y;
    const parts = ['cell', cell.empty ? 'empty' : '', isSelected ? 'selected' : ''].filter(Boolean).join(' ');
    // The name comes from a hidden sentence in the cell (not aria-label), so the visible
    // count and share are part of the content the name is computed from.
    return html`<div
      class="cell ${cell.empty ? 'empty' : ''} ${cell.strong ? 'strong' : ''}"
      part=${parts}
      role="gridcell"
      data-x=${cell.x}
      data-y=${cell.y}
      tabindex=${isActive ? 0 : -1}
      aria-selected=${isSelected ? 'true' : 'false'}
      ${cssProps({
        left: `${cell.box.left}%`,
        top: `${cell.box.top}%`,
        width: `${cell.box.width}%`,
        height: `${cell.box.height}%`,
        // An empty value removes the property, so an empty cell falls back to its CSS.
        'background-color': cell.fill ?? '',
      })}
      @click=${() => this.selectCell(cell.x, cell.y)}
      @keydown=${(e: KeyboardEvent) => this.onCellKey(e, cell)}
      @focus=${(e: FocusEvent) => this.showTip(e.currentTarget as Element, cell.label)}
      @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, cell.label)}
      @blur=${this.hideTip}
      @pointerleave=${this.hideTip}
    >
      <span class="cell-label visually-hidden">${cell.label}</span>
      ${cell.segmentName && !narrow ? html`<span class="segment-label" part="segment-label" aria-hidden="true">${cell.segmentName}</span>` : nothing}
      <span class="readout" aria-hidden="true">
        <span class="count" part="cell-count">${cell.count}</span>
        <span class="share" part="cell-share">${cell.share}</span>
      </span>
    </div>`;
  }

  /** The cells in their colours with counts, the segment boundaries and a legend of the ramp, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const grid = this.rfm;
    const view = this.view;
    if (!grid || view.kind !== 'ready') return null;
    const colour = cellColour(this.colorMode, grid.cells);
    return matrixFigure(grid.cells, (cell) => colour.fill(cell), view.outline, { xTitle: `${view.xTitle} → ${view.xHint}`, yTitle: view.yTitle, cells: view.figure.cells }, view.figure.legend);
  }

  private renderLegend({ legend }: MatrixReadyView) {
    const step = 100 / legend.ramp.length;
    return html`<div class="legend" part="legend" role="group" aria-label=${this.tn('legend.label')}>
      <div class="legend-ramp">
        <span class="legend-title">${legend.title}</span>
        <span class="ramp-row">
          <span class="ramp-end">${legend.low} <span class="visually-hidden">(${legend.lowHint})</span></span>
          <svg class="ramp" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            ${legend.ramp.map((c, i) => svg`<rect x=${i * step} y="0" width=${step + 0.5} height="10" ${cssProps({ fill: c })}></rect>`)}
          </svg>
          <span class="ramp-end">${legend.high} <span class="visually-hidden">(${legend.highHint})</span></span>
        </span>
      </div>
      <span class="legend-key"><span class="key-empty" aria-hidden="true"></span>${legend.empty}</span>
      ${legend.segments
        ? html`<span class="legend-key"><span class="key-outline" aria-hidden="true"></span>${legend.segments}</span>`
        : html`<span class="legend-key note">${legend.noSegments}</span>`}
    </div>`;
  }

  private renderDrill(table: Table<DrillRow>, cell: GridCell) {
    const tn = this.tn;
    const rows = table.getRowModel().rows;
    const { pageIndex, pageSize } = table.getState().pagination;
    const words = drillWords(cell, this.viewOptions, { index: pageIndex, size: pageSize, pages: Math.max(1, table.getPageCount()), total: this.drill.total }, this.resolvedLocale, this.fmt);
    const query = (table.getState().globalFilter as string | undefined) ?? '';
    return html`<section class="drill" part="drill" aria-labelledby="drill-title">
      <div class="drill-head">
        <p class="drill-title" id="drill-title" part="drill-title">${words.title}</p>
        <button class="link-button" part="drill-close" @click=${this.closeDrill}>${tn('drill.close')}</button>
      </div>
      <label class="filter">
        <span>${tn('drill.filter')}</span>
        <input part="filter" type="search" placeholder=${tn('drill.filterHint')} .value=${query} @input=${(e: InputEvent) => this.drill.setFilter((e.target as HTMLInputElement).value)} />
      </label>
      <div class="table-wrap">
        <table part="drill-table">
          <caption class="visually-hidden">${words.caption}</caption>
          <thead>
            <tr>
              ${table.getHeaderGroups()[0]!.headers.map((header) => this.renderHeader(header, words.header(header.column.id as ColumnId)))}
            </tr>
          </thead>
          <tbody>
            ${rows.length === 0
              ? html`<tr><td colspan=${table.getVisibleLeafColumns().length} class="no-rows">${query ? tn('drill.noMatch', { query }) : tn('drill.none')}</td></tr>`
              : rows.map((row) => this.renderRow(drillRowView(row.original, this.resolvedLocale, this.fmt)))}
          </tbody>
        </table>
      </div>
      <div class="pager" part="pager" role="group" aria-label=${tn('pager.label')}>
        <button class="link-button" data-page="previous" ?disabled=${!table.getCanPreviousPage()} @click=${() => table.previousPage()}>${tn('pager.previous')}</button>
        <span class="pager-status" role="status">${words.status}</span>
        <button class="link-button" data-page="next" ?disabled=${!table.getCanNextPage()} @click=${() => table.nextPage()}>${tn('pager.next')}</button>
      </div>
    </section>`;
  }

  private renderHeader(header: Header<DrillRow, unknown>, label: string) {
    const column = header.column;
    const id = column.id as ColumnId;
    const sorted = column.getIsSorted();
    const numeric = id !== 'name' && id !== 'company' && id !== 'segment';
    return html`<th scope="col" class="${numeric ? 'num' : ''} col-${id}" aria-sort=${sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
      <button class="sort" part="sort" data-column=${id} @click=${() => column.toggleSorting(undefined, false)}>
        ${label}<span class="sort-mark" aria-hidden="true">${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderRow(row: DrillRowView) {
    return html`<tr part="drill-row" data-customer=${row.customerId} @click=${() => this.selectCustomer(row.customerId)}>
      <th scope="row" class="col-name">
        <button class="customer" part="customer" @click=${(e: Event) => (e.stopPropagation(), this.selectCustomer(row.customerId))}>${row.name}</button>
      </th>
      <td class="col-company">${row.company}</td>
      <td class="num col-recency">${row.recency}</td>
      <td class="num col-frequency">${row.frequency}</td>
      <td class="num col-monetary">${row.monetary}</td>
      <td class="col-segment">${row.segment}</td>
      <td class="num col-health">${row.band ? html`<span class="band band-${row.band}" aria-hidden="true"></span>` : nothing}${row.health}</td>
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

  private async onCellKey(e: KeyboardEvent, cell: { x: number; y: number }): Promise<void> {
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
