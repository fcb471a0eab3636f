/**
 * The one loading controller of the kit, in the shape of @lit/task: `status`, `value`,
 * `error`, `render({ pending, complete, error })`, `taskComplete`, aborting on change and
 * disconnect. It follows a source (where the data comes from) and asks it queries (what a
 * widget shows); the data engine answers them in its worker, so the widget never holds a
 * dataset — only the few kilobytes its view needs.
 *
 * Where the data comes from, first match wins: the host's `data` property, its `src`,
 * the `<crm-data-source>` whose id is the host's `source`, or a `<crm-data-source>`
 * wrapping the host. Every widget and source naming the same load shares one request,
 * one validation, one cache entry and one set of answers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Metric, QueryFilters, QueryOf, ResultOf } from '../../contract/query.js';
// Direct modules, not the data barrel (which also carries the engine's validator).
import { DataSource, type SourceNotice } from '../../data/data-source.js';
import { sourceConfigOf, type SourceConfig } from '../../data/source-config.js';
import type { ClientSnapshot, DataState } from '../../data/index.js';
import type { Period } from '../../metrics/types.js';
import { emit, noticeEvent, type ErrorDetail } from './events.js';
import { previousPeriod } from '../../metrics/previous-period.js';
import type { SourceFilters } from './source-filters.js';

/** A query as asked now, or the same one over the period before the source's time filter (docs/metrics.md). */
export type QueryWhen = 'now' | 'previous-period';

export type { DataState } from '../../data/index.js';

/** A widget: the load configuration as properties, plus the id of a shared source. */
export interface DataHost extends ReactiveControllerHost, HTMLElement, SourceConfig {
  source?: string;
  /** LitElement's: an update is queued. */
  readonly isUpdatePending: boolean;
  /** Asks without the source's filters (the filter bar lists what the whole dataset holds). */
  readonly unfiltered?: boolean;
}

export type DataStatus = 'initial' | 'pending' | 'complete' | 'error';

