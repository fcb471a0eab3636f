import { openDB, type IDBPDatabase } from 'idb';
import type { BatchEntry, ScopeInfo } from '../../contract/query-batch.js';
import { PROTOCOL_VERSION } from '../../contract/protocol-version.js';
import type { Query } from '../../contract/query.js';
import { COLLECTION_NAMES, type CollectionName } from '../../contract/fields.js';
import { DataError, toErrorDetail, type DataErrorDetail } from '../data-error.js';
import type { WireState } from '../engine/wire.js';
import type { SourceConfig } from '../source-config.js';
import type { SourceNotice } from '../source-state.js';
import { stableKey } from '../stable-key.js';
import type { ClientListener, ClientSnapshot, ClientSource } from './client-source.js';

/** What widgets and `DataSource` use of a shared load: an engine-backed `ClientSource` or a remote one. */
export type SharedSource = Pick<ClientSource, 'state' | 'scope' | 'key' | 'config' | 'setHooks' | 'subscribe' | 'reload' | 'query' | 'known'>;

interface Answer {
  version: string;
  promise: Promise<unknown>;
  settled: boolean;
  value?: unknown;
  error?: DataErrorDetail;
}

interface Stored {
  etag: string;
  data: unknown;
  at: number;
}

/** Results kept per endpoint, scope and query key: IndexedDB (default), memory, or none. */
interface ResultStore {
  get(key: string): Promise<Stored | undefined>;
  put(key: string, value: Stored): Promise<void>;
}

const DB_NAME = 'crm-widget-kit-queries';
let database: Promise<IDBPDatabase | null> | undefined;
const memory = new Map<string, Stored>();
const memoryStore: ResultStore = {
  get: (key) => Promise.resolve(memory.get(key)),
  put: (key, value) => {
    memory.set(key, value);
    return Promise.resolve();
  },
};
const noStore: ResultStore = { get: () => Promise.resolve(undefined), put: () => Promise.resolve() };

function indexedDbStore(): ResultStore {
  // Private windows and blocked storage: the results are kept in memory instead.
  database ??= openDB(DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('results') }).catch(() => null);
  return {
    get: async (key) => {
      const db = await database;
      if (!db) return memory.get(key);
      return ((await db.get('results', key).catch(() => undefined)) as Stored | undefined) ?? undefined;
    },
    put: async (key, value) => {
      const db = await database;
      if (!db) return void memory.set(key, value);
      await db.put('results', value, key).catch(() => memory.set(key, value));
    },
  };
}

/**
 * The protocol's schemas (zod), loaded when the first answer arrives: a page whose widgets read a
 * payload (`src`) never downloads them; the worker checks what it answers itself.
 */
const protocolChecks = () => import('../../contract/protocol-checks.js');

const EMPTY_COUNTS = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, 0])) as Record<CollectionName, number>;

/** How long a query waits for others to join its request: the rest of the current task. */
const BATCH_DELAY_MS = 0;

/**
 * A load answered by a remote engine (`query-src`): the warehouse endpoint that speaks the query
 * protocol over HTTP (docs/scale.md), instead of a payload in the page's worker. First the
 * scope's dataset info, then each widget's queries; queries asked in one task go in one POST.
 * Every result is validated on arrival by its metric's schema, stored per endpoint, scope and
 * query key with its ETag, and revalidated with that ETag on the next load; when the endpoint
 * cannot be reached a stored copy is shown, marked stale. Headers, `getHeaders` (asked again with
 * `{ status: 401 }` before the one retry), `credentials` and `timeout` behave as for `src`.
 */
