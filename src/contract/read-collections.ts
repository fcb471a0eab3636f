/**
 * The checks of contract v1, once for every form a payload comes in: row JSON, columnar JSON
 * and Arrow. A form hands each collection over as a `CollectionSource` (one `FieldInput` per
 * field: JavaScript values, or typed columns as Arrow holds them); everything after that —
 * the rules per field, the first problem of a row in field order, duplicate ids, customer
 * references, the report of set-aside rows and the dataset — is this file's.
 */
import { CHANNELS, COLLECTION_NAMES, COLLECTIONS, ID_FIELD, MAX_AMOUNT, MAX_AMOUNT_TEXT, MAX_STAGES, type CollectionName, type FieldSpec, type StageDef } from './fields.js';
import type { Dataset, ExtraColumns } from './dataset.js';
import { describeReceived, payloadError, rowIssue, type Expectation, type PayloadError, type RowIssue, type RowIssueCode } from './issues.js';
import { customerLookup, findDuplicateIds } from './numeric-ids.js';
import { Utf8Texts, type Texts } from './texts.js';
import { inTimestampRange, parseTimestamp } from './timestamp.js';
import { TIMESTAMP_MAX_TEXT, TIMESTAMP_MIN_TEXT } from './timestamp-pattern.js';

export interface ValidationOptions {
  /** Stands in for `asOf` when the payload has none (epoch ms). Defaults to now. */
  now?: number;
  /** How many row issues to keep with their messages; all are counted. Default 200. */
  maxIssues?: number;
}

export interface ValidationSummary {
  /** Rows received per collection. */
  received: Record<CollectionName, number>;
  /** Rows set aside per collection. */
  rejected: Record<CollectionName, number>;
  rejectedTotal: number;
  /** The first `maxIssues` reasons, in payload order per collection. */
  issues: RowIssue[];
}

export type ValidationResult =
  | ({ ok: true; dataset: Dataset } & ValidationSummary)
  | { ok: false; error: PayloadError };

/**
 * How paths name a value: `orders[3].amount` (rows), `orders.columns.amount[3]` (columnar),
 * `orders.arrow.amount[3]` (Arrow). Rows and Arrow promise unique ids; columnar JSON does not.
 */
export type SourceForm = 'rows' | 'columns' | 'arrow';

interface InputBase {
  /** The column's name in the source (an Arrow `amountCents` column feeds `amount`). */
  column: string;
  /** The value as the source holds it, for the report of a set-aside row. */
  received(row: number): unknown;
  /** What the source's own type wants, when the contract's wording would not say it. */
  expected?: Expectation;
}

/** The values of one field, as a source holds them. `nulls[i]` (Arrow validity) marks a null. */
export type FieldInput = InputBase &
  (
    | /** JavaScript values, as JSON.parse gives them. */ { kind: 'values'; values: ArrayLike<unknown> }
    | /** Numbers in the contract's unit (epoch ms, currency units). */ { kind: 'numbers'; values: ArrayLike<number>; nulls: Uint8Array | null }
    | /** Ids as ASCII bytes (an Arrow utf8 column), kept so in the dataset. */ { kind: 'utf8'; texts: Utf8Texts; nulls: Uint8Array | null }
    | /** Strings by dictionary: row i holds `keys[indices[i]]`. */ { kind: 'keys'; indices: Int32Array; keys: readonly (string | null)[]; nulls: Uint8Array | null }
    | /** Customer references as row numbers of the `customers` collection. */ { kind: 'customer-rows'; rows: Int32Array; nulls: Uint8Array | null }
    | /** A column type the contract does not take for this field: every value is wrong. */ { kind: 'wrong'; nulls: Uint8Array | null }
  );

/** Where a collection's values come from. */
export interface CollectionSource {
  length: number;
  form: SourceForm;
  /** Rows that are not objects at all (row form only). */
  notObjects: number[];
  /** The field's values, or undefined when the source does not carry the field. */
  field(spec: FieldSpec): FieldInput | undefined;
  /** Fields the contract does not know, as columns over all rows. */
  extraColumns(known: ReadonlySet<string>): ExtraColumns;
}

/** A field as plain JavaScript values. */
export const valuesInput = (column: string, values: ArrayLike<unknown>): FieldInput => ({
  kind: 'values',
  column,
  values,
  received: (row) => values[row],
});

