/**
 * Fuzzing the data path with fast-check (fixed seeds): arbitrary JSON and near-valid payloads,
 * in row and columnar form, through validatePayload, every metric and every element.
 * `FUZZ_SCALE=10 npm run fuzz` runs ten times as many cases locally.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CHANNELS, validatePayload } from '../../src/contract/index.js';
import { computeReport, describeCustomer } from '../../src/metrics/index.js';
import { mount, prototypeFingerprint, untilView, viewOf, WIDGETS, type View } from './surface.js';

const SCALE = Number((globalThis as { __FUZZ_SCALE__?: number }).__FUZZ_SCALE__ ?? 1);
const VALIDATOR_RUNS = 2000 * SCALE;
const ELEMENT_RUNS = 200 * SCALE;
const seed = (n: number) => ({ seed: 20261201 + n, numRuns: VALIDATOR_RUNS });

// ------------------------------------------------------------------ payloads that are almost right

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '', 'k'.repeat(300), '客户', '😀', 'hasOwnProperty'];
const AS_OF = '2026-10-31T23:59:59Z';
const idText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('C1', 'C2', 'C3', 'C4') },
  fc.constantFrom('__proto__', 'constructor', '', 'x'.repeat(300), '客户甲', '\u0000', ' '),
);
const value = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, 'NaN', 'Infinity', '', true, 0, -0, 1e308, -1e308, 2 ** 53, [], {}),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
);
const timestamp = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z')) },
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString().replace('Z', '+00:00')),
  fc.constantFrom('0001-01-01T00:00:00Z', '1900-01-01T00:00:00Z', '2199-12-31T23:59:59Z', '2200-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-02-30T00:00:00+08:00', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00+99:99', '2024-01-01', 'yesterday', -1e20, -8.64e15, 8.64e15, 1e300, -1, 0),
  value,
);
const amount = fc.oneof({ weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, value);
const score = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) }, fc.constantFrom(-1, 11, 5.5, '9'), value);
const channel = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CHANNELS) }, fc.constantFrom('fax', 'EMAIL'), value);
const stageKey = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('lead', 'opportunity', 'signed') }, fc.constantFrom('won', '', '__proto__'), value);
const nested = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, value, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...ODD_KEYS), tie('node'), { maxKeys: 3 })) })).node;
const deep = fc.integer({ min: 50, max: 300 }).map((depth) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { v };
  return v;
});

/** An object with own properties only, `__proto__` included (an object literal would set the prototype instead). */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== undefined || k === 'absent') Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
  return row;
}

const FIELDS = {
  customers: { id: idText, name: fc.oneof(fc.string({ maxLength: 6 }), value), region: fc.oneof(fc.constantFrom('华东', 'East', '__proto__'), value), createdAt: timestamp, attributes: fc.oneof(nested, deep, value) },
  orders: { id: fc.oneof(fc.uuid(), idText), customerId: idText, date: timestamp, amount },
  interactions: { id: fc.oneof(fc.uuid(), idText), customerId: idText, date: timestamp, channel },
  surveys: { id: fc.oneof(fc.uuid(), idText), customerId: fc.oneof(idText, fc.constant(undefined)), date: timestamp, score },
  stageEvents: { entityId: fc.oneof(fc.constantFrom('D1', 'D2', 'D3'), idText), customerId: fc.oneof(idText, fc.constant(undefined)), stage: stageKey, date: timestamp },
  tickets: { id: fc.oneof(fc.uuid(), idText), customerId: idText, openedAt: timestamp, firstResponseAt: fc.oneof(timestamp, fc.constant(undefined)), resolvedAt: fc.oneof(timestamp, fc.constant(undefined)) },
} as const;
type Name = keyof typeof FIELDS;
const NAMES = Object.keys(FIELDS) as Name[];

const rowOf = (name: Name) =>
  fc
    .tuple(
      fc.record(FIELDS[name] as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] }),
      fc.array(fc.tuple(fc.constantFrom(...ODD_KEYS), value), { maxLength: 2 }),
    )
    .map(([fields, odd]) => own([...Object.entries(fields), ...odd]));

interface Near {
  payload: Record<string, unknown>;
  rows: Record<Name, unknown[]>;
  stages: string[] | undefined;
}

const nearValid = fc
  .record({
    rows: fc.record(Object.fromEntries(NAMES.map((n) => [n, fc.option(fc.array(fc.oneof({ weight: 12, arbitrary: rowOf(n) }, value), { maxLength: 12 }), { nil: undefined })])) as Record<Name, fc.Arbitrary<unknown[] | undefined>>),
    stages: fc.option(fc.constant<string[]>(['lead', 'opportunity', 'signed']), { nil: undefined }),
    asOf: fc.option(fc.constant(AS_OF), { nil: undefined, freq: 10 }),
  })
  .map(({ rows, stages, asOf }): Near => {
    const payload: Record<string, unknown> = { schemaVersion: 1, ...(asOf ? { asOf } : {}), ...(stages ? { stages: stages.map((key) => ({ key })) } : {}) };
    for (const n of NAMES) if (rows[n]) payload[n] = rows[n];
    return { payload, rows: rows as Record<Name, unknown[]>, stages };
  });

