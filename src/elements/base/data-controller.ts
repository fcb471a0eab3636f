/**
 * The one loading controller of the kit, in the shape of @lit/task: `status`, `value`,
 * `error`, `render({ pending, complete, error })`, aborting on change and disconnect.
 *
 * Where the data comes from, first match wins: the host's `data` property, its `src`,
 * the `<crm-data-source>` whose id is the host's `source`, or a `<crm-data-source>`
 * wrapping the host. Widgets that share a source share one request, one validation,
 * one cache entry and one memo of results.
 *
 * Additions to the interface first agreed (all optional, so hosts need not declare them):
 * `timeout`, `maxBytes`, `cacheFields`, `workerThreshold` on `DataHost`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Dataset } from '../../contract/index.js';
import { DataSource, sourceConfigOf, type DataState, type SourceConfig, type SourceNotice, type SourceSnapshot } from '../../data/index.js';
import { emit, noticeEvent, type ErrorDetail } from './events.js';

export type { DataState } from '../../data/index.js';

/** A widget: the load configuration as properties, plus the id of a shared source. */
export interface DataHost extends ReactiveControllerHost, HTMLElement, SourceConfig {
  source?: string;
}

export type DataStatus = 'initial' | 'pending' | 'complete' | 'error';

/** What `<crm-data-source>` exposes; duck-typed so widgets need not import the element. */
interface SourceElement extends HTMLElement {
  dataSource?: DataSource;
}

const SOURCE_TAG = 'crm-data-source';
/** Fired on `document` by `<crm-data-source>` when it connects, so widgets waiting for it attach. */
export const SOURCE_READY = 'crm-data-source-ready';

export class DataController implements ReactiveController {
  status: DataStatus = 'initial';
  value?: DataState;
  error?: ErrorDetail;

  private readonly host: DataHost;
  private readonly own = new DataSource();
  private current?: DataSource;
  private unsubscribe?: () => void;
  /** The shared source's name being waited for, while its element is not there yet. */
  private waitingFor?: string;
  private connected = false;
  private waiting = false;

  constructor(host: DataHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  hostUpdate(): void {
    this.sync();
  }

  render<T>(renderers: {
    initial?: () => T;
    pending?: () => T;
    complete?: (value: DataState) => T;
    error?: (error: ErrorDetail) => T;
  }): T | undefined {
    switch (this.status) {
      case 'initial':
        return renderers.initial?.();
      case 'pending':
        return renderers.pending?.();
      case 'complete':
        return renderers.complete?.(this.value!);
      case 'error':
        return renderers.error?.(this.error!);
    }
  }

  /**
   * Memoized per dataset + name + options; persisted in the IDB results store
   * (cache="indexeddb") so a warm load can draw from results before the dataset is
   * read back. Returns undefined when neither the dataset nor a cached result is
   * available yet. `options` must be JSON-serializable; the result structured-cloneable.
   */
  result<T>(name: string, options: unknown, compute: (dataset: Dataset) => T): T | undefined {
    try {
      return this.current?.result(name, options, compute);
    } catch (error) {
      // A metric that throws must not take the page down; the widget shows its error view.
      this.setSnapshot({ status: 'error', error: { kind: 'internal', message: `${name}: ${error instanceof Error ? error.message : String(error)}` } });
      return undefined;
    }
  }

  /** Load again now; resolves when done, never rejects. */
  reload(): Promise<void> {
    return this.current?.reload() ?? Promise.resolve();
  }

  /** Which source should serve the host now: its own, a shared one, or none found yet. */
  private pick(): DataSource | undefined {
    const host = this.host;
    this.waitingFor = undefined;
    if ((host.data ?? undefined) !== undefined || host.src) return this.own;
    const name = host.source;
    const root = host.getRootNode() as Document | ShadowRoot;
    const element = (name ? (root.getElementById?.(name) ?? document.getElementById(name)) : host.closest(SOURCE_TAG)) as SourceElement | null;
    if (element?.dataSource) return element.dataSource;
    if (name || element) this.waitingFor = name ?? SOURCE_TAG;
    return undefined;
  }

  private sync(): void {
    if (!this.connected) return;
    const next = this.pick();
    if (next === this.own) this.own.configure(sourceConfigOf(this.host));
    if (next !== this.current || (!next && this.waitingFor && !this.waiting)) {
      this.detach();
      this.current = next;
      if (next) this.unsubscribe = next.subscribe((snapshot, notices) => this.receive(snapshot, notices));
      else if (this.waitingFor) this.waitForSource();
    }
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.current = undefined;
    this.waiting = false;
    document.removeEventListener(SOURCE_READY, this.onSourceReady);
    removeEventListener('load', this.onPageLoaded);
  }

  private readonly onSourceReady = () => {
    if (this.waitingFor) this.sync();
  };

  private readonly onPageLoaded = () => {
    if (!this.waitingFor || this.current) return;
    this.sync();
    if (this.current || !this.waitingFor) return;
    const detail: ErrorDetail = { kind: 'not-found', message: `No <crm-data-source id="${this.waitingFor}"> on the page` };
    this.setSnapshot({ status: 'error', error: detail }, [{ type: 'error', detail }]);
  };

  private waitForSource(): void {
    this.waiting = true;
    this.setSnapshot({ status: 'pending' });
    document.addEventListener(SOURCE_READY, this.onSourceReady);
    void customElements.whenDefined(SOURCE_TAG).then(this.onSourceReady);
    if (document.readyState === 'complete') queueMicrotask(this.onPageLoaded);
    else addEventListener('load', this.onPageLoaded, { once: true });
  }

  private receive(snapshot: SourceSnapshot, notices: SourceNotice[]): void {
    this.setSnapshot(snapshot, notices);
  }

  private setSnapshot(snapshot: SourceSnapshot, notices: SourceNotice[] = []): void {
    this.status = snapshot.status;
    this.value = snapshot.value;
    this.error = snapshot.error;
    this.host.requestUpdate();
    for (const notice of notices) emit(this.host, noticeEvent(notice));
  }
}
