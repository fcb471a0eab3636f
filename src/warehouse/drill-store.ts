import { rfmOptionsSchema, type QueryFilters, type QueryOf } from '../contract/query.js';
import { stableKey } from '../data/stable-key.js';
import type { Warehouse } from './answer.js';
import type { DrillRow } from '../metrics/drill-page.js';
import { DRILL_COLUMNS, DRILL_ORDER, drillRowsOf, drillRowsSql } from './customer.js';
import { num, type ScopeContext } from './sql.js';

type PageOptions = QueryOf<'rfm-page'>['options'];

const RFM_OPTION_KEYS = Object.keys(rfmOptionsSchema.def.shape) as (keyof typeof rfmOptionsSchema.def.shape)[];

interface Entry {
  scope: string;
  /** The scope's dataset as `crm_datasets` describes it when the rows were stored. */
  dataset: string;
  table: Promise<string>;
  /** The cells read from the table lately, with health computed: a page of one of them is only a sort and a slice. */
  cells: Map<string, Promise<readonly DrillRow[]>>;
}

/** Cells kept in memory per stored table: the one being paged through, and a few the user came from. */
const CELLS_KEPT = 4;

/**
 * The drill-down rows of every scored customer, stored once per (scope, dataset, RFM options,
 * filters) in a temporary table, so a page of any cell — another sort, search, offset or cell — is a
 * read of that table instead of ranking every customer again (docs/scale.md, "Drill-down pages").
 * The table is made by the same statement that answers one cell from scratch (`drillRowsSql`), so
 * the scores have one definition. The dataset part of the key is the scope's `crm_datasets` row
 * (asOf, currency, stages, collections): a loader that changes a scope's rows rewrites that row,
 * and the next page of the scope drops the tables of its previous data. The rows of the cells read
 * last are also kept in memory with their health computed, since turning them into JavaScript
 * values costs more than the read itself (≈ 1 s for a 90k-customer cell): the next page of the same
 * cell (another sort, search or offset) is then `drillRowsPage` alone.
 */
export class DrillStore {
  private readonly entries = new Map<string, Entry>();
  private made = 0;
  /** Tables built, cells read from one, pages answered from a cell kept in memory (what the tests and the bench read). */
  readonly stats = { builds: 0, reads: 0, memory: 0 };

  constructor(
    private readonly db: Warehouse,
    /** Tables kept at most (the least recently used goes): each holds a row per scored customer, ≈ 0.3 GB at 1M in DuckDB. */
    private readonly keep = 2,
  ) {}

  /** One cell's drill-down rows in the engine's customer order (before search, sort and slice), as `rfmPageResult` makes them. */
  async cellRows(scopeCtx: ScopeContext, ctx: ScopeContext, options: PageOptions, filters: QueryFilters | undefined, retried = false): Promise<readonly DrillRow[]> {
    const dataset = stableKey({ asOf: scopeCtx.asOf, currency: scopeCtx.currency, stages: scopeCtx.stages, present: [...scopeCtx.present].sort() });
    // The axes, cell, sort, search and slice are applied to the stored rows: only the scoring options key them.
    const rfm = Object.fromEntries(RFM_OPTION_KEYS.map((name) => [name, options[name]]));
    const key = stableKey({ scope: scopeCtx.scope, dataset, rfm, filters: filters ?? null });
    for (const [other, entry] of this.entries) if (entry.scope === scopeCtx.scope && entry.dataset !== dataset) this.drop(other);
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else {
      entry = { scope: scopeCtx.scope, dataset, table: this.build(ctx, options), cells: new Map() };
      const built = entry;
      built.table.catch(() => {
        if (this.entries.get(key) === built) this.entries.delete(key);
      });
    }
    // Most recently used last.
    this.entries.set(key, entry);
    while (this.entries.size > this.keep) void this.drop(this.entries.keys().next().value!);
    const cellKey = `${options.x}${options.cell.x}${options.y}${options.cell.y}`;
    let cell = entry.cells.get(cellKey);
    if (cell) {
      entry.cells.delete(cellKey);
      this.stats.memory++;
    } else {
      cell = this.readCell(entry, ctx, options);
      const read = cell;
      read.catch(() => {
        if (entry.cells.get(cellKey) === read) entry.cells.delete(cellKey);
      });
    }
    entry.cells.set(cellKey, cell);
    while (entry.cells.size > CELLS_KEPT) entry.cells.delete(entry.cells.keys().next().value!);
    try {
      return await cell;
    } catch (error) {
      // The table went between its build and this read (dropped for newer data or more keys than kept, or its
      // PostgreSQL session was lost): store it again, once.
      if (retried) throw error;
      if (this.entries.get(key) === entry) await this.drop(key);
      return this.cellRows(scopeCtx, ctx, options, filters, true);
    }
  }

  private async readCell(entry: Entry, ctx: ScopeContext, options: PageOptions): Promise<readonly DrillRow[]> {
    const table = await entry.table;
    const rows = await this.session.all(`SELECT ${DRILL_COLUMNS} FROM ${table} WHERE ${options.x} = ${num(options.cell.x)} AND ${options.y} = ${num(options.cell.y)} ${DRILL_ORDER}`, []);
    this.stats.reads++;
    // Shared by the pages of the cell: frozen, so a caller cannot change what the next page shows.
    return Object.freeze(drillRowsOf(ctx, rows).map((row) => Object.freeze(row)));
  }

  /** Temporary tables live in one database session. */
  private get session(): Pick<Warehouse, 'all'> {
    return this.db.session ?? this.db;
  }

  private async build(ctx: ScopeContext, options: PageOptions): Promise<string> {
    // Temporary tables are the session's own, and the store is its database's only one: a counter names them.
    const table = `crm_drill_${++this.made}`;
    const stmt = drillRowsSql(ctx, options, null);
    await this.session.all(`CREATE TEMPORARY TABLE ${table} AS ${stmt.sql}`, stmt.params);
    this.stats.builds++;
    return table;
  }

  private drop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    this.entries.delete(key);
    return entry.table.then(
      (table) => this.session.all(`DROP TABLE IF EXISTS ${table}`, []).then(() => undefined),
      () => undefined,
    );
  }
}

const stores = new WeakMap<Warehouse, DrillStore>();

/** The store of one database (made on its first drill-down page). */
export function drillStore(db: Warehouse): DrillStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new DrillStore(db)));
  return store;
}
