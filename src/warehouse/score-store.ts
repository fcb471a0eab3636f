import type { QueryFilters } from '../contract/query.js';
import type { Warehouse } from './answer.js';
import { scoresCte } from './rfm.js';
import { Statement, type ScopeContext } from './sql.js';
import { perDatabase, storedKey, StoredTables, type Scoring, type StoredEntry } from './stored-tables.js';

/**
 * Every scored customer's recency, frequency, cents and R/F/M scores, stored once per (scope,
 * dataset, scoring options, filters) in a temporary table. The matrix, a cell's ids and the 360
 * card's scores all rank every customer of the scope: computed for each, the first paint at 10M
 * orders aggregated the orders twice (≈ 1 s each on two cores). With the table the first of them
 * to ask builds it and the others read their rows from it. The table is the `scored` relation of
 * `scoresCte`, so the scores keep one definition; the filters on scores (segments, a cell, NPS
 * categories) are applied on reading, as `scoresCte` applies them to `scored`. Each row keeps its
 * scope, which every read names (`$1`, as in every statement).
 */
export class ScoreStore {
  private readonly tables: StoredTables<StoredEntry>;
  private made = 0;
  /** Tables built, answers read from one, reads that found their table gone (what the tests read). */
  readonly stats = { builds: 0, reads: 0, lost: 0 };

  constructor(
    private readonly db: Warehouse,
    /** Tables kept at most (the least recently used goes): ≈ 40 MB each at 1M customers in DuckDB. */
    keep = 4,
  ) {
    this.tables = new StoredTables(() => this.session, keep);
  }

  /** Where statements on the tables run: temporary tables live in one database session. */
  get session(): Pick<Warehouse, 'all'> {
    return this.db.scoresSession ?? this.db.session ?? this.db;
  }

  /** The table of a key (built when there is none), or null when it cannot be built: the caller computes the scores itself. */
  async table(scopeCtx: ScopeContext, ctx: ScopeContext, options: Scoring, filters: QueryFilters | undefined): Promise<{ table: string; key: string } | null> {
    const { key, dataset } = storedKey(scopeCtx, options, filters);
    const entry = this.tables.use(key, scopeCtx.scope, dataset, () => ({ scope: scopeCtx.scope, dataset, table: this.build(ctx, options) }));
    try {
      return { table: await entry.table, key };
    } catch {
      return null;
    }
  }

  /** A table a read found gone (its session was lost): the next query builds it again. */
  forget(key: string): void {
    this.stats.lost++;
    this.tables.forget(key);
  }

  private async build(ctx: ScopeContext, options: Scoring): Promise<string> {
    const table = `crm_scores_${++this.made}`;
    const stmt = new Statement(ctx);
    const sql = `CREATE TEMPORARY TABLE ${table} AS WITH ${scoresCte(stmt, options, false)}
SELECT ${stmt.scope} AS scope, customer_id, recency, frequency, cents, r, f, m FROM scored`;
    await this.session.all(sql, stmt.params);
    this.stats.builds++;
    return table;
  }

}

/** The score tables of one database (made on its first RFM query). */
export const scoreStore = perDatabase((db) => new ScoreStore(db));
