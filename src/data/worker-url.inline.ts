import { workerScriptUrl } from './trusted-types.js';

/**
 * The single-file build has no import.meta.url. The script's own URL, read while it first
 * runs, locates `crm-widget-kit.worker.js` beside it: a same-origin file keeps pages with a
 * strict Content-Security-Policy (`default-src 'self'`) free of violations. Workers must be
 * same-origin, so for a bundle served from a CDN a one-line blob worker imports the file
 * instead (that case needs `worker-src blob:`, see docs/embedding.md).
 */
const bundleUrl =
  typeof document !== 'undefined' ? ((document.currentScript as HTMLScriptElement | null)?.src ?? '') : '';

export function createEngineWorker(): Worker {
  if (!bundleUrl) throw new Error('crm-widget-kit: cannot locate crm-widget-kit.worker.js (load the kit with a <script src> tag)');
  const url = new URL('crm-widget-kit.worker.js', bundleUrl);
  if (url.origin === location.origin) return new Worker(workerScriptUrl(url.href), { name: 'crm-dataset' });
  const shim = new Blob([`importScripts(${JSON.stringify(url.href)});`], { type: 'text/javascript' });
  return new Worker(workerScriptUrl(URL.createObjectURL(shim)), { name: 'crm-dataset' });
}
