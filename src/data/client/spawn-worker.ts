import type { FromEngine } from '../engine/wire.js';
import { createEngineWorker } from '../worker-url.js';

/** The module worker once it said it runs, or why it cannot. */
export type StartedWorker = { worker: Worker } | { problem: string };

let starting: Promise<StartedWorker> | undefined;

/**
 * Start the page's engine worker, once. The lazy loader calls this as soon as it sees a kit tag,
 * so the worker's script downloads and compiles while the element chunks still load (≈ 0.2 s of
 * a warm page load on two cores); the engine client then takes the same worker. A worker whose
 * script is missing (404), blocked by `worker-src` or by Trusted Types never says `ready`: its
 * `error` event settles the start with the reason instead, so the page is not asked twice.
 */
export function startEngineWorker(): Promise<StartedWorker> {
  starting ??= new Promise<StartedWorker>((resolve) => {
    let worker: Worker;
    try {
      worker = createEngineWorker();
    } catch (error) {
      return resolve({ problem: error instanceof Error ? error.message : String(error) });
    }
    const settle = (started: StartedWorker) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      resolve(started);
    };
    const onMessage = (event: MessageEvent<FromEngine>) => {
      if (event.data.type !== 'ready') return;
      // A bundler that inlines the worker as a data: URL gives it an opaque origin: it could fetch
      // nothing of the page's origin (CORS) and open no IndexedDB of it. The page does the work then.
      if (event.data.origin !== undefined && event.data.origin !== globalThis.location?.origin) {
        worker.terminate();
        return settle({ problem: `it runs with another origin (${event.data.origin}), as a worker inlined as a data: URL by a bundler does; serve crm-widget-kit.worker.js as a file` });
      }
      settle({ worker });
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      worker.terminate();
      settle({ problem: event.message || 'its script could not be loaded: check that the worker file is deployed and allowed by the page\u2019s worker-src' });
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
  return starting;
}

/** A started worker the page will not use after all (the engine was configured to run on the page). */
export function discardEngineWorker(): void {
  const started = starting;
  starting = undefined;
  void started?.then((s) => 'worker' in s && s.worker.terminate());
}