/** The top level every form shares, checked. */
export interface PayloadHeader {
  asOf: number;
  asOfFromPayload: boolean;
  currency: string;
  stages: StageDef[];
  stageIndex: Map<string, number>;
}

type Column = unknown[] | Float64Array | Int32Array | Uint8Array | Uint16Array | Utf8Texts;

const zeroCounts = (): Record<CollectionName, number> =>
  Object.fromEntries(COLLECTION_NAMES.map((n) => [n, 0])) as Record<CollectionName, number>;

const TIMESTAMP_RANGE = { from: TIMESTAMP_MIN_TEXT, to: TIMESTAMP_MAX_TEXT };
const expect = (code: Expectation['code'], params: Record<string, string> = {}): Expectation => ({ code, params });

function expectationFor(spec: FieldSpec, form: SourceForm, stageKeys: string[]): Expectation {
  switch (spec.kind) {
    case 'id':
    case 'ref':
      return expect('non-empty-string');
    case 'text':
      return expect('string');
    case 'timestamp':
      return expect(form === 'arrow' ? 'arrow-timestamp' : form === 'columns' ? 'timestamp-or-ms' : 'timestamp', TIMESTAMP_RANGE);
    case 'amount':
      return expect('amount', { min: `-${MAX_AMOUNT_TEXT}`, max: MAX_AMOUNT_TEXT });
    case 'score':
      return expect('score');
    case 'channel':
      return expect('one-of', { values: CHANNELS.join(', ') });
    case 'stage':
      return expect('stage-key', { keys: stageKeys.join(', ') });
    case 'record':
      return expect(form === 'arrow' ? 'arrow-struct' : 'object');
  }
}

const isObject = (row: unknown): row is Record<string, unknown> =>
  row !== null && typeof row === 'object' && !Array.isArray(row);

function allocate(spec: FieldSpec, n: number, dictionaryEncoded: boolean): Column {
  if (dictionaryEncoded) return new Int32Array(n);
  switch (spec.kind) {
    case 'ref':
      return new Int32Array(n);
    case 'timestamp':
    case 'amount':
      return new Float64Array(n);
    case 'score':
    case 'channel':
      return new Uint8Array(n);
    case 'stage':
      return new Uint16Array(n);
    default:
      return new Array<unknown>(n);
  }
}

function compact<T extends Column | unknown[]>(column: T, bad: Uint8Array, kept: number): T {
  if (kept === column.length) return column;
  if (column instanceof Utf8Texts) return column.keep(bad, kept) as T;
  if (Array.isArray(column)) {
    const out = new Array<unknown>(kept);
    for (let i = 0, k = 0; i < column.length; i++) if (!bad[i]) out[k++] = column[i];
    return out as T;
  }
  const typed = column as Exclude<Column, unknown[] | Utf8Texts>;
  const out = new (typed.constructor as new (n: number) => typeof typed)(kept);
  for (let i = 0, k = 0; i < typed.length; i++) if (!bad[i]) out[k++] = typed[i]!;
  return out as T;
}

interface Context {
  stageIndex: Map<string, number>;
  stageKeys: string[];
  /** Customer index by id: the payload's customers (closed) or every id referenced so far (open). */
  findCustomer: (id: string) => number;
  customerIndex: Map<string, number>;
  customerKeys: string[];
  /** When the payload lists customers, any other reference is an error. */
  closedCustomers: boolean;
  /** Kept index of each row of the `customers` collection as received, -1 for a row set aside. */
  customerRowIndex: Int32Array;
  issues: RowIssue[];
  maxIssues: number;
}

const CHANNEL_INDEX = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
const CODES: RowIssueCode[] = ['missing', 'type', 'range', 'duplicate', 'unknown-customer', 'unknown-stage'];
const code = (c: RowIssueCode) => CODES.indexOf(c) + 1;
const MISSING = code('missing');
const TYPE = code('type');
const RANGE = code('range');
const UNKNOWN_CUSTOMER = code('unknown-customer');

interface ReadResult {
  kept: number;
  received: number;
  rejected: number;
  columns: Record<string, Column>;
  extra: ExtraColumns;
  entityKeys: string[];
  /** Kept index of each received row, -1 for a row set aside. */
  keptIndex: Int32Array;
}

