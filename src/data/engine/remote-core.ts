import type { BatchEntry, ScopeInfo } from '../../contract/query-batch.js';
import { PROTOCOL_VERSION } from '../../contract/protocol-version.js';
import type { Query } from '../../contract/query.js';
import { COLLECTION_NAMES, type CollectionName } from '../../contract/fields.js';
import { cacheEpoch } from '../cache-epoch.js';
import { encryptionKeyFor } from '../cache-crypto.js';
import { cacheKey, cacheStore } from '../cache.js';
import type { CacheMeta } from '../cache-store.js';
import { DataError, toErrorDetail, type DataErrorDetail } from '../data-error.js';
import type { SourceConfig } from '../source-config.js';
import type { EngineState, SourceListener, SourceNotice, SourceSnapshot } from '../source-state.js';

/** A result as it is stored: what the endpoint sent, with the ETag to revalidate it by. */
interface Stored {
  etag: string;
  data: unknown;
  at: number;
}

const isStored = (value: unknown): value is Stored =>
  value !== null && typeof value === 'object' && typeof (value as Stored).etag === 'string' && Number.isFinite((value as Stored).at) && 'data' in value;

/** The protocol's schemas (zod), loaded with the first answer: an engine that only reads payloads never needs them. */
const protocolChecks = () => import('../../contract/protocol-checks.js');

const EMPTY_COUNTS = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, 0])) as Record<CollectionName, number>;
const EMPTY_SUMMARY = { received: { ...EMPTY_COUNTS }, rejected: { ...EMPTY_COUNTS }, rejectedTotal: 0, issues: [] };

/** How long a query waits for others to join its request: the rest of the current task. */
const BATCH_DELAY_MS = 0;

/** A query waiting for its request, with the ETag of the copy held (if any). */
interface Queued {
  query: Query;
  etag: string | null;
  resolve: (entry: BatchEntry) => void;
  reject: (error: unknown) => void;
}

/** The stored record of the scope's info, beside the results (keyed by query). */
const INFO_KEY = 'info';

/**
 * A load answered by a remote engine (`query-src`): a warehouse endpoint speaking the query
 * protocol over HTTP (docs/scale.md) instead of a payload. It lives in the engine beside the
 * payload loads, so its results go through the same cache as theirs — scoped, cleared by
 * `clearCache`, sealed with the scope's encryption key, written under the scope's epoch — and
 * the protocol's schemas never reach the page. First the scope's info, then each widget's
 * queries; queries asked together go in one POST. Every result is validated on arrival, stored
 * with its ETag and revalidated by it on the next load. Past cache-ttl the stored copies are
 * drawn at once and asked again behind them (stale-while-revalidate): a warm load waits for no
 * round trip, and a copy the endpoint changed is drawn again when its answer arrives. When the
 * endpoint is out of reach, the stored copy stays, marked stale. Headers come from the page's
 * hook (asked again with `{ status: 401 }` before the one retry); `credentials` and `timeout`
 * behave as for `src`.
 */
export class RemoteCore {
  private snapshot: SourceSnapshot = { status: 'initial' };
  private readonly listeners = new Set<SourceListener>();
  private lastNotices: SourceNotice[] = [];
  private started = false;
  private version?: string;
  /** What the cache held for this endpoint and scope when the info was read: revalidated, or the stale fallback. */
  private stored = new Map<string, Stored>();
  private epoch: number;
  private forgotten = false;
  private queue: Queued[] = [];
  private flushTimer?: ReturnType<typeof setTimeout>;
  private readonly key: string;
  /** The info load in progress (or done): queries wait for it, to revalidate what it read back. */
  private infoLoad: Promise<void> = Promise.resolve();
  /** The stored info was confirmed within cache-ttl: stored results are answered without a request, as `src` does. */
  private fresh = false;
  /** Loads started (reloads too): an answer that a later load overtook is dropped. */
  private loads = 0;
  /** Whether the version on screen still stands, once the endpoint has said: what revalidations behind a drawn copy wait for. */
  private asking: Promise<boolean> = Promise.resolve(true);
  /** Results of this version the endpoint confirmed (or sent) since the load began: answered from memory. */
  private confirmed = new Set<string>();
  /** Results drawn in this version, by key: what a reload asks again about. */
  private answered = new Map<string, Query>();
  /** Results being revalidated behind their drawn copy: one request each, however many widgets ask. */
  private readonly behind = new Set<string>();
  /** Results the endpoint changed within one version: part of the version widgets see, so they ask again. */
  private revision = 0;
  /** The endpoint was found out of reach in this load: said once, however many questions fail. */
  private warnedStale = false;

