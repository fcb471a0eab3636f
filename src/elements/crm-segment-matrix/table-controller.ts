import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createTable, functionalUpdate, getCoreRowModel, type ColumnDef, type Table, type TableState, type Updater } from '@tanstack/table-core';

export interface TableControllerOptions<Row> {
  // Columns of mixed value types: table-core's own adapters type them this way too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  pageSize: number;
}

/**
 * The thin adapter between @tanstack/table-core and a Lit host: it owns the table state
 * (sorting, text search, pagination) and asks the host to render when it changes. Sorting,
 * searching and paging are done by the data engine (table-core in manual mode): the table
 * holds one page, the host asks the engine for the page its state names.
 */
export class TableController<Row> implements ReactiveController {
  readonly table: Table<Row>;
  private state: TableState;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: TableControllerOptions<Row>,
  ) {
    host.addController(this);
    this.table = createTable<Row>({
      data: [],
      columns: options.columns,
      state: {},
      onStateChange: () => undefined,
      renderFallbackValue: null,
      getCoreRowModel: getCoreRowModel(),
      manualSorting: true,
      manualFiltering: true,
      manualPagination: true,
      rowCount: 0,
      // Page resets are explicit (new cell, new search), so no state change is queued during a render.
      autoResetPageIndex: false,
    });
    this.state = { ...this.table.initialState, pagination: { pageIndex: 0, pageSize: options.pageSize } };
    this.table.setOptions((prev) => ({ ...prev, state: this.state, onStateChange: (updater) => this.update(updater) }));
  }

  hostConnected(): void {}

  /** The page the engine answered, and how many rows match in all. Does not request an update. */
  setPage(rows: Row[], total: number): void {
    if (rows === this.table.options.data) return;
    this.table.setOptions((prev) => ({ ...prev, data: rows, rowCount: total, state: this.state }));
  }

  /** Rows that match, over every page. */
  get total(): number {
    return this.table.options.rowCount ?? 0;
  }

  setFilter(query: string): void {
    this.update((s) => ({ ...s, globalFilter: query, pagination: { ...s.pagination, pageIndex: 0 } }));
  }

  setPageSize(pageSize: number): void {
    if (pageSize === this.state.pagination.pageSize) return;
    this.state = { ...this.state, pagination: { pageIndex: 0, pageSize } };
    this.table.setOptions((prev) => ({ ...prev, state: this.state }));
  }

  /** Clear sorting and search and the page shown, e.g. when the drill-down closes or another cell opens. */
  reset(): void {
    this.state = { ...this.state, sorting: [], globalFilter: undefined, pagination: { ...this.state.pagination, pageIndex: 0 } };
    this.table.setOptions((prev) => ({ ...prev, data: [], rowCount: 0, state: this.state }));
  }

  private update(updater: Updater<TableState>): void {
    this.state = functionalUpdate(updater, this.state);
    this.table.setOptions((prev) => ({ ...prev, state: this.state }));
    this.host.requestUpdate();
  }
}
