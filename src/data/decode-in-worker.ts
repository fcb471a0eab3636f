import { onCacheClear } from './cache.js';
import { DataError } from './data-error.js';
import type { PersistRequest, WorkerAnswer, WorkerRequest } from './dataset.worker.js';
import { decodeResponse, type Decoded, type DecodeRequest } from './decode-response.js';
import { createDatasetWorker } from './worker-url.js';

/** `persisted`: the worker already wrote the dataset to the IndexedDB cache. */
export type DecodedInWorker = Decoded & { persisted: boolean };

interface Pending {
  resolve: (answer: WorkerAnswer) => void;
  reject: (error: unknown) => void;
}

let starting: Promise<Worker | undefined> | undefined;
let unavailable: string | undefined;
let warned = false;
let nextId = 0;
const pending = new Map<number, Pending>();

function fail(reason: string): undefined {
  unavailable ??= `The data worker could not start (${reason}); large payloads are parsed on the page instead, which may pause it`;
  return undefined;
}

/**
 * The worker once it said it runs. Nothing is sent before that: a worker whose script is
 * missing (404), blocked by `worker-src` or by Trusted Types never says so, and the bytes
 * of a load must not be transferred into it and lost.
 */
function readyWorker(): Promise<Worker | undefined> {
  starting ??= new Promise<Worker | undefined>((resolve) => {
    let worker: Worker;
    try {
      worker = createDatasetWorker();
    } catch (error) {
      return resolve(fail(error instanceof Error ? error.message : String(error)));
    }
    let ready = false;
    worker.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.type === 'ready') {
        ready = true;
        return resolve(worker);
      }
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      job?.resolve(answer);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      if (!ready) return resolve(fail(event.message || 'its script could not be loaded: check that the worker file is deployed and allowed by the page\u2019s worker-src'));
      // A crash mid-job: those loads fail (their bytes went with them); later loads run on the page.
      fail(`it stopped: ${event.message || 'unknown error'}`);
      starting = Promise.resolve(undefined);
      for (const job of pending.values()) job.reject(new DataError({ kind: 'internal', message: 'The data worker stopped while decoding; reload to try again' }));
      pending.clear();
    });
  });
  return starting;
}

function ask(worker: Worker, request: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerAnswer> {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    pending.set(request.id, { resolve, reject });
    worker.postMessage(request, transfer);
  });
}

/** The one-time notice that the worker could not be used, for the first load that ran without it. */
export function takeWorkerWarning(): string | undefined {
  if (!unavailable || warned) return undefined;
  warned = true;
  return unavailable;
}

/**
 * Version, parse and validate response bytes in the dataset worker. The bytes are
 * transferred (the caller must not use them afterwards); the dataset's typed arrays come
 * back transferred. With `persist`, the worker also stores the dataset in the IndexedDB
 * cache before answering. Without a worker the same step runs here, not persisting.
 */
export async function decodeInWorker(bytes: Uint8Array, request: DecodeRequest, persist?: PersistRequest): Promise<DecodedInWorker> {
  const worker = await readyWorker();
  if (!worker) return { ...(await decodeResponse(bytes, request)), persisted: false };
  const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const answer = await ask(worker, { type: 'decode', id: nextId++, bytes: copy, persist, ...request }, [copy.buffer as ArrayBuffer]);
  if (answer.type !== 'decoded') throw new DataError({ kind: 'internal', message: 'The data worker answered out of turn' });
  if (answer.error) throw new DataError(answer.error);
  return answer.result!;
}

// A clear must also win over writes the worker has on its way: it waits for the worker to move its epoch.
onCacheClear(async (scope) => {
  const worker = starting ? await starting : undefined;
  if (worker) await ask(worker, { type: 'clear', id: nextId++, scope });
});
