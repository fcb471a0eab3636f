// The cache's settings and its clear, without the stores: what the page needs before anything is
// cached there (the worker holds the caches), so the IndexedDB code stays out of every element's chunk.
import { advanceEpoch } from './cache-epoch.js';
import { DEFAULT_BUDGET_BYTES } from './cache-store.js';

/** The kit's IndexedDB database (datasets, their results and the paint records). */
export const DB_NAME = 'crm-widget-kit';

/**
 * A URL as the page's fetch resolves it: against the document's base URL, which is also
 * right inside `srcdoc` iframes (whose location is about:srcdoc) and under a `<base>` tag.
 */
export function absoluteUrl(url: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : typeof location !== 'undefined' ? location.href : undefined;
  if (!base) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

const settingsListeners = new Set<(changed: Partial<Settings>) => void>();
/** Hear `configureCache` calls (the engine client passes them on to the worker). */
export function onCacheSettings(listener: (changed: Partial<Settings>) => void): () => void {
  settingsListeners.add(listener);
  return () => settingsListeners.delete(listener);
}

export interface Settings {
  budgetBytes: number;
  indexedDB?: IDBFactory | null;
  dbName: string;
  /** Why IndexedDB must not be used (the page found it blocked): the memory cache, with this reason. */
  disabled?: string;
}
export const settings: Settings = { budgetBytes: DEFAULT_BUDGET_BYTES, dbName: DB_NAME };
/** A reason a person can read, also for errors whose message is empty (a QuotaExceededError often is). */
export function describeStorageError(error: unknown): string {
  if (error instanceof DOMException || error instanceof Error) {
    if (error.name === 'QuotaExceededError') return `the storage quota is exceeded${error.message ? ` (${error.message})` : ''}`;
    return error.message ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : error.name || 'unknown error';
  }
  return String(error) || 'unknown error';
}

/**
 * Tune the cache before the first load: the LRU byte budget (default 50 MB), and — for
 * tests and embedders with their own storage rules — the database name or factory
 * (`indexedDB: null` behaves as a browser without IndexedDB).
 */
export function configureCache(options: Partial<Settings>): void {
  Object.assign(settings, options);
  for (const listener of settingsListeners) listener(options);
}

/** Whether tests or an embedder handed their own IndexedDB factory, which only this thread can use. */
export const cacheUsesOwnFactory = () => settings.indexedDB !== undefined;

/** The settings a worker-side cache should share with this page's. */
export const cacheSettings = (): { budgetBytes: number; dbName: string; disabled?: string } => ({ budgetBytes: settings.budgetBytes, dbName: settings.dbName, ...(settings.disabled ? { disabled: settings.disabled } : {}) });

/** The LRU byte budget: a dataset larger than this is not written at all. */
export const cacheBudget = () => settings.budgetBytes;

type ClearListener = (scope: string | undefined) => void | Promise<void>;
const clearListeners = new Set<ClearListener>();

/** Run `listener` on every `clearCache` before it resolves (in-memory sources, the worker's own writes). */
export function onCacheClear(listener: ClearListener): () => void {
  clearListeners.add(listener);
  return () => clearListeners.delete(listener);
}

/**
 * Forget cached datasets and results: of one scope (for example on logout of that user),
 * or all of them — in memory, in IndexedDB, and in the page's loaded sources, so a widget
 * added afterwards loads afresh. Writes already on their way for that scope are dropped:
 * when the promise resolves, IndexedDB holds nothing of the scope, and other scopes are intact.
 *
 * @example
 * import { clearCache } from 'crm-widget-kit';
 * logoutButton.addEventListener('click', async () => { await clearCache(currentUser.tenantId); location.assign('/login'); });
 */
export async function clearCache(scope?: string): Promise<void> {
  advanceEpoch(scope);
  await Promise.all([...clearListeners].map((listener) => listener(scope)));
  // The stores' code loads with the first cache use; a page that never used it still clears what earlier pages stored.
  if (!clearStores) await import('./cache.js');
  await clearStores?.(scope);
}

let clearStores: ((scope: string | undefined) => Promise<void>) | undefined;
/** How `clearCache` reaches the stores (cache.ts registers it when it loads). */
export function setStoreClearer(clear: (scope: string | undefined) => Promise<void>): void {
  clearStores = clear;
}
