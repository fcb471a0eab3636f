import { kitBasePath } from './page-defaults.js';
import { workerScriptUrl } from './trusted-types.js';

/**
 * Builds without a bundler's view of the worker (the self-contained ES build the classic script
 * loads) start `crm-widget-kit.worker.js` from the kit's base path: `configure({ basePath })`, the
 * classic script's `data-base-path` or its own folder, else the ES build's own place. A same-origin file keeps pages with a strict Content-Security-Policy (`default-src 'self'`)
 * free of violations. Workers must be same-origin, so for a kit served from another origin (a CDN)
 * a one-line blob worker imports the file instead (that case needs `worker-src blob:`, see docs/embedding.md).
 */
export function createEngineWorker(): Worker {
  const base = kitBasePath();
  if (!base) throw new Error('crm-widget-kit: cannot locate crm-widget-kit.worker.js (call configure({ basePath }) or load the kit with a <script src> tag)');
  return classicWorkerAt(new URL('crm-widget-kit.worker.js', base));
}

export function classicWorkerAt(url: URL): Worker {
  if (url.origin === location.origin) return new Worker(workerScriptUrl(url.href), { name: 'crm-dataset' });
  const shim = new Blob([`importScripts(${JSON.stringify(url.href)});`], { type: 'text/javascript' });
  return new Worker(workerScriptUrl(URL.createObjectURL(shim)), { name: 'crm-dataset' });
}
