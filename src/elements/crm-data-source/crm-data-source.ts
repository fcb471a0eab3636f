import { LitElement, html } from 'lit';
// Direct modules, not the data barrel (which also carries the engine's validator).
import { DataSource, type SourceNotice } from '../../data/data-source.js';
import { sourceConfigOf } from '../../data/source-config.js';
import type { QueryFilters } from '../../contract/query.js';
import { SOURCE_READY } from '../base/data-controller.js';
import { CrmFilterChangeEvent, CrmSelectEvent, emit, noticeEvent } from '../base/events.js';
import { SourceFilters } from '../base/source-filters.js';

/**
 * `filters` as an attribute: the JSON of `QueryFilters`. Text that is not a JSON object counts as
 * none (with a warning); an object is checked by the engine with the query, whose error view names
 * the wrong path. No schema here: the validator stays the worker's.
 */
const filtersConverter = {
  fromAttribute(value: string | null): QueryFilters {
    if (!value) return {};
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as QueryFilters;
    } catch {
      // not JSON: as below
    }
    console.warn(`<crm-data-source filters>: not a JSON object, ignored: ${value.slice(0, 200)}`);
    return {};
  },
  toAttribute: (value: QueryFilters) => JSON.stringify(value),
};

/**
 * One data source for several widgets: one request, one validation, one cache entry.
 * Widgets name it with `source="<id>"` or sit inside it. It renders its children only.
 *
 * @summary Shared loader of a contract payload.
 * @slot - Widgets that use this source.
 * @event crm-load - The payload loaded and validated (also fired on each widget).
 * @event crm-error - The payload could not be loaded.
 * @event crm-data-warning - Rows were set aside, the copy is stale, or the cache fell back to memory.
 * @event crm-filter-change - With `cross-filter`, a pick in a widget filtered the others, or Escape cleared it.
 *
 * @attr filters - Filters for every bound widget, as `QueryFilters` JSON (docs/contract.md, "Filters").
 * @attr cross-filter - A pick in one widget (funnel stage, matrix cell, NPS group) filters the other widgets; Escape clears it.
 *
 * @example
 * <crm-data-source id="crm" src="/api/crm.json" scope="tenant-42" refresh="300"></crm-data-source>
 * <crm-nps-gauge source="crm"></crm-nps-gauge>
 *
 * @example
 * <crm-data-source id="crm" src="/api/crm.json" cross-filter filters='{"customer":{"region":["华东"]}}'></crm-data-source>
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
    filters: { converter: filtersConverter, noAccessor: true },
    crossFilter: { type: Boolean, attribute: 'cross-filter', reflect: true },
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

  /** With it, a pick in one bound widget filters the other bound widgets. */
  declare crossFilter: boolean;

  /** The store widgets subscribe to. */
  readonly dataSource: DataSource = new DataSource();
  /** The filters every bound widget's queries carry (the filter bar edits them). */
  readonly sourceFilters = new SourceFilters();
  private unsubscribe?: () => void;

  constructor() {
    super();
    this.crossFilter = false;
  }

  /** Filters for every bound widget (`QueryFilters`, docs/contract.md): for hosts with their own filter UI. */
  get filters(): QueryFilters {
    return this.sourceFilters.filters;
  }

  set filters(filters: QueryFilters | null | undefined) {
    const old = this.sourceFilters.filters;
    this.sourceFilters.filters = filters ?? {};
    this.requestUpdate('filters', old);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.configure();
    this.unsubscribe = this.dataSource.subscribe((_snapshot, notices) => this.announce(notices));
    document.addEventListener(CrmSelectEvent.type, this.onSelect);
    document.addEventListener('keydown', this.onKeydown);
    document.dispatchEvent(new Event(SOURCE_READY));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    document.removeEventListener(CrmSelectEvent.type, this.onSelect);
    document.removeEventListener('keydown', this.onKeydown);
  }

  /** Whether `element` is a widget bound to this source (by `source="id"` or inside it). */
  private binds(element: EventTarget | null): element is HTMLElement {
    if (!(element instanceof HTMLElement) || element === this || !element.localName.startsWith('crm-')) return false;
    // A framework may set `source` as a property only.
    const name = (element as { source?: unknown }).source ?? element.getAttribute('source');
    return name ? name === this.id : element.closest('crm-data-source') === this;
  }

  /** The bound widget an event came from (events from inside a widget's shadow root are retargeted to it). */
  private widgetOf(event: Event): HTMLElement | null {
    return event.composedPath().find((target): target is HTMLElement => this.binds(target)) ?? null;
  }

  private readonly onSelect = (event: CrmSelectEvent) => {
    if (!this.crossFilter) return;
    const widget = this.widgetOf(event);
    if (widget && this.sourceFilters.select(widget, event.detail)) this.changed('select');
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.crossFilter) return;
    const widget = this.widgetOf(event);
    if (!widget) return;
    // Escape in the bar clears every pick; in a widget, that widget's pick.
    const cleared = widget.localName === 'crm-filter-bar' ? this.sourceFilters.clearSelection() : this.sourceFilters.clearSelection(widget);
    if (cleared) this.changed('clear');
  };

  /** Report a change the user made, in contract terms. */
  private changed(cause: CrmFilterChangeEvent['detail']['cause']): void {
    emit(this, new CrmFilterChangeEvent({ filters: this.sourceFilters.filtersFor() ?? {}, cause }));
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
