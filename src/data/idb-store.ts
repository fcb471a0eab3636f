import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from '../contract/index.js';
import { isCurrentEpoch } from './cache-epoch.js';
import { isSealed, seal, unseal, type Sealed } from './cache-crypto.js';
import { DEFAULT_BUDGET_BYTES, evictionOrder, noteDiscarded, type CacheMeta, type CacheStore, type WriteGuard } from './cache-store.js';
import { isDatasetShape } from './dataset-shape.js';
import { isCacheMeta } from './record-checks.js';
import { shapeHash } from './shape-hash.js';
import { DB_NAME } from './cache-settings.js';

export { DB_NAME } from './cache-settings.js';
/** Bump with a new step in `upgrade` whenever the stores change. */
export const DB_VERSION = 2;
/** An open that neither succeeds nor fails (another tab stuck in an upgrade) must not hang the widgets. */
export const OPEN_TIMEOUT_MS = 3000;

/** Every record carries its scope (so a clear finds all of it) and the shape hash of its plain value. */
interface EntryRecord extends Omit<CacheMeta, 'summary'> {
  summary: CacheMeta['summary'] | Sealed;
  check: number;
}
interface DatasetRecord {
  key: string;
  scope: string;
  body: Dataset | Sealed;
  check: number;
}
interface ResultRecord {
  id: string;
  key: string;
  scope: string;
  body: unknown;
  check: number;
}

interface CacheSchema extends DBSchema {
  /** Small records read first: revalidation and LRU never touch the datasets. */
  entries: { key: string; value: EntryRecord; indexes: { scope: string } };
  datasets: { key: string; value: DatasetRecord; indexes: { scope: string } };
  results: { key: string; value: ResultRecord; indexes: { key: string; scope: string } };
}
type Db = IDBPDatabase<CacheSchema>;

function upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  // One step per version, so a browser several versions behind walks them in order.
  if (oldVersion < 1) {
    db.createObjectStore('entries', { keyPath: 'key' }).createIndex('scope', 'scope');
    db.createObjectStore('datasets', { keyPath: 'key' });
    db.createObjectStore('results', { keyPath: 'id' }).createIndex('key', 'key');
  }
  if (oldVersion < 2) {
    // Version 1 records carry no shape check, and datasets and results no scope: start over.
    for (const store of ['entries', 'datasets', 'results']) tx.objectStore(store).clear();
    tx.objectStore('datasets').createIndex('scope', 'scope');
    tx.objectStore('results').createIndex('scope', 'scope');
  }
}

/**
 * Open the cache database, or reject: when IndexedDB is missing, the open fails, another tab
 * on an older version blocks the upgrade, or nothing settles within `timeoutMs` (waiting
 * would leave every widget loading forever).
 */
export function openCacheDb(factory: IDBFactory | null | undefined, name = DB_NAME, timeoutMs = OPEN_TIMEOUT_MS, onClosed?: () => void): Promise<Db> {
  return new Promise<Db>((resolve, reject) => {
    if (!factory) return reject(new Error('IndexedDB is not available'));
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      return reject(error);
    }
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new Error(`IndexedDB did not open within ${timeoutMs / 1000} s (another tab may hold an upgrade)`));
    }, timeoutMs);
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    request.addEventListener('upgradeneeded', (event) => upgrade(request.result, request.transaction!, event.oldVersion));
    request.addEventListener('blocked', () => fail(new Error('IndexedDB upgrade is blocked by another tab')));
    request.addEventListener('error', () => fail(request.error ?? new Error('IndexedDB open failed')));
    request.addEventListener('success', () => {
      const db = wrap(request.result) as unknown as Db;
      if (settled) {
        // Too late: this page already moved on to the memory cache.
        db.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Let a newer version (or a delete) in another tab proceed rather than block it.
      db.addEventListener('versionchange', () => {
        db.close();
        onClosed?.();
      });
      db.addEventListener('close', () => onClosed?.());
      resolve(db);
    });
  });
}

const resultId = (key: string, resultKey: string) => `${key}\u0000${resultKey}`;

/** Why a record cannot be used as it is: its value, or the reason to throw it away. */
type Opened<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A stored body in the form the current key asks for: sealed records need the key that sealed
 * them, and with a key set plain records are not trusted (they predate the key, or were planted).
 */
async function openBody<T>(body: unknown, check: number | undefined, cryptoKey: CryptoKey | undefined, valid: (v: unknown) => v is T): Promise<Opened<T>> {
  let value: unknown = body;
  if (isSealed(body)) {
    if (!cryptoKey) return { ok: false, reason: 'stored encrypted and no encryption key was given for its scope' };
    try {
      value = await unseal(body, cryptoKey);
    } catch {
      return { ok: false, reason: 'stored encrypted with another key (or altered): it cannot be decrypted' };
    }
  } else if (cryptoKey) return { ok: false, reason: 'stored unencrypted although its scope has an encryption key' };
  if (!valid(value) || (check !== undefined && shapeHash(value) !== check)) return { ok: false, reason: 'malformed (not the shape the kit stored)' };
  return { ok: true, value };
}

const sealIf = async <T>(value: T, cryptoKey: CryptoKey | undefined): Promise<T | Sealed> => (cryptoKey ? seal(value, cryptoKey) : value);
const isAnything = (v: unknown): v is unknown => v !== undefined;

/**
 * The IndexedDB cache. Every read is checked (shape of the metadata, layout of the dataset,
 * shape hash of each record) and a record that fails is deleted, noted for the source's
 * `cache-discarded` warning, and fetched or computed again. Every write checks the scope's
 * epoch at the last moment, so a `clearCache` that came first wins.
 */
