/// <reference lib="webworker" />
// Parses and validates large bodies off the main thread, and writes the result to the
// IndexedDB cache from here too: storing a million-row dataset is a structured clone of
// several hundred milliseconds that would otherwise block the page. The dataset's typed
// arrays are then transferred back, not copied.
import { advanceEpoch, cacheEpoch } from './cache-epoch.js';
import type { CacheMeta } from './cache-store.js';
import { toErrorDetail } from './data-error.js';
import { datasetBuffers, datasetBytes, pickFields } from './dataset-shape.js';
import { decodeResponse, type Decoded, type DecodeRequest } from './decode-response.js';
import { IdbStore, openCacheDb } from './idb-store.js';

/** What the worker needs to store the dataset it decoded; `bytes`, `summary` and `version` it fills in. */
export interface PersistRequest {
  dbName: string;
  budget: number;
  fields?: string[];
  meta: Omit<CacheMeta, 'bytes' | 'summary' | 'version'>;
  cryptoKey?: CryptoKey;
}

export type WorkerRequest =
  | ({ type: 'decode'; id: number; bytes: Uint8Array; persist?: PersistRequest } & DecodeRequest)
  | { type: 'clear'; id: number; scope?: string };

export type WorkerAnswer =
  | { type: 'ready' }
  | { type: 'decoded'; id: number; result?: Decoded & { persisted: boolean }; error?: ReturnType<typeof toErrorDetail> }
  | { type: 'cleared'; id: number };

const stores = new Map<string, Promise<IdbStore>>();

async function persist(result: Decoded & { same: false }, request: PersistRequest, epoch: number): Promise<boolean> {
  try {
    let store = stores.get(request.dbName);
    if (!store) stores.set(request.dbName, (store = openCacheDb(indexedDB, request.dbName).then((db) => new IdbStore(db))));
    const idb = Object.assign(await store, { budget: request.budget });
    const stored = request.fields ? pickFields(result.dataset, request.fields) : result.dataset;
    const meta: CacheMeta = { ...request.meta, bytes: datasetBytes(stored), summary: result.summary, version: result.version };
    return await idb.put(meta, stored, { epoch, cryptoKey: request.cryptoKey });
  } catch {
    // The page's own store decides what to do (retry, or fall back to memory and say so once).
    stores.delete(request.dbName);
    return false;
  }
}

addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'clear') {
    // Writes of this scope already decoded but not yet in a transaction now see a new epoch and drop.
    advanceEpoch(request.scope);
    postMessage({ type: 'cleared', id: request.id } satisfies WorkerAnswer);
    return;
  }
  const { id, bytes, persist: persistRequest } = request;
  // The epoch as this request arrives: a clear posted after it moves the epoch on.
  const epoch = persistRequest ? cacheEpoch(persistRequest.meta.scope) : 0;
  try {
    const decoded = await decodeResponse(bytes, request);
    if (decoded.same) {
      postMessage({ type: 'decoded', id, result: { ...decoded, persisted: false } } satisfies WorkerAnswer);
      return;
    }
    const persisted = persistRequest ? await persist(decoded, persistRequest, epoch) : false;
    postMessage({ type: 'decoded', id, result: { ...decoded, persisted } } satisfies WorkerAnswer, { transfer: datasetBuffers(decoded.dataset) });
  } catch (error) {
    postMessage({ type: 'decoded', id, error: toErrorDetail(error) } satisfies WorkerAnswer);
  }
});

postMessage({ type: 'ready' } satisfies WorkerAnswer);
