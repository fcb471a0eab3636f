/**
 * One collection's Arrow stream as the validator's source: each contract field's column
 * becomes a field input in the contract's unit (epoch ms, currency units, customer rows),
 * taken straight from the typed buffers where the column's type allows, so the shared checks
 * (read-collections.ts) only test nulls and ranges. docs/contract.md ("Arrow form") lists
 * the types each field accepts; any other type sets every non-null row aside as `type`.
 */
import { DateUnit, TimeUnit, Type, type Batch } from '@uwdata/flechette';
import type { ExtraColumns } from '../dataset.js';
import { COLLECTIONS, ID_FIELD, type CollectionName, type FieldSpec } from '../fields.js';
import { payloadError, type Expectation, type PayloadError } from '../issues.js';
import { MAX_AMOUNT_TEXT } from '../fields.js';
import type { CollectionSource, FieldInput } from '../read-collections.js';
import { asciiTexts } from '../texts.js';
import { decodeStrings, isStringType, type ArrowColumn, type ArrowStream } from './read-ipc.js';

/** A batch of plain (not dictionary) strings. */
const isText = (batch: Batch<unknown>) => isStringType(batch.type);

/** An integer column named like this holds the field in cents (`amountCents` for `amount`). */
export const CENTS_SUFFIX = 'Cents';
const CENTS_EXPECTED: Expectation = { code: 'cents', params: { min: `-${MAX_AMOUNT_TEXT}00`, max: `${MAX_AMOUNT_TEXT}00` } };

const DAY_MS = 86_400_000;

/**
 * Collections whose ids stay bytes in the dataset: they are checked for uniqueness and then read
 * for a few rows only. Customer ids are every reference's key, so they become strings.
 */
const IDS_AS_BYTES: ReadonlySet<CollectionName> = new Set(['orders', 'interactions', 'surveys', 'tickets']);

/** Where each batch starts, to find row i's batch. */
function batchStarts(column: ArrowColumn): Int32Array {
  const starts = new Int32Array(column.batches.length + 1);
  column.batches.forEach((batch, b) => (starts[b + 1] = starts[b]! + batch.length));
  return starts;
}

function locate(starts: Int32Array, row: number): [number, number] {
  let b = 0;
  while (b + 1 < starts.length - 1 && starts[b + 1]! <= row) b++;
  return [b, row - starts[b]!];
}

/** Row i's value as flechette shows it, for the report of a set-aside row. */
function receivedOf(column: ArrowColumn): (row: number) => unknown {
  const starts = batchStarts(column);
  return (row) => {
    const [b, j] = locate(starts, row);
    const batch = column.batches[b]!;
    if (!batch.isValid(j) && batch.nullCount > 0) return null;
    if (column.dictionaries) {
      const key = batch.value(j) as number;
      return column.dictionaries[b]![key] ?? key;
    }
    try {
      return batch.value(j);
    } catch {
      // An int64 beyond 2^53, which flechette refuses to turn into a number.
      return String((batch.values as ArrayLike<unknown>)[j]);
    }
  };
}

/** 1 where a row is null, or null when no row is. */
function nullsOf(column: ArrowColumn, n: number): Uint8Array | null {
  if (column.nullCount === 0) return null;
  const nulls = new Uint8Array(n);
  let offset = 0;
  for (const batch of column.batches) {
    if (batch.nullCount > 0) for (let j = 0; j < batch.length; j++) if (!batch.isValid(j)) nulls[offset + j] = 1;
    offset += batch.length;
  }
  return nulls;
}

const TWO_32 = 4294967296;

/** The column's numbers as doubles, in the stream's own unit; int64 read as two halves (exact below 2^53). */
function rawNumbers(column: ArrowColumn, n: number): Float64Array {
  const out = new Float64Array(n);
  let offset = 0;
  for (const batch of column.batches) {
    const values = batch.values as ArrayLike<number | bigint> & { buffer: ArrayBufferLike; byteOffset: number };
    const m = batch.length;
    const typeId = batch.type.typeId;
    // Integers, dates and timestamps hold plain integers; a half float holds bits and a decimal an unscaled integer.
    const direct = typeId === Type.Int || typeId === Type.Date || typeId === Type.Timestamp || (typeId === Type.Float && !(values instanceof Uint16Array));
    if (direct && (values instanceof BigInt64Array || values instanceof BigUint64Array)) {
      const halves = new Int32Array(values.buffer, values.byteOffset, m * 2);
      const signed = values instanceof BigInt64Array;
      for (let j = 0; j < m; j++) {
        const hi = halves[2 * j + 1]!;
        out[offset + j] = (signed ? hi : hi >>> 0) * TWO_32 + (halves[2 * j]! >>> 0);
      }
    } else if (direct) {
      out.set((values as Float64Array).subarray(0, m), offset);
    } else {
      // Decimals and half floats: flechette's own conversion, row by row.
      for (let j = 0; j < m; j++) {
        try {
          out[offset + j] = Number(batch.value(j));
        } catch {
          out[offset + j] = NaN;
        }
      }
    }
    offset += m;
  }
  return out;
}

