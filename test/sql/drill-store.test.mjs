// Stored drill-down rows (src/warehouse/drill-store.ts): the pages of one scope, dataset, RFM
// options and filters are read from one table built on the first page, and give what the engine
// in the page gives (the independent reference) and what computing each page from the scope's rows
// gives; new data for the scope (its crm_datasets row) drops the table and builds it again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { datasetOf, sources } from './build.mjs';
import { AS_OF, generatePayload, SCOPES } from './generate.mjs';
import { itOnPostgres } from './postgres.mjs';

const { answerQuery, openDuckDb, loadDataset, scopeContext, answerFromWarehouse, drillStore, drillAhead, scoreStore, TABLES } = sources;
const DAY = 86_400_000;

const first = datasetOf(generatePayload(SCOPES.full));
const ties = datasetOf(generatePayload(SCOPES.ties));
// Without customers rows, the customer order is the order ids are first named; reversed orders make that differ from id order.
const noCustomers = (() => {
  const payload = generatePayload(SCOPES['no-customers']);
  return datasetOf({ ...payload, orders: payload.orders.slice().reverse() });
})();
/**
 * The tied scope with ids whose order differs between UTF-16 units (JavaScript's `<`) and code
 * points (a database's binary order): every other id holds U+FFFF where the rest hold an emoji.
 */
const wide = datasetOf(JSON.parse(JSON.stringify(generatePayload(SCOPES.ties)).replace(/"c(\d{4})"/g, (_, n) => `"c${Number(n) % 2 ? '\uffff' : '😀'}${n}"`)));
// Other rows, and an asOf a month later: what a nightly refresh of the scope looks like.
const refreshed = datasetOf({ ...generatePayload({ ...SCOPES.full, seed: SCOPES.full.seed + 17 }), asOf: new Date(AS_OF + 30 * DAY).toISOString() });

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
// Temporary tables are their session's: asked there.
const tempTables = (db) =>
  (db.session ?? db).all(
    db.dialect === 'duckdb' ? "SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'crm_drill_%'" : "SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'crm_drill_%'",
    [],
  );

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
  // One table for the key. The unsorted first page and the recency sort of 4,3 are ORDER BY … LIMIT reads of it; three
  // cells read whole (1,1 for health, 3,3 on m×f by segment, 4,3 by company), the two other pages of 1,1 from memory.
  assert.deepEqual({ ...store.stats }, { builds: 1, reads: 3, memory: 2, pages: 2 });
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

/** The cells of a scope with customers, largest first (from the engine's matrix). */
const cellsOf = (reference, x, y, filters) =>
  answerQuery(reference, { metric: 'rfm-grid', options: { x, y }, ...(filters ? { filters } : {}) })
    .cells.filter((cell) => cell.count > 0)
    .sort((a, b) => b.count - a.count)
    .map(({ x: cx, y: cy }) => ({ x, y, cell: { x: cx, y: cy } }));

/** First pages with no sort or a numeric one (what ORDER BY … LIMIT answers), in both directions, at offsets inside and past ties. */
function numericPages(reference, filters) {
  const out = [];
  for (const axes of [...cellsOf(reference, 'r', 'f', filters).slice(0, 3), ...cellsOf(reference, 'm', 'f', filters).slice(0, 1)]) {
    out.push(page({ ...axes }, filters), page({ ...axes, offset: 3, limit: 4 }, filters));
    for (const column of ['recency', 'frequency', 'monetary'])
      for (const desc of [false, true]) out.push(page({ ...axes, limit: 7, sort: { column, desc } }, filters), page({ ...axes, offset: 5, limit: 500, sort: { column, desc } }, filters));
  }
  return out;
}

async function checkSqlPages(db) {
  await loadDataset(db, ties, 'ties');
  await loadDataset(db, wide, 'wide');
  const store = drillStore(db);
  // Tied data: each such page is one ORDER BY … LIMIT read of the stored rows, and the engine's page.
  const pages = numericPages(ties);
  const before = { ...store.stats };
  await answers(db, 'ties', ties, pages);
  assert.equal(store.stats.pages - before.pages, pages.length, 'every page an ORDER BY … LIMIT read');
  assert.equal(store.stats.reads - before.reads, 0, 'no cell read whole');
  // A filtered key too.
  const filtered = numericPages(ties, { customer: { region: ['North', '华东'] } }).slice(0, 6);
  await answers(db, 'ties', ties, filtered);
  // Ids that sort otherwise by code point: sorted pages read the cell (the engine's order), unsorted ones stay reads by LIMIT.
  const widePages = numericPages(wide);
  const wideBefore = { ...store.stats };
  await answers(db, 'wide', wide, widePages);
  assert.equal(store.stats.pages - wideBefore.pages, widePages.filter((query) => !query.options.sort).length);
}

