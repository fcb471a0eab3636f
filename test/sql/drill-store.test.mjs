// Stored drill-down rows (src/warehouse/drill-store.ts): the pages of one scope, dataset, RFM
// options and filters are read from one table built on the first page, and give what the engine
// in the page gives (the independent reference) and what computing each page from the scope's rows
// gives; new data for the scope (its crm_datasets row) drops the table and builds it again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sources } from './build.mjs';
import { AS_OF, generatePayload, SCOPES } from './generate.mjs';
import { startPostgres } from './postgres.mjs';

const { answerQuery, validatePayload, openDuckDb, openPostgres, loadDataset, scopeContext, answerFromWarehouse, drillStore, createTableSql, TABLES } = sources;
const DAY = 86_400_000;

const dataset = (payload) => {
  const checked = validatePayload(payload);
  assert.ok(checked.ok, 'a generated payload is a contract');
  return checked.dataset;
};
const first = dataset(generatePayload(SCOPES.full));
// Other rows, and an asOf a month later: what a nightly refresh of the scope looks like.
const refreshed = dataset({ ...generatePayload({ ...SCOPES.full, seed: SCOPES.full.seed + 17 }), asOf: new Date(AS_OF + 30 * DAY).toISOString() });

const page = (options, filters) => ({ metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 }, offset: 0, limit: 10, ...options }, ...(filters ? { filters } : {}) });
/** Pages of one key: the first page, then other sorts, offsets, a search and other cells and axes. */
const PAGES = [
  page({}),
  page({ offset: 10, sort: { column: 'health', desc: true } }),
  page({ offset: 3, limit: 5, sort: { column: 'name', desc: false, locale: 'zh-CN' } }),
  page({ search: { text: 'customer 1', segments: ['hibernating'] }, sort: { column: 'monetary', desc: true } }),
  page({ cell: { x: 4, y: 3 }, sort: { column: 'recency', desc: false } }),
  page({ x: 'm', y: 'f', cell: { x: 3, y: 3 }, sort: { column: 'segment', desc: false, segmentOrder: ['champions', 'at_risk'] } }),
  page({ cell: { x: 4, y: 3 }, offset: 5, sort: { column: 'company', desc: true } }),
];
const tempTables = (db) =>
  db.dialect === 'duckdb'
    ? db.all("SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'crm_drill_%'", [])
    : (db.session ?? db).all("SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'crm_drill_%'", []);

async function answers(db, scope, reference, queries) {
  const ctx = await scopeContext(db, scope);
  for (const query of queries) {
    const stored = await answerFromWarehouse(db, ctx, query);
    const label = `${db.dialect} ${JSON.stringify(query)}`;
    assert.ok(stored.total > 0 || query.options.search, `${label}: the cell has customers`);
    assert.deepEqual(stored, answerQuery(reference, query), `${label}: the engine's page`);
    assert.deepEqual(stored, await answerFromWarehouse(db, ctx, query, { storedDrillRows: false }), `${label}: the page computed from the rows`);
  }
}

async function checkStore(db) {
  await loadDataset(db, first, 'full');
  const store = drillStore(db);
  await answers(db, 'full', first, PAGES);
  // One table for the key; three cells read from it (1,1 twice on r×f, 4,3, and 3,3 on m×f), the other pages from memory.
  assert.deepEqual({ ...store.stats }, { builds: 1, reads: 3, memory: PAGES.length - 3 });
  assert.equal((await tempTables(db)).length, 1);

  // Other RFM options or filters are other rows: a table each, two kept (the least recently used dropped).
  await answers(db, 'full', first, [page({ frequency: 'days' }), page({ sort: { column: 'health', desc: true } }, { customer: { region: ['North', '华东'] } })]);
  assert.equal(store.stats.builds, 3);
  assert.equal((await tempTables(db)).length, 2);
  // The first key was dropped: its next page builds again, with the same answers.
  await answers(db, 'full', first, PAGES.slice(1, 2));
  assert.equal(store.stats.builds, 4);

  // New data in the scope: its old tables go, the pages follow the new rows.
  for (const table of Object.values(TABLES)) await db.all(`DELETE FROM ${table.name} WHERE scope = $1`, ['full']);
  await loadDataset(db, refreshed, 'full');
  const before = store.stats.builds;
  await answers(db, 'full', refreshed, PAGES.slice(0, 3));
  assert.equal(store.stats.builds, before + 1);
  assert.equal((await tempTables(db)).length, 1);
}

describe('stored drill-down rows', () => {
  it('DuckDB: pages of one key from one table, equal to the engine and to computing afresh; new data rebuilds', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await checkStore(db);
    } finally {
      await db.close();
    }
  });

  describe('PostgreSQL', () => {
    let server = null;
    before(async () => {
      server = await startPostgres();
    });
    after(() => server?.stop());

    it('the same with the table in the session of its own connection', async (t) => {
      if (!server) {
        if (process.env.CI) assert.fail('PostgreSQL is not installed (.ci/run installs it)');
        t.skip('PostgreSQL is not installed (apt-get install postgresql)');
        return;
      }
      const db = await openPostgres(server.url);
      try {
        for (const table of Object.values(TABLES)) await db.exec(createTableSql(table));
        await checkStore(db);
      } finally {
        await db.close();
      }
    });
  });
});
