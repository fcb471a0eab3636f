// The Arrow form in Node: streams DuckDB wrote (and the checked-in copies the browser tests
// read), `crm-widget-kit export --format arrow` read back by apache-arrow and by the kit, and
// flechette kept out of every element entry. Needs `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { duckdbArrowForm, FIXTURES, SAMPLE } from '../../scripts/arrow-fixtures.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = (file) => import(pathToFileURL(resolve(root, 'dist', file)).href);
const { validatePayload } = await dist('contract.js');
const { validateArrowPayload } = await dist('arrow.js');
const { generateSample } = await dist('sample.js');
const cli = resolve(root, 'dist/cli.js');
const example = resolve(root, 'docs/examples/contract-example.json');
const scratch = resolve(root, 'node_modules/.cache/arrow-test');

/** A dataset as plain JSON values (typed arrays as arrays, NaN spelled out) for deep equality. */
const plain = (dataset) =>
  JSON.parse(JSON.stringify(dataset, (_key, value) => (ArrayBuffer.isView(value) ? Array.from(value, (v) => (Number.isNaN(v) ? 'NaN' : v)) : value)));
const ok = (result) => {
  assert.equal(result.ok, true, result.error?.message);
  return result;
};
const run = (args) => {
  const out = spawnSync(process.execPath, [cli, ...args]);
  return { status: out.status, stdout: out.stdout.toString(), stderr: out.stderr.toString() };
};
const readStreams = (dir, envelope) =>
  Object.fromEntries(Object.entries(envelope).filter(([, v]) => v && typeof v === 'object' && 'arrow' in v).map(([name, v]) => [name, readFileSync(resolve(dir, v.arrow))]));

describe('Arrow streams written by DuckDB', async () => {
  const fresh = await duckdbArrowForm();

  it('are the checked-in fixtures (node scripts/arrow-fixtures.mjs rewrites them)', () => {
    assert.deepEqual(JSON.parse(readFileSync(resolve(FIXTURES, 'contract.json'), 'utf8')), fresh.envelope);
    for (const [name, bytes] of Object.entries(fresh.streams)) {
      assert.ok(Buffer.from(bytes).equals(readFileSync(resolve(FIXTURES, `${name}.arrow`))), `${name}.arrow is out of date`);
    }
  });

  it('hold DuckDB types: ENUM as dictionaries, TIMESTAMPTZ in microseconds, DECIMAL, epoch integers', () => {
    const type = (name, field) => String(tableFromIPC(fresh.streams[name]).schema.fields.find((f) => f.name === field).type);
    assert.equal(type('orders', 'customerId'), 'Dictionary<Uint8, Utf8>');
    assert.equal(type('orders', 'date'), 'Timestamp<MICROSECOND, UTC>');
    assert.equal(type('orders', 'amount'), 'Decimal[18e+2]');
    assert.equal(type('interactions', 'date'), 'Timestamp<MICROSECOND>');
    assert.equal(type('surveys', 'date'), 'Int64');
    assert.equal(type('stageEvents', 'date'), 'Int32');
  });

  it('validate to the dataset of the JSON they came from, nothing set aside', () => {
    const json = ok(validatePayload(generateSample(SAMPLE)));
    const result = ok(validateArrowPayload(fresh.envelope, fresh.streams));
    assert.equal(result.rejectedTotal, 0);
    assert.deepEqual(result.received, json.received);
    assert.deepEqual(plain(result.dataset), plain(json.dataset));
  });
});

describe('crm-widget-kit export --format arrow', () => {
  it('writes contract.json and one stream per collection that apache-arrow and the kit read back as the JSON', () => {
    const out = resolve(scratch, 'example');
    rmSync(out, { recursive: true, force: true });
    const exported = run(['export', '--format', 'arrow', example, '--out', out]);
    assert.equal(exported.status, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout);
    assert.deepEqual(summary.files, ['contract.json', 'customers.arrow', 'orders.arrow', 'interactions.arrow', 'surveys.arrow', 'stageEvents.arrow', 'tickets.arrow']);
    const envelope = JSON.parse(readFileSync(resolve(out, 'contract.json'), 'utf8'));
    assert.deepEqual(envelope.orders, { arrow: 'orders.arrow' });
    const orders = tableFromIPC(readFileSync(resolve(out, 'orders.arrow')));
    assert.equal(String(orders.schema.fields.find((f) => f.name === 'customerId').type), 'Dictionary<Int32, Utf8>');
    assert.equal(String(orders.schema.fields.find((f) => f.name === 'date').type), 'Timestamp<MILLISECOND, UTC>');
    const payload = JSON.parse(readFileSync(example, 'utf8'));
    // apache-arrow's own reading: the first order as the JSON wrote it.
    const first = orders.get(0).toJSON();
    assert.equal(first.id, payload.orders[0].id);
    assert.equal(first.customerId, payload.orders[0].customerId);
    assert.equal(first.date, Date.parse(payload.orders[0].date));
    assert.equal(first.amount, payload.orders[0].amount);
    const result = ok(validateArrowPayload(envelope, readStreams(out, envelope)));
    assert.deepEqual(plain(result.dataset), plain(ok(validatePayload(payload)).dataset));
  });

  it('writes only the kept rows (exit 1), nothing for a payload that is not a contract (exit 3), and needs --out', () => {
    const payload = JSON.parse(readFileSync(example, 'utf8'));
    payload.orders[1].amount = 'lots';
    mkdirSync(scratch, { recursive: true });
    const input = resolve(scratch, 'broken.json');
    writeFileSync(input, JSON.stringify(payload));
    const out = resolve(scratch, 'broken');
    rmSync(out, { recursive: true, force: true });
    const exported = run(['export', input, '--out', out]);
    assert.equal(exported.status, 1);
    assert.match(exported.stderr, /1 row set aside and not exported/);
    assert.equal(tableFromIPC(readFileSync(resolve(out, 'orders.arrow'))).numRows, payload.orders.length - 1);

    writeFileSync(input, JSON.stringify({ schemaVersion: 2 }));
    rmSync(out, { recursive: true, force: true });
    assert.equal(run(['export', input, '--out', out]).status, 3);
    assert.equal(existsSync(out), false);
    assert.equal(run(['export', example]).status, 2);
    assert.equal(run(['export', example, '--out', out, '--format', 'csv']).status, 2);
    assert.equal(run(['validate', example, '--out', out]).status, 2);
  });
});

describe('flechette stays on the engine side', () => {
  it('no element entry, nor the single-file bundle, nor the main entries import it', () => {
    const files = ['crm-widget-kit.js', 'index.js', 'contract.js', 'metrics.js', 'data.js', ...readdirSync(resolve(root, 'dist/elements')).filter((f) => f.endsWith('.js')).map((f) => `elements/${f}`)];
    // The ES entries leave dependencies external (an import names the package); the bundle would carry flechette's code and its messages.
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(resolve(root, 'dist', file), 'utf8');
      assert.doesNotMatch(code, /@uwdata\/flechette|IPC data batch was not a Uint8Array/, `${file} reaches flechette`);
      for (const [, chunk] of code.matchAll(/from\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(resolve(resolve(root, 'dist', file), '..', chunk).slice(resolve(root, 'dist').length + 1));
    };
    for (const file of files) visit(file);
    assert.match(readFileSync(resolve(root, 'dist/arrow.js'), 'utf8'), /@uwdata\/flechette/);
  });
});
