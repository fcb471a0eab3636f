/**
 * One Arrow IPC stream (or file) to columns of batches, with flechette. flechette decodes a
 * dictionary entry by entry (one TextDecoder call per string: 100,000 customer ids cost about
 * a quarter of a second); here every top-level dictionary of strings is taken apart first, its
 * batches decoded with one TextDecoder call each, and the field read as its integer indices.
 *
 * Everything a hostile stream could claim is checked against the bytes it really holds
 * (buffer lengths, offsets, row counts): a failure throws an Error whose message says what is
 * wrong, and the caller turns it into a payload error.
 */
import { Endianness, Type, type Batch, type DataType, type Field } from '@uwdata/flechette';
import { decodeIPC } from '@uwdata/flechette/src/decode/decode-ipc.js';
import { createTable } from '@uwdata/flechette/src/decode/table-from-ipc.js';

export interface ArrowColumn {
  name: string;
  /** The field's type; for a dictionary of strings, the type of its indices. */
  type: DataType;
  batches: readonly Batch<unknown>[];
  /** A dictionary of strings: per batch, the strings its indices point into. */
  dictionaries: readonly (readonly (string | null)[])[] | null;
  nullCount: number;
}

export interface ArrowStream {
  length: number;
  columns: ArrowColumn[];
}

type DictionaryData = NonNullable<ReturnType<typeof decodeIPC>['dictionaries']>[number];

export const isStringType = (type: DataType) => type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8;

const NO_STRINGS: readonly (string | null)[] = [];

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** A utf8 batch's offsets must rise within its bytes (checked once, when the stream is read). */
function checkOffsets(batch: Batch<unknown>, what: string): void {
  const n = batch.length;
  const offsets = batch.offsets as ArrayLike<number | bigint> | undefined;
  const bytes = batch.values as Uint8Array | undefined;
  if (!offsets || offsets.length < n + 1 || !bytes) throw new Error(`${what}: ${offsets?.length ?? 0} string offsets for ${n} rows (the stream is cut short)`);
  const start = Number(offsets[0]);
  const end = Number(offsets[n]);
  if (!(start >= 0 && start <= end && end <= bytes.length)) throw new Error(`${what}: string offsets ${start}..${end} lie outside its ${bytes.length} bytes`);
  for (let i = 1, previous = start; i <= n; i++) {
    const offset = Number(offsets[i]);
    if (offset < previous || offset > end) throw new Error(`${what}: string offsets go backwards at row ${i - 1}`);
    previous = offset;
  }
}

/** The strings of a utf8 batch (null where the validity bitmap says so), with one TextDecoder call. */
export function decodeStrings(batch: Batch<unknown>): (string | null)[] {
  const n = batch.length;
  const offsets = batch.offsets as ArrayLike<number | bigint>;
  const bytes = batch.values as Uint8Array;
  const at = (i: number) => Number(offsets[i]);
  const start = at(0);
  const end = at(n);
  const out = new Array<string | null>(n);
  const slice = bytes.subarray(start, end);
  let text: string | null;
  try {
    text = strict.decode(slice);
  } catch {
    text = null;
  }
  if (text !== null && text.length === end - start) {
    // One byte per character (ASCII): byte offsets are string offsets.
    for (let i = 0; i < n; i++) out[i] = text.slice(at(i) - start, at(i + 1) - start);
  } else if (text !== null && splitsOnCharacters(bytes, offsets, n, end)) {
    // Valid UTF-8 whose entries start on characters: count UTF-16 units up to each offset.
    let units = 0;
    let position = start;
    for (let i = 0; i < n; i++) {
      const stop = at(i + 1);
      const begin = units;
      for (; position < stop; position++) {
        const b = bytes[position]!;
        if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
      }
      out[i] = text.slice(begin, units);
    }
  } else {
    // Broken UTF-8 somewhere: decode entry by entry, as flechette would, for the same replacements.
    for (let i = 0; i < n; i++) out[i] = lenient.decode(bytes.subarray(at(i), at(i + 1)));
  }
  if (batch.nullCount > 0) for (let i = 0; i < n; i++) if (!batch.isValid(i)) out[i] = null;
  return out;
}

/** Whether no entry starts inside a multi-byte character (then each entry is valid on its own). */
function splitsOnCharacters(bytes: Uint8Array, offsets: ArrayLike<number | bigint>, n: number, end: number): boolean {
  for (let i = 0; i <= n; i++) {
    const offset = Number(offsets[i]);
    if (offset < end && (bytes[offset]! & 0xc0) === 0x80) return false;
  }
  return true;
}

/** A dictionary batch's strings, read through flechette as a one-column record batch. */
function dictionaryStrings(dictionary: DictionaryData, type: DataType, version: number | undefined): (string | null)[] {
  const field: Field = { name: 'dictionary', type, nullable: true, metadata: null as unknown as Field['metadata'] };
  const table = createTable({
    schema: { version: version as never, fields: [field] },
    dictionaries: [],
    records: [{ ...dictionary.data, body: dictionary.body }],
    dictsBeforeRecord: [0],
    metadata: null,
  } as never);
  const strings: (string | null)[] = [];
  for (const batch of table.children[0]!.data) {
    checkBatch(batch, 'a dictionary');
    for (const s of decodeStrings(batch)) strings.push(s);
  }
  return strings;
}

