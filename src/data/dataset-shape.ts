import { CHANNELS, COLLECTION_NAMES } from '../contract/fields.js';
import type { Dataset } from '../contract/index.js';
import { Utf8Texts } from '../contract/texts.js';

type Table = Record<string, unknown> & { length: number; extra: Record<string, unknown[]> };
const tables = (dataset: Dataset) => COLLECTION_NAMES.map((name) => [name, dataset[name] as unknown as Table] as const);

/** Rough bytes a dataset takes when stored: what the LRU budget counts. */
export function datasetBytes(dataset: Dataset): number {
  let bytes = 256 + dataset.customerKeys.reduce((sum, key) => sum + 16 + key.length * 2, 0);
  const add = (v: unknown) => {
    // Stored as strings (storableDataset), so counted as strings.
    if (v instanceof Utf8Texts) bytes += 16 * v.length + 2 * v.bytes.byteLength;
    else if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (Array.isArray(v)) for (const item of v) bytes += typeof item === 'string' ? 16 + item.length * 2 : item && typeof item === 'object' ? 64 : 8;
  };
  for (const [, table] of tables(dataset)) {
    for (const value of Object.values(table)) add(value);
    for (const column of Object.values(table.extra)) add(column);
  }
  return bytes;
}

type ColumnKind = 'text' | typeof Float64Array | typeof Int32Array | typeof Uint8Array | typeof Uint16Array;

/** Every column of every table and what it must be: the dataset's layout, checked on each read from the cache. */
const LAYOUT: Record<(typeof COLLECTION_NAMES)[number], Record<string, ColumnKind>> = {
  customers: { id: 'text', name: 'text', company: 'text', segment: 'text', region: 'text', owner: 'text', createdAt: Float64Array, lifecycleStage: 'text', attributes: 'text' },
  orders: { id: 'text', customer: Int32Array, date: Float64Array, amount: Float64Array },
  interactions: { id: 'text', customer: Int32Array, date: Float64Array, channel: Uint8Array },
  surveys: { id: 'text', customer: Int32Array, date: Float64Array, score: Uint8Array, comment: 'text' },
  stageEvents: { entity: Int32Array, customer: Int32Array, stage: Uint16Array, date: Float64Array },
  tickets: { id: 'text', customer: Int32Array, openedAt: Float64Array, firstResponseAt: Float64Array, resolvedAt: Float64Array },
};

const allBelow = (column: ArrayLike<number>, min: number, limit: number) => {
  for (let i = 0; i < column.length; i++) if (!(column[i]! >= min && column[i]! < limit)) return false;
  return true;
};

/**
 * Whether a value read back from storage is a whole dataset: every table and column present
 * with its type and its table's length, stages as `{ key }` objects, and every index column
 * pointing inside what it indexes. A record cut short or rewritten by other code is discarded
 * and fetched again instead of crashing a metric later (a cached `stages` of `[null, 5]` once did).
 */
export function isDatasetShape(value: unknown): value is Dataset {
  const d = value as Dataset | null;
  if (!d || typeof d !== 'object' || d.schemaVersion !== 1 || typeof d.asOf !== 'number' || !Number.isFinite(d.asOf)) return false;
  if (typeof d.currency !== 'string' || typeof d.asOfFromPayload !== 'boolean' || !d.present || typeof d.present !== 'object') return false;
  if (!Array.isArray(d.customerKeys) || !d.customerKeys.every((k) => typeof k === 'string')) return false;
  if (!Array.isArray(d.stages) || !d.stages.every((s) => s !== null && typeof s === 'object' && typeof s.key === 'string')) return false;
  for (const name of COLLECTION_NAMES) {
    const table = d[name] as unknown as Table | undefined;
    if (!table || typeof table !== 'object' || !Number.isInteger(table.length) || table.length < 0) return false;
    if (!table.extra || typeof table.extra !== 'object' || !Object.values(table.extra).every(Array.isArray)) return false;
    for (const [field, kind] of Object.entries(LAYOUT[name])) {
      const column = table[field];
      if (kind === 'text' ? !Array.isArray(column) : !(column instanceof kind)) return false;
      if ((column as ArrayLike<unknown>).length !== table.length) return false;
    }
    for (const column of Object.values(table.extra)) if (column.length !== table.length) return false;
    const customer = table['customer'] as Int32Array | undefined;
    if (customer && !allBelow(customer, -1, d.customerKeys.length)) return false;
  }
  const events = d.stageEvents;
  if (!Array.isArray(events.entityKeys) || !allBelow(events.entity, 0, events.entityKeys.length) || !allBelow(events.stage, 0, d.stages.length)) return false;
  return allBelow(d.interactions.channel, 0, CHANNELS.length) && allBelow(d.surveys.score, 0, 11);
}

/**
 * The dataset as storage keeps it: columns held as bytes (texts.ts) become string arrays, since
 * a structured clone or the encrypted packing keeps no class, and a copy read back is checked
 * against plain arrays (isDatasetShape).
 */
export function storableDataset(dataset: Dataset): Dataset {
  let copy: Dataset | null = null;
  for (const [name, table] of tables(dataset)) {
    const bytesColumns = Object.entries(table).filter(([, column]) => column instanceof Utf8Texts);
    if (bytesColumns.length === 0) continue;
    copy ??= { ...dataset };
    (copy as unknown as Record<string, Table>)[name] = { ...table, ...Object.fromEntries(bytesColumns.map(([field, column]) => [field, (column as Utf8Texts).toArray()])) };
  }
  return copy ?? dataset;
}

/** The typed-array buffers of a dataset, to transfer rather than copy across threads. */
export function datasetBuffers(dataset: Dataset): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const [, table] of tables(dataset)) {
    for (const value of Object.values(table)) if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  }
  return [...buffers];
}

/** Columns that only index other data; kept whatever the allow-list says, or nothing lines up. */
const STRUCTURAL = new Set(['customer', 'entity', 'stage']);

/**
 * A copy of `dataset` keeping only the allowed `collection.field` columns (a bare
 * `collection` allows all of it). Other text columns become empty strings or null,
 * numeric ones NaN, extra columns are dropped: what a portal may keep on a shared disk.
 */
export function pickFields(dataset: Dataset, allow: readonly string[]): Dataset {
  const allowed = new Set(allow);
  const copy = { ...dataset };
  for (const [name, table] of tables(dataset)) {
    const out: Table = { ...table, extra: Object.create(null) as Table['extra'] };
    for (const [field, column] of Object.entries(table)) {
      if (field === 'length' || field === 'extra' || field === 'entityKeys' || STRUCTURAL.has(field)) continue;
      if (allowed.has(name) || allowed.has(`${name}.${field}`)) continue;
      if (ArrayBuffer.isView(column)) out[field] = new Float64Array((column as Float64Array).length).fill(NaN);
      else if (column instanceof Utf8Texts) out[field] = new Array<string>(column.length).fill('');
      else if (Array.isArray(column)) out[field] = column.map(() => (field === 'id' || field === 'name' ? '' : null));
    }
    if (allowed.has(name)) out.extra = table.extra;
    (copy as Record<string, unknown>)[name] = out;
  }
  if (!allowed.has('customers') && !allowed.has('customers.id')) copy.customerKeys = dataset.customerKeys.map((_, i) => `#${i}`);
  return copy;
}
