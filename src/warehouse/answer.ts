import type { Dataset } from '../contract/dataset.js';
import { checkQuery, type Query, type QueryFilters, type ResultOf } from '../contract/query.js';
import { customerResult, customerRowsSql, customerScopeSql, rfmPageResult, rfmPageSql } from './customer.js';
import { drillStore } from './drill-store.js';
import { filteredContext, valuesResult, valuesSql } from './filters.js';
import { funnelResult, funnelSql, snapshotResult, snapshotSql } from './funnel.js';
import { npsResult, npsSql } from './nps.js';
import { consideredSql, rfmGridResult, rfmGridSql, rfmMembersSql } from './rfm.js';
import { scoreStore } from './score-store.js';
import type { Scoring } from './stored-tables.js';
import { int, WarehouseError, type Dialect, type ScopeContext, type Statement } from './sql.js';
import { TABLES, type TableName } from './tables.js';

/** A database the reference SQL runs on: DuckDB or PostgreSQL (duckdb.ts, postgres.ts). */
export interface Warehouse {
  readonly dialect: Dialect;
  /** Rows of one statement with positional parameters `$1…`. */
  all(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Where statements on temporary tables run (the stored drill-down rows, drill-store.ts): one
   * database session, as temporary tables live in one. Absent: `all` already runs in one.
   */
  readonly session?: Pick<Warehouse, 'all'>;
  /** The same for the stored scores (score-store.ts), so a drill-down build in progress holds up no 360 card. Absent: `session`. */
  readonly scoresSession?: Pick<Warehouse, 'all'>;
  /** The tables the database has (lower-case names). */
  tableNames(): Promise<Set<string>>;
  close(): Promise<void>;
}

/** The metrics the reference SQL answers; the others are refused as not measured (docs/scale.md). */
export const SQL_METRICS = ['nps', 'funnel', 'rfm-grid', 'rfm-members', 'rfm-page', 'customer', 'values'] as const;

/** The anchor of a scope (`crm_datasets`) and which collections the database has. */
export async function scopeContext(db: Warehouse, scope: string): Promise<ScopeContext> {
  const names = await db.tableNames();
  if (!names.has('crm_datasets')) throw new WarehouseError('failed', 'the database has no crm_datasets table (see docs/scale.md)');
  const rows = await db.all('SELECT * FROM crm_datasets WHERE scope = $1', [scope]);
  const row = rows[0];
  if (!row) throw new WarehouseError('forbidden', `no data for scope "${scope}"`);
  // A collection is there when the database has its table and the scope says it has it.
  const listed = row.collections ? new Set(JSON.parse(String(row.collections)) as string[]) : null;
  const present = new Set(
    (Object.keys(TABLES) as TableName[]).filter((name) => {
      const collection = (TABLES[name] as { collection?: string }).collection;
      return names.has(name) && (!collection || !listed || listed.has(collection));
    }),
  );
  return {
    dialect: db.dialect,
    scope,
    asOf: int(row.as_of_ms),
    currency: String(row.currency),
    stages: row.stages ? (JSON.parse(String(row.stages)) as Dataset['stages']) : [],
    present,
  };
}

/** Several texts may share one statement's parameters: each gets the ones it refers to (`$1…$k`, in binding order). */
function run(db: Pick<Warehouse, 'all'>, stmt: Statement, sql: string) {
  let used = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) used = Math.max(used, Number(match[1]));
  return db.all(sql, stmt.params.slice(0, used));
}

export interface AnswerSettings {
  /**
   * Drill-down pages (`rfm-page`) from rows stored once per scope, dataset, RFM options and filters
   * (default), or each computed from the scope's rows (what the stored rows are tested against).
   */
  storedDrillRows?: boolean;
  /**
   * The matrix, a cell's ids and the 360 card's scores read from everyone's scores stored once per
   * scope, dataset, scoring options and filters (default, score-store.ts), or each ranks everyone itself.
   */
  storedScores?: boolean;
}

/**
 * `read` with a stored score table and the session it lives in, or with none and `db` when the
 * table cannot be built or a read finds it gone (its session was lost): then the statement ranks
 * everyone itself, as it would without the store.
 */
async function withScores<T>(
  db: Warehouse,
  settings: AnswerSettings,
  scope: { scopeCtx: ScopeContext; ctx: ScopeContext; options: Scoring; filters: QueryFilters | undefined },
  read: (stored: string | undefined, on: Pick<Warehouse, 'all'>) => Promise<T>,
): Promise<T> {
  if (settings.storedScores !== false) {
    const store = scoreStore(db);
    const stored = await store.table(scope.scopeCtx, scope.ctx, scope.options, scope.filters);
    if (stored) {
      try {
        const answer = await read(stored.table, store.session);
        store.stats.reads++;
        return answer;
      } catch {
        store.forget(stored.key);
      }
    }
  }
  return read(undefined, db);
}

/**
 * The answer to one protocol query from the warehouse, for one scope: the same result, by the
 * same definitions, as the engine in the page gives from that scope's payload.
 */
