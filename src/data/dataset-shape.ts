import { COLLECTION_NAMES, type Dataset } from '../contract/index.js';

type Table = Record<string, unknown> & { length: number; extra: Record<string, unknown[]> };
const tables = (dataset: Dataset) => COLLECTION_NAMES.map((name) => [name, dataset[name] as unknown as Table] as const);
const isColumn = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);

/** Rough bytes a dataset takes when stored: what the LRU budget counts. */
export function datasetBytes(dataset: Dataset): number {
  let bytes = 256 + dataset.customerKeys.reduce((sum, key) => sum + 16 + key.length * 2, 0);
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (Array.isArray(v)) for (const item of v) bytes += typeof item === 'string' ? 16 + item.length * 2 : item && typeof item === 'object' ? 64 : 8;
  };
  for (const [, table] of tables(dataset)) {
    for (const value of Object.values(table)) add(value);
    for (const column of Object.values(table.extra)) add(column);
  }
  return bytes;
}

/**
 * Whether a value read back from storage is a whole dataset: every table present and
 * every column as long as its table says. A record cut short or rewritten by other
 * code is discarded and fetched again instead of crashing a metric.
 */
export function isDatasetShape(value: unknown): value is Dataset {
  const d = value as Dataset | null;
  if (!d || typeof d !== 'object' || d.schemaVersion !== 1 || typeof d.asOf !== 'number' || !Array.isArray(d.customerKeys) || !Array.isArray(d.stages)) return false;
  for (const name of COLLECTION_NAMES) {
    const table = d[name] as unknown as Table | undefined;
    if (!table || typeof table !== 'object' || typeof table.length !== 'number' || !table.extra || typeof table.extra !== 'object') return false;
    for (const [field, column] of Object.entries(table)) {
      if (field === 'length' || field === 'extra' || field === 'entityKeys') continue;
      if (!isColumn(column) || column.length !== table.length) return false;
    }
  }
  return true;
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
    const out: Table = { ...table, extra: {} };
    for (const [field, column] of Object.entries(table)) {
      if (field === 'length' || field === 'extra' || field === 'entityKeys' || STRUCTURAL.has(field)) continue;
      if (allowed.has(name) || allowed.has(`${name}.${field}`)) continue;
      if (ArrayBuffer.isView(column)) out[field] = new Float64Array((column as Float64Array).length).fill(NaN);
      else if (Array.isArray(column)) out[field] = column.map(() => (field === 'id' || field === 'name' ? '' : null));
    }
    if (allowed.has(name)) out.extra = table.extra;
    (copy as Record<string, unknown>)[name] = out;
  }
  if (!allowed.has('customers') && !allowed.has('customers.id')) copy.customerKeys = dataset.customerKeys.map((_, i) => `#${i}`);
  return copy;
}
