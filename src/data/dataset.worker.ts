/// <reference lib="webworker" />
// Parses and validates large bodies off the main thread, and writes the result to the
// IndexedDB cache from here too: storing a million-row dataset is a structured clone of
// several hundred milliseconds that would otherwise block the page. The dataset's typed
// arrays are then transferred back, not copied.
import type { CacheMeta } from './cache-store.js';
import { toErrorDetail } from './data-error.js';
import { datasetBuffers, datasetBytes, pickFields } from './dataset-shape.js';
import { IdbStore, openCacheDb } from './idb-store.js';
import { decodeDataset, type ValidatedDataset } from './validate-dataset.js';

/** What the worker needs to store the dataset it decoded; `bytes` and `summary` it fills in. */
export interface PersistRequest {
  dbName: string;
  budget: number;
  fields?: string[];
  meta: Omit<CacheMeta, 'bytes' | 'summary'>;
}

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  label: string;
  contentType?: string;
  persist?: PersistRequest;
}

export interface WorkerAnswer {
  id: number;
  result?: ValidatedDataset & { persisted: boolean };
  error?: ReturnType<typeof toErrorDetail>;
}

const stores = new Map<string, Promise<IdbStore>>();

async function persist(result: ValidatedDataset, request: PersistRequest): Promise<boolean> {
  try {
    let store = stores.get(request.dbName);
    if (!store) stores.set(request.dbName, (store = openCacheDb(indexedDB, request.dbName).then((db) => new IdbStore(db))));
    const idb = Object.assign(await store, { budget: request.budget });
    const stored = request.fields ? pickFields(result.dataset, request.fields) : result.dataset;
    await idb.put({ ...request.meta, bytes: datasetBytes(stored), summary: result.summary }, stored);
    return true;
  } catch {
    // The page's own store decides what to do (retry, or fall back to memory and say so once).
    stores.delete(request.dbName);
    return false;
  }
}

addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
  const { id, bytes, label, contentType, persist: persistRequest } = event.data;
  try {
    const result = decodeDataset(bytes, label, contentType);
    const persisted = persistRequest ? await persist(result, persistRequest) : false;
    const answer: WorkerAnswer = { id, result: { ...result, persisted } };
    postMessage(answer, { transfer: datasetBuffers(result.dataset) });
  } catch (error) {
    const answer: WorkerAnswer = { id, error: toErrorDetail(error) };
    postMessage(answer);
  }
});
