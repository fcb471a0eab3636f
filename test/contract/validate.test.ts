import { expect } from '@open-wc/testing';
import { COLLECTION_NAMES, contractJsonSchema, envelopeSchema, parseTimestamp, payloadSchema, validatePayload, type Payload } from '../../src/contract/index.js';
import { generateSample, toRows } from '../../src/sample/index.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const rows = (payload: Payload, name: string) => payload[name] as Record<string, unknown>[];

describe('validatePayload(payload)', () => {
  it('accepts generated data whole, in row and columnar form, with the same dataset', () => {
    const rowForm = validatePayload(generateSample({ seed: 7, customers: 120 }));
    const columnar = validatePayload(generateSample({ seed: 7, customers: 120, form: 'columnar' }));
    if (!rowForm.ok || !columnar.ok) throw new Error('expected both forms to validate');
    expect(rowForm.rejectedTotal).to.equal(0);
    expect(columnar.rejectedTotal).to.equal(0);
    expect(rowForm.dataset.orders.length).to.equal(600);
    expect(Array.from(columnar.dataset.orders.amount)).to.deep.equal(Array.from(rowForm.dataset.orders.amount));
    expect(Array.from(columnar.dataset.orders.date)).to.deep.equal(Array.from(rowForm.dataset.orders.date));
    expect(columnar.dataset.customerKeys).to.deep.equal(rowForm.dataset.customerKeys);
  });

  it('generates the same bytes for the same seed', () => {
    expect(JSON.stringify(generateSample({ seed: 3, customers: 50 }))).to.equal(JSON.stringify(generateSample({ seed: 3, customers: 50 })));
    expect(JSON.stringify(generateSample({ seed: 3, customers: 50 }))).not.to.equal(JSON.stringify(generateSample({ seed: 4, customers: 50 })));
  });

  it('sets aside corrupted rows with path, row, expected and received', () => {
    const payload = clone(generateSample({ seed: 1, customers: 40 }));
    rows(payload, 'surveys')[12]!.score = 11;
    rows(payload, 'orders')[3]!.date = '2026-13-01';
    rows(payload, 'orders')[4]!.customerId = 'C999999';
    rows(payload, 'orders')[5]!.amount = '12.50';
    rows(payload, 'interactions')[0]!.channel = 'fax';
    delete rows(payload, 'tickets')[2]!.openedAt;
    rows(payload, 'orders')[6]!.id = rows(payload, 'orders')[1]!.id;
    rows(payload, 'stageEvents')[0]!.stage = 'won';
    const result = validatePayload(payload);
    if (!result.ok) throw new Error(result.error.message);
    const messages = result.issues.map((i) => i.message);
    expect(messages).to.include('surveys[12].score: expected an integer from 0 to 10, received 11');
    expect(messages).to.include('orders[3].date: expected an ISO 8601 timestamp with an offset or Z, from 1900-01-01 to 2199-12-31, received "2026-13-01"');
    expect(messages).to.include('orders[4].customerId: expected a customer id listed in customers, received "C999999"');
    expect(messages).to.include('orders[5].amount: expected a number from -1e15 to 1e15, received "12.50"');
    expect(messages).to.include('orders[6].id: duplicate id "O1" (first at orders[1])');
    expect(messages.some((m) => m.startsWith('interactions[0].channel: expected one of email, phone'))).to.be.true;
    expect(messages).to.include('tickets[2].openedAt: expected an ISO 8601 timestamp with an offset or Z, from 1900-01-01 to 2199-12-31, received nothing');
    expect(messages).to.include('stageEvents[0].stage: expected a stage key (lead, opportunity, signed, paid), received "won"');
    expect(result.rejectedTotal).to.equal(8);
    expect(result.rejected.orders).to.equal(4);
    expect(result.dataset.orders.length).to.equal(rows(payload, 'orders').length - 4);
    const issue = result.issues.find((i) => i.path === 'surveys[12].score')!;
    expect(issue).to.include({ collection: 'surveys', row: 12, field: 'score', code: 'range', expected: 'an integer from 0 to 10', received: '11' });
  });

  it('names a column and index in columnar form and accepts epoch milliseconds', () => {
    const payload = clone(generateSample({ seed: 2, customers: 30, form: 'columnar', dates: 'epoch' }));
    const orders = payload.orders as { columns: Record<string, unknown[]> };
    orders.columns.amount![41] = null;
    orders.columns.id![42] = orders.columns.id![0];
    const result = validatePayload(payload);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.issues.map((i) => i.message)).to.deep.equal(['orders.columns.amount[41]: expected a number from -1e15 to 1e15, received null']);
    expect(result.dataset.orders.date[0]).to.equal(orders.columns.date![0]);
  });

  it('rejects a payload whose top level is wrong with one message', () => {
    expect(validatePayload([])).to.deep.equal({ ok: false, error: { path: '', message: 'payload: expected a JSON object, received an array', code: 'not-object', params: { received: 'an array' } } });
    const wrongVersion = validatePayload({ schemaVersion: 2 });
    expect(wrongVersion.ok).to.be.false;
    if (!wrongVersion.ok) expect(wrongVersion.error.message).to.equal('schemaVersion: expected schemaVersion 1');
    const wrongCollection = validatePayload({ schemaVersion: 1, orders: 5 });
    if (!wrongCollection.ok) expect(wrongCollection.error.path).to.equal('orders');
    else throw new Error('expected rejection');
    const ragged = validatePayload({ schemaVersion: 1, orders: { columns: { id: ['a'], customerId: ['c'], date: [0], amount: [] } } });
    if (!ragged.ok) expect(ragged.error.message).to.equal('orders.columns.amount: expected 1 values like orders.columns.id, received 0');
    else throw new Error('expected rejection');
  });

  it('keeps unknown fields and treats every collection as optional', () => {
    const result = validatePayload({ schemaVersion: 1, surveys: [{ id: 's1', date: '2026-01-01T00:00:00+08:00', score: 9, channel: 'app' }] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.dataset.present.surveys).to.be.true;
    expect(result.dataset.present.orders).to.be.false;
    expect(result.dataset.asOfFromPayload).to.be.false;
    expect(result.dataset.surveys.extra.channel).to.deep.equal(['app']);
    expect(result.dataset.surveys.customer[0]).to.equal(-1);
  });

  it('parseTimestamp(value) agrees with Date.parse on offsets and rejects local times', () => {
    for (const text of ['2026-10-31T23:59:59Z', '2024-02-29T12:00:00Z', '2026-01-01T08:00:00+08:00', '2026-01-01T00:00:00.250Z']) {
      expect(parseTimestamp(text)).to.equal(Date.parse(text));
    }
    expect(parseTimestamp('2026-01-01T00:00:00')).to.be.NaN;
    expect(parseTimestamp('2025-02-29T00:00:00Z')).to.be.NaN;
    expect(parseTimestamp('2026-10-31')).to.be.NaN;
  });

  it('contractJsonSchema() describes every collection', () => {
    const schema = contractJsonSchema() as { properties: Record<string, unknown> };
    for (const name of COLLECTION_NAMES) expect(schema.properties).to.have.property(name);
    expect(JSON.stringify(schema)).to.contain('ISO 4217');
  });

  it('envelopeSchema (runtime) and payloadSchema (published) agree on the top level', () => {
    const good = [generateSample({ seed: 5, customers: 20 }), generateSample({ seed: 5, customers: 20, form: 'columnar', dates: 'epoch' }), { schemaVersion: 1 }];
    const bad = [{ schemaVersion: 2 }, { schemaVersion: 1, asOf: '2026-01-01' }, { schemaVersion: 1, currency: 'RMB¥' }, { schemaVersion: 1, stages: [{ key: '' }] }, { schemaVersion: 1, orders: 5 }];
    for (const payload of good) {
      expect(envelopeSchema.safeParse(payload).success).to.be.true;
      expect(payloadSchema.safeParse(payload).success).to.be.true;
    }
    for (const payload of bad) {
      expect(envelopeSchema.safeParse(payload).success, JSON.stringify(payload)).to.be.false;
      expect(payloadSchema.safeParse(payload).success, JSON.stringify(payload)).to.be.false;
    }
  });

  it('toRows(columns) leaves nulls out', () => {
    expect(toRows({ a: [1, null], b: ['x', 'y'] })).to.deep.equal([{ a: 1, b: 'x' }, { b: 'y' }]);
  });
});