/** Nanoseconds to whole milliseconds need integer division: doubles lose nanoseconds past 2^53. */
function nanosToMillis(column: ArrowColumn, n: number): Float64Array {
  const out = new Float64Array(n);
  let offset = 0;
  for (const batch of column.batches) {
    const values = batch.values as BigInt64Array;
    for (let j = 0; j < batch.length; j++) {
      const v = values[j]!;
      const q = v / 1_000_000n;
      out[offset + j] = Number(v < 0n && q * 1_000_000n !== v ? q - 1n : q);
    }
    offset += batch.length;
  }
  return out;
}

/** The column's instants as epoch ms, or null when its type is not one the contract reads as a date. */
function instants(column: ArrowColumn, n: number): Float64Array | null {
  if (column.dictionaries) return null;
  const type = column.type as { typeId: number; unit?: number; bitWidth?: number; signed?: boolean };
  let scale: number;
  if (type.typeId === Type.Timestamp) {
    if (type.unit === TimeUnit.NANOSECOND) return nanosToMillis(column, n);
    scale = type.unit === TimeUnit.SECOND ? 1000 : type.unit === TimeUnit.MILLISECOND ? 1 : 0.001;
  } else if (type.typeId === Type.Date) scale = type.unit === DateUnit.DAY ? DAY_MS : 1;
  else if (type.typeId === Type.Int && type.signed && type.bitWidth === 64) scale = 1;
  else if (type.typeId === Type.Int && type.signed && type.bitWidth === 32) scale = 1000;
  else return null;
  const values = rawNumbers(column, n);
  if (scale === 0.001) for (let i = 0; i < n; i++) values[i] = Math.floor(values[i]! / 1000);
  else if (scale !== 1) for (let i = 0; i < n; i++) values[i] = values[i]! * scale;
  return values;
}

const isStringColumn = (column: ArrowColumn) =>
  column.dictionaries !== null || column.type.typeId === Type.Utf8 || column.type.typeId === Type.LargeUtf8 || column.type.typeId === Type.Utf8View;

/** Every row's value as a JavaScript value (null for a null). */
function jsValues(column: ArrowColumn, n: number): unknown[] {
  const { batches } = column;
  // One batch of text (the usual export): its decoded strings are the column.
  if (batches.length === 1 && !column.dictionaries && isText(batches[0]!)) return decodeStrings(batches[0]!);
  const out = new Array<unknown>(n);
  let offset = 0;
  batches.forEach((batch, b) => {
    const m = batch.length;
    const dictionary = column.dictionaries?.[b];
    if (dictionary) {
      const keys = batch.values as ArrayLike<number>;
      for (let j = 0; j < m; j++) out[offset + j] = dictionary[keys[j]!] ?? null;
    } else if (isText(batch)) {
      const strings = decodeStrings(batch);
      for (let j = 0; j < m; j++) out[offset + j] = strings[j];
    } else for (let j = 0; j < m; j++) out[offset + j] = safeValue(batch, j);
    if (batch.nullCount > 0) for (let j = 0; j < m; j++) if (!batch.isValid(j)) out[offset + j] = null;
    offset += m;
  });
  return out;
}

function safeValue(batch: Batch<unknown>, j: number): unknown {
  try {
    return batch.value(j);
  } catch {
    return String((batch.values as ArrayLike<unknown>)[j]);
  }
}

/** A dictionary column as one list of keys and one index per row (batches' dictionaries concatenated). */
function keysInput(column: ArrowColumn, n: number, base: Omit<FieldInput, 'kind'>): FieldInput {
  const keys: (string | null)[] = [];
  const offsetOf = new Map<readonly (string | null)[], number>();
  const indices = new Int32Array(n);
  let row = 0;
  column.batches.forEach((batch, b) => {
    const dictionary = column.dictionaries![b]!;
    let shift = offsetOf.get(dictionary);
    if (shift === undefined) {
      shift = keys.length;
      offsetOf.set(dictionary, shift);
      for (const key of dictionary) keys.push(key);
    }
    const values = batch.values as ArrayLike<number>;
    const outside = dictionary.length;
    for (let j = 0; j < batch.length; j++) {
      const key = values[j]!;
      // An index past its own dictionary must not land in the next batch's: keep it out of range.
      indices[row + j] = key >= 0 && key < outside ? key + shift : -1;
    }
    row += batch.length;
  });
  return { ...base, kind: 'keys', indices, keys, nulls: nullsOf(column, n) };
}

/**
 * An id column of plain utf8 batches as its bytes, or null when it has a dictionary or a byte
 * outside ASCII (then it is read as strings like any text).
 */
function utf8Input(column: ArrowColumn, n: number, base: Omit<FieldInput, 'kind'>): FieldInput | null {
  if (column.dictionaries || !column.batches.every(isText)) return null;
  const texts = asciiTexts(column.batches.map((batch) => ({ offsets: batch.offsets as ArrayLike<number | bigint>, bytes: batch.values as Uint8Array, length: batch.length })));
  return texts && texts.length === n ? { ...base, kind: 'utf8', texts, nulls: nullsOf(column, n) } : null;
}

