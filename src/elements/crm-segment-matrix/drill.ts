import { nothing, type ReactiveControllerHost } from 'lit';
import { createTranslator, type Formatter, type Locale } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import type { DataController } from '../base/data-controller.js';
import { drillColumns } from './drill-columns.js';
import type { DrillRow } from './drill-rows.js';
import { drillTemplate, type DrillActions } from './drill-template.js';
import { matrixMessages } from './messages.js';
import { TableController } from './table-controller.js';
import { drillQuery, drillWords, type GridCell, type MatrixViewOptions } from './view-model.js';

/** What the drill-down needs of the matrix at each update. */
export interface DrillContext {
  loader: DataController;
  options: MatrixViewOptions;
  locale: Locale;
  fmt: Formatter;
}

/**
 * The drill-down of the open cell: the table state (TanStack table-core, fetched when a cell first
 * opens), the engine's page for that state, and its template. The matrix says which cell is open.
 */
export class MatrixDrill {
  private readonly table: TableController<DrillRow>;
  private collator = new Intl.Collator('en');

  constructor(
    host: ReactiveControllerHost,
    private readonly context: () => DrillContext,
  ) {
    this.table = new TableController<DrillRow>(host, { columns: drillColumns(), pageSize: 10 });
  }

  /** While table-core is on its way: what the matrix's updateComplete waits for. */
  get pending(): Promise<void> | undefined {
    return this.table.pending;
  }

  /** Clear sorting, search and the page shown (the drill-down closed, or another cell opened). */
  reset(): void {
    this.table.reset();
  }

  search(text: string): void {
    this.table.setFilter(text);
  }

  /** Before each render: the page size, and the engine's page for the open cell (the last one stays while the next is on its way). */
  update(open: { x: number; y: number } | null, pageSize: number): void {
    const { loader, options, locale } = this.context();
    if (this.collator.resolvedOptions().locale !== locale) this.collator = new Intl.Collator(locale);
    this.table.setPageSize(Math.max(1, Math.floor(pageSize) || 10));
    if (!open || loader.status !== 'complete') return;
    const { sorting, globalFilter, pagination } = this.table.getState();
    const state = { sorting, search: String(globalFilter ?? ''), offset: pagination.pageIndex * pagination.pageSize, limit: pagination.pageSize };
    const page = loader.lookup('rfm-page', drillQuery(options, open, state, locale, this.collator));
    if (page) this.table.setPage(page.rows.map((row) => ({ ...row, segmentLabel: segmentLabel(row.segment, locale) })), page.total);
  }

  /** The open cell's customers, once table-core is there (asked for here the first time). */
  render(cell: GridCell, actions: DrillActions) {
    const table = this.table.table;
    if (!table) return (void this.table.load(), nothing);
    const { options, locale, fmt } = this.context();
    const { pageIndex, pageSize } = table.getState().pagination;
    const page = { index: pageIndex, size: pageSize, pages: Math.max(1, table.getPageCount()), total: this.table.total };
    const words = drillWords(cell, options, page, locale, fmt);
    return drillTemplate({ table, words, tn: createTranslator(locale, matrixMessages), locale, fmt }, actions);
  }
}
