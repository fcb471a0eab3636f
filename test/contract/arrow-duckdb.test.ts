import { expect } from '@open-wc/testing';
import { arrowStreamRequests, isArrowEnvelope, validatePayload, type Dataset } from '../../src/contract/index.js';
import { validateArrowPayload } from '../../src/contract/arrow/index.js';
import { generateSample } from '../../src/sample/index.js';

// Written by DuckDB's own Arrow export in Node (scripts/arrow-fixtures.mjs, checked by test/e2e/arrow.test.mjs).
const ENVELOPE_URL = new URL('/test/fixtures/arrow/duckdb/contract.json', location.href).href;
const SAMPLE = { seed: 2026, customers: 60 };

const plain = (dataset: Dataset): unknown =>
  JSON.parse(JSON.stringify(dataset, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array, (v) => (Number.isNaN(v) ? 'NaN' : v)) : value)));

describe('validateArrowPayload on streams DuckDB wrote', () => {
  it('fetches the streams the envelope names and gives the dataset of the JSON sample, in the browser', async () => {
    const envelope: unknown = await (await fetch(ENVELOPE_URL)).json();
    if (!isArrowEnvelope(envelope)) throw new Error('expected an Arrow envelope');
    const streams = new Map<string, Uint8Array>();
    for (const { collection, url } of arrowStreamRequests(envelope, ENVELOPE_URL)) streams.set(collection, new Uint8Array(await (await fetch(url)).arrayBuffer()));
    expect([...streams.keys()]).to.deep.equal(['customers', 'orders', 'interactions', 'surveys', 'stageEvents', 'tickets']);
    const result = validateArrowPayload(envelope, streams);
    const json = validatePayload(generateSample(SAMPLE));
    if (!result.ok || !json.ok) throw new Error('expected both forms to validate');
    expect(result.rejectedTotal).to.equal(0);
    expect(result.received).to.deep.equal(json.received);
    expect(plain(result.dataset)).to.deep.equal(plain(json.dataset));
  });
});