/** The customer an id names: found among the customers (closed), or added to the references (open). */
function resolveCustomer(id: string, ctx: Context): number {
  const index = ctx.findCustomer(id);
  if (index >= 0 || ctx.closedCustomers) return index;
  const added = ctx.customerKeys.length;
  ctx.customerIndex.set(id, added);
  ctx.customerKeys.push(id);
  return added;
}

/**
 * Arrow numbers already in the contract's unit: only nulls and ranges remain to check. The
 * column may be the values themselves (readCollection adopts a fresh Float64Array), so good
 * rows are written only when it is not. One loop per kind keeps each loop's reads and writes
 * of one array type: one loop for all three was 2-5 times slower at 5M orders.
 */
function checkNumbers(
  kind: FieldSpec['kind'],
  values: ArrayLike<number>,
  nulls: Uint8Array | null,
  column: Float64Array | Uint8Array,
  n: number,
  bad: Uint8Array,
  fail: (i: number, c: number) => void,
  optional: boolean,
): void {
  if (nulls !== null) {
    for (let i = 0; i < n; i++) {
      if (bad[i] || !nulls[i]) continue;
      if (optional) column[i] = NaN;
      else fail(i, MISSING);
    }
  }
  const copy = column !== values;
  if (kind === 'timestamp') {
    for (let i = 0; i < n; i++) {
      if (bad[i] || (nulls !== null && nulls[i])) continue;
      const v = values[i]!;
      // A NaN instant is no date at all (type); any other miss is out of range.
      if (v === v && inTimestampRange(v)) {
        if (copy) column[i] = v;
      } else fail(i, v !== v ? TYPE : RANGE);
    }
  } else if (kind === 'amount') {
    for (let i = 0; i < n; i++) {
      if (bad[i] || (nulls !== null && nulls[i])) continue;
      const v = values[i]!;
      if (Math.abs(v) <= MAX_AMOUNT) {
        if (copy) column[i] = v;
      } else fail(i, RANGE);
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (bad[i] || (nulls !== null && nulls[i])) continue;
      const v = values[i]!;
      if (Number.isInteger(v) && v >= 0 && v <= 10) column[i] = v;
      else fail(i, RANGE);
    }
  }
}

/**
 * Check one field over every row that is still good, writing parsed values into a
 * typed column. Returns nothing: failures are marked in `bad` (the issue code) and
 * `badField`, and a row that failed is skipped by the fields after it, so each row
 * reports its first problem in field order.
 */