export class IdbStore implements CacheStore {
  readonly kind = 'indexeddb' as const;
  budget = DEFAULT_BUDGET_BYTES;
  constructor(private readonly db: Db) {}

  async getMeta(key: string, cryptoKey?: CryptoKey) {
    const record = await this.db.get('entries', key);
    if (!record) return undefined;
    const { check, summary, ...rest } = (record ?? {}) as EntryRecord;
    // The summary alone may be sealed; the check covers the whole metadata, compared below.
    const opened = await openBody(summary, undefined, cryptoKey, isAnything);
    const meta = opened.ok ? { ...rest, summary: opened.value } : undefined;
    if (!opened.ok || !isCacheMeta(meta, key) || shapeHash(meta) !== check) {
      await this.discard(key, opened.ok ? 'its metadata is malformed' : opened.reason);
      return undefined;
    }
    void this.db.put('entries', { ...record, accessedAt: Date.now() }).catch(() => undefined);
    return meta;
  }

  async getDataset(key: string, cryptoKey?: CryptoKey) {
    let record: DatasetRecord | undefined;
    try {
      record = await this.db.get('datasets', key);
    } catch {
      // A record the browser cannot even deserialize.
      await this.discard(key, 'the dataset record cannot be read');
      return undefined;
    }
    if (!record) return undefined;
    const opened = await openBody(record.body, record.check, cryptoKey, isDatasetShape);
    if (opened.ok) return opened.value;
    await this.discard(key, `the dataset is ${opened.reason}`);
    return undefined;
  }

  async getResults(key: string, cryptoKey?: CryptoKey) {
    const results = new Map<string, unknown>();
    const records = await this.db.getAllFromIndex('results', 'key', key);
    const bad: string[] = [];
    for (const record of records) {
      const opened = record && typeof record.id === 'string' ? await openBody(record.body, record.check, cryptoKey, isAnything) : null;
      if (opened?.ok) results.set(record.id.slice(key.length + 1), opened.value);
      else bad.push(record.id);
    }
    if (bad.length) {
      noteDiscarded(key, `${bad.length} cached result${bad.length === 1 ? ' was' : 's were'} malformed or unreadable`);
      const tx = this.db.transaction('results', 'readwrite');
      for (const id of bad) void tx.store.delete(id);
      await tx.done;
    }
    return results;
  }

  async put(meta: CacheMeta, dataset: Dataset | null, guard: WriteGuard) {
    const [summary, body] = await Promise.all([sealIf(meta.summary, guard.cryptoKey), dataset && sealIf(dataset, guard.cryptoKey)]);
    const entry: EntryRecord = { ...meta, summary, check: shapeHash(meta) };
    const record: DatasetRecord | null = dataset && body && { key: meta.key, scope: meta.scope, body, check: shapeHash(dataset) };
    if (!isCurrentEpoch(meta.scope, guard.epoch)) return false;
    const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
    const results = tx.objectStore('results');
    for (const id of await results.index('key').getAllKeys(meta.key)) void results.delete(id);
    void tx.objectStore('entries').put(entry);
    if (record) void tx.objectStore('datasets').put(record);
    else void tx.objectStore('datasets').delete(meta.key);
    await tx.done;
    await this.evict();
    return true;
  }

  async confirm(key: string, at: number) {
    const tx = this.db.transaction('entries', 'readwrite');
    const record = await tx.store.get(key);
    // Times change values, not the shape: the record's check still holds.
    if (record) await tx.store.put({ ...record, storedAt: at, accessedAt: at });
    await tx.done;
  }

  async putResult(key: string, scope: string, resultKey: string, value: unknown, guard: WriteGuard) {
    const body = await sealIf(value, guard.cryptoKey);
    if (!isCurrentEpoch(scope, guard.epoch)) return;
    try {
      const tx = this.db.transaction(['entries', 'results'], 'readwrite');
      // A result outlives nothing: without its entry (evicted, cleared), or once another tab
      // stored a newer version under the key, it is not written.
      const entry = await tx.objectStore('entries').get(key);
      if (entry && entry.version === guard.version) void tx.objectStore('results').put({ id: resultId(key, resultKey), key, scope, body, check: shapeHash(value) });
      await tx.done;
    } catch (error) {
      // A result that cannot be cloned is simply not persisted; the store itself is fine.
      if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error;
    }
  }

  async clear(scope?: string) {
    const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
    if (scope === undefined) {
      await Promise.all([tx.objectStore('entries').clear(), tx.objectStore('datasets').clear(), tx.objectStore('results').clear(), tx.done]);
      return;
    }
    const range = IDBKeyRange.only(scope);
    for (const store of ['entries', 'datasets', 'results'] as const) {
      const index = tx.objectStore(store).index('scope');
      for (const primary of await index.getAllKeys(range)) void tx.objectStore(store).delete(primary);
    }
    await tx.done;
  }

  /** Delete an entry with its dataset and results; with a reason, the source reading it warns. */
  private async discard(key: string, reason?: string) {
    if (reason) noteDiscarded(key, reason);
    const tx = this.db.transaction(['entries', 'datasets', 'results'], 'readwrite');
    const results = tx.objectStore('results');
    for (const id of await results.index('key').getAllKeys(key)) void results.delete(id);
    void tx.objectStore('entries').delete(key);
    void tx.objectStore('datasets').delete(key);
    await tx.done;
  }

  private async evict() {
    const entries: { key: string; accessedAt: number; bytes: number }[] = [];
    let cursor = await this.db.transaction('entries').store.openCursor();
    while (cursor) {
      const { key, accessedAt, bytes } = cursor.value;
      entries.push({ key, accessedAt, bytes });
      cursor = await cursor.continue();
    }
    for (const key of evictionOrder(entries, this.budget)) await this.discard(key);
  }
}