export async function answerFromWarehouse(db: Warehouse, scopeCtx: ScopeContext, input: unknown, settings: AnswerSettings = {}): Promise<unknown> {
  const checked = checkQuery(input);
  if (!checked.ok) throw new WarehouseError('bad-query', checked.message);
  const query: Query = checked.query;
  // The 360 card shows one named customer whatever the page is sliced by: it takes no filters.
  const ctx = query.metric === 'customer' ? scopeCtx : filteredContext(scopeCtx, query.filters);
  switch (query.metric) {
    case 'nps': {
      const stmt = npsSql(ctx, query.options);
      return npsResult(await run(db, stmt, stmt.sql), query.options) satisfies ResultOf<'nps'>;
    }
    case 'funnel': {
      if (query.options.mode === 'snapshot') {
        const stmt = snapshotSql(ctx, query.options);
        const [rows, order] = await Promise.all([run(db, stmt, stmt.sql), run(db, stmt.order, stmt.order.sql)]);
        return snapshotResult(ctx, query.options, rows, order) satisfies ResultOf<'funnel'>;
      }
      const stmt = funnelSql(ctx, query.options);
      const [rows, ignored] = await Promise.all([run(db, stmt, stmt.sql), run(db, stmt, stmt.ignoredSql)]);
      return funnelResult(ctx, query.options, rows, int(ignored[0]?.ignored)) satisfies ResultOf<'funnel'>;
    }
    case 'rfm-grid': {
      const { options, filters } = query;
      const considered = consideredSql(ctx, options);
      const [rows, counted] = await Promise.all([
        withScores(db, settings, { scopeCtx, ctx, options, filters }, (stored, on) => {
          const stmt = rfmGridSql(ctx, options, stored);
          return run(on, stmt, stmt.sql);
        }),
        run(db, considered, considered.sql),
      ]);
      return rfmGridResult(options, rows, int(counted[0]?.considered)) satisfies ResultOf<'rfm-grid'>;
    }
    case 'rfm-members': {
      // Read from everyone's stored scores (the matrix's answer built them), on their own session: a drill-down
      // build or page in progress holds up no click, and the click's ids hold up no next page.
      const { options, filters } = query;
      const rows = await withScores(db, settings, { scopeCtx, ctx, options, filters }, (stored, on) => {
        const stmt = rfmMembersSql(ctx, options, stored);
        return run(on, stmt, stmt.sql);
      });
      return { customerIds: rows.map((row) => String(row.customer_id)) } satisfies ResultOf<'rfm-members'>;
    }
    case 'rfm-page': {
      if (settings.storedDrillRows === false) {
        const stmt = rfmPageSql(ctx, query.options);
        return rfmPageResult(ctx, query.options, await run(db, stmt, stmt.sql)) satisfies ResultOf<'rfm-page'>;
      }
      return (await drillStore(db).page(scopeCtx, ctx, query.options, query.filters)) satisfies ResultOf<'rfm-page'>;
    }
    case 'customer': {
      const { customerId } = query.options;
      const rfm = query.options.rfm ?? {};
      const { index } = customerScopeSql(ctx, customerId, rfm);
      const rows = customerRowsSql(ctx, customerId).map(async ({ collection, stmt }) => ({ collection, rows: await run(db, stmt, stmt.sql) }));
      const scoreRows = withScores(db, settings, { scopeCtx, ctx, options: rfm, filters: undefined }, (stored, on) => {
        const { scores } = customerScopeSql(ctx, customerId, rfm, stored);
        return run(on, scores, scores.sql);
      });
      const [indexRows, scoreRowsRead, collections] = await Promise.all([run(db, index, index.sql), scoreRows, Promise.all(rows)]);
      return customerResult(ctx, query.options, collections, scoreRowsRead, indexRows[0]);
    }
    case 'values': {
      const perField = await Promise.all(valuesSql(ctx, query.options).map(async ({ field, stmt }) => ({ field, rows: stmt ? await run(db, stmt, stmt.sql) : [] })));
      return valuesResult(query.options, perField) satisfies ResultOf<'values'>;
    }
    default:
      throw new WarehouseError('not-measured', `the reference SQL does not answer "${query.metric}" queries yet (docs/scale.md)`);
  }
}

/**
 * After the matrix (`rfm-grid`) of a scope was answered: build the drill-down rows its cells' pages
 * and ids will read (the table a later `rfm-page` with the same RFM options and filters uses), so a
 * click on a cell finds them stored. Start it once the answer is sent; it rejects with the build's
 * error, which costs nothing but the next page building again. Other queries: nothing to do.
 */
export async function drillAhead(db: Warehouse, scopeCtx: ScopeContext, input: unknown): Promise<void> {
  const checked = checkQuery(input);
  if (!checked.ok || checked.query.metric !== 'rfm-grid') return;
  const { options, filters } = checked.query;
  await drillStore(db).prepare(scopeCtx, filteredContext(scopeCtx, filters), options, filters);
}