function checkField(
  spec: FieldSpec,
  input: FieldInput,
  out: Column,
  n: number,
  bad: Uint8Array,
  badField: Uint8Array,
  fieldIndex: number,
  form: SourceForm,
  ctx: Context,
  dictionary: { index: Map<string, number>; keys: string[] } | null,
): void {
  const fail = (i: number, c: number) => {
    bad[i] = c;
    badField[i] = fieldIndex;
  };
  const optional = !spec.required;
  /** A field left empty: NaN, -1 or null as the column holds it. */
  const empty = (i: number) => {
    if (out instanceof Float64Array) out[i] = NaN;
    else if (out instanceof Int32Array) out[i] = -1;
    else (out as unknown[])[i] = null;
  };
  if (input.kind === 'wrong') {
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      if (!input.nulls?.[i]) fail(i, TYPE);
      else if (optional) empty(i);
      else fail(i, MISSING);
    }
    return;
  }
  if (input.kind === 'numbers') return checkNumbers(spec.kind, input.values, input.nulls, out as Float64Array | Uint8Array, n, bad, fail, optional);
  if (input.kind === 'utf8') {
    // The column is the input itself (readCollection): only nulls and empty ids remain to find.
    const { texts, nulls } = input;
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      if (nulls !== null && nulls[i]) fail(i, MISSING);
      else if (texts.byteLength(i) === 0) fail(i, TYPE);
    }
    return;
  }
  if (input.kind === 'customer-rows') {
    const { rows, nulls } = input;
    const column = out as Int32Array;
    const kept = ctx.customerRowIndex;
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      if (nulls?.[i]) {
        if (optional) column[i] = -1;
        else fail(i, MISSING);
        continue;
      }
      const row = rows[i]!;
      const index = row >= 0 && row < kept.length ? kept[row]! : -1;
      if (index >= 0) column[i] = index;
      else fail(i, UNKNOWN_CUSTOMER);
    }
    return;
  }
  if (input.kind === 'keys') {
    const { indices, keys, nulls } = input;
    const count = keys.length;
    const needsContent = spec.kind === 'id' || spec.kind === 'ref';
    if (spec.kind === 'text' || (spec.kind === 'id' && !dictionary)) {
      const column = out as unknown[];
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const key = indices[i]!;
        const value = nulls !== null && nulls[i] ? null : key >= 0 && key < count ? keys[key] : undefined;
        if (value === null) {
          if (optional) column[i] = null;
          else fail(i, MISSING);
        } else if (value === undefined) fail(i, TYPE); // an index past the dictionary
        else if (needsContent && value.length === 0) fail(i, TYPE);
        else column[i] = value;
      }
      return;
    }
    // Each key is judged once, the first time a row uses it — in row order, so references new to
    // an open customer list number as in JSON — and rows then only read the verdict: the index it
    // stands for (customer, channel, stage, entity), or why it cannot stand for one.
    const NOT_YET = -2;
    const NULL_KEY = -3;
    const EMPTY_KEY = -4;
    const verdicts = new Int32Array(count).fill(NOT_YET);
    const judge = (key: string | null): number => {
      if (key === null) return NULL_KEY;
      if (needsContent && key.length === 0) return EMPTY_KEY;
      if (spec.kind === 'ref') return resolveCustomer(key, ctx);
      if (spec.kind === 'channel') return CHANNEL_INDEX.get(key) ?? -1;
      if (spec.kind === 'stage') return ctx.stageIndex.get(key) ?? -1;
      let index = dictionary!.index.get(key);
      if (index === undefined) {
        index = dictionary!.keys.length;
        dictionary!.index.set(key, index);
        dictionary!.keys.push(key);
      }
      return index;
    };
    const wrong = spec.kind === 'ref' ? UNKNOWN_CUSTOMER : spec.kind === 'stage' ? code('unknown-stage') : RANGE;
    const column = out as Int32Array | Uint8Array | Uint16Array;
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      const key = indices[i]!;
      let verdict: number;
      if (nulls !== null && nulls[i]) verdict = NULL_KEY;
      else if (key < 0 || key >= count) verdict = EMPTY_KEY; // an index past the dictionary: a type error too
      else {
        verdict = verdicts[key]!;
        if (verdict === NOT_YET) verdicts[key] = verdict = judge(keys[key]!);
      }
      if (verdict >= 0) column[i] = verdict;
      else if (verdict === NULL_KEY) {
        if (optional) empty(i);
        else fail(i, MISSING);
      } else fail(i, verdict === EMPTY_KEY ? TYPE : wrong);
    }
    return;
  }
  const values = input.values;
  switch (spec.kind) {
    case 'timestamp': {
      const column = out as Float64Array;
      const columnar = form === 'columns';
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        let ms: number;
        if (typeof v === 'string') ms = parseTimestamp(v);
        else if (typeof v === 'number' && columnar) ms = v;
        else if (v === undefined || v === null) {
          if (optional) {
            column[i] = NaN;
            continue;
          }
          fail(i, MISSING);
          continue;
        } else ms = NaN;
        if (ms !== ms) fail(i, TYPE);
        else if (!inTimestampRange(ms)) fail(i, RANGE);
        else column[i] = ms;
      }
      return;
    }
    case 'amount': {
      const column = out as Float64Array;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'number' && Math.abs(v) <= MAX_AMOUNT) column[i] = v;
        else fail(i, v === undefined || v === null ? MISSING : typeof v === 'number' ? RANGE : TYPE);
      }
      return;
    }
    case 'score': {
      const column = out as Uint8Array;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10) column[i] = v;
        else fail(i, v === undefined || v === null ? MISSING : typeof v === 'number' ? RANGE : TYPE);
      }
      return;
    }
    case 'channel':
    case 'stage': {
      const lookup = spec.kind === 'channel' ? CHANNEL_INDEX : ctx.stageIndex;
      const column = out as Uint8Array | Uint16Array;
      const wrong = spec.kind === 'channel' ? RANGE : code('unknown-stage');
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        const index = typeof v === 'string' ? lookup.get(v) : undefined;
        if (index !== undefined) column[i] = index;
        else fail(i, v === undefined || v === null ? MISSING : wrong);
      }
      return;
    }
    case 'ref': {
      const column = out as Int32Array;
      let lastKey = '';
      let lastIndex = -1;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v !== 'string' || v.length === 0) {
          if (optional && (v === undefined || v === null)) column[i] = -1;
          else fail(i, v === undefined || v === null ? MISSING : TYPE);
          continue;
        }
        // Rows of one customer often come together; skip the lookup then.
        if (v === lastKey) {
          column[i] = lastIndex;
          continue;
        }
        const index = resolveCustomer(v, ctx);
        if (index < 0) {
          fail(i, UNKNOWN_CUSTOMER);
          continue;
        }
        column[i] = index;
        lastKey = v;
        lastIndex = index;
      }
      return;
    }
    case 'id':
    case 'text': {
      const needsContent = spec.kind === 'id';
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'string' && (!needsContent || v.length > 0)) {
          if (dictionary) {
            let index = dictionary.index.get(v);
            if (index === undefined) {
              index = dictionary.keys.length;
              dictionary.index.set(v, index);
              dictionary.keys.push(v);
            }
            (out as Int32Array)[i] = index;
          } else (out as unknown[])[i] = v;
        } else if (v === undefined || v === null) {
          if (optional) (out as unknown[])[i] = null;
          else fail(i, MISSING);
        } else fail(i, TYPE);
      }
      return;
    }
    case 'record': {
      const column = out as unknown[];
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (isObject(v)) column[i] = v;
        else if (v === undefined || v === null) {
          if (optional) column[i] = null;
          else fail(i, MISSING);
        } else fail(i, TYPE);
      }
      return;
    }
  }
}