/** What `<crm-data-source>` exposes; duck-typed so widgets need not import the element. */
interface SourceElement extends HTMLElement {
  dataSource?: DataSource;
  sourceFilters?: SourceFilters;
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
  /** The `<crm-data-source>` followed, whose filters every query carries. */
  private element?: SourceElement;
  private unsubscribeFilters?: () => void;
  /** The shared source's name being waited for, while its element is not there yet. */
  private waitingFor?: string;
  private connected = false;
  private waiting = false;
  /** Queries the view needs, asked by the render in progress, that have no answer yet. */
  private unanswered = new Set<Promise<unknown>>();
  /** Every question still on its way (lookups too): what `taskComplete` waits for. */
  private inFlight = new Set<Promise<unknown>>();
  private completion?: { promise: Promise<void>; resolve: () => void };

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
    this.unanswered = new Set();
  }

  hostUpdated(): void {
    if (this.settledNow()) this.completion?.resolve();
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
   * The answer to a query about the source's data, or undefined while the engine works on
   * it (the host renders again when it arrives). Asked at most once per dataset version,
   * however many widgets ask the same query. A query the engine cannot answer puts the
   * widget in its error view.
   */
  query<M extends Metric>(metric: M, options: QueryOf<M>['options']): ResultOf<M> | undefined {
    return this.request(metric, options, true);
  }

  /**
   * The same, for what the view can draw without (a drill-down page, asked on demand): an
   * unanswered lookup does not hold the widget in its loading view.
   */
  lookup<M extends Metric>(metric: M, options: QueryOf<M>['options'], when: QueryWhen = 'now'): ResultOf<M> | undefined {
    return this.request(metric, options, false, when);
  }

  private request<M extends Metric>(metric: M, options: QueryOf<M>['options'], needed: boolean, when: QueryWhen = 'now'): ResultOf<M> | undefined {
    const shared = this.current?.shared;
    if (!shared || this.status !== 'complete') return undefined;
    const query = this.queryOf(metric, options, when);
    if (!query) return undefined;
    const known = shared.known(query);
    if (known?.settled) {
      if (known.error) this.fail(known.error);
      return known.value as ResultOf<M> | undefined;
    }
    const asked = known ?? shared.query(query);
    if (needed) this.unanswered.add(asked.promise);
    if (!this.inFlight.has(asked.promise)) {
      this.inFlight.add(asked.promise);
      const arrived = () => {
        this.inFlight.delete(asked.promise);
        this.host.requestUpdate();
      };
      void asked.promise.then(arrived, arrived);
    }
    return undefined;
  }

  /** Ask without rendering (a click that needs a cell's customer ids); rejects with the engine's error. */
  async ask<M extends Metric>(metric: M, options: QueryOf<M>['options']): Promise<ResultOf<M>> {
    const shared = this.current?.shared;
    if (!shared) throw new Error('No data source');
    return (await shared.query(this.queryOf(metric, options, 'now')!).promise) as ResultOf<M>;
  }

  /** The filters of the followed `<crm-data-source>` (the bar edits them), if any. */
  get sourceFilters(): SourceFilters | undefined {
    return this.element?.sourceFilters;
  }

  /**
   * A query with the source's filters for this widget: without, when nothing filters (the same key
   * as before filters). For the previous period, the time filter is replaced by the period before
   * it; null when there is no time filter to go back from.
   */
  private queryOf<M extends Metric>(metric: M, options: QueryOf<M>['options'], when: QueryWhen): QueryOf<M> | null {
    const filters = this.filters;
    if (when === 'now') return (filters ? { metric, options, filters } : { metric, options }) as QueryOf<M>;
    const asOf = this.value?.info?.asOf;
    const before = filters?.time && asOf !== undefined ? previousPeriod(filters.time, asOf) : null;
    return before ? ({ metric, options, filters: { ...filters, time: before } } as QueryOf<M>) : null;
  }

  /** The filters the source sets for this widget (its own cross-filter pick left out), if any: what its queries carry. */
  get filters(): QueryFilters | undefined {
    return this.host.unfiltered ? undefined : this.element?.sourceFilters?.filtersFor(this.host);
  }

  /** The time filter the source sets for this widget, if any. */
  get timeFilter(): Period | undefined {
    return this.filters?.time;
  }

  /** Whether every query of the last render has its answer. */
  get answered(): boolean {
    return this.unanswered.size === 0;
  }

  /**
   * Settles when the source has settled (loaded, failed, or nothing to load) and every
   * query the widget asked is answered and drawn: what tests and hosts wait on, like
   * Lit Task's `taskComplete`.
   */
  get taskComplete(): Promise<void> {
    if (this.settledNow()) return Promise.resolve();
    if (!this.completion) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.completion = {
        promise,
        resolve: () => {
          this.completion = undefined;
          resolve();
        },
      };
    }
    return this.completion.promise;
  }

  private settledNow(): boolean {
    // Nothing to load from (no data, src or source: the "no data source" view) is settled too.
    if (!this.current && !this.waitingFor) return !this.host.isUpdatePending;
    return (this.status === 'complete' && this.answered && this.inFlight.size === 0 && !this.host.isUpdatePending) || this.status === 'error';
  }

  /** Load again now; resolves when done, never rejects. */
  reload(): Promise<void> {
    return this.current?.reload() ?? Promise.resolve();
  }

  private fail(detail: ErrorDetail): void {
    if (this.status === 'error') return;
    this.setSnapshot({ status: 'error', error: detail }, [{ type: 'error', detail }]);
  }

  /** Which source should serve the host now: its own, a shared one, or none found yet. */
  private pick(): DataSource | undefined {
    const host = this.host;
    this.waitingFor = undefined;
    this.element = undefined;
    if ((host.data ?? undefined) !== undefined || host.src || host.querySrc) return this.own;
    const name = host.source;
    const root = host.getRootNode() as Document | ShadowRoot;
    const element = (name ? (root.getElementById?.(name) ?? document.getElementById(name)) : host.closest(SOURCE_TAG)) as SourceElement | null;
    if (element?.dataSource) {
      this.element = element;
      return element.dataSource;
    }
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
      if (next) this.unsubscribe = next.subscribe((snapshot, notices) => this.setSnapshot(snapshot, notices));
      if (next && next !== this.own) this.unsubscribeFilters = this.element?.sourceFilters?.subscribe(() => this.host.requestUpdate());
      else if (this.waitingFor) this.waitForSource();
    }
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unsubscribeFilters?.();
    this.unsubscribeFilters = undefined;
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
    // The source is on the page but not defined yet (the lazy loader is still fetching its chunk):
    // whenDefined() syncs once it is, so this is no error.
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const named = root.getElementById?.(this.waitingFor) ?? document.getElementById(this.waitingFor);
    if (named?.localName === SOURCE_TAG && !customElements.get(SOURCE_TAG)) return;
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

  private setSnapshot(snapshot: ClientSnapshot, notices: SourceNotice[] = []): void {
    this.status = snapshot.status;
    this.value = snapshot.value;
    this.error = snapshot.error;
    this.host.requestUpdate();
    for (const notice of notices) emit(this.host, noticeEvent(notice));
  }
}
