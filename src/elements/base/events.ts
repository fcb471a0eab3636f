import type { PayloadError, QueryFilters, RowIssue } from '../../contract/index.js';
import type { SourceNotice } from '../../data/index.js';

/**
 * Every event of the kit bubbles and is composed, so a host page or a sibling widget
 * hears it from outside the shadow root. Names are `crm-` + kebab-case; each class carries
 * its name as `static type` and a typed `detail`.
 */
export abstract class CrmEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatch a kit event from `host`. Every event of the kit goes through here: the manifest
 * build (scripts/manifest.mjs) reads each `emit(…, new XEvent(…))` call to list the event
 * with its name and type, which an inline `this.dispatchEvent(new …)` would leave nameless.
 */
export function emit(host: EventTarget, event: CrmEvent<unknown>): boolean {
  return host.dispatchEvent(event);
}

/** What a user picked, in contract terms. Fired on user action only, never on programmatic change. */
export type SelectDetail =
  | { kind: 'nps-category'; category: 'promoters' | 'passives' | 'detractors'; count: number; share: number | null }
  | { kind: 'nps-period'; period: string; score: number | null; responses: number }
  | { kind: 'stage'; stage: string; count: number; conversionFromPrevious: number | null; conversionFromFirst: number | null; dropOff: number; medianTimeFromPreviousMs: number | null; group?: string }
  | { kind: 'cell'; x: number; y: number; xAxis: 'r' | 'f' | 'm'; yAxis: 'r' | 'f' | 'm'; count: number; customerIds: string[] }
  | { kind: 'customer'; customerId: string }
  | { kind: 'timeline-item'; customerId: string; item: { kind: string; id: string; date: string } };

/** `crm-select`: the user picked something; `detail` says what (see `SelectDetail`). */
export class CrmSelectEvent extends CrmEvent<SelectDetail> {
  static readonly type = 'crm-select';
  constructor(detail: SelectDetail) {
    super(CrmSelectEvent.type, detail);
  }
}

export interface FilterChangeDetail {
  /** Every filter now in force on the source, cross-filter selections included, in contract terms (`QueryFilters`). */
  filters: QueryFilters;
  /** What changed them: the filter bar, a pick in a cross-filtered widget, or clearing picks (Escape, a chip). */
  cause: 'bar' | 'select' | 'clear';
}

/** `crm-filter-change`: the user changed a source's filters. Not fired when a host sets `filters`. */
export class CrmFilterChangeEvent extends CrmEvent<FilterChangeDetail> {
  static readonly type = 'crm-filter-change';
  constructor(detail: FilterChangeDetail) {
    super(CrmFilterChangeEvent.type, detail);
  }
}

export interface LoadDetail {
  /** Rows per collection that passed validation. */
  rows: Record<string, number>;
  rejected: number;
  fromCache: boolean;
  stale: boolean;
  /** Collections absent from the payload: what needs them is not measured. */
  absent: string[];
}

/** `crm-load`: data arrived from the network or the cache. */
export class CrmLoadEvent extends CrmEvent<LoadDetail> {
  static readonly type = 'crm-load';
  constructor(detail: LoadDetail) {
    super(CrmLoadEvent.type, detail);
  }
}

/** What went wrong; `no-source` comes from the widget itself, after its grace period. */
export type DataErrorKind = 'network' | 'timeout' | 'http' | 'not-json' | 'html' | 'too-large' | 'payload' | 'not-found' | 'internal' | 'no-source';

export interface ErrorDetail {
  kind: DataErrorKind;
  /** English message for logs; the element shows a localized one. */
  message: string;
  status?: number;
  /** For `payload`: what was wrong at the top level. */
  payloadError?: PayloadError;
}

/** `crm-error`: data could not be loaded; the widget shows its error view. */
export class CrmErrorEvent extends CrmEvent<ErrorDetail> {
  static readonly type = 'crm-error';
  constructor(detail: ErrorDetail) {
    super(CrmErrorEvent.type, detail);
  }
}

export type DataWarningKind = 'rows-set-aside' | 'cache-unavailable' | 'cache-discarded' | 'worker-unavailable' | 'stale' | 'as-of-missing';

export interface DataWarningDetail {
  kind: DataWarningKind;
  message: string;
  /** For `rows-set-aside`: how many, and the first reasons. */
  rejected?: number;
  issues?: RowIssue[];
}

/** `crm-data-warning`: rows were set aside, the cache was unavailable, the copy is stale or `asOf` was missing. */
export class CrmDataWarningEvent extends CrmEvent<DataWarningDetail> {
  static readonly type = 'crm-data-warning';
  constructor(detail: DataWarningDetail) {
    super(CrmDataWarningEvent.type, detail);
  }
}

/** What a widget showed first: its chart (or table), or a view that says there is nothing for the selection. */
export interface RenderDetail {
  view: 'ready' | 'empty';
  fromCache: boolean;
  stale: boolean;
}

/** The widget drew its data for the first time and answers clicks and keys (as Tableau's `firstinteractive`). Fired once. */
export class CrmRenderEvent extends CrmEvent<RenderDetail> {
  static readonly type = 'crm-render';
  constructor(detail: RenderDetail) {
    super(CrmRenderEvent.type, detail);
  }
}

/** The event a data source's notice stands for (the same on a widget and on `<crm-data-source>`). */
export function noticeEvent(notice: SourceNotice): CrmLoadEvent | CrmErrorEvent | CrmDataWarningEvent {
  if (notice.type === 'load') return new CrmLoadEvent(notice.detail);
  if (notice.type === 'error') return new CrmErrorEvent(notice.detail);
  return new CrmDataWarningEvent(notice.detail);
}

/** Every event of the kit by name, so `addEventListener('crm-select', (e) => e.detail…)` is typed. */
export interface CrmEventMap {
  'crm-select': CrmSelectEvent;
  'crm-load': CrmLoadEvent;
  'crm-error': CrmErrorEvent;
  'crm-data-warning': CrmDataWarningEvent;
  'crm-render': CrmRenderEvent;
  'crm-filter-change': CrmFilterChangeEvent;
}

declare global {
  // Elements and `document`/`window` listeners, and `on…` handler typings built on the global map.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CrmEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends CrmEventMap {}
}
