import { CONTRACT_VERSION } from '../contract/fields.js';
import type { Dataset } from '../contract/index.js';
import { advanceEpoch } from './cache-epoch.js';
import { DEFAULT_BUDGET_BYTES, type CacheMeta, type CacheStore, type WriteGuard } from './cache-store.js';
import { DB_NAME, IdbStore, OPEN_TIMEOUT_MS, openCacheDb } from './idb-store.js';
import { MemoryStore } from './memory-store.js';
import { stableKey } from './stable-key.js';
import type { CacheMode } from './source-config.js';

/** Key of one cached dataset: scope, source, contract version and the options that shape what is stored. */
export function cacheKey(scope: string | undefined, source: string, options: unknown = null): string {
  const absolute = absoluteUrl(source);
  return `v${CONTRACT_VERSION}|${scope ?? ''}|${absolute}|${stableKey(options)}`;
}

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

const settingsListeners = new Set<() => void>();
/** Hear `configureCache` calls (the engine client passes them on to the worker). */
export function onCacheSettings(listener: () => void): () => void {
  settingsListeners.add(listener);
  return () => settingsListeners.delete(listener);
}

interface Settings {
  budgetBytes: number;
  indexedDB?: IDBFactory | null;
  dbName: string;
  /** Why IndexedDB must not be used (the page found it blocked): the memory cache, with this reason. */
  disabled?: string;
}
const settings: Settings = { budgetBytes: DEFAULT_BUDGET_BYTES, dbName: DB_NAME };
const memory = new MemoryStore();
let idb: Promise<CacheStore> | undefined;
let unavailable: string | undefined;
let warned = false;

/**
 * Tune the cache before the first load: the LRU byte budget (default 50 MB), and — for
 * tests and embedders with their own storage rules — the database name or factory
 * (`indexedDB: null` behaves as a browser without IndexedDB).
 */
export function configureCache(options: Partial<Settings>): void {
  Object.assign(settings, options);
  for (const listener of settingsListeners) listener();
  memory.budget = settings.budgetBytes;
  if ('indexedDB' in options || 'dbName' in options || 'disabled' in options) {
    idb = undefined;
    unavailable = undefined;
    warned = false;
  }
}

/** A reason a person can read, also for errors whose message is empty (a QuotaExceededError often is). */
export function describeStorageError(error: unknown): string {
  if (error instanceof DOMException || error instanceof Error) {
    if (error.name === 'QuotaExceededError') return `the storage quota is exceeded${error.message ? ` (${error.message})` : ''}`;
    return error.message ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : error.name || 'unknown error';
  }
  return String(error) || 'unknown error';
}

function fallBack(reason: unknown): CacheStore {
  unavailable ??= `IndexedDB cache unavailable (${describeStorageError(reason)}); caching in memory for this page`;
  return memory;
}

/** The page's IndexedDB factory; a browser whose `indexedDB` getter throws (storage blocked) has none. */
function pageFactory(): IDBFactory | null | undefined {
  if (settings.indexedDB !== undefined) return settings.indexedDB;
  try {
    return globalThis.indexedDB;
  } catch (error) {
    throw new Error(`IndexedDB is blocked (${describeStorageError(error)})`);
  }
}

function openStore(): Promise<CacheStore> {
  if (settings.disabled) return Promise.resolve(fallBack(new Error(settings.disabled)));
  let store: Promise<CacheStore>;
  try {
    const onClosed = () => {
      // Another tab upgraded or deleted the database: open it again on next use, not fall back for good.
      if (idb === store) idb = undefined;
    };
    store = openCacheDb(pageFactory(), settings.dbName, OPEN_TIMEOUT_MS, onClosed).then(
      (db) => Object.assign(new IdbStore(db), { budget: settings.budgetBytes }),
      fallBack,
    );
  } catch (error) {
    store = Promise.resolve(fallBack(error));
  }
  return store;
}

/**
 * Wraps the IndexedDB store so any failure — a quota error on write, a closed connection,
 * a read that throws — moves this page to the memory store and keeps the widgets working.
 */
class ResilientStore implements CacheStore {
  readonly kind = 'indexeddb' as const;
  private async call<T>(op: (store: CacheStore) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      idb ??= openStore();
      const opened = idb;
      const store = await opened;
      try {
        return await op(store);
      } catch (error) {
        if (store === memory) throw error;
        // The connection was closed under the operation (see openStore): one more try on a new one.
        if (attempt === 0 && idb !== opened) continue;
        idb = Promise.resolve(fallBack(error));
        return op(memory);
      }
    }
  }
  getMeta(key: string, cryptoKey?: CryptoKey) {
    return this.call((s) => s.getMeta(key, cryptoKey));
  }
  getDataset(key: string, cryptoKey?: CryptoKey) {
    return this.call((s) => s.getDataset(key, cryptoKey));
  }
  getResults(key: string, cryptoKey?: CryptoKey) {
    return this.call((s) => s.getResults(key, cryptoKey));
  }
  put(meta: CacheMeta, dataset: Dataset, guard: WriteGuard) {
    return this.call((s) => s.put(meta, dataset, guard));
  }
  confirm(key: string, at: number) {
    return this.call((s) => s.confirm(key, at));
  }
  putResult(key: string, scope: string, resultKey: string, value: unknown, guard: WriteGuard) {
    return this.call((s) => s.putResult(key, scope, resultKey, value, guard));
  }
  clear(scope?: string) {
    return this.call((s) => s.clear(scope));
  }
}
const resilient = new ResilientStore();

export function cacheStore(mode: CacheMode = 'indexeddb'): CacheStore | undefined {
  return mode === 'none' ? undefined : mode === 'memory' ? memory : resilient;
}

/** The one notice per page that IndexedDB could not be used, handed to the first caller after it happened. */
export function takeCacheWarning(): string | undefined {
  if (!unavailable || warned) return undefined;
  warned = true;
  return unavailable;
}

/** Whether tests or an embedder handed their own IndexedDB factory, which only this thread can use. */
export const cacheUsesOwnFactory = () => settings.indexedDB !== undefined;

/** The settings a worker-side cache should share with this page's. */
export const cacheSettings = (): { budgetBytes: number; dbName: string; disabled?: string } => ({ budgetBytes: settings.budgetBytes, dbName: settings.dbName, ...(settings.disabled ? { disabled: settings.disabled } : {}) });

/** The LRU byte budget: a dataset larger than this is not written at all. */
export const cacheBudget = () => settings.budgetBytes;

/** Whether the page is on the memory store because IndexedDB failed. */
export const cacheFellBack = () => unavailable !== undefined;

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
  await memory.clear(scope);
  await resilient.clear(scope).catch(() => undefined);
}