export class RemoteSource implements SharedSource {
  config: SourceConfig;
  private snapshot: ClientSnapshot = { status: 'initial' };
  private readonly listeners = new Set<ClientListener>();
  private readonly answers = new Map<string, Answer>();
  private started = false;
  private queue: { query: Query; etag: string | null; resolve: (entry: BatchEntry) => void; reject: (error: unknown) => void }[] = [];
  private flushTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly key: string,
    config: SourceConfig,
  ) {
    this.config = { ...config };
  }

  get state(): ClientSnapshot {
    return this.snapshot;
  }

  get scope(): string {
    return this.config.scope ?? '';
  }

  private get endpoint(): string {
    return new URL(this.config.querySrc!, document.baseURI).href;
  }

  private get store(): ResultStore {
    return this.config.cache === 'none' ? noStore : this.config.cache === 'memory' ? memoryStore : indexedDbStore();
  }

  private storeKey(what: string): string {
    return `${this.endpoint}\u0000${this.scope}\u0000${what}`;
  }

  setHooks(config: Pick<SourceConfig, 'headers' | 'getHeaders'>): void {
    this.config = { ...this.config, headers: config.headers, getHeaders: config.getHeaders };
  }

  subscribe(listener: ClientListener): () => void {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.loadInfo();
    } else if (this.snapshot.status !== 'initial') listener(this.snapshot, []);
    return () => this.listeners.delete(listener);
  }

  /** Ask the endpoint again: a new version, so every widget's queries are revalidated (by ETag). */
  async reload(): Promise<void> {
    if (this.started) await this.loadInfo();
  }

  query(query: unknown): Answer & { key: string } {
    const key = stableKey(query);
    const version = this.snapshot.value?.version ?? '';
    const known = this.answers.get(key);
    if (known && known.version === version) return { ...known, key };
    const answer: Answer = { version, settled: false, promise: Promise.resolve() };
    answer.promise = this.result(query as Query).then(
      (value) => {
        answer.settled = true;
        answer.value = value;
        return value;
      },
      (error: unknown) => {
        answer.settled = true;
        answer.error = toErrorDetail(error);
        throw error;
      },
    );
    answer.promise.catch(() => undefined);
    this.answers.set(key, answer);
    return { ...answer, key };
  }

  known(query: unknown): Answer | undefined {
    const answer = this.answers.get(stableKey(query));
    return answer && answer.version === (this.snapshot.value?.version ?? '') ? answer : undefined;
  }

  private publish(snapshot: ClientSnapshot, notices: SourceNotice[]): void {
    const version = snapshot.value?.version;
    if (version !== this.snapshot.value?.version) for (const [key, answer] of this.answers) if (answer.version !== version) this.answers.delete(key);
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener(snapshot, notices);
  }

  private stateOf(info: ScopeInfo, fromCache: boolean, stale: boolean, at: number): WireState {
    return {
      info: { asOf: info.asOf, asOfFromPayload: true, currency: info.currency, stages: info.stages, present: info.present },
      summary: { received: { ...EMPTY_COUNTS }, rejected: { ...EMPTY_COUNTS }, rejectedTotal: 0, issues: [] },
      stale,
      ageMs: Date.now() - at,
      fromCache,
      sourceLabel: this.config.querySrc!,
      version: info.version,
    };
  }

  private async loadInfo(): Promise<void> {
    if (this.snapshot.status === 'initial') this.publish({ status: 'pending' }, []);
    const stored = await this.store.get(this.storeKey('info'));
    try {
      const response = await this.post({ protocol: PROTOCOL_VERSION, queries: [], info: true }, []);
      const info = response.info;
      if (!info) throw new DataError({ kind: 'payload', message: `${this.config.querySrc} answered without the scope's info` });
      await this.store.put(this.storeKey('info'), { etag: info.version, data: info, at: Date.now() });
      const value = this.stateOf(info, false, false, Date.now());
      this.publish({ status: 'complete', value }, [{ type: 'load', detail: { rows: {}, rejected: 0, fromCache: false, stale: false, absent: absentOf(info) } }]);
    } catch (error) {
      const detail = toErrorDetail(error);
      if (stored && recoverable(detail)) {
        const info = stored.data as ScopeInfo;
        const value = this.stateOf(info, true, true, stored.at);
        this.publish({ status: 'complete', value }, [
          { type: 'load', detail: { rows: {}, rejected: 0, fromCache: true, stale: true, absent: absentOf(info) } },
          { type: 'warning', detail: { kind: 'stale', message: `${this.config.querySrc} could not be reached (${detail.message}); showing the copy stored earlier` } },
        ]);
        return;
      }
      this.publish({ status: 'error', error: detail }, [{ type: 'error', detail }]);
    }
  }

  /** One query's result: from the endpoint (revalidating the stored copy by its ETag), or the stored copy when it is out of reach. */
  private async result(query: Query): Promise<unknown> {
    const key = this.storeKey(stableKey(query));
    const stored = await this.store.get(key);
    const { checkResult } = await protocolChecks();
    const copy = stored && checkResult(query.metric, stored.data).ok ? stored : undefined;
    let entry: BatchEntry;
    try {
      entry = await new Promise<BatchEntry>((resolve, reject) => {
        this.queue.push({ query, etag: copy?.etag ?? null, resolve, reject });
        this.flushTimer ??= setTimeout(() => void this.flush(), BATCH_DELAY_MS);
      });
    } catch (error) {
      const detail = toErrorDetail(error);
      if (!copy || !recoverable(detail)) throw error;
      this.markStale(detail);
      return copy.data;
    }
    if (!entry.ok) throw new DataError({ kind: 'payload', message: `${this.config.querySrc} did not answer the ${query.metric} query (${entry.error.code}): ${entry.error.message}` });
    if ('notModified' in entry) {
      if (!copy) throw new DataError({ kind: 'payload', message: `${this.config.querySrc} answered "not modified" for a result this page does not hold` });
      return copy.data;
    }
    await this.store.put(key, { etag: entry.etag, data: entry.data, at: Date.now() });
    return entry.data;
  }

  private markStale(detail: DataErrorDetail): void {
    const value = this.snapshot.value;
    if (!value || value.stale) return;
    this.publish({ status: 'complete', value: { ...value, stale: true } }, [
      { type: 'warning', detail: { kind: 'stale', message: `${this.config.querySrc} could not be reached (${detail.message}); showing results stored earlier` } },
    ]);
  }

  /** Send what the current task queued as one batch. */
  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
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
    const label = this.config.querySrc!;
    const send = async (status?: number): Promise<Response> => {
      let headers: Headers;
      try {
        headers = await this.headers(status);
      } catch (error) {
        throw new DataError({ kind: 'network', message: `getHeaders failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      const timeout = (this.config.timeout ?? 30) * 1000;
      try {
        return await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify(body), credentials: this.config.credentials ?? 'same-origin', signal: AbortSignal.timeout(timeout) });
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

const remoteSources = new Map<string, RemoteSource>();

/** The page's one remote source per endpoint and scope (and cache mode): widgets naming it share its requests and answers. */
export function remoteSource(config: SourceConfig, key: string): RemoteSource {
  let source = remoteSources.get(key);
  if (!source) remoteSources.set(key, (source = new RemoteSource(key, config)));
  source.setHooks(config);
  return source;
}

/** Forget the page's remote sources (a new page load would); for tests. The stored results stay. */
export function forgetRemoteSources(): void {
  remoteSources.clear();
}

/** The load key of a remote source: its endpoint, scope and cache mode. */
export function remoteKey(config: SourceConfig): string {
  return `query:${config.querySrc}\u0000${config.scope ?? ''}\u0000${config.cache ?? 'indexeddb'}`;
}
