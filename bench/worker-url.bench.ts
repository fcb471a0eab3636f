/**
 * Bench-only stand-in for src/data/worker-url.ts: esbuild does not bundle `new Worker(new URL(…))`,
 * so the bench page starts the built dataset worker (dist/crm-widget-kit.worker.js, the one the
 * single-file bundle uses). bench/run.mjs swaps this file in when it bundles bench/browser.ts.
 */
export function createDatasetWorker(): Worker {
  return new Worker('/dist/crm-widget-kit.worker.js', { name: 'crm-dataset' });
}
