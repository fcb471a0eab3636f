import { CONTRACT_VERSION } from '../contract/fields.js';
import type { Dataset } from '../contract/index.js';
import { type CacheMeta, type CacheStore, type WriteGuard } from './cache-store.js';
import { absoluteUrl, describeStorageError, onCacheSettings, setStoreClearer, settings } from './cache-settings.js';
import { IdbStore, OPEN_TIMEOUT_MS, openCacheDb } from './idb-store.js';
import { MemoryStore } from './memory-store.js';
import { stableKey } from './stable-key.js';
import type { CacheMode } from './source-config.js';

/** Key of one cached dataset: scope, source, contract version and the options that shape what is stored. */
export function cacheKey(scope: string | undefined, source: string, options: unknown = null): string {
  const absolute = absoluteUrl(source);
  return `v${CONTRACT_VERSION}|${scope ?? ''}|${absolute}|${stableKey(options)}`;
}

const memory = new MemoryStore();
memory.budget = settings.budgetBytes;
let idb: Promise<CacheStore> | undefined;
let unavailable: string | undefined;
let warned = false;

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
  put(meta: CacheMeta, dataset: Dataset | null, guard: WriteGuard) {
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

/** Whether the page is on the memory store because IndexedDB failed. */
export const cacheFellBack = () => unavailable !== undefined;

onCacheSettings((changed) => {
  memory.budget = settings.budgetBytes;
  if ('indexedDB' in changed || 'dbName' in changed || 'disabled' in changed) {
    idb = undefined;
    unavailable = undefined;
    warned = false;
  }
});

setStoreClearer(async (scope) => {
  await memory.clear(scope);
  await resilient.clear(scope).catch(() => undefined);
});

export { cacheBudget, clearCache, configureCache, onCacheClear } from './cache-settings.js';
