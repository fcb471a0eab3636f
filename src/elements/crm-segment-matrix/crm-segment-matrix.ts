import { nothing, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { RfmAxis, RfmOptions } from '../../metrics/index.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { rfmOptionsOf, rfmProperties, type RfmAttributes } from '../base/rfm-attributes.js';
import type { ExportFigure } from '../base/figure.js';
import { matrixExport } from './export-figure.js';
import { CellFocus, type Point } from './cell-focus.js';
import { COLOR_BY, type ColorBy } from './colour-scale.js';
import { MatrixDrill } from './drill.js';
import type { DrillActions } from './drill-template.js';
import { legendTemplate, matrixTemplate, migrationTemplate, skeletonTemplate, type CellActions } from './matrix-template.js';
import { matrixMessages } from './messages.js';
import { matrixStyles } from './styles.js';
import { axisOf, matrixSubtitle, matrixView, migrationView, type Grid, type GridCell, type MatrixView, type MatrixViewOptions } from './view-model.js';

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

  /** The tab stop and the open cell. */
  private readonly cells = new CellFocus(this, { open: (at) => void this.openCell(at), closed: () => this.drill.reset() });

  private readonly drill = new MatrixDrill(this, () => ({ loader: this.loader, options: this.viewOptions, locale: this.resolvedLocale, fmt: this.fmt }));

  constructor() {
    super();
    this.x = 'r';
    this.y = 'f';
    this.colorBy = 'm-score';
    this.pageSize = 10;
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

  private get tn() {
    return this.translator(matrixMessages);
  }

  protected defaultLabel(): string {
    return this.tn('title');
  }

  protected override subtitleParts(): string[] {
    return matrixSubtitle(this.loader.filters, this.loader.value?.info ?? null, this.resolvedLocale, this.fmt);
  }

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
    if ((changed.has('x') && changed.get('x') !== undefined) || (changed.has('y') && changed.get('y') !== undefined)) this.cells.forget();
    this.drill.update(this.cells.open, this.pageSize);
  }

  private get viewOptions(): MatrixViewOptions {
    return { xAxis: this.xAxis, yAxis: this.yAxis, colorBy: this.colorMode, rfm: this.rfmOptions };
  }

  /**
   * The view, with each cell's change against the same grid over the period before the source's time
   * filter (docs/metrics.md), asked without holding the view as the funnel does (no time filter: none).
   */
  private get view(): MatrixView {
    const previous = this.loader.lookup('rfm-grid', { ...this.rfmOptions, x: this.xAxis, y: this.yAxis }, 'previous-period');
    return matrixView(this.rfm, this.loader.value?.info ?? null, this.viewOptions, this.resolvedLocale, this.fmt, previous);
  }

  // ------------------------------------------------------------ views

  protected renderSkeleton() {
    return skeletonTemplate();
  }

  protected renderView(): WidgetView {
    const view = this.view;
    if (view.kind === 'empty') return view;
    const at = this.cells.open;
    const open = at ? this.grid?.[(at.y - 1) * 5 + (at.x - 1)] : undefined;
    const state = { active: this.cells.active, selected: at, narrow: this.sizeClass === 'narrow', hint: this.tn('grid.hint'), locale: this.resolvedLocale };
    return {
      kind: 'ready',
      body: html`<div class="layout ${open ? 'with-drill' : ''}" part="layout">
        <div class="matrix-column">${matrixTemplate(view, state, this.cellActions)} ${legendTemplate(view, this.tn('legend.label'))} ${this.renderMigration()}</div>
        ${open ? this.drill.render(open, this.drillActions) : nothing}
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
    return migration ? migrationTemplate(migrationView(migration, this.resolvedLocale, this.fmt)) : nothing;
  }

  protected override exportFigure(): ExportFigure | null {
    return matrixExport(this.rfm, this.view, this.colorMode);
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private readonly cellActions: CellActions = {
    select: (x, y) => void this.openCell({ x, y }),
    key: (e, cell) => void this.cells.onKey(e, cell),
    showTip: (target, text) => this.showTip(target, text),
    hideTip: () => this.hideTip(),
  };

  private readonly drillActions: DrillActions = {
    close: () => void this.cells.close(),
    search: (text) => this.drill.search(text),
    selectCustomer: (customerId) => emit(this, new CrmSelectEvent({ kind: 'customer', customerId })),
  };

  /** Open a cell's drill-down and report the pick with the cell's customers. */
  private async openCell({ x, y }: Point): Promise<void> {
    const cell = this.grid?.[(y - 1) * 5 + (x - 1)];
    if (!cell) return;
    if (this.cells.openAt({ x, y })) this.drill.reset();
    const { xAxis, yAxis } = this;
    // The ids are asked of the engine on the click: the paint answer holds counts, not customers.
    const { customerIds } = await this.loader.ask('rfm-members', { ...this.rfmOptions, x: xAxis, y: yAxis, cell: { x, y } });
    emit(this, new CrmSelectEvent({ kind: 'cell', x, y, xAxis, yAxis, count: cell.count, customerIds }));
  }
}
