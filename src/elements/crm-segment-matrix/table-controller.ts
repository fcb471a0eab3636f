import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ColumnDef, Table, TableState, Updater } from '@tanstack/table-core';

export interface TableControllerOptions<Row> {
  // Columns of mixed value types: table-core's own adapters type them this way too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  pageSize: number;
}

type TableCore = typeof import('./table-core.js');

/**
 * The thin adapter between @tanstack/table-core and a Lit host: it owns the table state
 * (sorting, text search, pagination) and asks the host to render when it changes. Sorting,
 * searching and paging are done by the data engine (table-core in manual mode): the table
 * holds one page, the host asks the engine for the page its state names.
 *
 * table-core (13 KB gzip) is not part of what the page downloads before the matrix is drawn:
 * `load()` fetches it when a drill-down first opens; until then `table` is undefined and the
 * state, page and total live here.
 */
export class TableController<Row> implements ReactiveController {
  table?: Table<Row>;
  /** While table-core is on its way: what the host's updateComplete waits for. */
  pending?: Promise<void>;
  private state: TableState;
  private rows: Row[] = [];
  private rowCount = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TableControllerOptions<Row>,
  ) {
    host.addController(this);
    // table-core's initial state for the features a core-only table has, as createTable would set it.
    this.state = {
      sorting: [],
      globalFilter: undefined,
      pagination: { pageIndex: 0, pageSize: options.pageSize },
    } as unknown as TableState;
  }

  hostConnected(): void {}

  /** Fetch table-core and build the table (once); the host renders again when it is there. */
  load(): Promise<void> {
    this.pending ??= import('./table-core.js').then((core) => {
      this.create(core);
      this.pending = undefined;
      this.host.requestUpdate();
    });
    return this.pending;
  }

  private create(core: TableCore): void {
    const table = core.createTable<Row>({
      data: this.rows,
      columns: this.options.columns,
      state: {},
      onStateChange: () => undefined,
      renderFallbackValue: null,
      getCoreRowModel: core.getCoreRowModel(),
      manualSorting: true,
      manualFiltering: true,
      manualPagination: true,
      rowCount: this.rowCount,
      // Page resets are explicit (new cell, new search), so no state change is queued during a render.
      autoResetPageIndex: false,
    });
    this.state = { ...table.initialState, ...this.state };
    table.setOptions((prev) => ({ ...prev, state: this.state, onStateChange: (updater) => this.update(updater, core.functionalUpdate) }));
    this.table = table;
  }

  /** Sorting, search and page, whether or not table-core has arrived. */
  getState(): TableState {
    return this.state;
  }

  /** The page the engine answered, and how many rows match in all. Does not request an update. */
  setPage(rows: Row[], total: number): void {
    if (rows === this.rows) return;
    this.rows = rows;
    this.rowCount = total;
    this.table?.setOptions((prev) => ({ ...prev, data: rows, rowCount: total, state: this.state }));
  }

  /** Rows that match, over every page. */
  get total(): number {
    return this.rowCount;
  }

  setFilter(query: string): void {
    this.change({ ...this.state, globalFilter: query, pagination: { ...this.state.pagination, pageIndex: 0 } });
    this.host.requestUpdate();
  }

  setPageSize(pageSize: number): void {
    if (pageSize === this.state.pagination.pageSize) return;
    this.change({ ...this.state, pagination: { pageIndex: 0, pageSize } });
  }

  /** Clear sorting and search and the page shown, e.g. when the drill-down closes or another cell opens. */
  reset(): void {
    this.rows = [];
    this.rowCount = 0;
    this.state = { ...this.state, sorting: [], globalFilter: undefined, pagination: { ...this.state.pagination, pageIndex: 0 } };
    this.table?.setOptions((prev) => ({ ...prev, data: [], rowCount: 0, state: this.state }));
  }

  private change(state: TableState): void {
    this.state = state;
    this.table?.setOptions((prev) => ({ ...prev, state: this.state }));
  }

  private update(updater: Updater<TableState>, functionalUpdate: TableCore['functionalUpdate']): void {
    this.change(functionalUpdate(updater, this.state));
    this.host.requestUpdate();
  }
}
