import { DataError, type DataErrorDetail } from '../data-error.js';
import type { WireConfig, WireSnapshot, WireState } from '../engine/wire.js';
import type { SourceConfig } from '../source-config.js';
import { isPageNotice, type SourceNotice, type SourceStatus } from '../source-state.js';
import { stableKey } from '../stable-key.js';
import { INACTIVE_SOURCE_MS, type EngineClient } from './engine-client.js';

/** A source as the page knows it: its state without the dataset. */
export interface ClientSnapshot {
  status: SourceStatus;
  value?: WireState;
  error?: DataErrorDetail;
}

export type ClientListener = (snapshot: ClientSnapshot, notices: SourceNotice[]) => void;

interface Answer {
  version: string;
  promise: Promise<unknown>;
  settled: boolean;
  value?: unknown;
  error?: DataErrorDetail;
}

/** The load options that cross to the engine: plain data, the URL made absolute against the page. */
function wireConfig(config: SourceConfig, absolute: (url: string) => string): WireConfig {
  const { getHeaders, headers, ...rest } = config;
  const querySrc = rest.querySrc ? absolute(rest.querySrc) : undefined;
  return { ...rest, src: rest.src ? absolute(rest.src) : undefined, querySrc, label: rest.src ?? rest.querySrc, headerHook: Boolean(getHeaders || headers) };
}

/**
 * One load of the page, shared by every widget and `<crm-data-source>` that names it: its
 * state as the engine reports it, its listeners, and its answers — each query asked once
 * per dataset version however many widgets ask it.
 */
export class ClientSource {
  config: SourceConfig;
  private snapshot: ClientSnapshot = { status: 'initial' };
  private readonly listeners = new Set<ClientListener>();
  private readonly answers = new Map<string, Answer>();
  private opened = false;
  private retireTimer?: ReturnType<typeof setTimeout>;
  private lastNotices: SourceNotice[] = [];

  constructor(
    private readonly client: EngineClient,
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

  /** Header hooks are not part of the load's identity: the latest configured ones are used. */
  setHooks(config: Pick<SourceConfig, 'headers' | 'getHeaders'>): void {
    this.config = { ...this.config, headers: config.headers, getHeaders: config.getHeaders };
  }

  subscribe(listener: ClientListener): () => void {
    clearTimeout(this.retireTimer);
    this.listeners.add(listener);
    if (!this.opened) {
      this.opened = true;
      // Opened is loading, before the engine says so: a worker still busy with another load may
      // answer seconds later, and a widget must not read that wait as "no data source".
      this.snapshot = { status: 'pending' };
      void this.client.post({ type: 'open', key: this.key, config: wireConfig(this.config, (url) => this.client.absolute(url)) });
      listener(this.snapshot, []);
    } else if (this.snapshot.status !== 'initial') listener(this.snapshot, this.replay());
    return () => {
      this.listeners.delete(listener);
      // A URL's copy is kept a while for whoever mounts next; inline data is the page's own, freed at once.
      if (this.listeners.size === 0) this.retireTimer = setTimeout(() => this.client.retire(this), this.config.data === undefined ? INACTIVE_SOURCE_MS : 0);
    };
  }

  /** Fetch again now (conditionally when a cached copy exists); resolves when done, never rejects. */
  reload(): Promise<void> {
    if (!this.opened) return Promise.resolve();
    return this.client.ask({ type: 'reload', id: this.client.newId(), key: this.key }).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * The answer to `query` for the dataset shown now. Asked once per version: every widget
   * asking the same query shares the promise, and a new version (a reload, another tab's
   * copy) asks again.
   */
  query(query: unknown): Answer & { key: string } {
    const key = stableKey(query);
    const version = this.snapshot.value?.version ?? '';
    const known = this.answers.get(key);
    if (known && known.version === version) return { ...known, key };
    const answer: Answer = { version, settled: false, promise: Promise.resolve() };
    answer.promise = this.client.ask({ type: 'query', id: this.client.newId(), key: this.key, query }).then(
      (value) => {
        answer.settled = true;
        answer.value = value;
        return value;
      },
      (error: unknown) => {
        answer.settled = true;
        answer.error = error instanceof DataError ? error.detail : { kind: 'internal', message: String(error) };
        throw error;
      },
    );
    // A rejection is read from `answer.error`; an unobserved one must not reach the page as unhandled.
    answer.promise.catch(() => undefined);
    this.answers.set(key, answer);
    return { ...answer, key };
  }

  /** The answer already known for `query` (for this version), without asking. */
  known(query: unknown): Answer | undefined {
    const answer = this.answers.get(stableKey(query));
    return answer && answer.version === (this.snapshot.value?.version ?? '') ? answer : undefined;
  }

  receive(snapshot: WireSnapshot, notices: SourceNotice[]): void {
    const version = snapshot.value?.version;
    if (version !== this.snapshot.value?.version) for (const [key, answer] of this.answers) if (answer.version !== version) this.answers.delete(key);
    this.snapshot = snapshot;
    const all = [...this.client.pageNotices(), ...notices];
    if (notices.some((n) => n.type === 'load' || n.type === 'error')) this.lastNotices = notices.filter((n) => !isPageNotice(n));
    let first = true;
    // Page-wide notices (the cache or the worker is unavailable) reach one listener: the page hears them once.
    for (const listener of [...this.listeners]) {
      listener(snapshot, first ? all : all.filter((notice) => !isPageNotice(notice)));
      first = false;
    }
  }

  /** What a listener that joins late hears: the last load (or error) and its warnings, not the page-wide ones. */
  private replay(): SourceNotice[] {
    if (this.snapshot.status === 'error' && this.snapshot.error) return [{ type: 'error', detail: this.snapshot.error }];
    return this.lastNotices.filter((n) => n.type !== 'error');
  }

  /** Forgotten by the page (clearCache, a test's new page): listeners keep what they show, nothing more arrives. */
  detach(): void {
    clearTimeout(this.retireTimer);
    if (this.opened) void this.client.post({ type: 'close', key: this.key });
    this.opened = false;
    this.listeners.clear();
  }

  /** The engine moved (its worker stopped): open again where it runs now. */
  restart(): void {
    this.answers.clear();
    if (!this.opened) return;
    void this.client.post({ type: 'open', key: this.key, config: wireConfig(this.config, (url) => this.client.absolute(url)) });
  }
}
