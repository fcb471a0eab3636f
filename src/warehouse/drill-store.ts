import type { QueryFilters, QueryOf, ResultOf } from '../contract/query.js';
import type { Warehouse } from './answer.js';
import { drillRowsPage, type DrillRow } from '../metrics/drill-page.js';
import { DRILL_COLUMNS, DRILL_ORDER, drillRowsOf, drillRowsSql } from './customer.js';
import { int, num, type Dialect, type ScopeContext } from './sql.js';
import { perDatabase, storedKey, StoredTables, type Scoring, type StoredEntry } from './stored-tables.js';

type PageOptions = QueryOf<'rfm-page'>['options'];
type Cell = Pick<PageOptions, 'x' | 'y' | 'cell'>;

interface Entry extends StoredEntry {
  /** The cells read from the table lately, with health computed: a page of one of them is only a sort and a slice. */
  cells: Map<string, Promise<readonly DrillRow[]>>;
}

/** Cells kept in memory per stored table: the one being paged through, and a few the user came from. */
const CELLS_KEPT = 4;

/** A build asked ahead of any page (`prepare`): only the latest one waits its turn. */
interface Ahead {
  run: () => Promise<string>;
  done: () => void;
  fail: (error: unknown) => void;
}

const cellKeyOf = (options: Cell) => `${options.x}${options.cell.x}${options.y}${options.cell.y}`;
const cellWhere = (options: Cell) => `WHERE ${options.x} = ${num(options.cell.x)} AND ${options.y} = ${num(options.cell.y)}`;

/**
 * The ORDER BY of a page whose order the database can give exactly as `drillRowsPage` sorts, or
 * null (health is computed in JavaScript, text sorts with the page's collator, segments by their
 * labels' order: those pages sort the cell's rows in memory). Without a sort that is the customer
 * order the cell's rows are read in (`DRILL_ORDER`); a numeric column sorts by the very number the
 * engine compares — recency days, orders, and monetary as the double `cents / 100` (an absent value
 * is 0, as `int` reads it) — in the asked direction, then by id ascending whatever the direction,
 * then in customer order (what a stable sort keeps for two rows of one id). The ids compare by code
 * point here ("binary" / "C"), by UTF-16 unit in JavaScript: the two agree unless an id holds a
 * character from U+E000 up, which `WIDE_ID` finds (such a cell takes the in-memory sort).
 */
export function drillPageOrder(dialect: Dialect, sort: PageOptions['sort']): string | null {
  if (!sort) return DRILL_ORDER;
  const key =
    sort.column === 'recency'
      ? 'COALESCE(recency, 0)'
      : sort.column === 'frequency'
        ? 'COALESCE(frequency, 0)'
        : sort.column === 'monetary'
          ? `CAST(COALESCE(cents, 0) AS ${dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'}) / 100`
          : null;
  if (!key) return null;
  return `ORDER BY ${key} ${sort.desc ? 'DESC' : 'ASC'}, customer_id COLLATE ${dialect === 'postgres' ? '"C"' : '"binary"'} ASC, position NULLS LAST`;
}

/** Whether an id holds a character at or above U+E000 (where code point and UTF-16 order part). */
const WIDE_ID: Record<Dialect, string> = {
  duckdb: "regexp_matches(customer_id, '[\\x{E000}-\\x{10FFFF}]')",
  postgres: "customer_id ~ '[\\uE000-\\U0010FFFF]'",
};

/**
 * The drill-down rows of every scored customer, stored once per (scope, dataset, RFM options,
 * filters) in a temporary table, so a page of any cell — another sort, search, offset or cell — is a
 * read of that table instead of ranking every customer again (docs/scale.md, "Drill-down pages").
 * The table is made by the same statement that answers one cell from scratch (`drillRowsSql`), so
 * the scores have one definition. The dataset part of the key is the scope's `crm_datasets` row
 * (asOf, currency, stages, collections): a loader that changes a scope's rows rewrites that row,
 * and the next page of the scope drops the tables of its previous data. A page whose order the
 * database gives exactly (`drillPageOrder`: no sort, or a numeric one, and no search) is one
 * ORDER BY … LIMIT over the table with health computed for its rows alone. Other pages read the
 * whole cell: its rows are kept in memory with their health computed, since turning them into
 * JavaScript values costs more than the read itself (≈ 1 s for a 90k-customer cell), and the next
 * page of the same cell (another sort, search or offset) is then `drillRowsPage` alone. The
 * matrix's answer may build the table ahead of the click (`prepare`); a cell's ids come from the
 * stored scores instead (score-store.ts), on a session of their own.
 */
export class DrillStore {
  private readonly tables: StoredTables<Entry>;
  private made = 0;
  private ahead: Promise<void> | null = null;
  private wanted: Ahead | null = null;
  private readonly pending = new Set<Promise<void>>();
  /**
   * Tables built, cells read from one, pages answered from a cell kept in memory, pages read with
   * ORDER BY … LIMIT (what the tests and the bench read).
   */
  readonly stats = { builds: 0, reads: 0, memory: 0, pages: 0 };

  constructor(
    private readonly db: Warehouse,
    /** Tables kept at most (the least recently used goes): each holds a row per scored customer, ≈ 0.3 GB at 1M in DuckDB. */
    keep = 2,
  ) {
    this.tables = new StoredTables(() => this.session, keep);
  }

