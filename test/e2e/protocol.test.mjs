// The query/result protocol as an engine in another language sees it: dist/query.schema.json
// (written by the build from the zod schemas) read by an independent JSON Schema validator
// (ajv, draft 2020-12), checked against real queries and the kit's own answers sent as JSON.
// Needs `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = resolve(import.meta.dirname, '../..');
const load = (file) => import(pathToFileURL(resolve(root, 'dist', file)).href);
const { validatePayload, checkQuery, PROTOCOL_VERSION } = await load('contract.js');
const { answerQuery } = await load('data.js');
const { generateSample } = await load('sample.js');

const schema = JSON.parse(readFileSync(resolve(root, 'dist/query.schema.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(schema);
const isQuery = ajv.getSchema(`${schema.$id}#/$defs/query`);
const isAnswer = ajv.getSchema(`${schema.$id}#/$defs/answer`);

const payload = generateSample({ seed: 3, customers: 150 });
const checked = validatePayload(payload);
assert.ok(checked.ok);
const firstCustomer = payload.customers[0].id;

/** One query per metric, with the options a widget sends. */
const QUERIES = [
  { metric: 'nps', options: { period: { kind: 'last-days', days: 365 }, dedupe: 'latest', trend: 'month', interval: 'adjusted-wald' } },
  { metric: 'funnel', options: { windowDays: 30, attempts: 'any', mode: 'ordered' } },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f', ties: 'dense' } },
  { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 5, y: 1 } } },
  { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 5, y: 5 }, sort: { column: 'monetary', desc: true }, offset: 0, limit: 25 } },
  { metric: 'customer', options: { customerId: firstCustomer, timelineLimit: 10 } },
  { metric: 'customer', options: { customerId: 'no-such-customer' } },
];

describe('query/result protocol JSON Schema (dist/query.schema.json)', () => {
  it('is draft 2020-12 with the protocol version in its $id', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.match(schema.$id, new RegExp(`/protocol/v${PROTOCOL_VERSION}\\.schema\\.json$`));
    for (const metric of ['nps', 'funnel', 'rfm-grid', 'rfm-members', 'rfm-page', 'customer']) assert.ok(schema.$defs[`result-${metric}`], metric);
  });

  for (const query of QUERIES) {
    it(`accepts the ${query.metric} query and the kit's answer to it, sent as JSON`, () => {
      assert.ok(checkQuery(query).ok, 'the zod side accepts it');
      assert.ok(isQuery(query), JSON.stringify(isQuery.errors));
      const data = JSON.parse(JSON.stringify(answerQuery(checked.dataset, query)));
      const answer = { v: PROTOCOL_VERSION, metric: query.metric, data };
      assert.ok(isAnswer(answer), JSON.stringify(isAnswer.errors?.slice(0, 3)));
    });
  }

  it('refuses what zod refuses: an unknown metric, a page over 500 rows, a cell off the grid', () => {
    const bad = [
      { metric: 'revenue', options: {} },
      { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: 1, y: 1 }, offset: 0, limit: 501 } },
      { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 6, y: 1 } } },
      { metric: 'nps', options: { period: { kind: 'last-days', days: 0 } } },
    ];
    for (const query of bad) {
      assert.equal(checkQuery(query).ok, false, `zod: ${JSON.stringify(query)}`);
      assert.equal(isQuery(query), false, `JSON Schema: ${JSON.stringify(query)}`);
    }
  });

  it('refuses an answer whose data is another metric\'s, or of another protocol version', () => {
    const nps = JSON.parse(JSON.stringify(answerQuery(checked.dataset, QUERIES[0])));
    assert.equal(isAnswer({ v: PROTOCOL_VERSION, metric: 'funnel', data: nps }), false);
    assert.equal(isAnswer({ v: PROTOCOL_VERSION + 1, metric: 'nps', data: nps }), false);
    assert.equal(isAnswer({ v: PROTOCOL_VERSION, metric: 'nps', data: { ...nps, promoters: -1 } }), false);
  });
});
