// IndexedDB write and read of a dataset and of its results, through the kit's own cache store,
// next to the same data as plain row objects (what one would store without the kit) and the bare
// typed arrays (the floor: what the numeric columns alone cost).
import { openDB } from 'idb';
import type { Dataset, ValidationSummary } from '../src/contract/index.js';
import { DEFAULT_BUDGET_BYTES, type CacheMeta } from '../src/data/cache-store.js';
import { datasetBytes } from '../src/data/dataset-shape.js';
import { IdbStore, openCacheDb } from '../src/data/idb-store.js';
import { cacheEpoch } from '../src/data/cache-epoch.js';

const KIT_DB = 'crm-widget-kit-bench';
const PEER_DB = 'crm-widget-kit-bench-peer';
const now = () => performance.now();

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await fn();
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

type Table = Record<string, unknown> & { length: number };
const COLLECTIONS = ['customers', 'orders', 'interactions', 'surveys', 'stageEvents', 'tickets'] as const;

/** The same data as one array of plain objects per collection. */
function asRows(d: Dataset): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of COLLECTIONS) {
    const table = d[name] as unknown as Table;
    const fields = Object.keys(table).filter((f) => f !== 'length' && f !== 'extra' && (Array.isArray(table[f]) || ArrayBuffer.isView(table[f])));
    const columns = fields.map((f) => table[f] as ArrayLike<unknown>);
    const rows = new Array<Record<string, unknown>>(table.length);
    for (let i = 0; i < table.length; i++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < fields.length; c++) row[fields[c]!] = columns[c]![i];
      rows[i] = row;
    }
    out[name] = rows;
  }
  return out;
}

/** Every typed-array column of the dataset. */
function typedColumns(d: Dataset): ArrayBufferView[] {
  const out: ArrayBufferView[] = [];
  for (const name of COLLECTIONS) for (const v of Object.values(d[name] as unknown as Table)) if (ArrayBuffer.isView(v)) out.push(v);
  return out;
}

export interface StorageFigures {
  timings: Record<string, number>;
  /** kit / peer ratios; below 1 means the kit is faster. */
  ratios: { task: string; kitMs: number; peerMs: number; ratio: number }[];
  datasetMB: number;
  typedArrayMB: number;
  rowObjects: number;
  /** What the kit's LRU counts for this dataset, and whether it fits the default 50 MB budget. */
  cacheBytes: number;
  fitsDefaultBudget: boolean;
  /** The dataset read back keeps typed-array columns (not records). */
  readBackTyped: boolean;
  readBackEqual: boolean;
}

export async function runStorage(d: Dataset, summary: ValidationSummary, results: Record<string, unknown>, sample: () => void): Promise<StorageFigures> {
  const runs = d.orders.length >= 1_000_000 ? 1 : 3;
  const timings: Record<string, number> = {};
  await deleteDb(KIT_DB);
  await deleteDb(PEER_DB);

  // The kit's store, budget lifted so the measured entry is not evicted right after the write.
  const store = new IdbStore(await openCacheDb(indexedDB, KIT_DB));
  store.budget = Number.MAX_SAFE_INTEGER;
  const bytes = datasetBytes(d);
  const meta: CacheMeta = { key: 'bench', scope: '', source: '/bench', storedAt: Date.now(), accessedAt: Date.now(), bytes, summary, partial: false, version: 'bench' };
  const guard = { epoch: cacheEpoch(''), version: 'bench' };
  const kitWrite = await median(runs, () => store.put(meta, d, guard));
  sample();
  let readBack: Dataset | undefined;
  const kitRead = await median(runs, async () => (readBack = await store.getDataset('bench')));
  sample();
  const readBackTyped = readBack?.orders.date instanceof Float64Array && readBack.orders.customer instanceof Int32Array && readBack.surveys.score.constructor === d.surveys.score.constructor;
  const readBackEqual = !!readBack && readBack.orders.length === d.orders.length && readBack.orders.amount[d.orders.length - 1] === d.orders.amount[d.orders.length - 1] && readBack.customerKeys.length === d.customerKeys.length;
  readBack = undefined;

  const names = Object.keys(results);
  const resultsWrite = await median(runs, async () => {
    for (const name of names) await store.putResult('bench', '', name, results[name], guard);
  });
  const resultsRead = await median(runs, async () => {
    const map = await store.getResults('bench');
    if (map.size !== names.length) throw new Error(`results read back: ${map.size} of ${names.length}`);
  });
  await store.clear();

  // Peers: one record of row objects (what `idb-keyval.set('data', rows)` would do), and the bare typed arrays.
  const db = await openDB(PEER_DB, 1, { upgrade: (u) => void u.createObjectStore('kv') });
  const columns = typedColumns(d);
  const typedBytes = columns.reduce((s, c) => s + c.byteLength, 0);
  const typedWrite = await median(runs, () => db.put('kv', columns, 'typed'));
  const typedRead = await median(runs, () => db.get('kv', 'typed'));
  let rows: Record<string, Record<string, unknown>[]> | undefined = asRows(d);
  const rowObjects = Object.values(rows).reduce((s, r) => s + r.length, 0);
  sample();
  const rowsWrite = await median(runs, () => db.put('kv', rows, 'rows'));
  rows = undefined;
  sample();
  const rowsRead = await median(runs, async () => {
    const back = (await db.get('kv', 'rows')) as Record<string, unknown[]>;
    sample();
    if (back.orders!.length !== d.orders.length) throw new Error('row objects read back short');
  });
  db.close();
  await deleteDb(PEER_DB);
  await deleteDb(KIT_DB);

  timings['IDB write dataset, kit cache store (columns)'] = kitWrite;
  timings['IDB read dataset, kit cache store (columns)'] = kitRead;
  timings['IDB write results (4 widgets), kit cache store'] = resultsWrite;
  timings['IDB read results (4 widgets), kit cache store'] = resultsRead;
  timings['IDB write, peer: same data as row objects'] = rowsWrite;
  timings['IDB read, peer: same data as row objects'] = rowsRead;
  timings['IDB write, floor: typed-array columns only'] = typedWrite;
  timings['IDB read, floor: typed-array columns only'] = typedRead;
  return {
    timings,
    ratios: [
      { task: 'IDB write dataset: kit columns / row objects', kitMs: kitWrite, peerMs: rowsWrite, ratio: kitWrite / rowsWrite },
      { task: 'IDB read dataset: kit columns / row objects', kitMs: kitRead, peerMs: rowsRead, ratio: kitRead / rowsRead },
      { task: 'IDB write dataset: kit columns / typed arrays only (floor)', kitMs: kitWrite, peerMs: typedWrite, ratio: kitWrite / typedWrite },
      { task: 'IDB read dataset: kit columns / typed arrays only (floor)', kitMs: kitRead, peerMs: typedRead, ratio: kitRead / typedRead },
    ],
    datasetMB: bytes / 2 ** 20,
    typedArrayMB: typedBytes / 2 ** 20,
    rowObjects,
    cacheBytes: bytes,
    fitsDefaultBudget: bytes <= DEFAULT_BUDGET_BYTES,
    readBackTyped,
    readBackEqual,
  };
}
