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

/** Drop a stored table once it is built; one that cannot be dropped went with its session. */
export function dropStoredTable(session: Pick<Warehouse, 'all'>, table: Promise<string>): Promise<void> {
  return table.then(
    (name) => session.all(`DROP TABLE IF EXISTS ${name}`, []).then(
      () => undefined,
      () => undefined,
    ),
    () => undefined,
  );
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
