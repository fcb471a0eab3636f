import { expect } from '@open-wc/testing';
import { Utf8Texts, textsToArray, validatePayload, type Dataset, type Payload, type ValidationResult } from '../../src/contract/index.js';
import { validateArrowPayload } from '../../src/contract/arrow/index.js';
import { datasetBytes, isDatasetShape, pickFields, storableDataset } from '../../src/data/dataset-shape.js';
import { describeCustomer, filterDataset } from '../../src/metrics/index.js';
import { generateSample } from '../../src/sample/index.js';
import { arrowFormOf } from './arrow-samples.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const ascii = (texts: string[]) => {
  const bytes = new TextEncoder().encode(texts.join(''));
  const offsets = new Int32Array(texts.length + 1);
  texts.forEach((text, i) => (offsets[i + 1] = offsets[i]! + text.length));
  return new Utf8Texts(bytes, offsets);
};

function ok(result: ValidationResult) {
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const fromArrow = (payload: Payload, batchRows?: number) => {
  const { envelope, streams } = arrowFormOf(payload, batchRows ? { batchRows } : {});
  return ok(validateArrowPayload(envelope, streams));
};

describe('Utf8Texts: a text column kept as bytes', () => {
  it('reads rows, takes and keeps rows, and turns into strings and JSON', () => {
    const texts = ascii(['O1', '', 'ord-17', 'Z']);
    expect(texts.length).to.equal(4);
    expect([texts.at(0), texts.at(1), texts.at(2), texts.at(-1), texts.at(4), texts.at(-5)]).to.deep.equal(['O1', '', 'ord-17', 'Z', undefined, undefined]);
    expect(texts.take(Int32Array.of(3, 0, 3), 3).toArray()).to.deep.equal(['Z', 'O1', 'Z']);
    expect(texts.keep(Uint8Array.of(0, 1, 0, 1), 2).toArray()).to.deep.equal(['O1', 'ord-17']);
    expect(texts.keep(new Uint8Array(4), 4)).to.equal(texts);
    expect(JSON.stringify({ id: texts })).to.equal('{"id":["O1","","ord-17","Z"]}');
    expect(textsToArray(['a'])).to.deep.equal(['a']);
  });
});

describe('ids of an Arrow payload kept as bytes', () => {
  it('holds order, interaction, survey and ticket ids as bytes with the strings of the JSON form', () => {
    const payload = generateSample({ seed: 5, customers: 60 });
    const json = ok(validatePayload(payload)).dataset;
    for (const batchRows of [undefined, 13]) {
      const dataset = fromArrow(payload, batchRows).dataset;
      for (const name of ['orders', 'interactions', 'surveys', 'tickets'] as const) {
        expect(dataset[name].id, name).to.be.instanceOf(Utf8Texts);
        expect(textsToArray(dataset[name].id), name).to.deep.equal(json[name].id);
      }
      // Customer ids are every reference's key: strings.
      expect(Array.isArray(dataset.customers.id)).to.equal(true);
    }
  });

  it('sets aside duplicate, empty and missing ids as JSON does, numeric-looking or not, ASCII or not', () => {
    const cases: [string, (i: number) => string][] = [
      ['numeric', (i) => `O${i}`],
      ['padded', (i) => `ORD${String(i).padStart(6, '0')}`],
      ['free text', (i) => `order-${(i * 7919).toString(36)}-x`],
      ['non-ASCII', (i) => `订单${i}`],
    ];
    for (const [label, idOf] of cases) {
      const payload = clone(generateSample({ seed: 3, customers: 30 }));
      const orders = payload.orders as Record<string, unknown>[];
      orders.forEach((order, i) => (order.id = idOf(i)));
      orders[9]!.id = orders[2]!.id;
      orders[11]!.id = '';
      delete orders[12]!.id;
      orders[14]!.id = orders[2]!.id;
      const json = ok(validatePayload(payload));
      const arrow = fromArrow(payload);
      const rowsAndCodes = (r: ValidationResult & { ok: true }) => r.issues.filter((i) => i.collection === 'orders').map((i) => [i.row, i.code]);
      expect(arrow.rejected.orders, label).to.equal(4);
      expect(rowsAndCodes(arrow), label).to.deep.equal([
        [9, 'duplicate'],
        [11, 'type'],
        [12, 'missing'],
        [14, 'duplicate'],
      ]);
      expect(arrow.issues.find((i) => i.row === 14)!.message, label).to.equal(`orders.arrow.id[14]: duplicate id "${idOf(2)}" (first at orders.arrow.id[2])`);
      expect(rowsAndCodes(json), label).to.deep.equal(rowsAndCodes(arrow));
      expect(textsToArray(arrow.dataset.orders.id), label).to.deep.equal(json.dataset.orders.id);
    }
  });

  it('cuts byte-kept ids with the rows a time filter keeps, so a timeline names the right orders', () => {
    const payload = generateSample({ seed: 8, customers: 50 });
    const json = ok(validatePayload(payload)).dataset;
    const arrow = fromArrow(payload).dataset;
    const time = { kind: 'last-days', days: 120 } as const;
    const cutJson = filterDataset(json, { time });
    const cutArrow = filterDataset(arrow, { time });
    expect(cutArrow.orders.length).to.be.below(arrow.orders.length);
    expect(textsToArray(cutArrow.orders.id)).to.deep.equal(cutJson.orders.id);
    const customerId = json.customerKeys[json.orders.customer[json.orders.length - 1]!]!;
    expect(describeCustomer(cutArrow, customerId)).to.deep.equal(describeCustomer(cutJson, customerId));
  });

  it('is stored as strings: the storable copy passes the cache check, counts as the JSON form does and clears ids a portal did not allow', () => {
    const payload = generateSample({ seed: 2, customers: 20 });
    const json: Dataset = ok(validatePayload(payload)).dataset;
    const arrow = fromArrow(payload).dataset;
    expect(isDatasetShape(structuredClone(arrow))).to.equal(false);
    const stored = storableDataset(arrow);
    expect(isDatasetShape(structuredClone(stored))).to.equal(true);
    expect(stored.orders.id).to.deep.equal(json.orders.id);
    expect(arrow.orders.id).to.be.instanceOf(Utf8Texts);
    expect(datasetBytes(arrow)).to.equal(datasetBytes(json));
    const picked = pickFields(arrow, ['customers', 'orders.amount']);
    expect(textsToArray(picked.orders.id).every((id) => id === '')).to.equal(true);
    expect(textsToArray(picked.tickets.id).every((id) => id === '')).to.equal(true);
  });
});
