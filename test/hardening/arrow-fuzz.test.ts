/**
 * The Arrow form against row JSON on arbitrary tables (fast-check, fixed seeds): the same rows,
 * written once as JSON objects and once as typed Arrow columns by apache-arrow, must set aside
 * the same rows for the same reasons. Values stay within what an Arrow column of the field's type
 * can hold (strings, doubles with NaN and ±Infinity, int8 scores, nulls, dates of four-digit
 * years on either side of the contract's range), so only the form differs.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CHANNELS, validatePayload } from '../../src/contract/index.js';
import { validateArrowPayload } from '../../src/contract/arrow/index.js';
import { arrow } from '../contract/arrow-samples.js';

const SCALE = Number((globalThis as { __FUZZ_SCALE__?: number }).__FUZZ_SCALE__ ?? 1);

const id = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'O1', 'O2', 'O10', 'O010') }, fc.constantFrom('', '__proto__', '客户甲'), fc.constant(null));
// Years 1000–9999: ISO text and epoch ms then name the same instant, inside or outside 1900–2199.
const date = fc.oneof(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2250, 0, 1) }), fc.constantFrom(Date.UTC(1000, 0, 1), Date.UTC(9999, 0, 1)), fc.constant(null));
const amount = fc.oneof(fc.double({ min: -2e15, max: 2e15 }), fc.constantFrom(NaN, Infinity, -Infinity, 1e15, -1e15), fc.constant(null));
const score = fc.oneof(fc.integer({ min: -3, max: 13 }), fc.constant(null));
const channel = fc.oneof(fc.constantFrom(...CHANNELS), fc.constantFrom('fax', ''), fc.constant(null));

const tables = fc.record({
  customers: fc.option(fc.array(fc.record({ id, name: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null)), createdAt: date }), { maxLength: 8 }), { nil: undefined }),
  orders: fc.array(fc.record({ id, customerId: id, date, amount }), { maxLength: 12 }),
  interactions: fc.array(fc.record({ id, customerId: id, date, channel }), { maxLength: 8 }),
  surveys: fc.array(fc.record({ id, customerId: id, date, score }), { maxLength: 8 }),
});
type Tables = typeof tables extends fc.Arbitrary<infer T> ? T : never;
type Row = Record<string, string | number | null>;

const DATE_FIELDS = new Set(['date', 'createdAt']);

/** Row JSON: nulls left out as a backend would, dates as ISO text. */
function jsonForm(t: Tables): Record<string, unknown> {
  const rows = (list: Row[]) =>
    list.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null).map(([k, v]) => [k, DATE_FIELDS.has(k) ? new Date(v as number).toISOString() : v])));
  const payload: Record<string, unknown> = { schemaVersion: 1, asOf: '2026-10-31T23:59:59Z' };
  for (const [name, list] of Object.entries(t)) if (list) payload[name] = rows(list as Row[]);
  return payload;
}

const vector = (field: string, values: (string | number | null)[]): arrow.Vector => {
  if (DATE_FIELDS.has(field)) return arrow.vectorFromArray(values, new arrow.TimestampMillisecond('UTC'));
  if (field === 'amount') return arrow.vectorFromArray(values, new arrow.Float64());
  if (field === 'score') return arrow.vectorFromArray(values, new arrow.Int8());
  if (field === 'customerId' || field === 'channel') return arrow.vectorFromArray(values, new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
  return arrow.vectorFromArray(values, new arrow.Utf8());
};

function arrowForm(t: Tables): { envelope: Record<string, unknown>; streams: Record<string, Uint8Array> } {
  const envelope: Record<string, unknown> = { schemaVersion: 1, asOf: '2026-10-31T23:59:59Z' };
  const streams: Record<string, Uint8Array> = {};
  for (const [name, list] of Object.entries(t) as [string, Row[] | undefined][]) {
    if (!list) continue;
    const fields = name === 'customers' ? ['id', 'name', 'createdAt'] : ['id', 'customerId', 'date', name === 'orders' ? 'amount' : name === 'surveys' ? 'score' : 'channel'];
    streams[name] = arrow.tableToIPC(new arrow.Table(Object.fromEntries(fields.map((f) => [f, vector(f, list.map((row) => row[f] ?? null))]))), 'stream');
    envelope[name] = { arrow: `${name}.arrow` };
  }
  return { envelope, streams };
}

describe('validateArrowPayload against validatePayload on arbitrary tables', () => {
  it('sets aside the same rows with the same codes, and keeps the same values', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const json = validatePayload(jsonForm(t));
        const { envelope, streams } = arrowForm(t);
        const fromArrow = validateArrowPayload(envelope, streams);
        if (!json.ok || !fromArrow.ok) throw new Error(`${json.ok ? '' : json.error.message} ${fromArrow.ok ? '' : fromArrow.error.message}`);
        const reasons = (r: typeof json) => r.issues.map((i) => `${i.collection}[${i.row}].${i.field} ${i.code}`);
        expect(reasons(fromArrow)).to.deep.equal(reasons(json));
        expect(fromArrow.rejected).to.deep.equal(json.rejected);
        expect(Array.from(fromArrow.dataset.orders.amount)).to.deep.equal(Array.from(json.dataset.orders.amount));
        expect(Array.from(fromArrow.dataset.surveys.customer)).to.deep.equal(Array.from(json.dataset.surveys.customer));
        expect(fromArrow.dataset.customerKeys).to.deep.equal(json.dataset.customerKeys);
      }),
      { seed: 20261202, numRuns: 300 * SCALE },
    );
  });
});
