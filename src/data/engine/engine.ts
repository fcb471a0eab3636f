import { setCacheEncryptionKey } from '../cache-crypto.js';
import '../cache.js';
import { clearCache, configureCache, onCacheClear } from '../cache-settings.js';
import type { SourceSnapshot } from '../source-state.js';
import { METRICS_VERSION } from '../../metrics/version.js';
import { stableKey } from '../stable-key.js';
import type { Query } from '../../contract/query.js';
import { answerQuery } from './answer-query.js';
import { RemoteCore } from './remote-core.js';
import { SourceCore } from './source-core.js';
import { infoOf, type FromEngine, type ToEngine, type WireSnapshot } from './wire.js';

/**
 * Answers asked on demand (a cell's members, a drill-down page): not worth a place in the cache,
 * whose answers a warm load reads back whole before its first paint. They are computed from the
 * dataset, read back in the worker right after that paint.
 */
const DRILL_METRICS = new Set(['rfm-members', 'rfm-page']);

/**
 * The data engine: it loads sources (fetch, decode, validate, cache), keeps their datasets
 * and answers queries about them. It runs in the page's module worker, so datasets never
 * reach the page; where no worker can run, the same engine runs on the page. The page speaks
 * to it in messages only (wire.ts), whichever side it is on.
 */
export class Engine {
  private readonly sources = new Map<string, { core: SourceCore | RemoteCore; stop: () => void }>();
  private readonly headerWaits = new Map<number, { resolve: (headers: HeadersInit) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(private readonly send: (message: FromEngine) => void) {
    onCacheClear((scope) => {
      for (const { core } of this.sources.values()) if (scope === undefined || core.scope === scope) core.forget();
    });
  }

  async handle(message: ToEngine): Promise<void> {
    switch (message.type) {
      case 'open':
        return this.open(message.key, message.config);
      case 'close': {
        this.sources.get(message.key)?.stop();
        this.sources.delete(message.key);
        return;
      }
      case 'reload':
        await this.sources.get(message.key)?.core.reload();
        return this.send({ type: 'done', id: message.id });
      case 'query':
        return this.query(message.id, message.key, message.query);
      case 'queries':
        await Promise.all(message.items.map((item) => this.query(item.id, item.key, item.query)));
        return;
      case 'clear':
        await clearCache(message.scope);
        return this.send({ type: 'done', id: message.id });
      case 'encryption-keys':
        for (const [scope, key] of message.keys) setCacheEncryptionKey(scope, key);
        return;
      case 'configure-cache':
        configureCache({
          ...(message.budgetBytes !== undefined ? { budgetBytes: message.budgetBytes } : {}),
          ...(message.dbName ? { dbName: message.dbName } : {}),
          ...(message.disabled ? { disabled: message.disabled } : {}),
        });
        return;
      case 'headers': {
        const wait = this.headerWaits.get(message.id);
        this.headerWaits.delete(message.id);
        if (message.error) wait?.reject(new Error(message.error));
        else wait?.resolve(message.headers ?? []);
        return;
      }
    }
  }

  private open(key: string, config: Extract<ToEngine, { type: 'open' }>['config']): void {
    if (this.sources.has(key)) return;
    const { headerHook, ...rest } = config;
    const getHeaders = headerHook ? (context?: { status: number }) => this.askHeaders(key, rest.src ?? rest.querySrc ?? '', context?.status) : undefined;
    // A payload (`data`, `src`) wins over a query endpoint, as on the page (DataSource).
    const remote = rest.querySrc !== undefined && rest.src === undefined && rest.data === undefined;
    const core = remote ? new RemoteCore({ ...rest, querySrc: rest.querySrc!, getHeaders }) : new SourceCore({ ...rest, getHeaders });
    const stop = core.subscribe((snapshot, notices) => this.send({ type: 'source', key, snapshot: this.wire(core, snapshot), notices }));
    this.sources.set(key, { core, stop });
  }

  private wire(core: SourceCore | RemoteCore, snapshot: SourceSnapshot): WireSnapshot {
    const { value } = snapshot;
    if (!value) return { status: snapshot.status, error: snapshot.error };
    const { dataset, info, ...rest } = value;
    return { status: snapshot.status, error: snapshot.error, value: { ...rest, info: dataset ? infoOf(dataset) : (info ?? null), version: core.currentVersion ?? 'inline' } };
  }

  private async query(id: number, key: string, query: unknown): Promise<void> {
    const source = this.sources.get(key);
    if (!source) return this.send({ type: 'answer', id, error: { kind: 'internal', message: 'The source of this query was closed' } });
    try {
      // The metrics version in the key: answers an earlier kit stored (other formulas, other shapes) are computed again.
      const metric = (query as { metric?: unknown } | null)?.metric;
      const persist = !DRILL_METRICS.has(metric as string);
      const resultKey = `${METRICS_VERSION}:${stableKey(query)}`;
      const { core } = source;
      const result = core instanceof RemoteCore ? await core.answer(resultKey, query as Query, persist) : await core.answer(resultKey, (dataset) => answerQuery(dataset, query), persist);
      this.send({ type: 'answer', id, result });
    } catch (error) {
      const detail = error && typeof error === 'object' && 'kind' in error ? (error as { kind: string; message: string }) : { kind: 'internal', message: String(error) };
      this.send({ type: 'answer', id, error: detail as never });
    }
  }

  /** Headers and tokens stay with the page: ask its hook before each request, keep nothing. */
  private askHeaders(key: string, url: string, status?: number): Promise<HeadersInit> {
    const id = this.nextId++;
    return new Promise<HeadersInit>((resolve, reject) => {
      this.headerWaits.set(id, { resolve, reject });
      this.send({ type: 'need-headers', id, key, url, ...(status === undefined ? {} : { status }) });
    });
  }
}
