import type { Dataset } from '../contract/index.js';
import { onCacheClear } from './cache.js';
import { sameConfig, type SourceConfig } from './source-config.js';
import { loadKey, SourceCore } from './source-core.js';
import { isPageNotice, type SourceListener, type SourceSnapshot } from './source-state.js';

export * from './source-state.js';

/** How long a loaded source nobody shows is kept, so a widget mounted again soon needs no request (as TanStack Query's gcTime). */
export const INACTIVE_SOURCE_MS = 5 * 60_000;

/** Every load of the page by its key: two widgets with the same `src` (or a widget and a `<crm-data-source>`) share one. */
const cores = new Map<string, { core: SourceCore; users: number; timer?: ReturnType<typeof setTimeout> }>();

function acquire(config: SourceConfig): SourceCore {
  const key = loadKey(config);
  let entry = cores.get(key);
  if (!entry) cores.set(key, (entry = { core: new SourceCore(config), users: 0 }));
  entry.users++;
  clearTimeout(entry.timer);
  entry.core.setHooks(config);
  return entry.core;
}

function release(core: SourceCore): void {
  for (const [key, entry] of cores) {
    if (entry.core !== core) continue;
    if (--entry.users > 0) return;
    entry.timer = setTimeout(() => cores.delete(key), INACTIVE_SOURCE_MS);
    return;
  }
}

/**
 * Drop every loaded source of the page, as a reload of the page would (the caches stay).
 * For tests that play several page visits in one page.
 */
export function forgetLoadedSources(): void {
  for (const entry of cores.values()) clearTimeout(entry.timer);
  cores.clear();
}

onCacheClear((scope) => {
  for (const [key, entry] of cores) {
    if (scope !== undefined && entry.core.scope !== scope) continue;
    entry.core.forget();
    cores.delete(key);
  }
});

/**
 * What a widget or `<crm-data-source>` holds: its load configuration and a subscription to
 * the page's shared load for it. `configure` may point it at another load (a new `src`);
 * its listeners follow. Data handed over inline (`data`) is never shared: it needs no request.
 */
export class DataSource {
  private config: SourceConfig = {};
  private core?: SourceCore;
  private shared = false;
  private listeners = new Set<SourceListener>();
  private detachCore?: () => void;

  get state(): SourceSnapshot {
    return this.core?.state ?? { status: 'initial' };
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Apply new properties; follows another load when they name a different one. */
  configure(config: SourceConfig): void {
    if (sameConfig(this.config, config) && this.core) return;
    const previous = this.config;
    this.config = { ...config };
    if (this.core && this.shared && config.data === undefined && loadKey(previous) === loadKey(config)) {
      this.core.setHooks(config);
      return;
    }
    if (this.core && !this.shared && config.data !== undefined && previous.data === config.data && loadKey(previous) === loadKey(config)) return;
    this.switchTo(config);
  }

  private switchTo(config: SourceConfig): void {
    const old = this.core;
    const wasShared = this.shared;
    this.detachCore?.();
    this.detachCore = undefined;
    this.shared = config.data === undefined && Boolean(config.src);
    this.core = this.shared ? acquire(config) : new SourceCore(config);
    if (this.active) this.attach();
    if (old && wasShared) release(old);
  }

  private attach(): void {
    const fanOut: SourceListener = (snapshot, notices) => {
      let first = true;
      for (const listener of [...this.listeners]) {
        // Page-wide notices reach the first listener only (see SourceCore.emit).
        listener(snapshot, first ? notices : notices.filter((notice) => !isPageNotice(notice)));
        first = false;
      }
    };
    this.detachCore = this.core!.subscribe(fanOut);
  }

  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    if (!this.core) this.switchTo(this.config);
    else if (this.listeners.size === 1) this.attach();
    else if (this.core.state.status !== 'initial') listener(this.core.state, []);
    return () => {
      this.listeners.delete(listener);
      if (!this.active) {
        this.detachCore?.();
        this.detachCore = undefined;
      }
    };
  }

  /** Fetch again now (conditionally when a cached copy exists). Never rejects. */
  reload(): Promise<void> {
    return this.core?.reload() ?? Promise.resolve();
  }

  /** Stop listening (the shared load stops when no one else listens). */
  stop(): void {
    this.detachCore?.();
    this.detachCore = undefined;
  }

  /** Memoized per dataset + name + options and shared by everyone on the same load; see SourceCore.result. */
  result<T>(name: string, options: unknown, compute: (dataset: Dataset) => T): T | undefined {
    return this.core?.result(name, options, compute);
  }

  /** Settles when the load in progress does (for tests and `reload()` callers). */
  settled(): Promise<void> {
    return this.core?.settled() ?? Promise.resolve();
  }
}
