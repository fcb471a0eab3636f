import { CONTRACT_VERSION, type Dataset } from '../contract/index.js';
import { DEFAULT_BUDGET_BYTES, type CacheMeta, type CacheStore } from './cache-store.js';
import { DB_NAME, IdbStore, openCacheDb } from './idb-store.js';
import { MemoryStore } from './memory-store.js';
import { stableKey } from './stable-key.js';
import type { CacheMode } from './source-config.js';

/** Key of one cached dataset: scope, source, contract version and the options that shape what is stored. */
export function cacheKey(scope: string | undefined, source: string, options: unknown = null): string {
  const absolute = typeof location === 'undefined' ? source : new URL(source, location.href).href;
  return `v${CONTRACT_VERSION}|${scope ?? ''}|${absolute}|${stableKey(options)}`;
}

interface Settings {
  budgetBytes: number;
  indexedDB?: IDBFactory | null;
  dbName: string;
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
  memory.budget = settings.budgetBytes;
  if ('indexedDB' in options || 'dbName' in options) {
    idb = undefined;
    unavailable = undefined;
    warned = false;
  }
}

function fallBack(reason: unknown): CacheStore {
  unavailable ??= `IndexedDB cache unavailable (${reason instanceof Error ? reason.message : String(reason)}); caching in memory for this page`;
  return memory;
}

/**
 * Wraps the IndexedDB store so any failure — a quota error on write, a closed
 * connection, a read that throws — moves this page to the memory store and keeps
 * the widgets working.
 */
class ResilientStore implements CacheStore {
  readonly kind = 'indexeddb' as const;
  private async call<T>(op: (store: CacheStore) => Promise<T>, fallbackOp = op): Promise<T> {
    idb ??= openCacheDb(settings.indexedDB === undefined ? globalThis.indexedDB : settings.indexedDB, settings.dbName).then(
      (db) => Object.assign(new IdbStore(db), { budget: settings.budgetBytes }),
      fallBack,
    );
    const store = await idb;
    try {
      return await op(store);
    } catch (error) {
      if (store === memory) throw error;
      idb = Promise.resolve(fallBack(error));
      return fallbackOp(memory);
    }
  }
  getMeta(key: string) {
    return this.call((s) => s.getMeta(key));
  }
  getDataset(key: string) {
    return this.call((s) => s.getDataset(key));
  }
  getResults(key: string) {
    return this.call((s) => s.getResults(key));
  }
  put(meta: CacheMeta, dataset: Dataset) {
    return this.call((s) => s.put(meta, dataset));
  }
  confirm(key: string, at: number) {
    return this.call((s) => s.confirm(key, at));
  }
  putResult(key: string, resultKey: string, value: unknown) {
    return this.call((s) => s.putResult(key, resultKey, value));
  }
  clear(scope?: string) {
    return this.call(
      (s) => s.clear(scope),
      (s) => s.clear(scope),
    );
  }
}
const resilient = new ResilientStore();

export function cacheStore(mode: CacheMode = 'indexeddb'): CacheStore | undefined {
  return mode === 'none' ? undefined : mode === 'memory' ? memory : resilient;
}

/** The one-time notice that IndexedDB could not be used, handed to the first caller after it happened. */
export function takeCacheWarning(): string | undefined {
  if (!unavailable || warned) return undefined;
  warned = true;
  return unavailable;
}

/**
 * Where a worker may write the cache itself: only with the page's own IndexedDB (not a
 * factory handed to configureCache, which a worker cannot see) and while it works.
 */
export function workerCacheTarget(mode: CacheMode = 'indexeddb'): { dbName: string; budget: number } | undefined {
  if (mode !== 'indexeddb' || settings.indexedDB !== undefined || unavailable !== undefined) return undefined;
  return { dbName: settings.dbName, budget: settings.budgetBytes };
}

/** Whether the page is on the memory store because IndexedDB failed. */
export const cacheFellBack = () => unavailable !== undefined;

/**
 * Forget cached datasets and results: of one scope (for example on logout of that
 * user), or all of them. Clears memory and IndexedDB.
 *
 * @example
 * import { clearCache } from 'crm-widget-kit';
 * logoutButton.addEventListener('click', () => clearCache(currentUser.tenantId));
 */
export async function clearCache(scope?: string): Promise<void> {
  await memory.clear(scope);
  await resilient.clear(scope).catch(() => undefined);
}
