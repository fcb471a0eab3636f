// `crm-widget-kit serve`: the query protocol over HTTP from the reference SQL, one scope per
// request (from the auth hook), ETags per result, a server-side result cache; and `export --db`,
// which writes a scope's tables back as the browser contract.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sources } from './build.mjs';
import { generatePayload, SCOPES } from './generate.mjs';

const { answerQuery, validatePayload, checkBatchResponse, openDuckDb, loadDataset, createQueryServer, payloadFromWarehouse, drillStore, scoreStore } = sources;
const root = resolve(import.meta.dirname, '../..');
const datasets = { full: validatePayload(generatePayload(SCOPES.full)).dataset, tiny: validatePayload(generatePayload(SCOPES.tiny)).dataset };
const QUERIES = [
  { metric: 'nps', options: { dedupe: 'latest' } },
  { metric: 'funnel', options: { windowDays: 30 } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f' } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 2, y: 1 } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 }, offset: 0, limit: 10, sort: { column: 'name', desc: false, locale: 'zh-CN' } } },
  { metric: 'customer', options: { customerId: 'c0001' } },
  // Filtered, as a filter bar in warehouse mode asks: its values, and the widgets sliced.
  { metric: 'values', options: { fields: ['region', 'segment'] }, filters: { time: { kind: 'last-days', days: 90 } } },
  { metric: 'nps', options: {}, filters: { customer: { region: ['North'] }, time: { kind: 'last-days', days: 180 } } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f' }, filters: { segment: ['champions', 'loyal'], nps: ['promoter'] } },
];

async function post(url, body, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), json: text ? JSON.parse(text) : null };
}

