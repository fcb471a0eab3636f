import type { ArrowStreamRequest, Dataset } from '../../contract/index.js';
import { announceChange, onChange } from '../broadcast.js';
import { encryptionKeyFor } from '../cache-crypto.js';
import { cacheEpoch } from '../cache-epoch.js';
import { takeDiscarded, type CacheMeta, type CacheStore, type WriteGuard } from '../cache-store.js';
import { cacheFellBack, cacheKey, cacheStore, takeCacheWarning } from '../cache.js';
import { absoluteUrl, cacheBudget } from '../cache-settings.js';
import { isAbort, toErrorDetail, type DataErrorDetail } from '../data-error.js';
import { datasetBytes, pickFields, storableDataset } from '../dataset-shape.js';
import { decodeResponse, type Decoded } from '../decode-response.js';
import { DEFAULT_TIMEOUT_MS, fetchPayload, type FetchOptions } from '../fetch-payload.js';
import { parseJsonText } from '../parse-payload.js';
import type { SourceConfig } from '../source-config.js';
import { loadKey } from '../load-key.js';
import { validateDataset, type ValidatedDataset } from '../validate-dataset.js';
import { checkedInfo, infoOf } from './wire.js';
import {
  describeAge,
  isPageNotice,
  loadNotice,
  datasetWarnings,
  type EngineState,
  type SourceListener,
  type SourceNotice,
  type SourceSnapshot,
  type WarningNotice,
} from '../source-state.js';

type LoadReason = 'config' | 'reload' | 'poll' | 'notice';

/** The cached record holding the dataset's `DatasetInfo`, beside the answers (no query has this key). */
const INFO_RESULT = 'dataset-info';

/** Widgets ask their first questions within a frame or two of a snapshot: this long without one means they are answered. */
const QUIET_MS = 50;
const SETTLE_MAX_MS = 1000;

/** Run work when the thread is idle (or within a second); a worker has no idle callback, a task will do. */
function afterFrame(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 50);
}

/** Validated in-memory payloads, so widgets handed the same object validate it once. */
const validatedObjects = new WeakMap<object, ValidatedDataset>();
/** The same for a payload handed over as JSON text (the last one: texts cannot be weak keys). */
let lastText: { text: string; validated: ValidatedDataset } | undefined;

function validateInline(data: unknown): ValidatedDataset {
  // docs/embedding.md promises the payload as an object or as its JSON text.
  if (typeof data === 'string') {
    if (lastText?.text !== data) lastText = { text: data, validated: validateDataset(parseJsonText(data, 'data property'), 'data property') };
    return lastText.validated;
  }
  if (data !== null && typeof data === 'object') {
    const known = validatedObjects.get(data);
    if (known) return known;
    const validated = validateDataset(data, 'data property');
    validatedObjects.set(data, validated);
    return validated;
  }
  return validateDataset(data, 'data property');
}

/** An Arrow envelope's streams, fetched side by side with the envelope's request options (a load is all of them). */
async function fetchStreams(requests: ArrowStreamRequest[], options: FetchOptions): Promise<Map<string, Uint8Array>> {
  const fetched = await Promise.all(
    requests.map(async ({ collection, url }) => {
      const response = await fetchPayload(url, options);
      // Unconditional requests never answer 304; a proxy that does gets no stream, and the validator names it.
      return [collection, response.notModified ? undefined : response.bytes] as const;
    }),
  );
  const streams = new Map<string, Uint8Array>();
  for (const [collection, bytes] of fetched) if (bytes) streams.set(collection, bytes);
  return streams;
}

/** The options that make two loads the same load (its own module, so the page computes it without the engine). */
export { loadKey };

/**
 * One loadable dataset and everything known about it, shared by every widget and
 * `<crm-data-source>` on the page that names the same load (see `loadKey`): a small store
 * in the shape of @lit/task (status, value, error). Loads run while at least one listener
 * is subscribed and abort when the last leaves; the loaded copy stays for later listeners,
 * so a page loads each source once (plus once per `refresh` interval).
 */
