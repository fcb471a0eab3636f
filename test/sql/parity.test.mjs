// SQL parity: every query the reference SQL answers gives, on DuckDB and on a real PostgreSQL,
// the answer the in-page engine gives from the same data. The expected values come from the
// engine (an independent implementation: typed-array loops in JS) on the payload; the SQL gets
// the same records loaded into the warehouse tables. Counts, scores, segments, medians and money
// must match exactly; rates and interval bounds within 1e-9 relative.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sources } from './build.mjs';
import { generatePayload, SCOPES } from './generate.mjs';
import { itOnPostgres } from './postgres.mjs';

const { answerQuery, validatePayload, checkResult, openDuckDb, loadDataset, scopeContext, answerFromWarehouse, TABLES, scoreStore } = sources;

const datasets = Object.fromEntries(
  Object.entries(SCOPES).map(([scope, spec]) => {
    const checked = validatePayload(generatePayload(spec));
    assert.ok(checked.ok, `${scope}: the generated payload is a contract`);
    return [scope, checked.dataset];
  }),
);

const QUERIES = [
  { metric: 'nps', options: {} },
  { metric: 'nps', options: { period: { kind: 'last-days', days: 90 }, dedupe: 'latest' } },
  { metric: 'nps', options: { trend: 'week', interval: 'adjusted-wald', minResponses: 5 } },
  { metric: 'nps', options: { period: { kind: 'range', from: Date.UTC(2025, 6, 1), to: Date.UTC(2026, 0, 31) }, trend: 'none' } },
  { metric: 'nps', options: { breakdown: 'region', dedupe: 'latest' } },
  { metric: 'nps', options: { filter: { field: 'segment', value: 'B2B' }, breakdown: 'id' } },
  { metric: 'nps', options: { filter: { field: 'attributes.tier', value: 'gold' } } },
  { metric: 'nps', options: { filter: { field: 'id', value: 'c0001' }, dedupe: 'latest' } },
  { metric: 'funnel', options: {} },
  { metric: 'funnel', options: { windowDays: 30 } },
  { metric: 'funnel', options: { attempts: 'any' } },
  { metric: 'funnel', options: { attempts: 'any', windowDays: 10.5 } },
  { metric: 'funnel', options: { stages: ['opportunity', 'lead', 'signed'] } },
  { metric: 'funnel', options: { breakdown: 'region' } },
  { metric: 'funnel', options: { filter: { field: 'company', value: '华为' }, breakdown: 'segment' } },
  { metric: 'funnel', options: { mode: 'snapshot' } },
  { metric: 'funnel', options: { mode: 'snapshot', breakdown: 'region', stages: ['lead', 'opportunity', 'signed'] } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f' } },
  { metric: 'rfm-grid', options: { x: 'm', y: 'f', frequency: 'days' } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'm', thresholds: { f: [1, 2, 3, 5, 10], m: [0, 50, 100.1, 500, 1000], r: [30, 90, 180, 365, 730] } } },
  { metric: 'rfm-grid', options: { x: 'f', y: 'r', filter: { field: 'region', value: 'North' } } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 } } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 4, y: 3 } } },
  { metric: 'rfm-members', options: { x: 'm', y: 'f', cell: { x: 5, y: 1 }, frequency: 'days' } },
  // Dense ties: a big tie keeps its rank score, the others spread over the levels left (denseScores).
  { metric: 'rfm-grid', options: { x: 'r', y: 'f', ties: 'dense' } },
  { metric: 'rfm-grid', options: { x: 'm', y: 'r', ties: 'dense', frequency: 'days' } },
  { metric: 'rfm-grid', options: { x: 'f', y: 'm', ties: 'dense', thresholds: { r: [30, 90, 180, 365, 730] } } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'm', ties: 'dense', filter: { field: 'segment', value: 'B2C' } } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 5, y: 1 }, ties: 'dense' } },
  { metric: 'rfm-members', options: { x: 'm', y: 'f', cell: { x: 3, y: 2 }, ties: 'dense' } },
  { metric: 'rfm-page', options: { x: 'r', y: 'm', cell: { x: 4, y: 3 }, offset: 0, limit: 50, ties: 'dense', sort: { column: 'health', desc: true } } },
  { metric: 'customer', options: { customerId: 'c0004', rfm: { ties: 'dense' } } },
  // The drill-down table: customer order without a sort; every column sorted both ways (ties by id);
  // names in pinyin order; a search by text and by segment label; pages past the end.
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 }, offset: 0, limit: 50 } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 4, y: 3 }, offset: 0, limit: 500, sort: { column: 'health', desc: true } } },
  { metric: 'rfm-page', options: { x: 'm', y: 'f', cell: { x: 5, y: 1 }, offset: 2, limit: 3, sort: { column: 'monetary', desc: false }, frequency: 'days' } },
  { metric: 'rfm-page', options: { x: 'r', y: 'm', cell: { x: 5, y: 5 }, offset: 0, limit: 20, sort: { column: 'name', desc: false, locale: 'zh-CN' } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 2, y: 1 }, offset: 0, limit: 10, sort: { column: 'company', desc: true } } },
  { metric: 'rfm-page', options: { x: 'f', y: 'm', cell: { x: 1, y: 3 }, offset: 1, limit: 10, sort: { column: 'recency', desc: false } } },
  { metric: 'rfm-page', options: { x: 'f', y: 'r', cell: { x: 1, y: 4 }, offset: 0, limit: 10, sort: { column: 'frequency', desc: true } } },
  { metric: 'rfm-page', options: { x: 'm', y: 'm', cell: { x: 3, y: 3 }, offset: 0, limit: 100, sort: { column: 'segment', desc: false, segmentOrder: ['hibernating', 'at_risk', 'champions'] } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'm', cell: { x: 2, y: 2 }, offset: 0, limit: 100, search: { text: 'customer 1', segments: ['at_risk'] }, sort: { column: 'health', desc: false } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 }, offset: 400, limit: 10, filter: { field: 'region', value: 'North' } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 5, y: 5 }, offset: 0, limit: 10, thresholds: { f: [1, 2, 3, 5, 10] } } },
  // The 360 card: a plain customer; the one with two answers at one instant; ones with orders after asOf,
  // only refunds, a refund and a purchase; a short timeline; other health options; an unknown id.
  { metric: 'customer', options: { customerId: 'c0000' } },
  { metric: 'customer', options: { customerId: 'c0001', timelineLimit: 5 } },
  { metric: 'customer', options: { customerId: 'c0002', health: { silentDays: 30, weights: { nps: 50 } }, rfm: { frequency: 'days' } } },
  { metric: 'customer', options: { customerId: 'c0009' } },
  { metric: 'customer', options: { customerId: 'c0011', actions: { highValueMinM: 2 } } },
  { metric: 'customer', options: { customerId: 'c0013', timelineLimit: 100 } },
  { metric: 'customer', options: { customerId: 'c0035', rfm: { thresholds: { m: [0, 50, 100, 500, 1000] } } } },
  { metric: 'customer', options: { customerId: 'nobody' } },
  // The filter bar's values: most customers first, ties by value, a limit that truncates, a field the tables lack.
  { metric: 'values', options: { fields: ['region', 'segment', 'company', 'lifecycleStage', 'attributes.tier', 'createdAt'] } },
  { metric: 'values', options: { fields: ['id', 'region', 'notAField'], limit: 2 } },
];

