import type { Dataset } from '../contract/index.js';
import { isCurrentEpoch } from './cache-epoch.js';
import { DEFAULT_BUDGET_BYTES, evictionOrder, type CacheMeta, type CacheStore, type WriteGuard } from './cache-store.js';

interface Entry {
  meta: CacheMeta;
  dataset: Dataset | null;
  results: Map<string, unknown>;
}

/** The page-lifetime cache: `cache="memory"`, and the fallback when IndexedDB cannot be used. */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory' as const;
  private entries = new Map<string, Entry>();
  budget = DEFAULT_BUDGET_BYTES;

  async getMeta(key: string) {
    const entry = this.entries.get(key);
    if (entry) entry.meta.accessedAt = Date.now();
    return entry && { ...entry.meta };
  }
  async getDataset(key: string) {
    return this.entries.get(key)?.dataset ?? undefined;
  }
  async getResults(key: string) {
    return new Map(this.entries.get(key)?.results);
  }
  async put(meta: CacheMeta, dataset: Dataset | null, guard: WriteGuard) {
    if (!isCurrentEpoch(meta.scope, guard.epoch)) return false;
    this.entries.set(meta.key, { meta: { ...meta }, dataset, results: new Map() });
    for (const key of evictionOrder([...this.entries.values()].map((e) => e.meta), this.budget)) this.entries.delete(key);
    return true;
  }
  async confirm(key: string, at: number) {
    const entry = this.entries.get(key);
    if (entry) entry.meta.storedAt = at;
  }
  async putResult(key: string, scope: string, resultKey: string, value: unknown, guard: WriteGuard) {
    const entry = this.entries.get(key);
    if (entry && entry.meta.version === guard.version && isCurrentEpoch(scope, guard.epoch)) entry.results.set(resultKey, value);
  }
  async clear(scope?: string) {
    for (const [key, entry] of this.entries) if (scope === undefined || entry.meta.scope === scope) this.entries.delete(key);
  }
}