describe('serve (reference server)', () => {
  let db;
  let server;
  let url;
  let calls = 0;
  before(async () => {
    db = await openDuckDb(':memory:');
    for (const [scope, dataset] of Object.entries(datasets)) await loadDataset(db, dataset, scope);
    // Count the statements the server sends, to see its result cache work.
    const all = db.all.bind(db);
    db.all = (sql, params) => {
      calls++;
      return all(sql, params);
    };
    // The auth hook of a host: a bearer token names the tenant.
    const auth = ({ headers }) => ({ 'Bearer full-token': 'full', 'Bearer tiny-token': 'tiny', 'Bearer stranger': 'nobody' })[headers.authorization] ?? null;
    // Statements are counted here: no drill-down rows built in the background (the next suite has them).
    server = createQueryServer({ db, auth, cacheMs: 60_000, drillAhead: false });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${server.address().port}/api/crm/query`;
  });
  after(async () => {
    await new Promise((done) => server.close(done));
    await db.close();
  });

  it('answers a batch in the auth hook’s scope with the engine’s answers', async () => {
    for (const scope of ['full', 'tiny']) {
      const { status, json } = await post(url, { protocol: 1, queries: QUERIES }, { authorization: `Bearer ${scope}-token` });
      assert.equal(status, 200);
      const checked = checkBatchResponse(QUERIES, json);
      assert.ok(checked.ok, checked.message);
      checked.value.results.forEach((entry, i) => {
        assert.ok(entry.ok && 'data' in entry, `${scope} ${QUERIES[i].metric}`);
        assert.deepEqual(entry.data, answerQuery(datasets[scope], QUERIES[i]), `${scope} ${QUERIES[i].metric}`);
      });
    }
  });

  it('refuses requests without a scope, unknown scopes, bad batches and other methods', async () => {
    assert.equal((await post(url, { protocol: 1, queries: QUERIES })).status, 401);
    const stranger = await post(url, { protocol: 1, queries: [QUERIES[0]] }, { authorization: 'Bearer stranger' });
    assert.equal(stranger.status, 200);
    assert.deepEqual(stranger.json.results[0].ok, false);
    assert.equal(stranger.json.results[0].error.code, 'forbidden');
    const bad = await post(url, { protocol: 1, queries: [{ metric: 'nps', options: { dedupe: 'newest' } }] }, { authorization: 'Bearer full-token' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /^request\.queries\.0\.options\.dedupe/);
    assert.equal((await fetch(url, { headers: { authorization: 'Bearer full-token' } })).status, 405);
    assert.equal((await fetch(url.replace('/query', '/other'), { method: 'POST' })).status, 404);
  });

  it('refuses per query what the SQL does not answer, and still answers the rest', async () => {
    const queries = [{ metric: 'rfm-migration', options: { days: 90 } }, QUERIES[0]];
    const { json } = await post(url, { protocol: 1, queries }, { authorization: 'Bearer full-token' });
    assert.equal(json.results[0].error.code, 'not-measured');
    assert.ok(json.results[1].ok);
  });

  it('revalidates by ETag per result and per request, and answers repeats from its cache', async () => {
    const auth = { authorization: 'Bearer full-token' };
    const first = await post(url, { protocol: 1, queries: [QUERIES[2]] }, auth);
    const etag = first.json.results[0].etag;
    const before = calls;
    const again = await post(url, { protocol: 1, queries: [QUERIES[2]], etags: [etag] }, auth);
    assert.deepEqual(again.json.results[0], { ok: true, metric: 'rfm-grid', etag, notModified: true });
    assert.equal(calls - before, 0, 'no statement ran: the result came from the cache');
    assert.equal((await post(url, { protocol: 1, queries: [QUERIES[2]] }, { ...auth, 'if-none-match': first.etag })).status, 304);
    // Another scope's equal query is another result, with its own tag.
    const tiny = await post(url, { protocol: 1, queries: [QUERIES[2]], etags: [etag] }, { authorization: 'Bearer tiny-token' });
    assert.ok('data' in tiny.json.results[0]);
    assert.notEqual(tiny.json.results[0].etag, etag);
  });
});

describe('serve: drill-down rows built ahead', () => {
  const listen = async (db) => {
    const server = createQueryServer({ db, auth: () => 'full', cacheMs: 60_000 });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    return { server, url: `http://127.0.0.1:${server.address().port}/api/crm/query` };
  };
  const close = (server) => new Promise((done) => server.close(done));
  /** Until the store has built `n` tables (the build starts after the answer, on its own). */
  async function built(store, n) {
    for (let t = 0; t < 200 && store.stats.builds < n; t++) await new Promise((done) => setTimeout(done, 25));
    await store.settled();
  }
  const GRID = { metric: 'rfm-grid', options: { x: 'r', y: 'f' }, filters: { customer: { region: ['North', '华东'] } } };
  const click = (cell) => [
    { metric: 'rfm-page', options: { x: 'r', y: 'f', cell, offset: 0, limit: 10 }, filters: GRID.filters },
    { metric: 'rfm-members', options: { x: 'r', y: 'f', cell }, filters: GRID.filters },
  ];

  it('after a matrix, its rows are stored in the background: the click on a cell reads them', async () => {
    const db = await openDuckDb(':memory:');
    const { server, url } = await listen(db);
    try {
      await loadDataset(db, datasets.full, 'full');
      const store = drillStore(db);
      const grid = await post(url, { protocol: 1, queries: [GRID] });
      assert.deepEqual(grid.json.results[0].data, answerQuery(datasets.full, GRID));
      await built(store, 1);
      assert.equal(store.stats.builds, 1);
      const cell = grid.json.results[0].data.cells.reduce((a, b) => (b.count > a.count ? b : a));
      const queries = click({ x: cell.x, y: cell.y });
      const { json } = await post(url, { protocol: 1, queries });
      queries.forEach((query, i) => assert.deepEqual(json.results[i].data, answerQuery(datasets.full, query), query.metric));
      assert.deepEqual({ builds: store.stats.builds, pages: store.stats.pages }, { builds: 1, pages: 1 });
      // The ids from the scores the matrix stored: none ranked again.
      assert.deepEqual({ ...scoreStore(db).stats }, { builds: 1, reads: 2, lost: 0 });
      // The matrix again from the server's cache: its rows are still there, nothing is built.
      await post(url, { protocol: 1, queries: [GRID] });
      await store.settled();
      assert.equal(store.stats.builds, 1);
    } finally {
      await close(server);
      await drillStore(db).settled();
      await db.close();
    }
  });

  it('a build waits until no request is being answered: it never competes with the rest of a first paint', async () => {
    const db = await openDuckDb(':memory:');
    const { server, url } = await listen(db);
    let other;
    try {
      await loadDataset(db, datasets.full, 'full');
      const store = drillStore(db);
      // Another widget's request, still arriving (its body half sent).
      const { request } = await import('node:http');
      const body = JSON.stringify({ protocol: 1, queries: [QUERIES[0]] });
      let answered;
      other = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        answered = new Promise((done) => response.on('end', done));
      });
      other.write(body.slice(0, 10));
      await new Promise((done) => setTimeout(done, 50));
      assert.ok((await post(url, { protocol: 1, queries: [GRID] })).json.results[0].ok);
      await new Promise((done) => setTimeout(done, 300));
      await store.settled();
      assert.equal(store.stats.builds, 0, 'no build while a request is being answered');
      other.end(body.slice(10));
      await built(store, 1);
      assert.ok(answered);
      assert.equal(store.stats.builds, 1);
    } finally {
      // A failed check leaves the other request open: the server would wait for it on close.
      other?.destroy();
      await close(server);
      await drillStore(db).settled();
      await db.close();
    }
  });

  it('a failed build in the background is logged, and the next page builds again', async () => {
    const db = await openDuckDb(':memory:');
    let failing = true;
    // The same database, but its first CREATE of stored rows fails (a full disk, a lost session).
    const flaky = {
      ...db,
      all: db.all,
      tableNames: db.tableNames,
      session: { all: (sql, params) => (failing && sql.startsWith('CREATE TEMPORARY') ? Promise.reject(new Error('no space left for the test')) : db.session.all(sql, params)) },
    };
    const { server, url } = await listen(flaky);
    const logged = [];
    const error = console.error;
    console.error = (...args) => logged.push(args.map(String).join(' '));
    try {
      await loadDataset(db, datasets.full, 'full');
      const grid = await post(url, { protocol: 1, queries: [GRID] });
      assert.ok(grid.json.results[0].ok);
      for (let t = 0; t < 200 && logged.length === 0; t++) await new Promise((done) => setTimeout(done, 25));
      assert.match(logged.join('\n'), /drill-down rows of scope full not stored ahead.*no space left/);
      failing = false;
      const cell = grid.json.results[0].data.cells.reduce((a, b) => (b.count > a.count ? b : a));
      const queries = click({ x: cell.x, y: cell.y });
      const { json } = await post(url, { protocol: 1, queries });
      queries.forEach((query, i) => assert.deepEqual(json.results[i].data, answerQuery(datasets.full, query), query.metric));
      assert.equal(drillStore(flaky).stats.builds, 1);
    } finally {
      console.error = error;
      await close(server);
      await drillStore(flaky).settled();
      await db.close();
    }
  });
});