// Every part of a query's `filters` (docs/contract.md, "Filters"), alone and combined, over the metrics they slice.
const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 5, 30);
const FILTER_SETS = [
  { time: { kind: 'last-days', days: 90 } },
  // Ends before asOf: the end is exclusive and becomes the new asOf.
  { time: { kind: 'range', from: Date.UTC(2025, 9, 1), to: Date.UTC(2026, 2, 31) } },
  { time: { kind: 'between', after: AS_OF - 200 * DAY, through: AS_OF - 10 * DAY - DAY / 2 }, customer: { region: ['South'] }, segment: ['loyal', 'new', 'hibernating'] },
  { customer: { region: ['North', '华东'] } },
  { customer: { 'attributes.tier': ['gold'], segment: ['B2B'] } },
  { customer: { id: ['c0001', 'c0002', 'c0040', 'c0077'] }, nps: ['promoter', 'passive'] },
  { customer: { region: [] }, stage: [] },
  { stage: ['lead', 'signed'] },
  { segment: ['champions', 'at_risk', 'hibernating'] },
  { cell: { x: 'r', y: 'f', cell: { x: 1, y: 1 } }, time: { kind: 'last-days', days: 365 } },
  { cell: { x: 'm', y: 'f', cell: { x: 5, y: 2 } } },
  { nps: ['detractor'] },
];
const FILTERED = [
  { metric: 'nps', options: {} },
  { metric: 'nps', options: { dedupe: 'latest', breakdown: 'region', period: { kind: 'last-days', days: 60 } } },
  { metric: 'funnel', options: {} },
  { metric: 'funnel', options: { mode: 'snapshot', breakdown: 'segment' } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f' } },
  { metric: 'rfm-grid', options: { x: 'm', y: 'f', ties: 'dense', filter: { field: 'segment', value: 'B2C' } } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 5, y: 5 }, offset: 0, limit: 20, sort: { column: 'health', desc: true } } },
  { metric: 'values', options: { fields: ['region', 'segment', 'lifecycleStage', 'attributes.tier'], limit: 3 } },
];
QUERIES.push(...FILTER_SETS.flatMap((filters) => FILTERED.map((query) => ({ ...query, filters }))));

