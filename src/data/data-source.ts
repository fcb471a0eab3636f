import type { Dataset, ValidationSummary } from '../contract/index.js';
import { isAbort, toErrorDetail, type DataErrorDetail } from './data-error.js';
import { announceChange, onChange } from './broadcast.js';
import { cacheFellBack, cacheKey, cacheStore, takeCacheWarning, workerCacheTarget } from './cache.js';
import type { CacheMeta } from './cache-store.js';
import { datasetBytes, pickFields } from './dataset-shape.js';
import { decodeInWorker } from './decode-in-worker.js';
import { DEFAULT_TIMEOUT_MS, fetchPayload, type FetchResult } from './fetch-payload.js';
import { sameConfig, sameDataset, type SourceConfig } from './source-config.js';
import { stableKey } from './stable-key.js';
import { decodeDataset, validateDataset, type ValidatedDataset } from './validate-dataset.js';

export type SourceStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface DataState {
  /** Null only while a warm load renders from cached results before the dataset is read back. */
  dataset: Dataset | null;
  summary: ValidationSummary;
  /** A cached copy the server has not confirmed (revalidating, or the server is unreachable). */
  stale: boolean;
  /** Milliseconds since the copy shown was fetched or last confirmed by the server. */
  ageMs: number;
  fromCache: boolean;
  /** Where the data came from, for the footer: the URL, or "data property". */
  sourceLabel: string;
}

/** Structurally the detail of `crm-load`. */
export interface LoadNotice {
  rows: Record<string, number>;
  rejected: number;
  fromCache: boolean;
  stale: boolean;
}

/** Structurally the detail of `crm-data-warning`. */
export interface WarningNotice {
  kind: 'rows-set-aside' | 'cache-unavailable' | 'stale' | 'as-of-missing';
  message: string;
  rejected?: number;
  issues?: ValidationSummary['issues'];
}

export type SourceNotice =
  | { type: 'load'; detail: LoadNotice }
  | { type: 'error'; detail: DataErrorDetail }
  | { type: 'warning'; detail: WarningNotice };

export interface SourceSnapshot {
  status: SourceStatus;
  value?: DataState;
  error?: DataErrorDetail;
}

type LoadReason = 'config' | 'reload' | 'poll' | 'notice';

/** Bodies from this size on are parsed and validated in the worker. */
export const DEFAULT_WORKER_THRESHOLD = 512 * 1024;

function describeAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

export type SourceListener = (snapshot: SourceSnapshot, notices: SourceNotice[]) => void;

/** Run work once the current frame has been drawn and the page is idle (or within a second). */
function afterFrame(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 0);
}

/** Validated in-memory payloads, so widgets handed the same object validate it once. */
const validatedObjects = new WeakMap<object, ValidatedDataset>();

export function loadNotice(value: DataState): LoadNotice {
  const rows: Record<string, number> = {};
  if (value.dataset) {
    for (const [name, count] of Object.entries(value.summary.received)) rows[name] = count - (value.summary.rejected as Record<string, number>)[name]!;
  }
  return { rows, rejected: value.summary.rejectedTotal, fromCache: value.fromCache, stale: value.stale };
}

/** Warnings that accompany a freshly validated dataset. */
export function datasetWarnings(state: DataState): WarningNotice[] {
  const warnings: WarningNotice[] = [];
  const { summary, dataset } = state;
  if (summary.rejectedTotal > 0) {
    warnings.push({
      kind: 'rows-set-aside',
      message: `${summary.rejectedTotal} row${summary.rejectedTotal === 1 ? '' : 's'} set aside by validation; first: ${summary.issues[0]?.message ?? 'n/a'}`,
      rejected: summary.rejectedTotal,
      issues: summary.issues.slice(0, 20),
    });
  }
  if (dataset && !dataset.asOfFromPayload) {
    warnings.push({ kind: 'as-of-missing', message: `${state.sourceLabel}: payload has no asOf; the load time stands in` });
  }
  return warnings;
}

/**
 * One loadable dataset and everything known about it: a small store in the shape of
 * @lit/task (status, value, error) that any number of widgets subscribe to. A widget
 * with its own `src` owns one; `<crm-data-source>` owns one for the widgets naming it.
 * Loads run while at least one listener is subscribed and abort when the last leaves.
 */
export class DataSource {
  private config: SourceConfig = {};
  private listeners = new Set<SourceListener>();
  private controller?: AbortController;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private snapshot: SourceSnapshot = { status: 'initial' };
  private running?: Promise<void>;
  /** Cache key of what is shown; also filters cross-tab notices. */
  private key?: string;
  /** When the data shown was fetched or confirmed (epoch ms). */
  private loadedAt = 0;
  /** Results read back from the cache for `key`. */
  private cachedResults = new Map<string, unknown>();
  private stopListening?: () => void;
  private results = new WeakMap<Dataset, Map<string, unknown>>();
  /** Bumped per configuration, so answers of an abandoned load are dropped. */
  private generation = 0;