/** The same rows as columns (one array per field, `__proto__` columns included); rows that are not objects become empty rows. */
function toColumnar(near: Near): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...near.payload };
  for (const n of NAMES) {
    const rows = near.rows[n];
    if (!rows) continue;
    // Every contract field as a column (a columnar collection must carry its required ones), then the odd keys.
    const keys = new Set<string>(Object.keys(FIELDS[n]));
    for (const row of rows) if (row && typeof row === 'object' && !Array.isArray(row)) for (const k of Object.keys(row)) keys.add(k);
    payload[n] = { columns: own([...keys].map((k) => [k, rows.map((row) => (row && typeof row === 'object' ? (row as Record<string, unknown>)[k] : undefined) ?? null)])) };
  }
  return payload;
}

// ------------------------------------------------------------------ an independent reading of the contract

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;
const LOW = Date.UTC(1900, 0, 1);
const HIGH = Date.UTC(2200, 0, 1);

/** An instant the contract accepts, or null: built with Date.UTC and checked by reading the date back. */
function instant(v: unknown, columnar: boolean): number | null {
  if (typeof v === 'number') return columnar && Number.isFinite(v) && v >= LOW && v < HIGH ? v : null;
  if (typeof v !== 'string') return null;
  const m = ISO.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as number[];
  if (h! > 23 || mi! > 59 || s > 59 || (m[10] && (Number(m[10]) > 23 || Number(m[11]) > 59))) return null;
  const day = new Date(Date.UTC(2000, 0, 1));
  day.setUTCFullYear(y!, mo! - 1, d!);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d) return null;
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const ms = day.getTime() + ((h! * 60 + mi! - offset) * 60 + s) * 1000 + Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return ms >= LOW && ms < HIGH ? ms : null;
}

const present = (v: unknown) => v !== undefined && v !== null;
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Rows the contract sets aside, counted per collection by reading docs/contract.md, not the validator. */
function expectedRejections(payload: Record<string, unknown>): Record<Name, number> {
  const columnar = (n: Name) => !Array.isArray(payload[n]);
  const rowsOf = (n: Name): unknown[] => {
    const raw = payload[n];
    if (raw === undefined) return [];
    if (Array.isArray(raw)) return raw;
    const columns = (raw as { columns: Record<string, unknown[]> }).columns;
    const length = Math.max(0, ...Object.values(columns).map((c) => c.length));
    return Array.from({ length }, (_, i) => Object.fromEntries(Object.keys(columns).map((k) => [k, columns[k]![i]])));
  };
  const declared = (payload.stages as { key: string }[] | undefined)?.map((s) => s.key);
  const stageKeys = new Set(declared?.length ? declared : rowsOf('stageEvents').map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>).stage : undefined)).filter(nonEmpty));
  const counts = {} as Record<Name, number>;
  let customerIds: Set<string> | null = null;
  const ref = (v: unknown, required: boolean) => (!present(v) ? !required : nonEmpty(v) && (!customerIds || customerIds.has(v as string)));
  const time = (v: unknown, required: boolean, col: boolean) => (!present(v) ? !required : instant(v, col) !== null);
  const text = (v: unknown, required: boolean) => (!present(v) ? !required : typeof v === 'string');
  for (const n of NAMES) {
    const col = columnar(n);
    const seen = new Set<string>();
    const valid: string[] = [];
    let rejected = 0;
    for (const raw of rowsOf(n)) {
      const r = raw as Record<string, unknown>;
      let ok = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
      if (ok) {
        switch (n) {
          case 'customers':
            ok = nonEmpty(r.id) && typeof r.name === 'string' && ['company', 'segment', 'region', 'owner', 'lifecycleStage'].every((f) => text(r[f], false)) && time(r.createdAt, false, col) && (!present(r.attributes) || (typeof r.attributes === 'object' && !Array.isArray(r.attributes)));
            break;
          case 'orders':
            ok = nonEmpty(r.id) && ref(r.customerId, true) && time(r.date, true, col) && typeof r.amount === 'number' && Math.abs(r.amount) <= 1e15;
            break;
          case 'interactions':
            ok = nonEmpty(r.id) && ref(r.customerId, true) && time(r.date, true, col) && (CHANNELS as readonly unknown[]).includes(r.channel);
            break;
          case 'surveys':
            ok = nonEmpty(r.id) && ref(r.customerId, false) && time(r.date, true, col) && Number.isInteger(r.score) && (r.score as number) >= 0 && (r.score as number) <= 10 && text(r.comment, false);
            break;
          case 'stageEvents':
            ok = nonEmpty(r.entityId) && ref(r.customerId, false) && stageKeys.has(r.stage as string) && time(r.date, true, col);
            break;
          case 'tickets':
            ok = nonEmpty(r.id) && ref(r.customerId, true) && time(r.openedAt, true, col) && time(r.firstResponseAt, false, col) && time(r.resolvedAt, false, col);
            break;
        }
      }
      // Row form promises unique ids among the rows that pass; columnar may repeat them.
      const id = n === 'stageEvents' ? undefined : (r?.id as string);
      if (ok && !col && id !== undefined) {
        if (seen.has(id)) ok = false;
        else seen.add(id);
      }
      if (ok && n === 'customers') valid.push(r.id as string);
      if (!ok) rejected++;
    }
    counts[n] = rejected;
    if (n === 'customers' && payload.customers !== undefined) customerIds = new Set(valid);
  }
  return counts;
}

