import type { DatasetInfo } from './engine/wire.js';
import type { Dataset, ValidationSummary } from '../contract/index.js';
import { absentCollections } from '../metrics/measured.js';
import type { DataErrorDetail } from './data-error.js';

export type SourceStatus = 'initial' | 'pending' | 'complete' | 'error';

/** A source's state inside the engine, with its dataset (the page sees `DataState`, without it). */
export interface EngineState {
  /** Null only while a warm load renders from cached results before the dataset is read back. */
  dataset: Dataset | null;
  summary: ValidationSummary;
  /** A cached copy the server has not confirmed (revalidating, or the server is unreachable). */
  stale: boolean;
  /** Milliseconds since the copy shown was fetched or last confirmed by the server. */
  ageMs: number;
  fromCache: boolean;
  /** Where the data came from, for the footer: the URL, or "data property". */
  sourceLabel: string;
  /** What a warm paint knows of the dataset before it is read back (stored with the cached answers). */
  info?: DatasetInfo | null;
}

/** Structurally the detail of `crm-load`. */
export interface LoadNotice {
  rows: Record<string, number>;
  rejected: number;
  fromCache: boolean;
  stale: boolean;
  /** Collections the payload did not carry (not measured, unlike an empty one). */
  absent: string[];
}

export type WarningKind = 'rows-set-aside' | 'cache-unavailable' | 'cache-discarded' | 'worker-unavailable' | 'stale' | 'as-of-missing';

/** Structurally the detail of `crm-data-warning`. */
export interface WarningNotice {
  kind: WarningKind;
  message: string;
  rejected?: number;
  issues?: ValidationSummary['issues'];
}

export type SourceNotice =
  | { type: 'load'; detail: LoadNotice }
  | { type: 'error'; detail: DataErrorDetail }
  | { type: 'warning'; detail: WarningNotice };

export interface SourceSnapshot {
  status: SourceStatus;
  value?: EngineState;
  error?: DataErrorDetail;
}

export type SourceListener = (snapshot: SourceSnapshot, notices: SourceNotice[]) => void;

/** Bodies from this size on are parsed and validated in the worker. */
export const DEFAULT_WORKER_THRESHOLD = 512 * 1024;

/** Warnings about the page rather than one source: the page hears each once. */
const PAGE_WARNINGS: ReadonlySet<WarningKind> = new Set(['cache-unavailable', 'worker-unavailable']);
export const isPageNotice = (notice: SourceNotice) => notice.type === 'warning' && PAGE_WARNINGS.has(notice.detail.kind);

export function describeAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

export function loadNotice(value: EngineState): LoadNotice {
  const rows: Record<string, number> = {};
  if (value.dataset) {
    for (const [name, count] of Object.entries(value.summary.received)) rows[name] = count - (value.summary.rejected as Record<string, number>)[name]!;
  }
  const absent = value.dataset ? absentCollections(value.dataset) : [];
  return { rows, rejected: value.summary.rejectedTotal, fromCache: value.fromCache, stale: value.stale, absent };
}

/** Warnings that accompany a freshly validated dataset. */
export function datasetWarnings(state: EngineState): WarningNotice[] {
  const warnings: WarningNotice[] = [];
  const { summary, dataset } = state;
  if (summary.rejectedTotal > 0) {
    warnings.push({
      kind: 'rows-set-aside',
      message: `${summary.rejectedTotal} row${summary.rejectedTotal === 1 ? '' : 's'} set aside by validation; first: ${summary.issues[0]?.message ?? 'n/a'}`,
      rejected: summary.rejectedTotal,
      issues: summary.issues.slice(0, 20),
    });
  }
  if (dataset && !dataset.asOfFromPayload) {
    warnings.push({ kind: 'as-of-missing', message: `${state.sourceLabel}: payload has no asOf; the load time stands in` });
  }
  return warnings;
}