export class SourceCore {
  private config: SourceConfig;
  private listeners = new Set<SourceListener>();
  private controller?: AbortController;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private snapshot: SourceSnapshot = { status: 'initial' };
  private running?: Promise<void>;
  /** Cache key of what is shown; also filters cross-tab notices. */
  private key?: string;
  /** Version (ETag, Last-Modified or content hash) of the dataset shown. */
  private version?: string;
  /** The cache epoch the shown data was loaded under: results of a cleared scope are never written. */
  private epoch = 0;
  /** When the data shown was fetched or confirmed (epoch ms). */
  private loadedAt = 0;
  /** Results read back from the cache for `key`. */
  private cachedResults = new Map<string, unknown>();
  private stopListening?: () => void;
  private results = new WeakMap<Dataset, Map<string, unknown>>();
  /** Why the load in progress runs; undefined when none does. */
  private loading?: LoadReason;
  /** Bumped per load, so answers of an abandoned load are dropped. */
  private generation = 0;
  /** Set by `clearCache` of its scope: what it holds must not reach the cache again. */
  private forgotten = false;

  constructor(config: SourceConfig) {
    this.config = { ...config };
  }

  get state(): SourceSnapshot {
    return this.snapshot;
  }

  /** What the footer names as the source: the URL as the page wrote it (the engine fetches it made absolute). */
  private get label(): string {
    return this.config.label ?? this.config.src ?? '';
  }

  /** Version (ETag, Last-Modified or content hash) of the dataset shown; undefined for inline data. */
  get currentVersion(): string | undefined {
    return this.version;
  }