/** Numbers that are ratios or interval bounds: equal within 1e-9 relative. Every other number exactly. */
const RATES = new Set(['conversionFromPrevious', 'conversionFromFirst', 'overallConversion', 'score', 'marginOfError', 'lower', 'upper', 'share', 'meanM']);

function assertParity(actual, expected, path = 'result') {
  if (typeof expected === 'number' && typeof actual === 'number' && RATES.has(path.split('.').at(-1)) && !Number.isInteger(expected)) {
    const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
    assert.ok(Math.abs(actual - expected) / scale <= 1e-9, `${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.equal(typeof actual, 'object', path);
  assert.ok(actual !== null, `${path} is null`);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} is an array`);
    assert.equal(actual.length, expected.length, `${path}.length`);
    expected.forEach((item, i) => assertParity(actual[i], item, `${path}.${i}`));
    return;
  }
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const key of Object.keys(expected)) assertParity(actual[key], expected[key], `${path}.${key}`);
}

async function loadAll(db, scopes) {
  for (const scope of scopes) await loadDataset(db, datasets[scope], scope);
}

/** The queries that rank every customer: answered from the stored scores by default, and each ranking everyone itself. */
const RANKING = QUERIES.filter((query) => ['rfm-grid', 'rfm-members', 'customer'].includes(query.metric));

async function checkAll(db, scopes, queries = QUERIES, settings = {}) {
  let compared = 0;
  for (const scope of scopes) {
    const ctx = await scopeContext(db, scope);
    for (const table of Object.values(TABLES).filter((t) => t.collection)) {
      assert.equal(ctx.present.has(table.name), datasets[scope].present[table.collection], `${db.dialect} ${scope}: ${table.collection} present`);
    }
    for (const query of queries) {
      const expected = answerQuery(datasets[scope], query);
      const actual = await answerFromWarehouse(db, ctx, query, settings);
      const label = `${db.dialect} ${scope} ${JSON.stringify(query)}${settings.storedScores === false ? ' (scores not stored)' : ''}`;
      assert.ok(checkResult(query.metric, actual).ok, `${label}: a valid ${query.metric} result`);
      assertParity(actual, expected, label);
      compared++;
    }
  }
  return compared;
}

const ALL = Object.keys(SCOPES);

describe('reference SQL on DuckDB', () => {
  it('gives the engine answer for every query in every scope of one database', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await loadAll(db, ALL);
      assert.equal(await checkAll(db, ALL), ALL.length * QUERIES.length);
      assert.equal(await checkAll(db, ALL, RANKING, { storedScores: false, storedDrillRows: false }), ALL.length * RANKING.length);
      // Every ranking query read its stored scores: none fell back to ranking everyone (which would hide a broken read).
      assert.equal(scoreStore(db).stats.lost, 0);
      assert.ok(scoreStore(db).stats.reads > 0);
    } finally {
      await db.close();
    }
  });

  it('reads a collection the database has no table for as absent', async () => {
    for (const scope of ['no-surveys', 'no-stage-events', 'no-orders', 'no-customers']) {
      const db = await openDuckDb(':memory:');
      try {
        await loadAll(db, [scope]);
        const missing = Object.values(TABLES).filter((t) => t.collection && !datasets[scope].present[t.collection]);
        assert.ok(missing.length > 0);
        for (const table of missing) assert.ok(!(await db.tableNames()).has(table.name), `${scope}: no ${table.name} table`);
        await checkAll(db, [scope]);
      } finally {
        await db.close();
      }
    }
  });

  it('keeps scopes apart: an unknown scope is refused, a known one sees only its rows', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await loadAll(db, ['full', 'tiny']);
      await assert.rejects(scopeContext(db, 'nobody'), (error) => error.code === 'forbidden');
      const tiny = await answerFromWarehouse(db, await scopeContext(db, 'tiny'), { metric: 'rfm-grid', options: { x: 'r', y: 'f' } });
      // tiny has three customers: c0000 buys once, c0001 several times, c0002 several times.
      assert.ok(tiny.scored + tiny.unscored <= 3, `tiny sees ${tiny.scored + tiny.unscored} customers`);
    } finally {
      await db.close();
    }
  });
});

describe('reference SQL on PostgreSQL', () => {
  itOnPostgres('gives the engine answer for every query in every scope', async (db) => {
    await loadAll(db, ALL);
    assert.equal(await checkAll(db, ALL), ALL.length * QUERIES.length);
    assert.equal(await checkAll(db, ALL, RANKING, { storedScores: false, storedDrillRows: false }), ALL.length * RANKING.length);
    // Every ranking query read its stored scores: none fell back to ranking everyone (which would hide a broken read).
    assert.equal(scoreStore(db).stats.lost, 0);
    assert.ok(scoreStore(db).stats.reads > 0);
  });
});
