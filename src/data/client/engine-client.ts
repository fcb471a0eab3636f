import { providePageArrowDecoder } from './page-arrow-decoder.js';
import { encryptionKeys, onEncryptionKeyChange } from '../cache-crypto.js';
import { absoluteUrl, cacheSettings, cacheUsesOwnFactory, describeStorageError, onCacheClear, onCacheSettings } from '../cache-settings.js';
import { DataError, type DataErrorDetail } from '../data-error.js';
import type { FromEngine, ToEngine, WireSnapshot } from '../engine/wire.js';
import type { SourceConfig } from '../source-config.js';
import type { SourceNotice } from '../source-state.js';
import { ClientSource } from './client-source.js';
import { discardEngineWorker, startEngineWorker } from './spawn-worker.js';
import { orderedTasks } from './ordered-tasks.js';

/** How long a source nobody shows is kept, so a widget mounted again soon needs no request (as TanStack Query's gcTime). */
export const INACTIVE_SOURCE_MS = 5 * 60_000;

interface Transport {
  post(message: ToEngine): void;
  /** `worker`: datasets live in the module worker; `page`: the engine runs here (no worker could). */
  readonly where: 'worker' | 'page';
}

/**
 * The page's side of the engine: one per page. It starts the engine in a module worker (or
 * on the page when none can run), keeps one `ClientSource` per load key — so every widget and
 * `<crm-data-source>` naming the same load shares it — relays the header hook, and carries
 * queries and answers. Nothing here holds a dataset.
 */
export class EngineClient {
  private transport?: Promise<Transport>;
  private readonly sources = new Map<string, ClientSource>();
  private readonly answers = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 0;
  private workerProblem?: string;
  private workerProblemTold = false;

  constructor() {
    onCacheClear((scope) => this.clear(scope));
    // A worker has its own copy of the cache's settings and keys; an engine on the page shares this one.
    onEncryptionKeyChange((scope, key) => void this.toWorker({ type: 'encryption-keys', keys: [[scope, key]] }));
    onCacheSettings(() => void this.toWorker({ type: 'configure-cache', ...cacheSettings() }));
  }

  /** The shared source for `config`: one per load key on the page. */
  source(config: SourceConfig, key: string): ClientSource {
    let source = this.sources.get(key);
    if (!source) this.sources.set(key, (source = new ClientSource(this, key, config)));
    source.setHooks(config);
    return source;
  }

  /** A source nobody listens to any more: kept a while, then closed in the engine. */
  retire(source: ClientSource): void {
    if (this.sources.get(source.key) !== source) return;
    this.sources.delete(source.key);
    void this.post({ type: 'close', key: source.key });
  }

  /** Drop the page's loaded sources, as a new page load would (the caches stay). For tests. */
  forgetSources(): void {
    for (const source of this.sources.values()) source.detach();
    this.sources.clear();
  }

  async post(message: ToEngine): Promise<void> {
    const transport = await this.connect();
    try {
      transport.post(message);
    } catch (error) {
      if (!(message.type === 'open' && error instanceof DOMException && error.name === 'DataCloneError')) throw error;
      // Inline data holding what cannot cross to a worker (a function, a DOM node): its JSON is
      // what the contract can read anyway. A cycle cannot be written as JSON: then the engine says so.
      let text: string;
      try {
        text = JSON.stringify(message.config.data);
      } catch (reason) {
        text = `{"crm-widget-kit": "the data property cannot be read as JSON (${String(reason).replace(/"/g, "'")})"`;
      }
      transport.post({ ...message, config: { ...message.config, data: text } });
    }
  }

  private async toWorker(message: ToEngine): Promise<void> {
    if (!this.transport) return; // not started: connect() hands over the settings
    const transport = await this.transport;
    if (transport.where === 'worker') transport.post(message);
  }

