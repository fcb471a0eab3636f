/**
 * Bench-only stand-in for src/data/worker-url.ts: esbuild does not bundle `new Worker(new URL(…))`,
 * so the bench page starts the built engine worker (dist/crm-widget-kit.worker.js, the classic file
 * the self-contained build uses). bench/run.mjs swaps this file in when it bundles bench/browser.ts.
 */
export function createEngineWorker(): Worker {
  return new Worker('/dist/crm-widget-kit.worker.js', { name: 'crm-dataset' });
}