describe('export --db (warehouse to browser contract)', () => {
  it('writes a scope back as a payload that gives the same answers', async () => {
    const db = await openDuckDb(':memory:');
    try {
      for (const [scope, dataset] of Object.entries(datasets)) await loadDataset(db, dataset, scope);
      const checked = validatePayload(await payloadFromWarehouse(db, 'full'));
      assert.ok(checked.ok);
      assert.equal(checked.rejectedTotal, 0);
      for (const query of [...QUERIES, { metric: 'customer', options: { customerId: 'c0003' } }]) {
        assert.deepEqual(answerQuery(checked.dataset, query), answerQuery(datasets.full, query), query.metric);
      }
    } finally {
      await db.close();
    }
  });
});

describe('export --db with filters', () => {
  it('writes only the rows the filters keep, asOf at the period’s end, which answer as the filtered queries', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await loadDataset(db, datasets.full, 'full');
      const day = 86_400_000;
      const end = Date.UTC(2026, 2, 31);
      const filters = { time: { kind: 'range', from: Date.UTC(2025, 9, 1), to: end }, customer: { region: ['North'] } };
      const payload = await payloadFromWarehouse(db, 'full', filters);
      // An inclusive range ends at the next UTC midnight, which becomes asOf.
      assert.equal(payload.asOf, new Date(end + day).toISOString());
      const north = new Set(payload.customers.map((c) => c.id));
      assert.ok(north.size > 10);
      assert.ok(payload.customers.every((c) => c.region === 'North'));
      for (const name of ['orders', 'surveys', 'interactions']) {
        assert.ok(payload[name].every((r) => north.has(r.customerId) && Date.parse(r.date) >= Date.UTC(2025, 9, 1) && Date.parse(r.date) < end + day), name);
      }
      assert.ok(payload.orders.length > 0 && payload.surveys.length > 0);
      const exported = validatePayload(payload);
      assert.ok(exported.ok);
      for (const query of [{ metric: 'nps', options: { dedupe: 'latest' } }, { metric: 'nps', options: { trend: 'week' } }]) {
        assert.deepEqual(answerQuery(exported.dataset, query), answerQuery(datasets.full, { ...query, filters }), query.metric);
      }
    } finally {
      await db.close();
    }
  });
});