  constructor(private readonly config: SourceConfig & { querySrc: string }) {
    this.key = cacheKey(this.scope, config.querySrc, { protocol: PROTOCOL_VERSION });
    this.epoch = cacheEpoch(this.scope);
  }

  get state(): SourceSnapshot {
    return this.snapshot;
  }

  get scope(): string {
    return this.config.scope ?? '';
  }

  get currentVersion(): string | undefined {
    return this.version === undefined || this.revision === 0 ? this.version : `${this.version}+${this.revision}`;
  }

  private get label(): string {
    return this.config.label ?? this.config.querySrc;
  }

  private get store() {
    return cacheStore(this.config.cache);
  }

  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      this.infoLoad = this.loadInfo();
    } else if (this.snapshot.status !== 'initial') listener(this.snapshot, this.lastNotices);
    return () => this.listeners.delete(listener);
  }

  /** Ask the endpoint again: every widget's queries are then revalidated (by ETag). */
  async reload(): Promise<void> {
    if (!this.started) return;
    this.infoLoad = this.loadInfo(true);
    await this.infoLoad;
  }

  /** `clearCache` of this scope: nothing held is shown or written again. */
  forget(): void {
    this.forgotten = true;
    this.stored = new Map();
    if (this.listeners.size === 0) {
      this.snapshot = { status: 'initial' };
      this.started = false;
    }
  }

  /**
   * One query's result. A stored copy is answered at once — within cache-ttl as it is, past it
   * revalidated behind (by its ETag); without one, the query waits for the scope's info (its
   * answer must be of the version drawn) and goes to the endpoint.
   */
  async answer(resultKey: string, query: Query, persist: boolean): Promise<unknown> {
    await this.infoLoad;
    this.throwIfFailed();
    const { checkResult } = await protocolChecks();
    const held = this.stored.get(resultKey);
    const copy = held && checkResult(query.metric, held.data).ok ? held : undefined;
    if (persist) this.answered.set(resultKey, query);
    if (copy) {
      if (!this.fresh && !this.confirmed.has(resultKey)) this.revalidateBehind(resultKey, query);
      return copy.data;
    }
    await this.asking;
    this.throwIfFailed();
    const load = this.loads;
    const entry = await this.enqueue(query, null).catch((error: unknown) => {
      throw toErrorDetail(error);
    });
    if (!entry.ok) throw toErrorDetail(this.unanswered(query, entry.error));
    if ('notModified' in entry) throw { kind: 'payload', message: `${this.label} answered "not modified" for a result this engine does not hold` } satisfies DataErrorDetail;
    if (persist && load === this.loads) {
      this.keep(resultKey, { etag: entry.etag, data: entry.data, at: Date.now() });
      this.confirmed.add(resultKey);
    }
    return entry.data;
  }

  /** A scope the endpoint refused (or never reached, with nothing stored) answers nothing. */
  private throwIfFailed(): void {
    if (this.snapshot.status === 'error') throw this.snapshot.error;
  }

  /**
   * Ask the endpoint about a copy already drawn: once the info has confirmed the version, by the
   * copy's ETag. "Not modified" confirms it; a new answer is stored and the widgets are told
   * (the version they see moves on), so they ask again and draw it from memory. Failing, the
   * copy stays: marked stale when the endpoint is out of reach, with an error when it refuses.
   */
  private revalidateBehind(resultKey: string, query: Query): void {
    if (this.behind.has(resultKey)) return;
    this.behind.add(resultKey);
    const load = this.loads;
    void (async () => {
      try {
        if (!(await this.asking) || load !== this.loads) return;
        const copy = this.stored.get(resultKey);
        if (!copy) return;
        const entry = await this.enqueue(query, copy.etag);
        if (load !== this.loads || this.forgotten) return;
        if (!entry.ok) throw this.unanswered(query, entry.error);
        this.confirmed.add(resultKey);
        if ('notModified' in entry) return;
        this.keep(resultKey, { etag: entry.etag, data: entry.data, at: Date.now() });
        this.revision++;
        if (this.snapshot.value) this.emit({ status: 'complete', value: this.snapshot.value }, []);
      } catch (error) {
        if (load !== this.loads) return;
        const detail = toErrorDetail(error);
        if (recoverable(detail)) this.markStale(detail);
        else this.emit(this.snapshot, [{ type: 'error', detail }]);
      } finally {
        this.behind.delete(resultKey);
      }
    })();
  }

  private unanswered(query: Query, error: { code: string; message: string }): DataError {
    return new DataError({ kind: 'payload', message: `${this.label} did not answer the ${query.metric} query (${error.code}): ${error.message}` });
  }

  private enqueue(query: Query, etag: string | null): Promise<BatchEntry> {
    return new Promise<BatchEntry>((resolve, reject) => {
      this.queue.push({ query, etag, resolve, reject });
      this.flushTimer ??= setTimeout(() => void this.flush(), BATCH_DELAY_MS);
    });
  }

  private emit(snapshot: SourceSnapshot, notices: SourceNotice[]): void {
    this.snapshot = snapshot;
    if (notices.length) this.lastNotices = notices.filter((notice) => notice.type !== 'warning' || notice.detail.kind !== 'stale' || snapshot.value?.stale);
    for (const listener of [...this.listeners]) listener(snapshot, notices);
  }

  private stateOf(info: ScopeInfo, fromCache: boolean, stale: boolean, at: number): EngineState {
    return {
      dataset: null,
      info: { asOf: info.asOf, asOfFromPayload: true, currency: info.currency, stages: info.stages, present: info.present },
      summary: EMPTY_SUMMARY,
      stale,
      ageMs: Date.now() - at,
      fromCache,
      sourceLabel: this.label,
    };
  }

  private async readStored(): Promise<{ meta?: CacheMeta; results: Map<string, Stored> }> {
    const store = this.store;
    const results = new Map<string, Stored>();
    if (!store) return { results };
    const cryptoKey = encryptionKeyFor(this.scope);
    const meta = await store.getMeta(this.key, cryptoKey).catch(() => undefined);
    if (!meta) return { results };
    for (const [resultKey, value] of await store.getResults(this.key, cryptoKey).catch(() => new Map<string, unknown>())) if (isStored(value)) results.set(resultKey, value);
    return { meta, results };
  }

  /**
   * The scope's info. Stored with the results of its version, it is drawn at once: within
   * cache-ttl as it is, past it marked stale while the endpoint is asked again behind it. Without
   * a stored copy (or on `reload`) the load waits for the endpoint, and falls back on a copy when
   * the endpoint is out of reach.
   */
  private async loadInfo(reload = false): Promise<void> {
    const load = ++this.loads;
    this.warnedStale = false;
    this.forgotten = false;
    this.fresh = false;
    this.epoch = cacheEpoch(this.scope);
    if (reload && this.snapshot.status === 'complete') {
      // What is on screen stays while the endpoint is asked; every result drawn is asked again by its ETag.
      this.confirmed = new Set();
      this.asking = this.revalidateInfo(load, true);
      await this.asking;
      return;
    }
    if (this.snapshot.status === 'initial') this.emit({ status: 'pending' }, []);
    const { meta, results } = await this.readStored();
    if (load !== this.loads) return;
    this.stored = results;
    this.confirmed = new Set();
    this.answered = new Map();
    this.revision = 0;
    const stored = results.get(INFO_KEY);
    if (!reload && stored && meta?.version === (stored.data as ScopeInfo).version) {
      const info = stored.data as ScopeInfo;
      const within = Date.now() - stored.at <= (this.config.cacheTtl ?? 0) * 1000;
      this.version = info.version;
      this.fresh = within;
      this.emit({ status: 'complete', value: this.stateOf(info, true, !within, stored.at) }, [{ type: 'load', detail: { rows: {}, rejected: 0, fromCache: true, stale: !within, absent: absentOf(info) } }]);
      if (!within) this.asking = this.revalidateInfo(load, false);
      return;
    }
    this.asking = this.revalidateInfo(load, false);
    await this.asking;
  }

  /**
   * Ask the endpoint for the scope's info; resolves to whether the version on screen still
   * stands. The same version confirms the copy (its results are then revalidated one by one);
   * another starts the results afresh, and the widgets ask again. Out of reach, a copy stays,
   * marked stale; refused, the error replaces a copy drawn from the cache (the endpoint may have
   * withdrawn this viewer's access) but not one a reload was asked about.
   */
  private async revalidateInfo(load: number, reload: boolean): Promise<boolean> {
    const shown = this.snapshot.status === 'complete' ? this.snapshot.value : undefined;
    const shownVersion = shown ? this.version : undefined;
    try {
      const response = await this.post({ protocol: PROTOCOL_VERSION, queries: [], info: true }, []);
      const info = response.info;
      if (!info) throw new DataError({ kind: 'payload', message: `${this.label} answered without the scope's info` });
      if (load !== this.loads) return false;
      const meta = await this.store?.getMeta(this.key, encryptionKeyFor(this.scope)).catch(() => undefined);
      await this.keepInfo(info, meta);
      if (load !== this.loads) return false;
      if (shown && info.version === shownVersion) {
        this.emit({ status: 'complete', value: { ...shown, stale: false, ageMs: 0 } }, []);
        for (const [resultKey, query] of this.answered) this.revalidateBehind(resultKey, query);
        return true;
      }
      // Results held for the version on screen are not of this one (even if another tab already stored this one).
      if (shown) this.stored = new Map();
      this.version = info.version;
      this.revision = 0;
      this.confirmed = new Set();
      this.answered = new Map();
      this.emit({ status: 'complete', value: this.stateOf(info, false, false, Date.now()) }, [{ type: 'load', detail: { rows: {}, rejected: 0, fromCache: false, stale: false, absent: absentOf(info) } }]);
      return false;
    } catch (error) {
      if (load !== this.loads) return false;
      const detail = toErrorDetail(error);
      if (shown && (recoverable(detail) || reload)) {
        if (recoverable(detail)) this.markStale(detail);
        else this.emit(this.snapshot, [{ type: 'error', detail }]);
        return false;
      }
      const held = this.stored.get(INFO_KEY);
      if (!shown && held && recoverable(detail)) {
        const info = held.data as ScopeInfo;
        this.version = info.version;
        this.emit({ status: 'complete', value: this.stateOf(info, true, true, held.at) }, [
          { type: 'load', detail: { rows: {}, rejected: 0, fromCache: true, stale: true, absent: absentOf(info) } },
          { type: 'warning', detail: { kind: 'stale', message: `${this.label} could not be reached (${detail.message}); showing the copy stored earlier` } },
        ]);
        return false;
      }
      this.emit({ status: 'error', error: detail }, [{ type: 'error', detail }]);
      return false;
    }
  }

  /**
   * The scope's entry in the cache, by the info's version: the same version keeps the stored
   * results (each revalidated by its ETag), a new one starts them afresh.
   */
  private async keepInfo(info: ScopeInfo, meta: CacheMeta | undefined): Promise<void> {
    const store = this.store;
    if (!store || this.forgotten) return;
    const now = Date.now();
    const guard = { epoch: this.epoch, cryptoKey: encryptionKeyFor(this.scope), version: info.version };
    try {
      if (meta?.version === info.version) await store.confirm(this.key, now);
      else {
        this.stored = new Map();
        const entry: CacheMeta = { key: this.key, scope: this.scope, source: this.config.querySrc, storedAt: now, accessedAt: now, bytes: JSON.stringify(info).length * 2, version: info.version, summary: EMPTY_SUMMARY, partial: false };
        if (!(await store.put(entry, null, guard))) return;
      }
      await store.putResult(this.key, this.scope, INFO_KEY, { etag: info.version, data: info, at: now } satisfies Stored, guard);
    } catch {
      // A cache that fails to write costs the next load a request, nothing more.
    }
  }

  private keep(resultKey: string, value: Stored): void {
    const store = this.store;
    if (!store || this.forgotten || this.version === undefined) return;
    this.stored.set(resultKey, value);
    const guard = { epoch: this.epoch, cryptoKey: encryptionKeyFor(this.scope), version: this.version };
    void store.putResult(this.key, this.scope, resultKey, value, guard).catch(() => undefined);
  }

  private markStale(detail: DataErrorDetail): void {
    const value = this.snapshot.value;
    if (!value || this.warnedStale) return;
    this.warnedStale = true;
    this.emit({ status: 'complete', value: { ...value, stale: true } }, [
      { type: 'warning', detail: { kind: 'stale', message: `${this.label} could not be reached (${detail.message}); showing results stored earlier` } },
    ]);
  }

  /**
   * Send what the current task queued as one batch — but a cell's ids (`rfm-members`, every id of
   * a cell: hundreds of KB for a big one) in a request of their own once the rest of the batch is
   * answered, so the drill-down's first page, asked on the same click, never waits for them.
   */
  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const queued = this.queue.splice(0);
    const later = queued.filter((item) => item.query.metric === 'rfm-members');
    const first = queued.filter((item) => item.query.metric !== 'rfm-members');
    if (first.length) await this.send(first);
    if (later.length) await this.send(later);
  }

  private async send(batch: Queued[]): Promise<void> {
    const queries = batch.map((item) => item.query);
    try {
      const response = await this.post({ protocol: PROTOCOL_VERSION, queries, etags: batch.map((item) => item.etag) }, queries);
      batch.forEach((item, i) => item.resolve(response.results[i]!));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  private async headers(status?: number): Promise<Headers> {
    const headers = new Headers(this.config.headers);
    if (this.config.getHeaders) new Headers(await this.config.getHeaders(status === undefined ? undefined : { status })).forEach((value, name) => headers.set(name, value));
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
    // For development servers that take the scope from a header; a real endpoint takes it from its auth check.
    if (this.scope) headers.set('x-crm-scope', this.scope);
    return headers;
  }

  private async post(body: object, queries: Query[]) {
    const label = this.label;
    const send = async (status?: number): Promise<Response> => {
      let headers: Headers;
      try {
        headers = await this.headers(status);
      } catch (error) {
        throw new DataError({ kind: 'network', message: `getHeaders failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      const timeout = (this.config.timeout ?? 30) * 1000;
      try {
        return await fetch(this.config.querySrc, { method: 'POST', headers, body: JSON.stringify(body), credentials: this.config.credentials ?? 'same-origin', signal: AbortSignal.timeout(timeout) });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'TimeoutError') throw new DataError({ kind: 'timeout', message: `${label} did not answer within ${timeout / 1000} s` });
        throw new DataError({ kind: 'network', message: `${label} could not be reached` });
      }
    };
    let response = await send();
    if (response.status === 401 && this.config.getHeaders) response = await send(401);
    if (!response.ok) throw new DataError({ kind: 'http', status: response.status, message: `${label} answered HTTP ${response.status}` });
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new DataError({ kind: 'not-json', message: `${label} did not answer JSON` });
    }
    const { checkBatchResponse } = await protocolChecks();
    const checked = checkBatchResponse(queries, json);
    if (!checked.ok) throw new DataError({ kind: 'payload', message: `${label} answered outside the query protocol: ${checked.message}` });
    return checked.value;
  }
}

/** Failures a stored copy stands in for: the endpoint out of reach or failing, not a refusal of the request. */
function recoverable(detail: DataErrorDetail): boolean {
  return detail.kind === 'network' || detail.kind === 'timeout' || (detail.kind === 'http' && (detail.status ?? 0) >= 500);
}

function absentOf(info: ScopeInfo): string[] {
  return Object.entries(info.present)
    .filter(([, present]) => !present)
    .map(([name]) => name);
}
