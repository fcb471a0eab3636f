// Stored scores (src/warehouse/score-store.ts): the matrix, a cell's ids and the 360 card's scores
// of one scope, dataset, scoring options and filters read one table of everyone's scores, built by
// whichever asks first; the answers are the engine's (the independent reference) whether the table
// is there, was lost, or the scope's data changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { datasetOf, sources } from './build.mjs';
import { AS_OF, generatePayload, SCOPES } from './generate.mjs';
import { itOnPostgres } from './postgres.mjs';

const { answerQuery, openDuckDb, loadDataset, scopeContext, answerFromWarehouse, scoreStore, TABLES } = sources;
const DAY = 86_400_000;

const first = datasetOf(generatePayload(SCOPES.full));
// Other rows, and an asOf a month later: a nightly refresh of the scope.
const refreshed = datasetOf({ ...generatePayload({ ...SCOPES.full, seed: SCOPES.full.seed + 5 }), asOf: new Date(AS_OF + 30 * DAY).toISOString() });

const grid = (filters) => ({ metric: 'rfm-grid', options: { x: 'r', y: 'f' }, ...(filters ? { filters } : {}) });
const members = (cell, filters) => ({ metric: 'rfm-members', options: { x: 'r', y: 'f', cell }, ...(filters ? { filters } : {}) });
const customer = (customerId) => ({ metric: 'customer', options: { customerId } });
const tempTables = (db) =>
  (db.scoresSession ?? db).all(
    db.dialect === 'duckdb' ? "SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'crm_scores_%'" : "SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'crm_scores_%'",
    [],
  );

async function answers(db, reference, queries) {
  const ctx = await scopeContext(db, 'full');
  // As the server answers a batch: all at once.
  const got = await Promise.all(queries.map((query) => answerFromWarehouse(db, ctx, query, { storedDrillRows: false })));
  queries.forEach((query, i) => assert.deepEqual(got[i], answerQuery(reference, query), `${db.dialect} ${JSON.stringify(query)}`));
}

async function checkScores(db) {
  await loadDataset(db, first, 'full');
  const store = scoreStore(db);
  // The first paint's matrix and 360 card, asked together, then a click and other customers: one table.
  await answers(db, first, [grid(), customer('c0005')]);
  await answers(db, first, [members({ x: 1, y: 1 }), members({ x: 5, y: 2 }), customer('c0006'), customer('c0042'), customer('nobody')]);
  assert.deepEqual({ ...store.stats }, { builds: 1, reads: 7, lost: 0 });
  assert.equal((await tempTables(db)).length, 1);

  // Filters are other scores (a time window moves asOf); segments filter the stored scores on reading.
  const window = { time: { kind: 'last-days', days: 120 } };
  const segments = { segment: ['champions', 'at_risk'], customer: { region: ['North', '华东'] } };
  await answers(db, first, [grid(window), members({ x: 2, y: 1 }, window), grid(segments), members({ x: 5, y: 5 }, segments)]);
  assert.equal(store.stats.builds, 3);

  // A table lost behind the store's back (a PostgreSQL session gone): the answer is still the engine's, and the next query builds again.
  for (const { name } of await tempTables(db)) await (db.scoresSession ?? db).all(`DROP TABLE ${name}`, []);
  await answers(db, first, [customer('c0007')]);
  await answers(db, first, [grid()]);
  assert.deepEqual({ ...store.stats }, { builds: 4, reads: 12, lost: 1 });

  // New data in the scope: the answers follow it, and the tables of the old data go.
  for (const table of Object.values(TABLES)) await db.all(`DELETE FROM ${table.name} WHERE scope = $1`, ['full']);
  await loadDataset(db, refreshed, 'full');
  await answers(db, refreshed, [grid(), customer('c0005'), members({ x: 1, y: 1 })]);
  assert.deepEqual({ ...store.stats }, { builds: 5, reads: 15, lost: 1 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((await tempTables(db)).length, 1);
}

describe('stored scores', () => {
  it('DuckDB: one table per key serves the matrix, cell ids and 360 cards, equal to the engine; lost or stale tables are built again', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await checkScores(db);
    } finally {
      await db.close();
    }
  });

  describe('PostgreSQL', () => {
    itOnPostgres('the same in one session of a real server', checkScores);
  });
});