/** The path of one value, as a backend developer would find it in their payload. */
function pathOf(name: CollectionName, form: SourceForm, column: string, row: number): string {
  return form === 'rows' ? `${name}[${row}].${column}` : `${name}.${form === 'columns' ? 'columns' : 'arrow'}.${column}[${row}]`;
}

const NO_VALUES = valuesInput('', []);

/** Validate one collection field by field into typed columns, then drop the rows that failed. */
function readCollection(name: CollectionName, source: CollectionSource, ctx: Context): ReadResult {
  const specs: readonly FieldSpec[] = COLLECTIONS[name];
  const n = source.length;
  const bad = new Uint8Array(n);
  const badField = new Uint8Array(n);
  const SHAPE = 255;
  for (const i of source.notObjects) {
    bad[i] = TYPE;
    badField[i] = SHAPE;
  }
  const columns: Record<string, Column> = {};
  const inputs: FieldInput[] = [];
  const entity = { index: new Map<string, number>(), keys: [] as string[] };
  specs.forEach((spec, fieldIndex) => {
    const dictionaryEncoded = name === 'stageEvents' && spec.name === 'entityId';
    const input = source.field(spec) ?? { ...NO_VALUES, column: spec.name };
    inputs.push(input);
    // A column the input already holds in the dataset's form is kept, not copied: ids as bytes,
    // and the fresh Float64Array of an Arrow timestamp or amount (scores are bytes in the dataset).
    const adopted = input.kind === 'utf8' ? input.texts : input.kind === 'numbers' && spec.kind !== 'score' && input.values instanceof Float64Array && input.values.length === n ? input.values : null;
    const out = adopted ?? allocate(spec, n, dictionaryEncoded);
    columns[spec.name] = out;
    checkField(spec, input, out, n, bad, badField, fieldIndex, source.form, ctx, dictionaryEncoded ? entity : null);
  });

  // Rows and Arrow promise unique ids; columnar rows may repeat an id (order lines, for instance).
  const idField = source.form === 'columns' ? undefined : ID_FIELD[name];
  let firstSeen = new Map<number, number>();
  if (idField) {
    const idIndex = specs.findIndex((s) => s.name === idField);
    firstSeen = findDuplicateIds(columns[idField] as string[] | Utf8Texts, bad, n);
    for (const row of firstSeen.keys()) {
      bad[row] = code('duplicate');
      badField[row] = idIndex;
    }
  }

  let rejected = 0;
  for (let i = 0; i < n; i++) {
    if (!bad[i]) continue;
    rejected++;
    if (ctx.issues.length >= ctx.maxIssues) continue;
    const issueCode = CODES[bad[i]! - 1]!;
    if (badField[i] === SHAPE) {
      ctx.issues.push(rowIssue(name, i, '', `${name}[${i}]`, issueCode, expect('object'), null));
      continue;
    }
    const spec = specs[badField[i]!]!;
    const input = inputs[badField[i]!]!;
    const path = pathOf(name, source.form, input.column, i);
    const expected =
      issueCode === 'duplicate'
        ? expect('first-at', { path: source.form === 'rows' ? `${name}[${firstSeen.get(i)}]` : pathOf(name, source.form, input.column, firstSeen.get(i)!) })
        : issueCode === 'unknown-customer'
          ? expect(input.kind === 'customer-rows' ? 'kept-customer-row' : 'listed-customer')
          : (input.expected ?? expectationFor(spec, source.form, ctx.stageKeys));
    ctx.issues.push(rowIssue(name, i, spec.name, path, issueCode, expected, input.received(i)));
  }

  const kept = n - rejected;
  const keptIndex = new Int32Array(n);
  for (let i = 0, k = 0; i < n; i++) keptIndex[i] = bad[i] ? -1 : k++;
  for (const key of Object.keys(columns)) columns[key] = compact(columns[key]!, bad, kept);
  const extra = source.extraColumns(new Set(specs.map((s) => s.name)));
  for (const key of Object.keys(extra)) extra[key] = compact(extra[key]!, bad, kept);
  return { kept, received: n, rejected, columns, extra, entityKeys: entity.keys, keptIndex };
}