const bitmapBytes = (n: number) => Math.ceil(n / 8);

/** A batch's buffers must hold its rows: flechette takes views without checking. */
function checkBatch(batch: Batch<unknown>, what: string): void {
  const n = batch.length;
  if (batch.nullCount > 0 && batch.validity && batch.validity.length < bitmapBytes(n)) {
    throw new Error(`${what}: the validity bitmap holds ${batch.validity.length * 8} rows, the batch ${n}`);
  }
  const typeId = batch.type.typeId;
  const fixed = typeId === Type.Int || typeId === Type.Float || typeId === Type.Date || typeId === Type.Timestamp || typeId === Type.Decimal;
  if (fixed) {
    const values = batch.values as ArrayLike<unknown> | undefined;
    const stride = typeId === Type.Decimal ? Math.max(1, ((batch.type as { bitWidth: number }).bitWidth ?? 128) / 64) : 1;
    if (!values || values.length < n * stride) throw new Error(`${what}: ${values?.length ?? 0} values for ${n} rows (the stream is cut short)`);
  }
  if (typeId === Type.Utf8 || typeId === Type.LargeUtf8) checkOffsets(batch, what);
}

/** Fields that dictionaries nested in other types use keep flechette's own decoding. */
function nestedDictionaryIds(fields: readonly Field[]): Set<number> {
  const ids = new Set<number>();
  const visit = (type: DataType, nested: boolean) => {
    const t = type as { typeId: number; id?: number; dictionary?: DataType; children?: Field[] };
    if (t.typeId === Type.Dictionary) {
      if (nested) ids.add(t.id!);
      visit(t.dictionary!, true);
    }
    for (const child of t.children ?? []) visit(child.type, true);
  };
  for (const field of fields) visit(field.type, false);
  return ids;
}

/**
 * Read one Arrow IPC stream (or file). Throws an Error with a short reason when the bytes are
 * not Arrow or contradict themselves.
 */
export function readArrowStream(bytes: Uint8Array): ArrowStream {
  const data = decodeIPC(bytes);
  const schema = data.schema;
  if (!schema) throw new Error('no Arrow schema message found');
  if (schema.endianness === Endianness.Big) throw new Error('big-endian Arrow is not supported');
  const records = data.records ?? [];
  const dictionaries = data.dictionaries ?? [];
  const before = data.dictsBeforeRecord ?? records.map(() => dictionaries.length);

  // Top-level dictionaries of strings are read as their indices; their strings are decoded here.
  const nested = nestedDictionaryIds(schema.fields);
  const ownDictionary = new Map<number, DataType>(); // id → type of the strings
  const fields = schema.fields.map((field) => {
    const type = field.type as { typeId: number; id: number; dictionary: DataType; indices: DataType };
    if (type.typeId !== Type.Dictionary || !isStringType(type.dictionary) || nested.has(type.id)) return field;
    ownDictionary.set(type.id, type.dictionary);
    return { ...field, type: type.indices };
  });
  const kept = dictionaries.filter((d) => !ownDictionary.has(d.id));
  const keptBefore = before.map((count) => dictionaries.slice(0, count).filter((d) => !ownDictionary.has(d.id)).length);
  const table = createTable({ ...data, schema: { ...schema, fields }, dictionaries: kept, dictsBeforeRecord: keptBefore });

  // Per record batch, the strings of each own dictionary as the stream stood then: a delta
  // extends the current list (earlier batches index only its beginning), a replacement starts anew.
  const current = new Map<number, (string | null)[]>();
  const snapshots: Map<number, (string | null)[]>[] = [];
  let applied = 0;
  const apply = (upTo: number) => {
    for (; applied < upTo; applied++) {
      const dictionary = dictionaries[applied]!;
      const type = ownDictionary.get(dictionary.id);
      if (!type) continue;
      const strings = dictionaryStrings(dictionary, type, schema.version);
      const existing = current.get(dictionary.id);
      if (dictionary.isDelta && existing) for (const s of strings) existing.push(s);
      else current.set(dictionary.id, strings);
    }
  };
  for (let r = 0; r < records.length; r++) {
    apply(before[r]!);
    snapshots.push(new Map(current));
  }

  const length = table.numRows;
  if (length > bytes.byteLength) throw new Error(`the stream declares ${length} rows in ${bytes.byteLength} bytes`);
  const columns = table.children.map((column, c): ArrowColumn => {
    const field = schema.fields[c]!;
    if (column.length !== length) throw new Error(`column ${field.name} has ${column.length} rows, the stream ${length}`);
    for (const batch of column.data) checkBatch(batch, `column ${field.name}`);
    const id = (field.type as { id?: number }).id;
    const own = field.type.typeId === Type.Dictionary && ownDictionary.has(id!);
    return {
      name: field.name,
      type: fields[c]!.type,
      batches: column.data,
      dictionaries: own
        ? // A batch with no dictionary before it (writers send none for an empty or all-null
          // batch) has no strings to point into: any index it holds is past the dictionary.
          column.data.map((_, b) => snapshots[b]?.get(id!) ?? NO_STRINGS)
        : null,
      nullCount: column.nullCount,
    };
  });
  return { length, columns };
}