function inputFor(spec: FieldSpec, column: ArrowColumn, n: number, cents: boolean, customersPresent: boolean, bytesForIds: boolean): FieldInput | PayloadError {
  const received = receivedOf(column);
  const base = { column: column.name, received };
  const nulls = () => nullsOf(column, n);
  // A dictionary of strings is read as its indices: its type here is the dictionary, never a number.
  const type = (column.dictionaries ? { typeId: Type.Dictionary } : column.type) as { typeId: number; bitWidth?: number; signed?: boolean };
  const wrong = (): FieldInput => ({ ...base, kind: 'wrong', nulls: nulls() });
  if (spec.kind === 'ref' && type.typeId === Type.Int) {
    // Not an id but the customer's row in the customers stream.
    if (!(type.signed && type.bitWidth === 32)) return wrong();
    if (!customersPresent) {
      return payloadError('arrow-customer-rows', column.name, { field: spec.name });
    }
    return { ...base, kind: 'customer-rows', rows: Int32Array.from(rawNumbers(column, n)), nulls: nulls() };
  }
  switch (spec.kind) {
    case 'timestamp': {
      const values = instants(column, n);
      return values ? { ...base, kind: 'numbers', values, nulls: nulls() } : wrong();
    }
    case 'amount': {
      if (cents) {
        if (type.typeId !== Type.Int) return { ...wrong(), expected: CENTS_EXPECTED };
        const values = rawNumbers(column, n);
        for (let i = 0; i < n; i++) values[i] = values[i]! / 100;
        return { ...base, kind: 'numbers', values, nulls: nulls(), expected: CENTS_EXPECTED };
      }
      const numeric = type.typeId === Type.Float || type.typeId === Type.Int || type.typeId === Type.Decimal;
      return numeric ? { ...base, kind: 'numbers', values: rawNumbers(column, n), nulls: nulls() } : wrong();
    }
    case 'score':
      return type.typeId === Type.Int || type.typeId === Type.Float ? { ...base, kind: 'numbers', values: rawNumbers(column, n), nulls: nulls() } : wrong();
    case 'ref':
    case 'id':
    case 'text':
    case 'channel':
    case 'stage':
      if (!isStringColumn(column)) return wrong();
      if (column.dictionaries) return keysInput(column, n, base);
      return (bytesForIds && utf8Input(column, n, base)) || { ...base, kind: 'values', values: jsValues(column, n) };
    case 'record':
      return type.typeId === Type.Struct ? { ...base, kind: 'values', values: jsValues(column, n) } : wrong();
  }
}

/**
 * The validator's source for one collection read from its Arrow stream, or the payload error
 * that refuses the stream whole (a required column missing, `amount` and `amountCents` both,
 * int32 customer rows without customers).
 */
export function arrowSource(name: CollectionName, stream: ArrowStream, customersPresent: boolean): CollectionSource | PayloadError {
  const n = stream.length;
  const byName = new Map<string, ArrowColumn>();
  for (const column of stream.columns) if (!byName.has(column.name)) byName.set(column.name, column);
  const specs: readonly FieldSpec[] = COLLECTIONS[name];
  const inputs = new Map<string, FieldInput>();
  const used = new Set<string>();
  for (const spec of specs) {
    const plain = byName.get(spec.name);
    const inCents = spec.kind === 'amount' ? byName.get(spec.name + CENTS_SUFFIX) : undefined;
    const path = `${name}.arrow.${spec.name}`;
    if (plain && inCents) return payloadError('arrow-both-amounts', path, { field: spec.name });
    const column = plain ?? inCents;
    if (!column) {
      if (spec.required) {
        return spec.kind === 'amount' ? payloadError('amount-column-missing', path, { field: spec.name }) : payloadError('column-missing', path);
      }
      continue;
    }
    used.add(column.name);
    const input = inputFor(spec, column, n, column === inCents, customersPresent, IDS_AS_BYTES.has(name) && spec.name === ID_FIELD[name]);
    if ('message' in input) return payloadError(input.code!, `${name}.arrow.${input.path}`, input.params);
    inputs.set(spec.name, input);
  }
  return {
    length: n,
    form: 'arrow',
    notObjects: [],
    field: (spec) => inputs.get(spec.name),
    extraColumns() {
      const extra = Object.create(null) as ExtraColumns;
      for (const [key, column] of byName) if (!used.has(key)) extra[key] = jsValues(column, n);
      return extra;
    },
  };
}

/** The stage keys of a stageEvents stream in row order (for a payload without a stages list). */
export function arrowStageKeys(stream: ArrowStream): ArrayLike<unknown> {
  const column = stream.columns.find((c) => c.name === 'stage');
  return column && isStringColumn(column) ? jsValues(column, stream.length) : [];
}