/**
 * Check the top level the forms share: `asOf` (or `options.now`) in range, at most
 * MAX_STAGES stages with unique keys, and without a `stages` list the keys of `stageEvents`
 * in order of first appearance (`stageValues` gives them, read only then).
 */
export function readHeader(
  payload: Record<string, unknown>,
  options: ValidationOptions,
  stageValues: () => ArrayLike<unknown>,
): PayloadHeader | PayloadError {
  const asOfText = payload.asOf as string | undefined;
  const asOf = asOfText === undefined ? (options.now ?? Date.now()) : parseTimestamp(asOfText);
  if (!inTimestampRange(asOf)) {
    // Everything is measured from asOf: an impossible one would silently empty every period.
    if (asOfText === undefined) return payloadError('as-of-clock', 'asOf', TIMESTAMP_RANGE);
    return payloadError('as-of', 'asOf', { ...TIMESTAMP_RANGE, received: describeReceived(asOfText) });
  }

  let stages = (payload.stages as StageDef[] | undefined) ?? [];
  if (stages.length > MAX_STAGES) return payloadError('too-many-stages', 'stages', { max: String(MAX_STAGES), received: String(stages.length) });
  const stageIndex = new Map<string, number>();
  for (const [i, stage] of stages.entries()) {
    if (stageIndex.has(stage.key)) return payloadError('duplicate-stage', `stages[${i}].key`, { key: stage.key });
    stageIndex.set(stage.key, i);
  }
  if (stages.length === 0) {
    stages = inferStages(stageValues(), stageIndex);
    if (stages.length > MAX_STAGES) return payloadError('too-many-stage-keys', 'stageEvents', { max: String(MAX_STAGES), received: String(stages.length) });
  }
  return {
    asOf,
    asOfFromPayload: asOfText !== undefined,
    currency: (payload.currency as string | undefined) ?? 'CNY',
    stages,
    stageIndex,
  };
}

/** Without a `stages` list, stage order is the order in which keys first appear. */
function inferStages(keys: ArrayLike<unknown>, stageIndex: Map<string, number>): StageDef[] {
  const stages: StageDef[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key === 'string' && key.length > 0 && !stageIndex.has(key)) {
      stageIndex.set(key, stages.length);
      stages.push({ key });
      if (stages.length > MAX_STAGES) break;
    }
  }
  return stages;
}