  /** The entry of a key, made (its table built) when there is none, and marked most recently used. */
  private entryFor(scopeCtx: ScopeContext, ctx: ScopeContext, options: Scoring, filters: QueryFilters | undefined): { key: string; entry: Entry } {
    // The axes, cell, sort, search and slice are applied to the stored rows: only the scoring options key them.
    const { key, dataset } = storedKey(scopeCtx, options, filters);
    const entry = this.tables.use(key, scopeCtx.scope, dataset, () => ({ scope: scopeCtx.scope, dataset, table: this.build(ctx, options), cells: new Map() }));
    return { key, entry };
  }

  /**
   * Build the table of a key ahead of its first page (after the matrix of that key was answered),
   * so a click finds it stored. Builds asked ahead run one at a time, and of those waiting only the
   * latest runs (a user changing filters wants the last matrix's rows): one passed over resolves
   * without building. Rejects with the build's error; nothing else depends on it.
   */
  prepare(scopeCtx: ScopeContext, ctx: ScopeContext, options: Scoring, filters: QueryFilters | undefined): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.wanted?.done();
      this.wanted = { run: () => this.entryFor(scopeCtx, ctx, options, filters).entry.table, done, fail };
      this.ahead ??= this.buildAhead();
    });
  }

  /** Work on its way to `prepare` (the server reads the scope first): `settled` waits for it too. */
  track(work: Promise<unknown>): void {
    const tracked: Promise<void> = work.then(
      () => void this.pending.delete(tracked),
      () => void this.pending.delete(tracked),
    );
    this.pending.add(tracked);
  }

  /** Resolves once no build asked ahead is running, waiting or on its way (tests, and a host closing its database). */
  async settled(): Promise<void> {
    while (this.ahead || this.pending.size) {
      await Promise.all(this.pending);
      if (this.ahead) await this.ahead;
    }
  }

  private async buildAhead(): Promise<void> {
    while (this.wanted) {
      const next = this.wanted;
      this.wanted = null;
      try {
        await next.run();
        next.done();
      } catch (error) {
        next.fail(error);
      }
    }
    this.ahead = null;
  }

  /** One page of a cell, as `drillRowsPage` gives it from the cell's rows. */
  async page(scopeCtx: ScopeContext, ctx: ScopeContext, options: PageOptions, filters: QueryFilters | undefined, retried = false): Promise<ResultOf<'rfm-page'>> {
    const { key, entry } = this.entryFor(scopeCtx, ctx, options, filters);
    const order = options.search?.text ? null : drillPageOrder(ctx.dialect, options.sort);
    if (order && !entry.cells.has(cellKeyOf(options))) {
      try {
        const page = await this.readPage(entry, ctx, options, order);
        if (page) return page;
      } catch (error) {
        // As in `cellRows`: the table went between its build and this read; store it again, once.
        if (retried) throw error;
        await this.tables.drop(key, entry);
        return this.page(scopeCtx, ctx, options, filters, true);
      }
    }
    return drillRowsPage(await this.cellRows(scopeCtx, ctx, options, filters), options);
  }

  /** A page by ORDER BY … LIMIT, with the cell's count; null when an id of the cell could sort otherwise in JavaScript. */
  private async readPage(entry: Entry, ctx: ScopeContext, options: PageOptions, order: string): Promise<ResultOf<'rfm-page'> | null> {
    const table = await entry.table;
    const where = cellWhere(options);
    const wide = options.sort ? `, SUM(CASE WHEN ${WIDE_ID[ctx.dialect]} THEN 1 ELSE 0 END) AS wide` : '';
    // One after the other: a PostgreSQL session runs one statement at a time.
    const counted = await this.session.all(`SELECT COUNT(*) AS total${wide} FROM ${table} ${where}`, []);
    if (int(counted[0]?.wide) > 0) return null;
    const rows = await this.session.all(`SELECT ${DRILL_COLUMNS} FROM ${table} ${where} ${order} LIMIT ${num(options.limit)} OFFSET ${num(options.offset)}`, []);
    this.stats.pages++;
    return { rows: drillRowsOf(ctx, rows), total: int(counted[0]?.total), offset: options.offset };
  }

  /** One cell's drill-down rows in the engine's customer order (before search, sort and slice), as `rfmPageResult` makes them. */
  async cellRows(scopeCtx: ScopeContext, ctx: ScopeContext, options: PageOptions, filters: QueryFilters | undefined, retried = false): Promise<readonly DrillRow[]> {
    const { key, entry } = this.entryFor(scopeCtx, ctx, options, filters);
    const cellKey = cellKeyOf(options);
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
      await this.tables.drop(key, entry);
      return this.cellRows(scopeCtx, ctx, options, filters, true);
    }
  }

  private async readCell(entry: Entry, ctx: ScopeContext, options: Cell): Promise<readonly DrillRow[]> {
    const table = await entry.table;
    const rows = await this.session.all(`SELECT ${DRILL_COLUMNS} FROM ${table} ${cellWhere(options)} ${DRILL_ORDER}`, []);
    this.stats.reads++;
    // Shared by the pages of the cell: frozen, so a caller cannot change what the next page shows.
    return Object.freeze(drillRowsOf(ctx, rows).map((row) => Object.freeze(row)));
  }

  /** Temporary tables live in one database session. */
  private get session(): Pick<Warehouse, 'all'> {
    return this.db.session ?? this.db;
  }

  private async build(ctx: ScopeContext, options: Scoring): Promise<string> {
    // Temporary tables are the session's own, and the store is its database's only one: a counter names them.
    const table = `crm_drill_${++this.made}`;
    const stmt = drillRowsSql(ctx, options, null);
    await this.session.all(`CREATE TEMPORARY TABLE ${table} AS ${stmt.sql}`, stmt.params);
    this.stats.builds++;
    return table;
  }

}

/** The store of one database (made on its first drill-down page). */
export const drillStore = perDatabase((db) => new DrillStore(db));