  /** Send and wait for the engine's `answer` (or `done`). */
  ask(message: ToEngine & { id: number }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.answers.set(message.id, { resolve, reject });
      if (message.type === 'query') this.queueQuery(message);
      else void this.post(message);
    });
  }

  private queued: Extract<ToEngine, { type: 'queries' }>['items'] = [];
  /**
   * Queries asked in one task cross as one message, so the engine receives them in one task: a
   * query endpoint's batching (one POST per task) must not depend on how the worker's message
   * tasks and timers interleave.
   */
  private queueQuery({ id, key, query }: Extract<ToEngine, { type: 'query' }>): void {
    this.queued.push({ id, key, query });
    if (this.queued.length > 1) return;
    queueMicrotask(() => {
      const items = this.queued;
      this.queued = [];
      void this.post(items.length === 1 ? { type: 'query', ...items[0]! } : { type: 'queries', items });
    });
  }

  newId(): number {
    return this.nextId++;
  }

  /** Where the engine runs, once it runs. */
  async where(): Promise<'worker' | 'page'> {
    return (await this.connect()).where;
  }

  private connect(): Promise<Transport> {
    this.transport ??= this.startWorker().then((transport) => {
      if (transport.where === 'page') return transport;
      // What the page configured before the engine ran. Storage the page may not use (its getter
      // throws: blocked by the browser or a policy) the worker must not use either.
      const blocked = pageStorageProblem();
      transport.post({ type: 'configure-cache', ...cacheSettings(), ...(blocked ? { disabled: blocked } : {}) });
      const keys = [...encryptionKeys()];
      if (keys.length) transport.post({ type: 'encryption-keys', keys });
      return transport;
    });
    return this.transport;
  }

  /** The module worker once it said it runs (spawn-worker.ts); nothing is sent before that. */
  private async startWorker(): Promise<Transport> {
    // A factory handed to configureCache (tests, embedders with their own storage) exists only here.
    if (cacheUsesOwnFactory() || !engineSettings.worker) {
      discardEngineWorker();
      return this.onPage();
    }
    const started = await startEngineWorker();
    if ('problem' in started) return this.onPage(started.problem);
    const { worker } = started;
    worker.addEventListener('message', (event: MessageEvent<FromEngine>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      this.engineStopped(event.message || 'unknown error');
    });
    return { post: (message) => worker.postMessage(message), where: 'worker' };
  }

  /**
   * The same engine on this thread; its messages arrive as tasks of their own and in order, as a worker's would.
   * Loaded only now: the engine (validator, metrics, zod) is the worker's code, and a page whose
   * worker runs never downloads it.
   */
  private async onPage(problem?: string): Promise<Transport> {
    if (problem) this.workerProblem = `The data worker could not start (${problem}); the data is loaded and computed on the page instead, which may pause it`;
    providePageArrowDecoder();
    const { Engine } = await import('../engine/engine.js');
    const engine = new Engine(orderedTasks((message) => this.receive(message)));
    return { post: orderedTasks((message) => void engine.handle(message)), where: 'page' };
  }

  /** A worker that died after it ran: its sources report the failure, later loads run on the page. */
  private engineStopped(reason: string): void {
    this.workerProblem = `The data worker stopped (${reason}); the data is loaded on the page instead`;
    this.workerProblemTold = false;
    this.transport = this.onPage();
    const detail: DataErrorDetail = { kind: 'internal', message: this.workerProblem };
    for (const answer of this.answers.values()) answer.reject(new DataError(detail));
    this.answers.clear();
    for (const source of this.sources.values()) source.restart();
  }

  /** The worker warning, once per page, for the first source that reports after it happened. */
  pageNotices(): SourceNotice[] {
    if (!this.workerProblem || this.workerProblemTold) return [];
    this.workerProblemTold = true;
    return [{ type: 'warning', detail: { kind: 'worker-unavailable', message: this.workerProblem } }];
  }

  private receive(message: FromEngine): void {
    switch (message.type) {
      case 'source':
        return this.sources.get(message.key)?.receive(message.snapshot as WireSnapshot, message.notices);
      case 'answer':
      case 'done': {
        const waiting = this.answers.get(message.id);
        this.answers.delete(message.id);
        if (!waiting) return;
        if (message.type === 'answer' && message.error) waiting.reject(new DataError(message.error));
        else waiting.resolve(message.type === 'answer' ? message.result : undefined);
        return;
      }
      case 'need-headers':
        return void this.headersFor(message.id, message.key, message.status);
      case 'ready':
        return;
    }
  }

  /** Ask the page's hook of that source (static headers, then `getHeaders`) and pass the answer on; nothing is kept. */
  private async headersFor(id: number, key: string, status?: number): Promise<void> {
    const source = this.sources.get(key);
    try {
      const headers = new Headers(source?.config.headers);
      const hook = source?.config.getHeaders;
      if (hook) new Headers(await hook(status === undefined ? undefined : { status })).forEach((value, name) => headers.set(name, value));
      void this.post({ type: 'headers', id, headers: [...headers] });
    } catch (error) {
      void this.post({ type: 'headers', id, error: `getHeaders failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** clearCache: the worker clears its side (and acknowledges); the page's loaded sources of the scope go. */
  private async clear(scope: string | undefined): Promise<void> {
    for (const [key, source] of this.sources) {
      if (scope !== undefined && source.scope !== scope) continue;
      source.detach();
      this.sources.delete(key);
    }
    const transport = this.transport ? await this.transport : undefined;
    if (transport?.where === 'worker') await this.ask({ type: 'clear', id: this.newId(), scope });
  }

  /** Resolve a URL as the page would fetch it (the worker's own base URL is its script's). */
  absolute(url: string): string {
    return absoluteUrl(url);
  }
}

const engineSettings = { worker: true };

/**
 * Where the data engine runs: in a module worker (the default: datasets never reach the page)
 * or, with `worker: false`, on the page (for environments without workers). Before the first load.
 */
export function configureEngine(options: { worker?: boolean }): void {
  if (options.worker !== undefined) engineSettings.worker = options.worker;
}

/** Why the page may not use IndexedDB, when its getter throws; undefined when it may. */
function pageStorageProblem(): string | undefined {
  try {
    void globalThis.indexedDB;
    return undefined;
  } catch (error) {
    return `IndexedDB is blocked (${describeStorageError(error)})`;
  }
}

let client: EngineClient | undefined;
/** The page's one engine client, created on first use (importing the kit starts nothing). */
export const engineClient = (): EngineClient => (client ??= new EngineClient());