  get scope(): string {
    return this.config.scope ?? '';
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Header hooks are not part of the load's identity: the latest configured ones are used. */
  setHooks(config: Pick<SourceConfig, 'headers' | 'getHeaders'>): void {
    this.config = { ...this.config, headers: config.headers, getHeaders: config.getHeaders };
  }

  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && this.snapshot.status !== 'complete') void this.load('config');
    else if (this.snapshot.status !== 'initial') listener(this.snapshot, this.replayNotices());
    if (this.listeners.size === 1) {
      this.schedulePoll();
      this.stopListening = onChange((message) => {
        // A notice for the version shown is news to nobody; any other is re-read from IndexedDB, never fetched.
        // A load on its way gets a copy at least as new (and a notice must not abort its request).
        if (this.loading && this.loading !== 'notice') return;
        if (message.key !== this.key || message.version === this.version || this.config.data !== undefined || this.config.cache !== undefined && this.config.cache !== 'indexeddb') return;
        void this.load('notice');
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

  /** `clearCache` of this scope: drop what is held, so nothing of it is shown to a later listener or written again. */
  forget(): void {
    this.forgotten = true;
    this.cachedResults = new Map();
    if (!this.active) {
      this.snapshot = { status: 'initial' };
      this.results = new WeakMap();
    }
  }

  private replayNotices(): SourceNotice[] {
    const { value, error } = this.snapshot;
    if (error) return [{ type: 'error', detail: error }];
    if (!value?.dataset) return [];
    return [{ type: 'load', detail: loadNotice(value) }, ...datasetWarnings(value).map((detail) => ({ type: 'warning' as const, detail }))];
  }

  private emit(snapshot: SourceSnapshot, notices: SourceNotice[] = []): void {
    this.snapshot = snapshot;
    if (this.waiting.length && (snapshot.value?.dataset || snapshot.status === 'error')) {
      const waiting = this.waiting;
      this.waiting = [];
      // Each in a task of its own, so an answer leaves for its widget once it is computed rather than
      // after every query that waited with it (at 5M orders those take a second together); one that
      // finds no dataset by then (a reload began) waits for the next.
      for (const attempt of waiting) setTimeout(() => attempt() || this.waiting.push(attempt), 0);
    }
    // Page-wide notices (the cache or the worker is unavailable) reach one listener, so the page hears them once.
    const local = notices.filter((notice) => !isPageNotice(notice));
    let first = true;
    for (const listener of [...this.listeners]) {
      listener(snapshot, first ? notices : local);
      first = false;
    }
  }

  private complete(value: EngineState, extra: WarningNotice[] = []): void {
    const warnings = [...datasetWarnings(value), ...extra];
    const cacheWarning = takeCacheWarning();
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
    this.loading = reason;
    const run = this.run(reason, controller.signal, () => generation === this.generation).catch((error: unknown) => {
      if (isAbort(error) || generation !== this.generation) return;
      const detail = toErrorDetail(error);
      this.emit({ status: 'error', error: detail }, [{ type: 'error', detail }]);
    });
    this.running = run;
    void run.finally(() => {
      if (generation === this.generation) this.loading = undefined;
    });
    return run;
  }

  /** Records thrown away while reading the cache for `key`, as the one warning the page gets about them. */
  private discardWarning(key: string): WarningNotice[] {
    const reason = takeDiscarded(key);
    return reason ? [{ kind: 'cache-discarded', message: `A cached copy was discarded and loaded again: ${reason}` }] : [];
  }

  /**
   * One load. Cached copy first (results, then the dataset), a request unless the copy is
   * within cache-ttl, then a conditional answer: 304 (or the same bytes again) keeps the
   * copy, 200 replaces it. Whatever fails, a copy on screen stays on screen, marked stale.
   */
  private async run(reason: LoadReason, signal: AbortSignal, current: () => boolean): Promise<void> {
    const config = this.config;
    if (config.data !== undefined) {
      const validated = validateInline(config.data);
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
    const scope = config.scope ?? '';
    const store = cacheStore(config.cache);
    const cryptoKey = encryptionKeyFor(scope);
    const fields = config.cacheFields?.length ? [...config.cacheFields].sort() : undefined;
    const key = cacheKey(config.scope, url, fields ? { fields } : null);
    const epoch = cacheEpoch(scope);
    const showing = this.key === key && this.snapshot.value?.dataset ? this.snapshot.value : undefined;
    if (this.key !== key) this.cachedResults = new Map();
    this.key = key;
    if (!showing) this.emit({ status: 'pending' });

    let meta: CacheMeta | undefined;
    let cached: Dataset | undefined;
    let warnings: WarningNotice[] = [];
    if (store && (!showing || reason === 'notice')) {
      meta = await store.getMeta(key, cryptoKey).catch(() => undefined);
      if (!current()) return;
      if (meta && reason === 'notice' && meta.version === this.version) return;
      if (meta) {
        // Results of the copy about to be shown (a notice brings another copy: the old results must go).
        this.cachedResults = await store.getResults(key, cryptoKey).catch(() => new Map<string, unknown>());
        if (!current()) return;
        // Warm load: widgets can draw cached results before the dataset is read back.
        if (!showing && [...this.cachedResults.keys()].some((k) => k !== INFO_RESULT)) {
          this.emit({ status: 'complete', value: { ...this.cachedValue(null, meta, url), info: checkedInfo(this.cachedResults.get(INFO_RESULT)) } });
          // Reading the dataset back holds the worker about as long as a cold parse (a structured
          // clone of every column): the widgets' first questions, answered from the records, go first.
          await this.questionsSettled();
          if (!current()) return;
        }
        cached = await store.getDataset(key, cryptoKey).catch(() => undefined);
        if (!current()) return;
        if (!cached) meta = undefined;
        else if (!meta.partial) {
          this.adopt(meta, epoch);
          // What another tab just stored it also just fetched: as fresh as a load of our own.
          const value = reason === 'notice' ? { ...this.cachedValue(cached, meta, url), stale: false } : this.cachedValue(cached, meta, url);
          this.complete(value, this.discardWarning(key));
          if (reason === 'notice' || (!value.stale && reason !== 'reload' && reason !== 'poll')) return;
        }
      }
      warnings = this.discardWarning(key);
    } else if (showing) cached = showing.dataset!;
    // A notice is answered from IndexedDB or not at all: never by the network.
    if (reason === 'notice') return;

    const copy = cached ?? showing?.dataset ?? undefined;
    const full = copy && !meta?.partial;
    let decoded: Decoded | undefined;
    let notModified = false;
    let validators: { etag?: string; lastModified?: string } = {};
    const startedAt = Date.now();
    try {
      const requestOptions = {
        credentials: config.credentials,
        headers: config.headers,
        getHeaders: config.getHeaders,
        timeoutMs: config.timeout ? config.timeout * 1000 : DEFAULT_TIMEOUT_MS,
        maxBytes: config.maxBytes,
        signal,
      };
      const response = await fetchPayload(url, {
        ...requestOptions,
        etag: full ? this.etag : undefined,
        lastModified: full ? this.lastModified : undefined,
      });
      if (!current()) return;
      if (response.notModified) notModified = true;
      else {
        validators = { etag: response.etag, lastModified: response.lastModified };
        const request = {
          label: url,
          url: absoluteUrl(url),
          contentType: response.contentType,
          fetchStreams: (streams: ArrowStreamRequest[]) => fetchStreams(streams, requestOptions),
          etag: response.etag,
          lastModified: response.lastModified,
          knownVersion: full ? this.version : undefined,
        };
        decoded = await decodeResponse(response.bytes, request);
        if (!current()) return;
        if (decoded.same) notModified = true;
      }
    } catch (error) {
      if (isAbort(error) || !current()) throw error;
      const detail = toErrorDetail(error);
      const offline = detail.kind === 'network' || detail.kind === 'timeout' || (detail.kind === 'http' && (detail.status ?? 0) >= 500);
      // A copy on screen is never replaced by an error; one only in the cache stands in when the server is unreachable.
      if (!copy || (!showing && !offline)) throw error;
      const ageMs = Date.now() - (meta?.storedAt ?? this.loadedAt);
      const summary = meta?.summary ?? showing!.summary;
      const stale: WarningNotice = { kind: 'stale', message: `${detail.message}; showing the copy from ${describeAge(ageMs)} ago` };
      this.complete({ dataset: copy, summary, stale: true, ageMs, fromCache: true, sourceLabel: this.label }, [...warnings, stale]);
      if (!offline) this.emit(this.snapshot, [{ type: 'error', detail }]);
      return;
    }

    if (notModified) {
      const now = Date.now();
      await store?.confirm(key, now).catch(() => undefined);
      if (!current()) return;
      this.loadedAt = now;
      const base = this.snapshot.value;
      if (base?.dataset) {
        const value = { ...base, stale: false, ageMs: 0, fromCache: base.fromCache };
        if (base.stale || warnings.length) this.complete(value, warnings);
        else this.emit({ status: 'complete', value });
      } else if (copy && meta) this.complete(this.cachedValue(copy, { ...meta, storedAt: now }, url), warnings);
      return;
    }

    const fresh = decoded as Decoded & { same: false };
    this.adopt({ version: fresh.version, storedAt: startedAt, ...validators }, epoch);
    this.cachedResults = new Map();
    this.complete({ dataset: fresh.dataset, summary: fresh.summary, stale: false, ageMs: 0, fromCache: false, sourceLabel: this.label }, warnings);
    if (store && !this.forgotten) {
      const entry = { key, scope, source: url, storedAt: startedAt, accessedAt: startedAt, ...validators, version: fresh.version, partial: fields !== undefined };
      this.persistAfterPaint(store, entry, fresh, fields, { epoch, cryptoKey });
    }
  }

  /**
   * Store a new copy once the widgets have their first answers: the write (a structured clone
   * of every column) must not delay the first paint, and a copy over the cache budget is not
   * written at all — it would be evicted at once. Then tell other tabs, if it reached IndexedDB.
   */
  private persistAfterPaint(store: CacheStore, entry: Omit<CacheMeta, 'bytes' | 'summary'>, fresh: ValidatedDataset, fields: string[] | undefined, guard: WriteGuard): void {
    setTimeout(() => {
      // Written whether or not anyone still listens; not once a newer copy replaced it or its scope was cleared.
      if (this.version !== entry.version || this.forgotten) return;
      const picked = fields ? pickFields(fresh.dataset, fields) : fresh.dataset;
      const bytes = datasetBytes(picked);
      if (bytes > cacheBudget()) return;
      const stored = storableDataset(picked);
      void store
        .put({ ...entry, bytes, summary: fresh.summary }, stored, guard)
        .then(async (written) => {
          if (!written) return;
          // The little a warm paint needs before the dataset is read back: currency, asOf, stages, collections present.
          await store.putResult(entry.key, entry.scope, INFO_RESULT, infoOf(fresh.dataset), { ...guard, version: entry.version });
          if (store.kind === 'indexeddb' && !cacheFellBack()) announceChange(entry.key, entry.version);
        })
        .catch(() => undefined)
        .finally(() => {
          // A write that found IndexedDB unusable (quota, a closed connection) moved the page to memory: say so now.
          const warning = takeCacheWarning();
          if (warning && this.version === entry.version) this.emit(this.snapshot, [{ type: 'warning', detail: { kind: 'cache-unavailable', message: warning } }]);
        });
    }, 0);
  }

  /** Validators of the copy shown, for the next conditional request. */
  private etag?: string;
  private lastModified?: string;

  /** The copy shown from now on: its version and validators, when it was stored, the epoch it was loaded under. */
  private adopt(copy: Pick<CacheMeta, 'version' | 'storedAt' | 'etag' | 'lastModified'>, epoch: number): void {
    this.version = copy.version;
    this.loadedAt = copy.storedAt;
    this.etag = copy.etag;
    this.lastModified = copy.lastModified;
    this.epoch = epoch;
  }

  private cachedValue(dataset: Dataset | null, meta: CacheMeta, _url: string): EngineState {
    const ageMs = Math.max(0, Date.now() - meta.storedAt);
    const ttlMs = (this.config.cacheTtl ?? 0) * 1000;
    return { dataset, summary: meta.summary, stale: ageMs > ttlMs, ageMs, fromCache: true, sourceLabel: this.label };
  }

  /** Callbacks waiting for the next snapshot with a dataset (or an error): answers asked during a warm load. */
  private waiting: (() => boolean)[] = [];

  /**
   * The answer to one query (`resultKey` names it, `compute` computes it from the dataset):
   * memoized per dataset and shared by every widget of this source, persisted with the cached
   * dataset so a warm load answers from it before the dataset is read back. Without either,
   * it waits for the dataset; it rejects with the source's error.
   */
  answer(resultKey: string, compute: (dataset: Dataset) => unknown, persist = true): Promise<unknown> {
    this.lastAskedAt = performance.now();
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const dataset = this.snapshot.value?.dataset;
        if (dataset) {
          try {
            resolve(this.compute(dataset, resultKey, compute, persist));
          } catch (error) {
            // A metric that throws must not take the page down: the widget shows its error view.
            reject({ kind: 'internal', message: `${resultKey}: ${error instanceof Error ? error.message : String(error)}` } satisfies DataErrorDetail);
          }
          return true;
        }
        if (this.cachedResults.has(resultKey)) return resolve(this.cachedResults.get(resultKey)), true;
        if (this.snapshot.status === 'error') return reject(this.snapshot.error), true;
        return false;
      };
      // Woken by a snapshot with a dataset or an error, so a later attempt settles.
      if (!attempt()) this.waiting.push(attempt);
    });
  }

  private lastAskedAt = 0;

  /** Resolves once no widget has asked anything for QUIET_MS (at most SETTLE_MAX_MS after the call). */
  private async questionsSettled(): Promise<void> {
    const start = performance.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      const now = performance.now();
      if (now - this.lastAskedAt >= QUIET_MS || now - start >= SETTLE_MAX_MS) return;
    }
  }

  private compute(dataset: Dataset, resultKey: string, compute: (dataset: Dataset) => unknown, persist: boolean): unknown {
    let memo = this.results.get(dataset);
    if (!memo) this.results.set(dataset, (memo = new Map()));
    if (memo.has(resultKey)) return memo.get(resultKey);
    const value = this.cachedResults.has(resultKey) ? this.cachedResults.get(resultKey) : compute(dataset);
    memo.set(resultKey, value);
    const store = cacheStore(this.config.cache);
    if (persist && store && this.key && !this.forgotten && !this.cachedResults.has(resultKey) && this.config.data === undefined) {
      this.cachedResults.set(resultKey, value);
      const { key, epoch, scope, version } = this;
      const cryptoKey = encryptionKeyFor(scope);
      // IndexedDB clones a value when put() is called: done after the answers went out, and a clear
      // of the scope before then moves the epoch, so the write is dropped.
      afterFrame(() => void store.putResult(key, scope, resultKey, value, { epoch, cryptoKey, version }).catch(() => undefined));
    }
    return value;
  }

  /** Settles when the load in progress does (for tests and `reload()` callers). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
