#!/usr/bin/env node
// Arrow streams written by DuckDB itself, checked in under test/fixtures/arrow/duckdb for the
// browser tests: `node scripts/arrow-fixtures.mjs` rewrites them, and test/e2e/arrow.test.mjs
// fails when they no longer match what this script produces.
//
// DuckDB loads the row-form sample and types it the way a warehouse export would (TIMESTAMPTZ,
// DECIMAL(18,2), ENUM customer references, TINYINT scores, epoch integers); its own Arrow writer
// produces the bytes. That writer is duckdb-wasm's query result (DuckDB's C++ Arrow export,
// `runQuery` returns the IPC stream), run here in Node: @duckdb/node-api has no Arrow output, and
// the extension behind `COPY … (FORMAT arrows)` cannot be installed offline.
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
export const FIXTURES = resolve(root, 'test/fixtures/arrow/duckdb');
/** The sample the fixtures hold, in row JSON (the browser test generates the same). */
export const SAMPLE = { seed: 2026, customers: 60 };

async function loadSample() {
  const outfile = resolve(root, 'node_modules/.cache/arrow-fixtures/sample.mjs');
  buildSync({ entryPoints: [resolve(root, 'src/sample/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}

const literal = (v) => (v === undefined || v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/**
 * A table holding the rows as the JSON has them; an `EPOCH_MS` column holds the ISO text as
 * epoch ms (Date.parse), for the exports that want integers (DuckDB's own epoch functions on
 * TIMESTAMPTZ live in its ICU extension, which wasm would try to download).
 */
function load(conn, table, rows, columns) {
  const types = columns.map(([name, type]) => `"${name}" ${type === 'EPOCH_MS' ? 'BIGINT' : type}`).join(', ');
  conn.query(`CREATE TABLE ${table} (${types})`);
  const value = (row, name, type) => (type === 'EPOCH_MS' && row[name] != null ? Date.parse(row[name]) : row[name]);
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((row) => `(${columns.map(([name, type]) => literal(value(row, name, type))).join(', ')})`);
    conn.query(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
}

/** Each collection's export query: DuckDB types, the contract's column names. */
export const EXPORTS = {
  customers: `SELECT id, name, company, segment, region, owner, "createdAt"::TIMESTAMPTZ AS "createdAt", "lifecycleStage" FROM customers ORDER BY rowid`,
  // ENUM columns leave DuckDB as dictionary-encoded strings; DECIMAL as decimal128.
  orders: `SELECT id, "customerId"::customer_ref AS "customerId", date::TIMESTAMPTZ AS date, amount::DECIMAL(18, 2) AS amount FROM orders ORDER BY rowid`,
  // A TIMESTAMP without time zone (read as UTC) and a channel ENUM.
  interactions: `SELECT id, "customerId", make_timestamp(date * 1000) AS date, channel::channel AS channel FROM interactions ORDER BY rowid`,
  // Dates as int64 epoch milliseconds, scores as TINYINT.
  surveys: `SELECT id, "customerId"::customer_ref AS "customerId", date, score::TINYINT AS score, comment FROM surveys ORDER BY rowid`,
  // Dates as int32 epoch seconds.
  stageEvents: `SELECT "entityId", "customerId", stage, (date // 1000)::INTEGER AS date FROM "stageEvents" ORDER BY rowid`,
  tickets: `SELECT id, "customerId"::customer_ref AS "customerId", "openedAt"::TIMESTAMPTZ AS "openedAt", "firstResponseAt"::TIMESTAMPTZ AS "firstResponseAt", "resolvedAt"::TIMESTAMPTZ AS "resolvedAt" FROM tickets ORDER BY rowid`,
};

const COLUMNS = {
  customers: [['id', 'VARCHAR'], ['name', 'VARCHAR'], ['company', 'VARCHAR'], ['segment', 'VARCHAR'], ['region', 'VARCHAR'], ['owner', 'VARCHAR'], ['createdAt', 'VARCHAR'], ['lifecycleStage', 'VARCHAR']],
  orders: [['id', 'VARCHAR'], ['customerId', 'VARCHAR'], ['date', 'VARCHAR'], ['amount', 'DOUBLE']],
  interactions: [['id', 'VARCHAR'], ['customerId', 'VARCHAR'], ['date', 'EPOCH_MS'], ['channel', 'VARCHAR']],
  surveys: [['id', 'VARCHAR'], ['customerId', 'VARCHAR'], ['date', 'EPOCH_MS'], ['score', 'INTEGER'], ['comment', 'VARCHAR']],
  stageEvents: [['entityId', 'VARCHAR'], ['customerId', 'VARCHAR'], ['stage', 'VARCHAR'], ['date', 'EPOCH_MS']],
  tickets: [['id', 'VARCHAR'], ['customerId', 'VARCHAR'], ['openedAt', 'VARCHAR'], ['firstResponseAt', 'VARCHAR'], ['resolvedAt', 'VARCHAR']],
};

/** The sample's envelope and DuckDB's Arrow stream of each collection. */
export async function duckdbArrowForm() {
  const { generateSample } = await loadSample();
  const payload = generateSample(SAMPLE);
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm'));
  const bundles = { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } };
  const db = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  // Offline: an extension DuckDB would fetch on demand (ICU) must fail fast instead of waiting on the network.
  conn.query(`SET autoload_known_extensions = false`);
  for (const [name, columns] of Object.entries(COLUMNS)) load(conn, `"${name}"`, payload[name], columns);
  conn.query(`CREATE TYPE customer_ref AS ENUM (SELECT id FROM customers ORDER BY rowid)`);
  conn.query(`CREATE TYPE channel AS ENUM ('email', 'phone', 'wechat', 'sms', 'meeting', 'visit', 'chat', 'other')`);
  const streams = {};
  const envelope = { schemaVersion: 1, asOf: payload.asOf, currency: payload.currency, stages: payload.stages };
  for (const [name, query] of Object.entries(EXPORTS)) {
    streams[name] = db.runQuery(conn._conn, query);
    envelope[name] = { arrow: `${name}.arrow` };
  }
  conn.close();
  return { envelope, streams };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { envelope, streams } = await duckdbArrowForm();
  mkdirSync(FIXTURES, { recursive: true });
  writeFileSync(join(FIXTURES, 'contract.json'), `${JSON.stringify(envelope, null, 2)}\n`);
  for (const [name, bytes] of Object.entries(streams)) writeFileSync(join(FIXTURES, `${name}.arrow`), bytes);
  console.log(`arrow fixtures: ${Object.keys(streams).length} DuckDB streams in ${FIXTURES}`);
}