/** Every number a result carries, typed arrays included: none may be NaN or infinite. */
function badNumbers(value: unknown, path = '$', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    if (ArrayBuffer.isView(value)) (value as unknown as ArrayLike<number>).length && Array.from(value as unknown as ArrayLike<number>).forEach((v, i) => typeof v === 'number' && !Number.isFinite(v) && out.push(`${path}[${i}] = ${v}`));
    else for (const [k, v] of Object.entries(value)) badNumbers(v, `${path}.${k}`, out, seen);
  }
  return out;
}

// ------------------------------------------------------------------ properties

describe('fuzzing the data path (hardening)', function () {
  this.timeout(600_000);
  const fingerprint = prototypeFingerprint();
  afterEach(() => expect(prototypeFingerprint(), 'host prototypes').to.equal(fingerprint));

  it(`validatePayload(arbitrary JSON) never throws and always answers (${VALIDATOR_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), fc.record({ schemaVersion: fc.constantFrom(1, '1', 2), asOf: fc.oneof(timestamp, value), stages: fc.oneof(value, fc.array(value)), orders: fc.oneof(value, fc.array(value)) })), (input) => {
        const result = validatePayload(input);
        if (result.ok) expect(result.rejectedTotal).to.be.a('number');
        else expect(result.error.message).to.be.a('string').and.not.empty;
      }),
      seed(1),
    );
  });

  for (const [form, shape] of [
    ['row', (near: Near) => near.payload],
    ['columnar', toColumnar],
  ] as const) {
    it(`near-valid ${form} payloads: set-aside counts equal an independent count, and no metric answers NaN or Infinity (${VALIDATOR_RUNS} cases)`, () => {
      fc.assert(
        fc.property(nearValid, (near) => {
          const payload = shape(near);
          const result = validatePayload(payload, { now: Date.UTC(2026, 9, 31) });
          if (!result.ok) throw new Error(`near-valid payload refused whole: ${result.error.message}`);
          expect(result.rejected).to.deep.equal(expectedRejections(payload));
          const report = computeReport(result.dataset);
          expect(badNumbers(report)).to.deep.equal([]);
          for (const id of result.dataset.customerKeys.slice(0, 3)) expect(badNumbers(describeCustomer(result.dataset, id))).to.deep.equal([]);
        }),
        seed(form === 'row' ? 2 : 3),
      );
    });
  }

  it(`JSON text with a BOM, deep nesting or odd keys parses like the object (${VALIDATOR_RUNS / 4} cases)`, async () => {
    const { parseJsonText } = await import('../../src/data/parse-payload.js');
    fc.assert(
      fc.property(nearValid, fc.boolean(), (near, bom) => {
        const text = (bom ? '\uFEFF' : '') + JSON.stringify(near.payload);
        const parsed = parseJsonText(text, 'fuzz');
        const fromText = validatePayload(parsed, { now: 0 });
        const fromObject = validatePayload(JSON.parse(JSON.stringify(near.payload)), { now: 0 });
        expect(fromText.ok && fromText.rejected).to.deep.equal(fromObject.ok && fromObject.rejected);
      }),
      { ...seed(4), numRuns: VALIDATOR_RUNS / 4 },
    );
  });

  for (const [index, tag] of WIDGETS.entries()) {
    it(`<${tag}> shows a ready, empty or error view within 5 s for any payload (${ELEMENT_RUNS} cases)`, async () => {
      await fc.assert(
        // null and undefined mean "no data given", which is not a payload (the element waits for a source).
        fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: nearValid.map((n) => n.payload) }, nearValid.map(toColumnar), fc.jsonValue().filter((v) => v !== null), nearValid.map((n) => JSON.stringify(n.payload))), async (payload) => {
          const el = mount(tag, { data: payload, cache: 'none', customerId: 'C1', trend: 'week' });
          let view: View;
          try {
            view = await untilView(el, ['ready', 'empty', 'error'], 5_000);
          } finally {
            el.remove();
          }
          expect(['ready', 'empty', 'error']).to.include(view);
          expect(viewOf(el)).to.be.oneOf(['ready', 'empty', 'error']);
        }),
        { seed: 20261211 + index, numRuns: ELEMENT_RUNS },
      );
    });
  }
});
