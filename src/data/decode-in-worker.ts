import { DataError } from './data-error.js';
import type { PersistRequest, WorkerAnswer } from './dataset.worker.js';
import { decodeDataset, type ValidatedDataset } from './validate-dataset.js';
import { createDatasetWorker } from './worker-url.js';

/** `persisted`: the worker already wrote the dataset to the IndexedDB cache. */
export type DecodedDataset = ValidatedDataset & { persisted: boolean };

interface Pending {
  resolve: (value: DecodedDataset) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | undefined;
let broken = false;
let nextId = 0;
const pending = new Map<number, Pending>();

function getWorker(): Worker | undefined {
  if (worker || broken) return worker;
  try {
    worker = createDatasetWorker();
  } catch {
    broken = true;
    return undefined;
  }
  worker.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => {
    const { id, result, error } = event.data;
    const job = pending.get(id);
    pending.delete(id);
    if (!job) return;
    if (error) job.reject(new DataError(error));
    else job.resolve(result!);
  });
  worker.addEventListener('error', (event) => {
    // A worker that cannot start (CSP, a missing chunk) must not lose loads: they rerun here.
    event.preventDefault();
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const job of pending.values()) job.reject(new Error('worker failed'));
    pending.clear();
  });
  return worker;
}

/** Whether the last attempt had to run on the main thread because no worker could be used. */
export const workerUnavailable = () => broken;

/**
 * Parse and validate response bytes in the dataset worker. The bytes are transferred
 * (the caller must not use them afterwards); the dataset's typed arrays come back
 * transferred. With `persist`, the worker also stores the dataset in the IndexedDB cache
 * before answering. Falls back to the main thread (not persisting) when the worker cannot run.
 */
export async function decodeInWorker(bytes: Uint8Array, label: string, contentType?: string, persist?: PersistRequest): Promise<DecodedDataset> {
  const target = getWorker();
  if (!target) return { ...decodeDataset(bytes, label, contentType), persisted: false };
  const id = nextId++;
  const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  try {
    return await new Promise<DecodedDataset>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ id, bytes: copy, label, contentType, persist }, [copy.buffer as ArrayBuffer]);
    });
  } catch (error) {
    if (error instanceof DataError) throw error;
    // The bytes went to the worker with the transfer; only a new load can get them back.
    throw new DataError({ kind: 'internal', message: `${label}: the data worker stopped; reload to try again` });
  }
}