  get state(): SourceSnapshot {
    return this.snapshot;
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Apply new properties; starts a new load when they name a different dataset. */
  configure(config: SourceConfig): void {
    const previous = this.config;
    if (sameConfig(previous, config)) return;
    this.config = { ...config };
    if (!this.active) return;
    if (!sameDataset(previous, config)) void this.load('config');
    else if (previous.refresh !== config.refresh) this.schedulePoll();
  }

  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && this.snapshot.status !== 'complete') void this.load('config');
    else if (this.snapshot.status !== 'initial') listener(this.snapshot, this.replayNotices());
    if (this.listeners.size === 1) {
      this.schedulePoll();
      this.stopListening = onChange((message) => {
        if (message.key !== this.key || message.storedAt <= this.loadedAt || this.config.data !== undefined) return;
        void this.load(this.config.cache === 'memory' ? 'reload' : 'notice');
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (!this.active) this.stop();
    };
  }

  /** Fetch again now (conditionally when a cached copy exists). Never rejects. */
  reload(): Promise<void> {
    return this.load('reload');
  }

  /** Abort the current load and polling. */
  stop(): void {
    this.generation++;
    this.controller?.abort(new DOMException('The data source was stopped', 'AbortError'));
    this.controller = undefined;
    clearTimeout(this.pollTimer);
    this.stopListening?.();
    this.stopListening = undefined;
    if (this.snapshot.status === 'pending') this.snapshot = { status: 'initial' };
  }

  private replayNotices(): SourceNotice[] {
    const { value, error } = this.snapshot;
    if (error) return [{ type: 'error', detail: error }];
    if (!value?.dataset) return [];
    return [{ type: 'load', detail: loadNotice(value) }, ...datasetWarnings(value).map((detail) => ({ type: 'warning' as const, detail }))];
  }

  protected emit(snapshot: SourceSnapshot, notices: SourceNotice[] = []): void {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener(snapshot, notices);
  }

  protected complete(value: DataState, extra: WarningNotice[] = []): void {
    const cacheWarning = takeCacheWarning();
    const warnings = [...datasetWarnings(value), ...extra];
    if (cacheWarning) warnings.push({ kind: 'cache-unavailable', message: cacheWarning });
    this.emit({ status: 'complete', value }, [
      { type: 'load', detail: loadNotice(value) },
      ...warnings.map((detail) => ({ type: 'warning' as const, detail })),
    ]);
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    const seconds = this.config.refresh ?? 0;
    if (!this.active || !(seconds > 0) || this.config.data !== undefined || !this.config.src) return;
    this.pollTimer = setTimeout(() => void this.load('poll').then(() => this.schedulePoll()), seconds * 1000);
  }

  private load(reason: LoadReason): Promise<void> {
    this.controller?.abort(new DOMException('A newer load replaced this one', 'AbortError'));
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    const run = this.run(reason, controller.signal, () => generation === this.generation).catch((error: unknown) => {
      if (isAbort(error) || generation !== this.generation) return;
      const detail = toErrorDetail(error);
      this.emit({ status: 'error', error: detail }, [{ type: 'error', detail }]);
    });
    this.running = run;
    return run;
  }

  /**
   * One load. Cached copy first (results, then the dataset), a request unless the copy
   * is within cache-ttl, then a conditional answer: 304 keeps the copy, 200 replaces it,
   * a failure with a copy in hand shows the copy marked stale.
   */
  private async run(reason: LoadReason, signal: AbortSignal, current: () => boolean): Promise<void> {
    const config = this.config;
    if (config.data !== undefined) {
      const validated = this.validateObject(config.data);
      this.key = undefined;
      if (current()) this.complete({ ...validated, stale: false, ageMs: 0, fromCache: false, sourceLabel: 'data property' });
      return;
    }
    if (!config.src) {
      this.key = undefined;
      if (current()) this.emit({ status: 'initial' });
      return;
    }
    const url = config.src;
    const store = cacheStore(config.cache);
    const fields = config.cacheFields?.length ? [...config.cacheFields].sort() : undefined;
    const key = cacheKey(config.scope, url, fields ? { fields } : null);
    const showing = this.key === key && this.snapshot.value?.dataset ? this.snapshot.value : undefined;
    if (this.key !== key) this.cachedResults = new Map();
    this.key = key;
    if (!showing) this.emit({ status: 'pending' });

    let meta: CacheMeta | undefined;
    let cached: Dataset | undefined;
    if (store) {
      meta = await store.getMeta(key).catch(() => undefined);
      if (!current()) return;
      if (meta && (!showing || reason === 'notice')) {
        if (!showing) {
          this.cachedResults = await store.getResults(key).catch(() => new Map<string, unknown>());
          if (!current()) return;
          // Warm load: widgets can draw cached results before the dataset is read back.
          if (this.cachedResults.size > 0) this.emit({ status: 'complete', value: this.cachedValue(null, meta, url) });
        }
        cached = await store.getDataset(key).catch(() => undefined);
        if (!current()) return;
        if (!cached) meta = undefined;
        else if (!meta.partial) {
          this.loadedAt = meta.storedAt;
          const value = this.cachedValue(cached, meta, url);
          this.complete(value);
          if (!value.stale && reason !== 'reload' && reason !== 'poll') return;
        }
      } else if (meta && showing) cached = showing.dataset!;
    }

    let response: FetchResult;
    try {
      response = await fetchPayload(url, {
        credentials: config.credentials,
        headers: config.headers,
        getHeaders: config.getHeaders,
        timeoutMs: config.timeout ? config.timeout * 1000 : DEFAULT_TIMEOUT_MS,
        maxBytes: config.maxBytes,
        etag: cached && !meta?.partial ? meta?.etag : undefined,
        lastModified: cached && !meta?.partial ? meta?.lastModified : undefined,
        signal,
      });
    } catch (error) {
      if (isAbort(error) || !current()) throw error;
      const detail = toErrorDetail(error);
      const offline = detail.kind === 'network' || detail.kind === 'timeout' || (detail.kind === 'http' && (detail.status ?? 0) >= 500);
      const copy = cached ?? showing?.dataset ?? undefined;
      if (!offline || !copy) throw error;
      const ageMs = Date.now() - (meta?.storedAt ?? this.loadedAt);
      const summary = meta?.summary ?? showing!.summary;
      this.complete({ dataset: copy, summary, stale: true, ageMs, fromCache: true, sourceLabel: url }, [
        { kind: 'stale', message: `${detail.message}; showing the copy from ${describeAge(ageMs)} ago` },
      ]);
      return;
    }
    if (!current()) return;

    if (response.notModified) {
      const now = Date.now();
      await store?.confirm(key, now).catch(() => undefined);
      this.loadedAt = now;
      const base = this.snapshot.value;
      if (current() && base?.dataset) {
        const value = { ...base, stale: false, ageMs: 0, fromCache: true };
        if (base.stale) this.complete(value);
        else this.emit({ status: 'complete', value });
      }
      return;
    }

    const threshold = config.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
    const storedAt = Date.now();
    const entry: Omit<CacheMeta, 'bytes' | 'summary'> = {
      key,
      scope: config.scope ?? '',
      source: url,
      storedAt,
      accessedAt: storedAt,
      etag: response.etag,
      lastModified: response.lastModified,
      partial: fields !== undefined,
    };
    const target = store ? workerCacheTarget(config.cache) : undefined;
    const validated =
      response.bytes.byteLength >= threshold
        ? await decodeInWorker(response.bytes, url, response.contentType, target && { ...target, fields, meta: entry })
        : { ...decodeDataset(response.bytes, url, response.contentType), persisted: false };
    if (!current()) return;
    this.loadedAt = storedAt;
    this.cachedResults = new Map();
    if (store) {
      if (!validated.persisted) {
        const stored = fields ? pickFields(validated.dataset, fields) : validated.dataset;
        await store.put({ ...entry, bytes: datasetBytes(stored), summary: validated.summary }, stored).catch(() => undefined);
      }
      if (store.kind === 'indexeddb' && !cacheFellBack()) announceChange(key, storedAt);
    }
    const { dataset, summary } = validated;
    if (current()) this.complete({ dataset, summary, stale: false, ageMs: 0, fromCache: false, sourceLabel: url });
  }

  private cachedValue(dataset: Dataset | null, meta: CacheMeta, url: string): DataState {
    const ageMs = Math.max(0, Date.now() - meta.storedAt);
    const ttlMs = (this.config.cacheTtl ?? 0) * 1000;
    return { dataset, summary: meta.summary, stale: ageMs > ttlMs, ageMs, fromCache: true, sourceLabel: url };
  }

  protected validateObject(data: unknown): ValidatedDataset {
    if (data !== null && typeof data === 'object') {
      const known = validatedObjects.get(data);
      if (known) return known;
      const validated = validateDataset(data, 'data property');
      validatedObjects.set(data, validated);
      return validated;
    }
    return validateDataset(data, 'data property');
  }

  /**
   * Memoized per dataset + name + options, shared by every widget of this source, and
   * persisted with the cached dataset so a warm load can draw from it before the dataset
   * is read back.
   */
  result<T>(name: string, options: unknown, compute: (dataset: Dataset) => T): T | undefined {
    const resultKey = `${name}\u0000${stableKey(options)}`;
    const dataset = this.snapshot.value?.dataset;
    if (!dataset) return this.cachedResults.get(resultKey) as T | undefined;
    let memo = this.results.get(dataset);
    if (!memo) this.results.set(dataset, (memo = new Map()));
    if (memo.has(resultKey)) return memo.get(resultKey) as T;
    const value = this.cachedResults.has(resultKey) ? (this.cachedResults.get(resultKey) as T) : compute(dataset);
    memo.set(resultKey, value);
    const store = cacheStore(this.config.cache);
    if (store && this.key && !this.cachedResults.has(resultKey) && this.config.data === undefined) {
      this.cachedResults.set(resultKey, value);
      const key = this.key;
      // IndexedDB clones a value when put() is called: for a 100k-customer result that is a
      // few hundred ms, which must not happen inside the render that asked for it.
      afterFrame(() => void store.putResult(key, resultKey, value).catch(() => undefined));
    }
    return value;
  }

  /** Settles when the load in progress does (for tests and `reload()` callers). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