/** A cell's ids: from the stored scores, else computed; the engine's ids in the engine's order either way. */
async function checkMembers(db, full) {
  await loadDataset(db, noCustomers, 'no-customers');
  const store = scoreStore(db);
  const filters = { customer: { region: ['North', '华东'] } };
  for (const [scope, reference] of [
    ['full', full],
    ['no-customers', noCustomers],
  ]) {
    const ctx = await scopeContext(db, scope);
    for (const f of [undefined, filters]) {
      const cells = [...cellsOf(reference, 'r', 'f', f).slice(0, 3), ...cellsOf(reference, 'f', 'm', f).slice(0, 2)];
      const members = cells.map((axes) => ({ metric: 'rfm-members', options: axes, ...(f ? { filters: f } : {}) }));
      const before = store.stats.reads;
      for (const query of members) {
        const stored = await answerFromWarehouse(db, ctx, query);
        const label = `${db.dialect} ${scope} ${JSON.stringify(query)}`;
        assert.ok(stored.customerIds.length > 0, `${label}: the cell has customers`);
        // Without customers rows the engine lists ids in the order they are first named (reversed orders here, not id order).
        assert.deepEqual(stored, answerQuery(reference, query), `${label}: the engine's ids`);
        assert.deepEqual(stored, await answerFromWarehouse(db, ctx, query, { storedScores: false }), `${label}: as computed from the rows`);
      }
      assert.equal(store.stats.reads - before, members.length, 'every cell read from the stored scores');
    }
  }
}

/** Builds asked ahead (the matrix answered): one at a time, of those waiting only the latest; the next page finds the rows stored. */
async function checkAhead(db, full) {
  const store = drillStore(db);
  const ctx = await scopeContext(db, 'full');
  const grid = (filters) => ({ metric: 'rfm-grid', options: { x: 'r', y: 'f', ties: 'dense' }, ...(filters ? { filters } : {}) });
  const builds = store.stats.builds;
  // The first runs at once; the second is passed over for the third while the first builds.
  const asked = [grid({ customer: { region: ['South'] } }), grid({ customer: { region: ['North'] } }), grid()].map((query) => drillAhead(db, ctx, query));
  await Promise.all(asked);
  await store.settled();
  assert.equal(store.stats.builds - builds, 2);
  // Not a matrix: nothing.
  await drillAhead(db, ctx, page({}));
  assert.equal(store.stats.builds - builds, 2);
  // The click: the page and the ids read the stored rows (built for the matrix's RFM options and filters).
  const { cell } = cellsOf(full, 'r', 'f')[0];
  const click = [page({ ties: 'dense', cell }), { metric: 'rfm-members', options: { x: 'r', y: 'f', ties: 'dense', cell } }];
  const { pages } = store.stats;
  for (const query of click) assert.deepEqual(await answerFromWarehouse(db, ctx, query), answerQuery(full, query), JSON.stringify(query));
  assert.equal(store.stats.builds - builds, 2, 'no build on the click');
  assert.equal(store.stats.pages - pages, 1);
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

  it('DuckDB: unsorted and numeric first pages by ORDER BY … LIMIT, ids from the stored rows, rows built ahead: all as the engine gives them', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await loadDataset(db, first, 'full');
      await checkSqlPages(db);
      await checkMembers(db, first);
      await checkAhead(db, first);
    } finally {
      await db.close();
    }
  });

  describe('PostgreSQL', () => {
    itOnPostgres('the same with the table in the session of its own connection', async (db) => {
      await checkStore(db);
      // The scope "full" holds the refreshed rows by now.
      await checkSqlPages(db);
      await checkMembers(db, refreshed);
      await checkAhead(db, refreshed);
    });
  });
});
