import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createTable,
  functionalUpdate,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type ColumnDef,
  type FilterFn,
  type Table,
  type TableState,
  type Updater,
} from '@tanstack/table-core';

export interface TableControllerOptions<Row> {
  // Columns of mixed value types: table-core's own adapters type them this way too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  pageSize: number;
  /** How the text filter matches a row (the one global filter of the table). */
  matches: (row: Row, query: string) => boolean;
}

/**
 * The thin adapter between @tanstack/table-core and a Lit host: it owns the table state
 * (sorting, text filter, pagination) and asks the host to render when it changes.
 * The host renders `table.getRowModel().rows`, i.e. only the current page.
 */
export class TableController<Row> implements ReactiveController {
  readonly table: Table<Row>;
  private state: TableState;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: TableControllerOptions<Row>,
  ) {
    host.addController(this);
    const globalFilterFn: FilterFn<Row> = (row, _columnId, query: string) => options.matches(row.original, query);
    this.table = createTable<Row>({
      data: [],
      columns: options.columns,
      state: {},
      onStateChange: () => undefined,
      renderFallbackValue: null,
      getCoreRowModel: getCoreRowModel(),
      getSortedRowModel: getSortedRowModel(),
      getFilteredRowModel: getFilteredRowModel(),
      getPaginationRowModel: getPaginationRowModel(),
      globalFilterFn,
      // The filter looks at a row once (its search text), not once per column.
      getColumnCanGlobalFilter: (column) => column.getIndex() === 0,
      // Page resets are explicit (new data, new filter), so no state change is queued during a render.
      autoResetPageIndex: false,
    });
    this.state = { ...this.table.initialState, pagination: { pageIndex: 0, pageSize: options.pageSize } };
    this.table.setOptions((prev) => ({ ...prev, state: this.state, onStateChange: (updater) => this.update(updater) }));
  }

  hostConnected(): void {}

  /** Show other rows (another cell); back to the first page, sorting and filter kept. Does not request an update. */
  setData(data: Row[]): void {
    if (data === this.table.options.data) return;
    this.state = { ...this.state, pagination: { ...this.state.pagination, pageIndex: 0 } };
    this.table.setOptions((prev) => ({ ...prev, data, state: this.state }));
  }

  setFilter(query: string): void {
    this.update((s) => ({ ...s, globalFilter: query, pagination: { ...s.pagination, pageIndex: 0 } }));
  }

  setPageSize(pageSize: number): void {
    if (pageSize === this.state.pagination.pageSize) return;
    this.state = { ...this.state, pagination: { pageIndex: 0, pageSize } };
    this.table.setOptions((prev) => ({ ...prev, state: this.state }));
  }

  /** Clear sorting and filter, e.g. when the drill-down closes. */
  reset(): void {
    this.state = { ...this.state, sorting: [], globalFilter: undefined, pagination: { ...this.state.pagination, pageIndex: 0 } };
    this.table.setOptions((prev) => ({ ...prev, state: this.state }));
  }

  private update(updater: Updater<TableState>): void {
    this.state = functionalUpdate(updater, this.state);
    this.table.setOptions((prev) => ({ ...prev, state: this.state }));
    this.host.requestUpdate();
  }
}