const EMPTY_SOURCE: CollectionSource = { length: 0, form: 'rows', notObjects: [], field: () => undefined, extraColumns: () => Object.create(null) as ExtraColumns };

/** Read every collection of a checked top level into the dataset and the report. */
export function readDataset(header: PayloadHeader, sources: Partial<Record<CollectionName, CollectionSource>>, options: ValidationOptions): ValidationResult {
  const customerIndex = new Map<string, number>();
  const ctx: Context = {
    stageIndex: header.stageIndex,
    stageKeys: header.stages.map((s) => s.key),
    findCustomer: (id) => customerIndex.get(id) ?? -1,
    customerIndex,
    customerKeys: [],
    closedCustomers: false,
    customerRowIndex: new Int32Array(0),
    issues: [],
    maxIssues: options.maxIssues ?? 200,
  };
  const received = zeroCounts();
  const rejected = zeroCounts();
  const read = {} as Record<CollectionName, ReadResult>;
  // Customers first: their ids form the dictionary every other collection refers to.
  for (const name of COLLECTION_NAMES) {
    const result = readCollection(name, sources[name] ?? EMPTY_SOURCE, ctx);
    read[name] = result;
    received[name] = result.received;
    rejected[name] = result.rejected;
    if (name === 'customers' && sources.customers) {
      const ids = result.columns.id as string[];
      ctx.customerKeys = ids.slice();
      ctx.findCustomer = customerLookup(ids);
      ctx.closedCustomers = true;
      ctx.customerRowIndex = result.keptIndex;
    }
  }

  const c = read.customers.columns;
  const o = read.orders.columns;
  const it = read.interactions.columns;
  const s = read.surveys.columns;
  const e = read.stageEvents.columns;
  const t = read.tickets.columns;
  const dataset: Dataset = {
    schemaVersion: 1,
    asOf: header.asOf,
    asOfFromPayload: header.asOfFromPayload,
    currency: header.currency,
    stages: header.stages,
    present: Object.fromEntries(COLLECTION_NAMES.map((n) => [n, sources[n] !== undefined])) as Record<CollectionName, boolean>,
    customerKeys: ctx.customerKeys,
    customers: {
      length: read.customers.kept,
      id: c.id as string[],
      name: c.name as string[],
      company: c.company as (string | null)[],
      segment: c.segment as (string | null)[],
      region: c.region as (string | null)[],
      owner: c.owner as (string | null)[],
      createdAt: c.createdAt as Float64Array,
      lifecycleStage: c.lifecycleStage as (string | null)[],
      attributes: c.attributes as (Record<string, unknown> | null)[],
      extra: read.customers.extra,
    },
    orders: {
      length: read.orders.kept,
      id: o.id as Texts,
      customer: o.customerId as Int32Array,
      date: o.date as Float64Array,
      amount: o.amount as Float64Array,
      extra: read.orders.extra,
    },
    interactions: {
      length: read.interactions.kept,
      id: it.id as Texts,
      customer: it.customerId as Int32Array,
      date: it.date as Float64Array,
      channel: it.channel as Uint8Array,
      extra: read.interactions.extra,
    },
    surveys: {
      length: read.surveys.kept,
      id: s.id as Texts,
      customer: s.customerId as Int32Array,
      date: s.date as Float64Array,
      score: s.score as Uint8Array,
      comment: s.comment as (string | null)[],
      extra: read.surveys.extra,
    },
    stageEvents: {
      length: read.stageEvents.kept,
      entity: e.entityId as Int32Array,
      entityKeys: read.stageEvents.entityKeys,
      customer: e.customerId as Int32Array,
      stage: e.stage as Uint16Array,
      date: e.date as Float64Array,
      extra: read.stageEvents.extra,
    },
    tickets: {
      length: read.tickets.kept,
      id: t.id as Texts,
      customer: t.customerId as Int32Array,
      openedAt: t.openedAt as Float64Array,
      firstResponseAt: t.firstResponseAt as Float64Array,
      resolvedAt: t.resolvedAt as Float64Array,
      extra: read.tickets.extra,
    },
  };
  const rejectedTotal = COLLECTION_NAMES.reduce((sum, n) => sum + rejected[n], 0);
  return { ok: true, dataset, received, rejected, rejectedTotal, issues: ctx.issues };
}
