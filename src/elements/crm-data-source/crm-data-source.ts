import { LitElement, html } from 'lit';
import { DataSource, sourceConfigOf, type SourceNotice } from '../../data/index.js';
import { SOURCE_READY } from '../base/data-controller.js';
import { emit, noticeEvent } from '../base/events.js';

/**
 * One data source for several widgets: one request, one validation, one cache entry.
 * Widgets name it with `source="<id>"` or sit inside it. It renders its children only.
 *
 * @summary Shared loader of a contract payload.
 * @slot - Widgets that use this source.
 * @event crm-load - The payload loaded and validated (also fired on each widget).
 * @event crm-error - The payload could not be loaded.
 * @event crm-data-warning - Rows were set aside, the copy is stale, or the cache fell back to memory.
 *
 * @example
 * <crm-data-source id="crm" src="/api/crm.json" scope="tenant-42" refresh="300"></crm-data-source>
 * <crm-nps-gauge source="crm"></crm-nps-gauge>
 */
export class CrmDataSource extends LitElement {
  static override properties = {
    src: {},
    querySrc: { attribute: 'query-src' },
    data: { attribute: false },
    scope: {},
    cache: {},
    cacheTtl: { type: Number, attribute: 'cache-ttl' },
    refresh: { type: Number },
    credentials: {},
    headers: { attribute: false },
    getHeaders: { attribute: false },
    timeout: { type: Number },
    maxBytes: { type: Number, attribute: 'max-bytes' },
    cacheFields: { attribute: false },
    workerThreshold: { type: Number, attribute: 'worker-threshold' },
  };

  /** URL of the contract payload. */
  declare src?: string;
  /** URL of a query endpoint (a warehouse, docs/scale.md): the widgets' queries are answered there instead. */
  declare querySrc?: string;
  /** A payload already in memory; wins over `src`. */
  declare data?: unknown;
  /** Tenant or user id that partitions the cache. */
  declare scope?: string;
  /** `indexeddb` (default), `memory` or `none`. */
  declare cache?: 'indexeddb' | 'memory' | 'none';
  /** Seconds a cached copy is used without asking the server. */
  declare cacheTtl?: number;
  /** Seconds between polls. */
  declare refresh?: number;
  /** `same-origin` (default), `include` or `omit`. */
  declare credentials?: RequestCredentials;
  /** Extra request headers. */
  declare headers?: HeadersInit;
  /** Called before each request, e.g. to refresh a bearer token. */
  declare getHeaders?: () => HeadersInit | Promise<HeadersInit>;
  /** Seconds per request attempt (default 30). */
  declare timeout?: number;
  /** Largest body accepted in bytes (default 256 MB). */
  declare maxBytes?: number;
  /** `collection.field` paths kept in the cache; unset keeps everything. */
  declare cacheFields?: string[];
  /** Body size in bytes from which parsing moves to a worker. */
  declare workerThreshold?: number;

  /** The store widgets subscribe to. */
  readonly dataSource: DataSource = new DataSource();
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.configure();
    this.unsubscribe = this.dataSource.subscribe((_snapshot, notices) => this.announce(notices));
    document.dispatchEvent(new Event(SOURCE_READY));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Load again now (conditionally when cached). Resolves when done; never rejects. */
  reload(): Promise<void> {
    return this.dataSource.reload();
  }

  protected override willUpdate(): void {
    this.configure();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private configure(): void {
    this.dataSource.configure(sourceConfigOf(this));
  }

  private announce(notices: SourceNotice[]): void {
    for (const notice of notices) emit(this, noticeEvent(notice));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-data-source': CrmDataSource;
  }
}
