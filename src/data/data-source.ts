import type { Dataset, ValidationSummary } from '../contract/index.js';
import { isAbort, toErrorDetail, type DataErrorDetail } from './data-error.js';
import { DEFAULT_TIMEOUT_MS, fetchPayload } from './fetch-payload.js';
import { sameConfig, sameDataset, type SourceConfig } from './source-config.js';
import { stableKey } from './stable-key.js';
import { decodeDataset, validateDataset, type ValidatedDataset } from './validate-dataset.js';

export type SourceStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface DataState {
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
}

/** Structurally the detail of `crm-load`. */
export interface LoadNotice {
  rows: Record<string, number>;
  rejected: number;
  fromCache: boolean;
  stale: boolean;
}

/** Structurally the detail of `crm-data-warning`. */
export interface WarningNotice {
  kind: 'rows-set-aside' | 'cache-unavailable' | 'stale' | 'as-of-missing';
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
  value?: DataState;
  error?: DataErrorDetail;
}

export type SourceListener = (snapshot: SourceSnapshot, notices: SourceNotice[]) => void;

/** Validated in-memory payloads, so widgets handed the same object validate it once. */
const validatedObjects = new WeakMap<object, ValidatedDataset>();

export function loadNotice(value: DataState): LoadNotice {
  const rows: Record<string, number> = {};
  if (value.dataset) {
    for (const [name, count] of Object.entries(value.summary.received)) rows[name] = count - (value.summary.rejected as Record<string, number>)[name]!;
  }
  return { rows, rejected: value.summary.rejectedTotal, fromCache: value.fromCache, stale: value.stale };
}

/** Warnings that accompany a freshly validated dataset. */
export function datasetWarnings(state: DataState): WarningNotice[] {
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

/**
 * One loadable dataset and everything known about it: a small store in the shape of
 * @lit/task (status, value, error) that any number of widgets subscribe to. A widget
 * with its own `src` owns one; `<crm-data-source>` owns one for the widgets naming it.
 * Loads run while at least one listener is subscribed and abort when the last leaves.
 */
export class DataSource {
  private config: SourceConfig = {};
  private listeners = new Set<SourceListener>();
  private controller?: AbortController;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private snapshot: SourceSnapshot = { status: 'initial' };
  private running?: Promise<void>;
  private results = new WeakMap<Dataset, Map<string, unknown>>();
  /** Bumped per configuration, so answers of an abandoned load are dropped. */
  private generation = 0;

  get state(): SourceSnapshot {
    return this.snapshot;
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Apply new properties; starts a new load when they name a different dataset. */
  configure(config: SourceConfig): void {
    const previous = this.config;
    if (sameConfig(previous, config)) return;
    this.config = { ...config };
    if (!this.active) return;
    if (!sameDataset(previous, config)) void this.load('config');
    else if (previous.refresh !== config.refresh) this.schedulePoll();
  }

  subscribe(listener: SourceListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && this.snapshot.status !== 'complete') void this.load('config');
    else if (this.snapshot.status !== 'initial') listener(this.snapshot, this.replayNotices());
    if (this.listeners.size === 1) this.schedulePoll();
    return () => {
      this.listeners.delete(listener);
      if (!this.active) this.stop();
    };
  }

  /** Fetch again now (conditionally when a cached copy exists). Never rejects. */
  reload(): Promise<void> {
    return this.load('reload');
  }

  /** Abort the current load and polling. */
  stop(): void {
    this.generation++;
    this.controller?.abort(new DOMException('The data source was stopped', 'AbortError'));
    this.controller = undefined;
    clearTimeout(this.pollTimer);
    if (this.snapshot.status === 'pending') this.snapshot = { status: 'initial' };
  }

  private replayNotices(): SourceNotice[] {
    const { value, error } = this.snapshot;
    if (error) return [{ type: 'error', detail: error }];
    if (!value?.dataset) return [];
    return [{ type: 'load', detail: loadNotice(value) }, ...datasetWarnings(value).map((detail) => ({ type: 'warning' as const, detail }))];
  }

  protected emit(snapshot: SourceSnapshot, notices: SourceNotice[] = []): void {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener(snapshot, notices);
  }

  protected complete(value: DataState, extra: WarningNotice[] = []): void {
    const warnings = [...datasetWarnings(value), ...extra];
    this.emit({ status: 'complete', value }, [
      { type: 'load', detail: loadNotice(value) },
      ...warnings.map((detail) => ({ type: 'warning' as const, detail })),
    ]);
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    const seconds = this.config.refresh ?? 0;
    if (!this.active || !(seconds > 0) || this.config.data !== undefined || !this.config.src) return;
    this.pollTimer = setTimeout(() => void this.load('poll').then(() => this.schedulePoll()), seconds * 1000);
  }

  private load(reason: 'config' | 'reload' | 'poll'): Promise<void> {
    this.controller?.abort(new DOMException('A newer load replaced this one', 'AbortError'));
    const controller = new AbortController();
    this.controller = controller;
    const generation = ++this.generation;
    const run = this.run(reason, controller.signal, () => generation === this.generation).catch((error: unknown) => {
      if (isAbort(error) || generation !== this.generation) return;
      const detail = toErrorDetail(error);
      this.emit({ status: 'error', error: detail }, [{ type: 'error', detail }]);
    });
    this.running = run;
    return run;
  }

  /** Overridden by the cached source; the plain path: validate the data property, or fetch and validate. */
  protected async run(reason: 'config' | 'reload' | 'poll', signal: AbortSignal, current: () => boolean): Promise<void> {
    const config = this.config;
    if (config.data !== undefined) {
      const validated = this.validateObject(config.data);
      if (current()) this.complete({ ...validated, stale: false, ageMs: 0, fromCache: false, sourceLabel: 'data property' });
      return;
    }
    if (!config.src) {
      if (current()) this.emit({ status: 'initial' });
      return;
    }
    if (reason !== 'poll' || this.snapshot.status !== 'complete') this.emit({ status: 'pending', value: this.snapshot.value });
    const url = config.src;
    const response = await fetchPayload(url, {
      credentials: config.credentials,
      headers: config.headers,
      getHeaders: config.getHeaders,
      timeoutMs: config.timeout ? config.timeout * 1000 : DEFAULT_TIMEOUT_MS,
      maxBytes: config.maxBytes,
      signal,
    });
    if (response.notModified || !current()) return;
    const validated = decodeDataset(response.bytes, url, response.contentType);
    if (current()) this.complete({ ...validated, stale: false, ageMs: 0, fromCache: false, sourceLabel: url });
  }

  protected validateObject(data: unknown): ValidatedDataset {
    if (data !== null && typeof data === 'object') {
      const known = validatedObjects.get(data);
      if (known) return known;
      const validated = validateDataset(data, 'data property');
      validatedObjects.set(data, validated);
      return validated;
    }
    return validateDataset(data, 'data property');
  }

  /** Memoized per dataset + name + options, shared by every widget of this source. */
  result<T>(name: string, options: unknown, compute: (dataset: Dataset) => T): T | undefined {
    const dataset = this.snapshot.value?.dataset;
    if (!dataset) return undefined;
    let memo = this.results.get(dataset);
    if (!memo) this.results.set(dataset, (memo = new Map()));
    const key = `${name}\u0000${stableKey(options)}`;
    if (!memo.has(key)) memo.set(key, compute(dataset));
    return memo.get(key) as T;
  }

  /** Settles when the load in progress does (for tests and `reload()` callers). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
