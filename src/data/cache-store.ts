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
  summary: ValidationSummary;
  /** Stored through a field allow-list: good for results and an offline fallback, not for rendering when online. */
  partial: boolean;
}

/** The cache behind a data source, in IndexedDB or in memory; keys come from `cacheKey`. */
export interface CacheStore {
  readonly kind: 'indexeddb' | 'memory';
  getMeta(key: string): Promise<CacheMeta | undefined>;
  /** Undefined when absent, or when unreadable (then the entry is discarded). */
  getDataset(key: string): Promise<Dataset | undefined>;
  getResults(key: string): Promise<Map<string, unknown>>;
  put(meta: CacheMeta, dataset: Dataset): Promise<void>;
  /** A 304: the copy is fresh again. */
  confirm(key: string, at: number): Promise<void>;
  putResult(key: string, resultKey: string, value: unknown): Promise<void>;
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
