import type { Dataset, ValidationSummary } from '../contract/index.js';

/** What is known about a cached dataset without reading the dataset itself. */
export interface CacheMeta {
  key: string;
  scope: string;
  source: string;
  /** When the server last sent or confirmed this copy (epoch ms). */
  storedAt: number;
  accessedAt: number;
  bytes: number;
  etag?: string;
  lastModified?: string;
  /** ETag, Last-Modified or content hash: what cross-tab notices compare. */
  version: string;
  summary: ValidationSummary;
  /** Stored through a field allow-list: good for results and an offline fallback, not for rendering when online. */
  partial: boolean;
}

/** How a write may proceed: the scope epoch it was loaded under, and the scope's encryption key if any. */
export interface WriteGuard {
  epoch: number;
  cryptoKey?: CryptoKey;
  /** For results: the version of the dataset they were computed from; written only while the entry holds that version. */
  version?: string;
}

/** The cache behind a data source, in IndexedDB or in memory; keys come from `cacheKey`. */
export interface CacheStore {
  readonly kind: 'indexeddb' | 'memory';
  /** Undefined when absent or unreadable (then the entry is discarded and `takeDiscarded` says why). */
  getMeta(key: string, cryptoKey?: CryptoKey): Promise<CacheMeta | undefined>;
  getDataset(key: string, cryptoKey?: CryptoKey): Promise<Dataset | undefined>;
  getResults(key: string, cryptoKey?: CryptoKey): Promise<Map<string, unknown>>;
  /**
   * A new entry (any results of the key go). False when the write was dropped because the scope
   * was cleared since the data was loaded. `null`: an entry of results only (a query endpoint's).
   */
  put(meta: CacheMeta, dataset: Dataset | null, guard: WriteGuard): Promise<boolean>;
  /** A 304 (or the same version again): the copy is fresh again. */
  confirm(key: string, at: number): Promise<void>;
  putResult(key: string, scope: string, resultKey: string, value: unknown, guard: WriteGuard): Promise<void>;
  clear(scope?: string): Promise<void>;
}

export const DEFAULT_BUDGET_BYTES = 50 * 1_048_576;

/**
 * Keys of entries to evict, least recently used first, until the rest fits in `budget`.
 * The most recently used entry always stays, even alone over the budget: it is what the
 * page shows, and evicting it would make any dataset larger than the budget uncacheable.
 */
export function evictionOrder(entries: Pick<CacheMeta, 'key' | 'accessedAt' | 'bytes'>[], budget: number): string[] {
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const evict: string[] = [];
  for (const entry of [...entries].sort((a, b) => a.accessedAt - b.accessedAt).slice(0, -1)) {
    if (total <= budget) break;
    evict.push(entry.key);
    total -= entry.bytes;
  }
  return evict;
}

/** Why cached records were thrown away, per cache key, until the source that reads them takes the reason. */
const discarded = new Map<string, string>();

export function noteDiscarded(key: string, reason: string): void {
  if (!discarded.has(key)) discarded.set(key, reason);
}

export function takeDiscarded(key: string): string | undefined {
  const reason = discarded.get(key);
  discarded.delete(key);
  return reason;
}
