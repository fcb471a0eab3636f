import { expect } from '@open-wc/testing';
import { arrowStreamRequests, isArrowEnvelope, validatePayload, type Dataset, type Payload, type ValidationResult } from '../../src/contract/index.js';
import { validateArrowPayload } from '../../src/contract/arrow/index.js';
import { generateSample } from '../../src/sample/index.js';
import { arrow, arrowFormOf, streamOf, type ArrowVariant } from './arrow-samples.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A dataset as plain JSON values, typed arrays as arrays, NaN as the string "NaN", so deep equality compares everything. */
function plain(dataset: Dataset): unknown {
  return JSON.parse(JSON.stringify(dataset, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array, (v) => (Number.isNaN(v) ? 'NaN' : v)) : value)));
}

function ok(result: ValidationResult) {
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const arrowResult = (payload: Payload, variant?: ArrowVariant) => {
  const { envelope, streams } = arrowFormOf(payload, variant);
  return validateArrowPayload(envelope, streams);
};

const VARIANTS: ArrowVariant[] = [
  {},
  { customers: 'rows', dates: 'int32-seconds', amounts: 'cents' },
  { dates: 'date64', batchRows: 50 },
  { dates: 'timestamp-us', customers: 'rows', batchRows: 7 },
];

describe('validateArrowPayload(envelope, streams)', () => {
  it('gives the dataset and report of the row JSON it was written from (apache-arrow), for every encoding', () => {
    const payload = generateSample({ seed: 11, customers: 80 });
    const json = ok(validatePayload(payload));
    for (const variant of VARIANTS) {
      const result = ok(arrowResult(payload, variant));
      expect(plain(result.dataset), JSON.stringify(variant)).to.deep.equal(plain(json.dataset));
      expect(result.received).to.deep.equal(json.received);
      expect(result.rejectedTotal).to.equal(0);
    }
  });

  it('sets aside the same rows as JSON for the same faults, with Arrow paths', () => {
    const payload = clone(generateSample({ seed: 1, customers: 40 }));
    const rows = (name: string) => (payload as Record<string, Record<string, unknown>[]>)[name]!;
    rows('surveys')[12]!.score = 11;
    rows('orders')[3]!.date = '1850-01-01T00:00:00Z'; // before 1900
    rows('orders')[4]!.customerId = 'C999999';
    delete rows('orders')[5]!.amount; // null in Arrow
    rows('orders')[7]!.amount = 2e15;
    rows('interactions')[0]!.channel = 'fax';
    delete rows('tickets')[2]!.openedAt;
    rows('orders')[6]!.id = rows('orders')[1]!.id;
    rows('stageEvents')[0]!.stage = 'won';
    rows('customers')[3]!.id = rows('customers')[2]!.id;
    const json = ok(validatePayload(payload));
    for (const variant of [VARIANTS[0]!, VARIANTS[2]!]) {
      const result = ok(arrowResult(payload, variant));
      expect(result.rejected).to.deep.equal(json.rejected);
      expect(result.issues.map((i) => [i.collection, i.row, i.field, i.code])).to.deep.equal(json.issues.map((i) => [i.collection, i.row, i.field, i.code]));
      expect(plain(result.dataset)).to.deep.equal(plain(json.dataset));
    }
    const messages = ok(arrowResult(payload)).issues.map((i) => i.message);
    expect(messages).to.include('surveys.arrow.score[12]: expected an integer from 0 to 10, received 11');
    expect(messages).to.include('orders.arrow.amount[5]: expected a number from -1e15 to 1e15, received null');
    expect(messages).to.include('orders.arrow.amount[7]: expected a number from -1e15 to 1e15, received 2000000000000000');
    expect(messages).to.include('orders.arrow.id[6]: duplicate id "O1" (first at orders.arrow.id[1])');
    expect(messages).to.include('orders.arrow.customerId[4]: expected a customer id listed in customers, received "C999999"');
    expect(messages).to.include('stageEvents.arrow.stage[0]: expected a stage key (lead, opportunity, signed, paid), received "won"');
    expect(messages.find((m) => m.startsWith('orders.arrow.date[3]: expected an Arrow timestamp, date32, date64, int64 epoch milliseconds or int32 epoch seconds, from 1900-01-01 to 2199-12-31'))).to.be.a('string');
  });

  it('reads int32 customer rows against the kept customers, and refuses them without customers', () => {
    const payload = clone(generateSample({ seed: 3, customers: 30 }));
    (payload.customers as Record<string, unknown>[])[0]!.createdAt = '1850-01-01T00:00:00Z'; // customer row 0 set aside
    const { envelope, streams } = arrowFormOf(payload, { customers: 'rows' });
    const result = ok(validateArrowPayload(envelope, streams));
    const json = ok(validatePayload(payload));
    // Orders of C000000 name a customer the JSON no longer lists; the Arrow rows name a row set aside: both set aside.
    expect(result.rejected).to.deep.equal(json.rejected);
    const issue = result.issues.find((i) => i.code === 'unknown-customer')!;
    expect(issue.message).to.match(/^\w+\.arrow\.customerId\[\d+\]: expected a row of customers that was not set aside, received 0$/);
    const { customers: _dropped, ...withoutCustomers } = envelope;
    const refused = validateArrowPayload(withoutCustomers, streams);
    expect(refused.ok).to.be.false;
    if (!refused.ok) expect(refused.error.message).to.equal('orders.arrow.customerId: an int32 customerId is a row of customers, and the envelope has no customers collection');
  });

  it('sets aside every row of a column of the wrong type and reports nulls as missing', () => {
    const stream = streamOf({
      id: arrow.vectorFromArray(['a', 'b', null], new arrow.Utf8()),
      customerId: arrow.vectorFromArray(['C1', 'C1', 'C2'], new arrow.Utf8()),
      date: arrow.vectorFromArray([1, 2, 3], new arrow.Int8()), // int8 is not a date type
      amount: arrow.vectorFromArray(['12.50', '3', null], new arrow.Utf8()),
    });
    const result = ok(validateArrowPayload({ schemaVersion: 1, asOf: '2026-10-31T23:59:59Z', orders: { arrow: 'o.arrow' } }, { orders: stream }));
    expect(result.rejected.orders).to.equal(3);
    expect(result.issues.map((i) => i.message)).to.deep.equal([
      'orders.arrow.date[0]: expected an Arrow timestamp, date32, date64, int64 epoch milliseconds or int32 epoch seconds, from 1900-01-01 to 2199-12-31, received 1',
      'orders.arrow.date[1]: expected an Arrow timestamp, date32, date64, int64 epoch milliseconds or int32 epoch seconds, from 1900-01-01 to 2199-12-31, received 2',
      'orders.arrow.id[2]: expected a non-empty string, received null',
    ]);
  });

  it('reads cents, seconds, days and nanoseconds in the contract units', () => {
    // 2026-01-01T00:00:00Z = 1767225600 s = 20454 days; 12345 cents = 123.45.
    const stream = streamOf({
      id: arrow.vectorFromArray(['O1', 'O2'], new arrow.Utf8()),
      customerId: arrow.vectorFromArray(['C1', 'C2'], new arrow.Utf8()),
      date: arrow.vectorFromArray([1767225600, 1767225601], new arrow.Int32()),
      amountCents: arrow.vectorFromArray([12345n, -5n], new arrow.Int64()),
    });
    const days = streamOf({
      id: arrow.vectorFromArray(['I1'], new arrow.Utf8()),
      customerId: arrow.vectorFromArray(['C1'], new arrow.Utf8()),
      date: arrow.vectorFromArray([new Date(Date.UTC(2026, 0, 1))], new arrow.DateDay()),
      channel: arrow.vectorFromArray(['wechat'], new arrow.Utf8()),
    });
    const result = ok(validateArrowPayload({ schemaVersion: 1, orders: { arrow: 'o' }, interactions: { arrow: 'i' } }, new Map([['orders', stream], ['interactions', days]])));
    expect(Array.from(result.dataset.orders.date)).to.deep.equal([1767225600000, 1767225601000]);
    expect(Array.from(result.dataset.orders.amount)).to.deep.equal([123.45, -0.05]);
    expect(Array.from(result.dataset.interactions.date)).to.deep.equal([1767225600000]);
    expect(result.dataset.customerKeys).to.deep.equal(['C1', 'C2']);
  });

  it('decodes non-ASCII dictionary strings and keeps unknown columns as extra fields', () => {
    const names = ['李伟', 'Müller', '😀 ok', ''];
    const stream = streamOf({
      id: arrow.vectorFromArray(['C1', 'C2', 'C3', 'C4'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
      name: arrow.vectorFromArray(names, new arrow.Dictionary(new arrow.Utf8(), new arrow.Int16())),
      region: arrow.vectorFromArray(['华东', null, '华东', 'North'], new arrow.Utf8()),
      tier: arrow.vectorFromArray([1, 2, null, 4], new arrow.Int32()),
    });
    const result = ok(validateArrowPayload({ schemaVersion: 1, customers: { arrow: 'c' } }, { customers: stream }));
    expect(result.dataset.customers.name).to.deep.equal(names);
    expect(result.dataset.customers.region).to.deep.equal(['华东', null, '华东', 'North']);
    expect(result.dataset.customers.extra.tier).to.deep.equal([1, 2, null, 4]);
  });

  it('follows a dictionary replaced between record batches, as apache-arrow reads it', () => {
    // Two batches, each with its own dictionary for the same field: apache-arrow writes the second as a replacement.
    const customer = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
    const region = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8());
    const batch = (ids: string[], refs: string[], regions: (string | null)[]) =>
      new arrow.Table({
        id: arrow.vectorFromArray(ids, new arrow.Utf8()),
        customerId: arrow.vectorFromArray(refs, customer),
        date: arrow.vectorFromArray(ids.map(() => Date.UTC(2026, 0, 1)), new arrow.TimestampMillisecond()),
        amount: arrow.vectorFromArray(ids.map(() => 1), new arrow.Float64()),
        region: arrow.vectorFromArray(regions, region),
      }).batches;
    const table = new arrow.Table([...batch(['O1', 'O2', 'O3'], ['C1', 'C2', 'C1'], ['华东', null, '华东']), ...batch(['O4', 'O5'], ['C3', 'C1'], ['West', '华南'])]);
    const bytes = arrow.tableToIPC(table, 'stream');
    const byApacheArrow = arrow.tableFromIPC(bytes);
    const result = ok(validateArrowPayload({ schemaVersion: 1, orders: { arrow: 'o' } }, { orders: bytes }));
    const refs = Array.from(result.dataset.orders.customer, (i) => result.dataset.customerKeys[i]);
    expect(refs).to.deep.equal([...byApacheArrow.getChild('customerId')!]);
    expect(refs).to.deep.equal(['C1', 'C2', 'C1', 'C3', 'C1']);
    expect(result.dataset.orders.extra.region).to.deep.equal([...byApacheArrow.getChild('region')!]);
    expect(result.dataset.customerKeys).to.deep.equal(['C1', 'C2', 'C3']); // numbered in row order, as JSON would
  });

  it('refuses broken streams with a payload error and never throws', () => {
    const envelope = { schemaVersion: 1, orders: { arrow: 'orders.arrow' } };
    const good = arrowFormOf(generateSample({ seed: 2, customers: 10 })).streams.orders!;
    const refusals: string[] = [];
    const check = (bytes: Uint8Array) => {
      const result = validateArrowPayload(envelope, { orders: bytes });
      if (!result.ok) refusals.push(result.error.message);
      return result;
    };
    expect(check(new Uint8Array(0)).ok).to.be.false;
    expect(check(new TextEncoder().encode('{"schemaVersion":1}')).ok).to.be.false;
    // Every cut of a real stream, and seeded garbage: an answer each time, never an exception.
    for (let cut = 0; cut < good.length; cut += 7) check(good.subarray(0, cut));
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (let k = 0; k < 200; k++) {
      const bytes = good.slice();
      for (let j = 0; j < 8; j++) bytes[next() * 256 + next()] = next(); // flip bytes anywhere
      check(bytes);
    }
    expect(refusals.length).to.be.greaterThan(10);
    expect(refusals.every((m) => m.startsWith('orders.arrow'))).to.be.true;
  });

  it('checks the envelope as the JSON top level and asks for the bytes of each stream', () => {
    expect(validateArrowPayload([], {})).to.deep.equal({ ok: false, error: { path: '', message: 'payload: expected a JSON object, received an array', code: 'not-object', params: { received: 'an array' } } });
    const wrongVersion = validateArrowPayload({ schemaVersion: 2, orders: { arrow: 'o' } }, {});
    expect(wrongVersion.ok ? '' : wrongVersion.error.message).to.equal('schemaVersion: expected schemaVersion 1');
    const noUrl = validateArrowPayload({ schemaVersion: 1, orders: { arrow: '' } }, {});
    expect(noUrl.ok ? '' : noUrl.error.path).to.equal('orders.arrow');
    const noBytes = validateArrowPayload({ schemaVersion: 1, orders: { arrow: 'o.arrow' } }, {});
    expect(noBytes.ok ? '' : noBytes.error.message).to.equal('orders.arrow: no bytes were given for o.arrow');
    const badAsOf = validateArrowPayload({ schemaVersion: 1, asOf: '2300-01-01T00:00:00Z' }, {});
    expect(badAsOf.ok).to.be.false;
  });
});

describe('isArrowEnvelope(value) and arrowStreamRequests(envelope, url)', () => {
  it('tells the Arrow form from JSON and lists the streams to fetch, relative to the envelope', () => {
    expect(isArrowEnvelope({ schemaVersion: 1, orders: { arrow: 'orders.arrow' } })).to.be.true;
    expect(isArrowEnvelope(generateSample({ seed: 1, customers: 5 }))).to.be.false;
    expect(isArrowEnvelope(generateSample({ seed: 1, customers: 5, form: 'columnar' }))).to.be.false;
    expect(isArrowEnvelope(null)).to.be.false;
    const envelope = { schemaVersion: 1 as const, orders: { arrow: 'orders.arrow' }, customers: { arrow: '../shared/customers.arrow?v=2' } };
    expect(arrowStreamRequests(envelope, 'https://crm.example/api/t42/contract.json')).to.deep.equal([
      { collection: 'customers', url: 'https://crm.example/api/shared/customers.arrow?v=2' },
      { collection: 'orders', url: 'https://crm.example/api/t42/orders.arrow' },
    ]);
    expect(arrowStreamRequests(envelope)).to.deep.equal([
      { collection: 'customers', url: '../shared/customers.arrow?v=2' },
      { collection: 'orders', url: 'orders.arrow' },
    ]);
  });
});
