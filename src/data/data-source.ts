import { engineClient } from './client/engine-client.js';
import type { ClientListener, ClientSnapshot } from './client/client-source.js';
import type { ClientSource } from './client/client-source.js';
import { loadKey, remoteKey } from './load-key.js';
import { sameConfig, type SourceConfig } from './source-config.js';
import { isPageNotice } from './source-state.js';

export * from './source-state.js';
export { INACTIVE_SOURCE_MS } from './client/engine-client.js';
export type { ClientSnapshot, ClientListener } from './client/client-source.js';

let inlineIds = 0;
const inlineKeys = new WeakMap<object, string>();
/** Inline data is its own load: by object identity (or the text itself), never shared with a URL. */
function inlineKey(data: unknown): string {
  if (data !== null && typeof data === 'object') {
    let key = inlineKeys.get(data);
    if (!key) inlineKeys.set(data, (key = `inline:${inlineIds++}`));
    return key;
  }
  return `inline-text:${inlineIds++}`;
}

/**
 * What a widget or `<crm-data-source>` holds: its load configuration and a subscription to
 * the page's shared load for it (`ClientSource`). `configure` may point it at another load
 * (a new `src`); its listeners follow. The dataset itself stays in the engine.
 */
export class DataSource {
  private config: SourceConfig = {};
  private configured = false;
  private key?: string;
  private source?: ClientSource;
  private readonly listeners = new Set<ClientListener>();
  private detach?: () => void;

  get state(): ClientSnapshot {
    return this.source?.state ?? { status: 'initial' };
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** The shared load this source follows now (undefined before it has a `src` or `data`). */
  get shared(): ClientSource | undefined {
    return this.source;
  }

  /** Apply new properties; follows another load when they name a different one. */
  configure(config: SourceConfig): void {
    // The same configuration again (every host update configures): nothing to follow anew.
    if (this.configured && sameConfig(this.config, config)) return;
    this.configured = true;
    const previous = this.config;
    this.config = { ...config };
    const sameData = config.data !== undefined && config.data === previous.data;
    // A payload (`data`, `src`) wins over a query endpoint (`querySrc`).
    const key =
      config.data !== undefined ? (sameData && this.key ? this.key : inlineKey(config.data)) : config.src ? loadKey(config) : config.querySrc ? remoteKey(config) : undefined;
    if (key && key === this.key && this.source) {
      this.source.setHooks(config);
      return;
    }
    this.follow(key);
  }

  private follow(key: string | undefined): void {
    this.detach?.();
    this.detach = undefined;
    this.key = key;
    this.source = key ? engineClient().source(this.config, key) : undefined;
    if (this.active) this.attach();
    else if (!this.source) this.fanOut({ status: 'initial' }, []);
  }

  private attach(): void {
    if (!this.source) return this.fanOut({ status: 'initial' }, []);
    this.detach = this.source.subscribe((snapshot, notices) => this.fanOut(snapshot, notices));
  }

  private fanOut(snapshot: ClientSnapshot, notices: Parameters<ClientListener>[1]): void {
    let first = true;
    for (const listener of [...this.listeners]) {
      // Page-wide notices reach one listener, as ClientSource hands them to one.
      listener(snapshot, first ? notices : notices.filter((notice) => !isPageNotice(notice)));
      first = false;
    }
  }

  subscribe(listener: ClientListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.attach();
    else if (this.state.status !== 'initial') listener(this.state, []);
    return () => {
      this.listeners.delete(listener);
      if (!this.active) {
        this.detach?.();
        this.detach = undefined;
      }
    };
  }

  /** Fetch again now (conditionally when a cached copy exists). Never rejects. */
  reload(): Promise<void> {
    return this.source?.reload() ?? Promise.resolve();
  }

  /** Stop listening (the shared load stays a while for whoever mounts next). */
  stop(): void {
    this.detach?.();
    this.detach = undefined;
  }
}

/** Drop every loaded source of the page, as a reload of the page would (the caches stay). For tests. */
export function forgetLoadedSources(): void {
  engineClient().forgetSources();
}
