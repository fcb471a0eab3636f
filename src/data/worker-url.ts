/** The dataset worker for ES builds and the dev/test server; the IIFE build swaps in worker-url.inline.ts. */
export function createDatasetWorker(): Worker {
  return new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module', name: 'crm-dataset' });
}