const cli = resolve(root, 'dist/cli.js');
describe('crm-widget-kit serve and export (built CLI)', { skip: !existsSync(cli) && 'run npm run build first' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves Parquet files read in place, and exports a database per scope', async () => {
    // Tables written as Parquet files by DuckDB itself, then served by the CLI straight from the files.
    const db = await openDuckDb(join(dir, 'crm.duckdb'));
    await loadDataset(db, datasets.full, 'full');
    for (const table of ['crm_datasets', 'customers', 'orders', 'interactions', 'surveys', 'stage_events', 'tickets']) {
      await db.exec(`COPY ${table} TO '${join(dir, `${table}.parquet`)}' (FORMAT parquet)`);
    }
    await db.close();
    const child = spawn(process.execPath, [cli, 'serve', '--files', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('\n')) done(out);
        });
        child.once('exit', (code) => fail(new Error(`serve exited ${code}`)));
      });
      const endpoint = line.match(/http:\/\/\S+/)[0];
      const { json } = await post(endpoint, { protocol: 1, queries: QUERIES }, { 'x-crm-scope': 'full' });
      QUERIES.forEach((query, i) => assert.deepEqual(json.results[i].data, answerQuery(datasets.full, query), query.metric));
    } finally {
      child.kill('SIGTERM');
    }
    const out = join(dir, 'export');
    const exported = await new Promise((done) => {
      const run = spawn(process.execPath, [cli, 'export', '--db', join(dir, 'crm.duckdb'), '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      run.stdout.on('data', (chunk) => (stdout += chunk));
      run.once('exit', (code) => done({ code, stdout }));
    });
    assert.equal(exported.code, 0);
    assert.equal(JSON.parse(exported.stdout)[0].scope, 'full');
    const envelope = JSON.parse(readFileSync(join(out, 'full/contract.json'), 'utf8'));
    assert.equal(envelope.currency, 'CNY');
    assert.ok(existsSync(join(out, 'full/orders.arrow')));
    const sliced = spawnSync(process.execPath, [cli, 'export', '--db', join(dir, 'crm.duckdb'), '--out', join(dir, 'north'), '--filter', 'region=North', '--period', 'last-90d']);
    assert.equal(sliced.status, 0, sliced.stderr.toString());
    assert.equal(JSON.parse(readFileSync(join(dir, 'north/full/contract.json'), 'utf8')).asOf, new Date(Date.UTC(2026, 5, 30)).toISOString());
    const refused = spawnSync(process.execPath, [cli, 'export', '--db', join(dir, 'crm.duckdb'), '--out', join(dir, 'x'), '--rfm-segment', 'champs']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr.toString(), /--rfm-segment: expected SEGMENT/);
  });
});
