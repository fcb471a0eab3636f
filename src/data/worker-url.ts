import { kitBasePath } from './page-defaults.js';
import { workerScriptUrl } from './trusted-types.js';
import { classicWorkerAt } from './worker-url.inline.js';

/** The engine worker for ES builds and the dev/test server; the IIFE build swaps in worker-url.inline.ts. */
export function createEngineWorker(): Worker {
  // A base path set by the host (`configure({ basePath })`) wins: the app serves the kit's files itself.
  const base = kitBasePath();
  if (base) return classicWorkerAt(new URL('crm-widget-kit.worker.js', base));
  // A local `Worker` that hands the URL through the Trusted Types policy. The call below keeps
  // the literal `new Worker(new URL(…, import.meta.url))` shape that Vite rewrites to the
  // built chunk's URL; a class defined here (not at module level) keeps Node imports DOM-free.
  const Worker = class extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      super(workerScriptUrl(sameOriginScript(url)), options);
    }
  };
  return new Worker(new URL('./engine/engine.worker.ts', import.meta.url), { type: 'module', name: 'crm-engine' });
}

/**
 * A library build that inlined the worker (Vite's library mode writes assets as `data:` URLs)
 * would start a worker of opaque origin, whose requests to the page's server fail: the same
 * script as a `blob:` URL has the page's origin.
 */
function sameOriginScript(url: URL): string {
  if (url.protocol !== 'data:') return url.href;
  const comma = url.href.indexOf(',');
  const meta = url.href.slice(5, comma);
  const body = url.href.slice(comma + 1);
  const text = meta.endsWith(';base64') ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0))) : decodeURIComponent(body);
  return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
}
