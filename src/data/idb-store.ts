import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from '../contract/index.js';
import { DEFAULT_BUDGET_BYTES, evictionOrder, type CacheMeta, type CacheStore } from './cache-store.js';
import { isDatasetShape } from './dataset-shape.js';

export const DB_NAME = 'crm-widget-kit';
/** Bump with a new step in `upgrade` whenever the stores change. */
export const DB_VERSION = 1;

interface CacheSchema extends DBSchema {
  /** Small records read first: revalidation and LRU never touch the datasets. */
  entries: { key: string; value: CacheMeta; indexes: { scope: string } };
  datasets: { key: string; value: { key: string; dataset: Dataset } };
  results: { key: string; value: { id: string; key: string; value: unknown }; indexes: { key: string } };
}
type Db = IDBPDatabase<CacheSchema>;

function upgrade(db: Db, oldVersion: number): void {
  // One step per version, so a browser several versions behind walks them in order.
  if (oldVersion < 1) {
    db.createObjectStore('entries', { keyPath: 'key' }).createIndex('scope', 'scope');
    db.createObjectStore('datasets', { keyPath: 'key' });
    db.createObjectStore('results', { keyPath: 'id' }).createIndex('key', 'key');
  }
}

/**
 * Open the cache database, or reject: when IndexedDB is missing, the open fails, or
 * another tab on an older version blocks the upgrade (waiting would hang the widgets).
 */
export function openCacheDb(factory: IDBFactory | null | undefined, name = DB_NAME): Promise<Db> {
  return new Promise<Db>((resolve, reject) => {
    if (!factory) return reject(new Error('IndexedDB is not available'));
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      return reject(error);
    }
    request.addEventListener('upgradeneeded', (event) => {
      upgrade(wrap(request.result) as unknown as Db, event.oldVersion);
    });
    request.addEventListener('blocked', () => reject(new Error('IndexedDB upgrade is blocked by another tab')));
    request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB open failed')));
    request.addEventListener('success', () => {
      const db = wrap(request.result) as unknown as Db;
      // Let a newer version in another tab upgrade rather than block it.
      db.addEventListener('versionchange', () => db.close());
      resolve(db);
    });
  });
}

const resultId = (key: string, resultKey: string) => `${key}\u0000${resultKey}`;

export class IdbStore implements CacheStore {
  readonly kind = 'indexeddb' as const;
  budget = DEFAULT_BUDGET_BYTES;
  constructor(private readonly db: Db) {}

  async getMeta(key: string) {
    const meta = await this.db.get('entries', key);
    if (!meta) return undefined;
    if (typeof meta.storedAt !== 'number' || typeof meta.bytes !== 'number' || !meta.summary) {
      await this.discard(key);
      return undefined;
    }
    void this.db.put('entries', { ...meta, accessedAt: Date.now() }).catch(() => undefined);
    return meta;
  }

  async getDataset(key: string) {
    let record: { dataset: unknown } | undefined;
    try {
      record = await this.db.get('datasets', key);
    } catch {
      record = { dataset: undefined };
    }
    if (!record) return undefined;
    if (isDatasetShape(record.dataset)) return record.dataset;
    await this.discard(key);
    return undefined;
  }

  async getResults(key: string) {
    const rows = await this.db.getAllFromIndex('results', 'key', key);
    return new Map(rows.map((row) => [row.id.slice(key.length + 1), row.value]));
  }

  async put(meta: CacheMeta, dataset: Dataset) {
    const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
    const results = tx.objectStore('results');
    for (const id of await results.index('key').getAllKeys(meta.key)) void results.delete(id);
    void tx.objectStore('entries').put(meta);
    void tx.objectStore('datasets').put({ key: meta.key, dataset });
    await tx.done;
    await this.evict();
  }

  async confirm(key: string, at: number) {
    const meta = await this.db.get('entries', key);
    if (meta) await this.db.put('entries', { ...meta, storedAt: at, accessedAt: at });
  }

  async putResult(key: string, resultKey: string, value: unknown) {
    try {
      await this.db.put('results', { id: resultId(key, resultKey), key, value });
    } catch (error) {
      // A result that cannot be cloned is simply not persisted; the store itself is fine.
      if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error;
    }
  }

  async clear(scope?: string) {
    const keys = scope === undefined ? await this.db.getAllKeys('entries') : await this.db.getAllKeysFromIndex('entries', 'scope', scope);
    if (scope === undefined) {
      const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
      await Promise.all([tx.objectStore('entries').clear(), tx.objectStore('datasets').clear(), tx.objectStore('results').clear(), tx.done]);
      return;
    }
    for (const key of keys) await this.discard(key);
  }

  private async discard(key: string) {
    const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
    const results = tx.objectStore('results');
    for (const id of await results.index('key').getAllKeys(key)) void results.delete(id);
    void tx.objectStore('entries').delete(key);
    void tx.objectStore('datasets').delete(key);
    await tx.done;
  }

  private async evict() {
    const metas = await this.db.getAll('entries');
    for (const key of evictionOrder(metas, this.budget)) await this.discard(key);
  }
}
