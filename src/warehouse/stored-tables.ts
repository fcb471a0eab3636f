import { rfmOptionsSchema, type QueryFilters } from '../contract/query.js';
import { stableKey } from '../data/stable-key.js';
import type { RfmOptions } from '../metrics/types.js';
import type { Warehouse } from './answer.js';
import type { ScopeContext } from './sql.js';

const RFM_OPTION_KEYS = Object.keys(rfmOptionsSchema.def.shape) as (keyof typeof rfmOptionsSchema.def.shape)[];

/** The scoring options of a query (what changes anyone's scores), without its axes, cell, sort or slice. */
export type Scoring = Pick<RfmOptions, (typeof RFM_OPTION_KEYS)[number]>;

/**
 * What a table stored for a scope's scores is keyed by: the scope, its dataset as `crm_datasets`
 * describes it (a loader that changes the rows rewrites that row), the scoring options and the
 * filters. `dataset` alone tells a scope's tables of older data.
 */
export function storedKey(scopeCtx: ScopeContext, options: Scoring, filters: QueryFilters | undefined): { key: string; dataset: string } {
  const dataset = stableKey({ asOf: scopeCtx.asOf, currency: scopeCtx.currency, stages: scopeCtx.stages, present: [...scopeCtx.present].sort() });
  const rfm = Object.fromEntries(RFM_OPTION_KEYS.map((name) => [name, options[name]]));
  return { key: stableKey({ scope: scopeCtx.scope, dataset, rfm, filters: filters ?? null }), dataset };
}

/** What a store keeps per key: the scope and dataset it was built for, and its table (a name once built). */
export interface StoredEntry {
  scope: string;
  dataset: string;
  table: Promise<string>;
}

/**
 * The temporary tables of one store, least recently used first: the entries of a scope's older data
 * and those beyond `keep` are dropped as entries are used, a build that fails is forgotten.
 */
export class StoredTables<E extends StoredEntry> {
  private readonly entries = new Map<string, E>();

  constructor(
    /** Where the tables live: temporary tables are one session's. */
    private readonly session: () => Pick<Warehouse, 'all'>,
    private readonly keep: number,
  ) {}

  /** The entry of `key` (made by `make` when there is none), marked most recently used. */
  use(key: string, scope: string, dataset: string, make: () => E): E {
    for (const [other, entry] of this.entries) if (entry.scope === scope && entry.dataset !== dataset) void this.drop(other);
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else {
      const made = (entry = make());
      made.table.catch(() => this.forget(key, made));
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.keep) void this.drop(this.entries.keys().next().value!);
    return entry;
  }

  get(key: string): E | undefined {
    return this.entries.get(key);
  }

  /** Forget the entry of `key` (only if it is still `entry`, when given), leaving its table. */
  forget(key: string, entry?: E): void {
    if (!entry || this.entries.get(key) === entry) this.entries.delete(key);
  }

  /** Forget the entry of `key` (only if it is still `entry`, when given) and drop its table once built. */
  drop(key: string, entry?: E): Promise<void> {
    const known = this.entries.get(key);
    if (!known || (entry && known !== entry)) return Promise.resolve();
    this.entries.delete(key);
    // A table that cannot be dropped went with its session.
    return known.table.then(
      (name) => this.session().all(`DROP TABLE IF EXISTS ${name}`, []).then(
        () => undefined,
        () => undefined,
      ),
      () => undefined,
    );
  }
}

/** One store per database, made on first use. */
export function perDatabase<T>(make: (db: Warehouse) => T): (db: Warehouse) => T {
  const stores = new WeakMap<Warehouse, T>();
  return (db) => {
    let store = stores.get(db);
    if (store === undefined) stores.set(db, (store = make(db)));
    return store;
  };
}
