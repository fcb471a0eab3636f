// The HTTP envelope of the query protocol: a batch of the protocol's queries, one entry per query
// back, each result checked by its metric's own schema; and the JSON Schema form of all of it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { sources } from './build.mjs';
import { generatePayload, SCOPES } from './generate.mjs';

const { checkBatchRequest, checkBatchResponse, batchJsonSchema, protocolJsonSchema, answerQuery, validatePayload } = sources;
const nps = { metric: 'nps', options: {} };
const members = { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 } } };

describe('query batch envelope', () => {
  it('accepts a batch of protocol queries and refuses anything else', () => {
    assert.ok(checkBatchRequest({ protocol: 1, queries: [nps, members] }).ok);
    assert.ok(checkBatchRequest({ protocol: 1, queries: [nps], etags: [null] }).ok);
    assert.match(checkBatchRequest({ protocol: 2, queries: [nps] }).message, /^request\.protocol/);
    assert.match(checkBatchRequest({ protocol: 1, queries: [] }).message, /^request\.queries: no query/);
    assert.ok(checkBatchRequest({ protocol: 1, queries: [], info: true }).ok);
    assert.match(checkBatchRequest({ protocol: 1, queries: [{ metric: 'sql', options: {} }] }).message, /^request\.queries\.0/);
    assert.match(checkBatchRequest({ protocol: 1, queries: [nps], etags: [] }).message, /0 entries for 1 queries/);
    assert.equal(checkBatchRequest({ protocol: 1, queries: Array(65).fill(nps) }).ok, false);
  });

  it('checks each answer against its own query and result schema', () => {
    const data = { customerIds: ['c1'] };
    const good = { protocol: 1, results: [{ ok: false, error: { code: 'not-measured', message: 'no surveys' } }, { ok: true, metric: 'rfm-members', etag: '"a"', data }] };
    const checked = checkBatchResponse([nps, members], good);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.results[1].data, data);
    assert.ok(checkBatchResponse([members], { protocol: 1, results: [{ ok: true, metric: 'rfm-members', etag: '"a"', notModified: true }] }).ok);
    // One result too few, a result of another metric, a result that is not its metric's shape.
    assert.match(checkBatchResponse([nps, members], { protocol: 1, results: [good.results[1]] }).message, /1 results for 2 queries/);
    assert.match(checkBatchResponse([nps], { protocol: 1, results: [good.results[1]] }).message, /rfm-members answers a nps query/);
    assert.match(checkBatchResponse([members], { protocol: 1, results: [{ ...good.results[1], data: { customerIds: [1] } }] }).message, /^response\.results\.0: rfm-members result\.customerIds\.0/);
    assert.equal(checkBatchResponse([members], { protocol: 1, results: [{ ok: false, error: { code: 'teapot', message: '' } }] }).ok, false);
  });

  it('publishes JSON Schema that accepts the engine’s own answers and the envelope', () => {
    const protocol = protocolJsonSchema();
    const batch = batchJsonSchema();
    const schema = { query: protocol.$defs.query, results: Object.fromEntries(Object.keys(protocol.$defs).filter((k) => k.startsWith('result-')).map((k) => [k.slice(7), protocol.$defs[k]])), batchRequest: batch.request, batchResponse: batch.response };
    const ajv = new Ajv2020({ strict: false });
    const dataset = validatePayload(generatePayload(SCOPES.full)).dataset;
    for (const query of [nps, members, { metric: 'funnel', options: {} }, { metric: 'rfm-grid', options: { x: 'r', y: 'f' } }]) {
      assert.ok(ajv.validate(schema.query, query), `${query.metric} query: ${ajv.errorsText()}`);
      assert.ok(ajv.validate(schema.results[query.metric], answerQuery(dataset, query)), `${query.metric} result: ${ajv.errorsText()}`);
    }
    assert.ok(ajv.validate(schema.batchRequest, { protocol: 1, queries: [nps] }), ajv.errorsText());
    assert.equal(ajv.validate(schema.batchRequest, { protocol: 1, queries: [{ metric: 'nps', options: { dedupe: 'newest' } }] }), false);
    assert.ok(ajv.validate(schema.batchResponse, { protocol: 1, results: [{ ok: false, error: { code: 'failed', message: 'x' } }] }), ajv.errorsText());
  });
});
