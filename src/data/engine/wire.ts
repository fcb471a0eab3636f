/**
 * The messages between the page's engine client and the engine (in its module worker, or on
 * the page when no worker can run). Internal: the public protocol is the query and its result
 * (contract/query.ts); these carry them, plus the sources' states and the header hook.
 */
import type { Dataset, StageDef, ValidationSummary } from '../../contract/index.js';
import type { DataErrorDetail } from '../data-error.js';
import type { SourceConfig } from '../source-config.js';
import type { SourceNotice, SourceStatus } from '../source-state.js';

/** A source's configuration as it crosses: plain data (the header hooks stay on the page). */
export type WireConfig = Omit<SourceConfig, 'getHeaders' | 'headers'> & {
  /** The page has a header hook or headers: ask it before each request. */
  headerHook: boolean;
};

/** What the page learns of a loaded dataset: enough to label a widget, never the rows. */
export interface DatasetInfo {
  asOf: number;
  asOfFromPayload: boolean;
  currency: string;
  stages: StageDef[];
  present: Record<string, boolean>;
}

/** A source's state without its dataset. */
export interface WireState {
  /** Null during a warm load drawn from cached answers, before the dataset is read back. */
  info: DatasetInfo | null;
  summary: ValidationSummary;
  stale: boolean;
  ageMs: number;
  fromCache: boolean;
  sourceLabel: string;
  /** Names the dataset the answers come from: answers of another version are outdated. */
  version: string;
}

export interface WireSnapshot {
  status: SourceStatus;
  value?: WireState;
  error?: DataErrorDetail;
}

export type ToEngine =
  | { type: 'open'; key: string; config: WireConfig }
  | { type: 'close'; key: string }
  | { type: 'reload'; id: number; key: string }
  | { type: 'query'; id: number; key: string; query: unknown }
  /** The queries the page asked in one task, in one message: the engine starts them in one task too (a query endpoint batches them). */
  | { type: 'queries'; items: { id: number; key: string; query: unknown }[] }
  | { type: 'clear'; id: number; scope?: string }
  | { type: 'encryption-keys'; keys: [string, CryptoKey | null][] }
  | { type: 'configure-cache'; budgetBytes?: number; dbName?: string; disabled?: string }
  | { type: 'headers'; id: number; headers?: [string, string][]; error?: string };

export type FromEngine =
  | { type: 'ready'; /** The worker's origin: `null` when a bundler inlined it as a data: URL. */ origin?: string }
  | { type: 'source'; key: string; snapshot: WireSnapshot; notices: SourceNotice[] }
  | { type: 'answer'; id: number; result?: unknown; error?: DataErrorDetail }
  | { type: 'done'; id: number }
  /** `status`: the request just failed with it (401): the hook may refresh a token before the one retry. */
  | { type: 'need-headers'; id: number; key: string; url: string; status?: number };

/** What elements may know of a dataset: a few scalars, never its rows. */
export function infoOf(dataset: Dataset): DatasetInfo {
  const { asOf, asOfFromPayload, currency, stages, present } = dataset;
  return { asOf, asOfFromPayload, currency, stages, present };
}

/** A `DatasetInfo` read back from the cache, or null when it is not one. */
export function checkedInfo(value: unknown): DatasetInfo | null {
  if (value === null || typeof value !== 'object') return null;
  const info = value as Partial<Record<keyof DatasetInfo, unknown>>;
  const ok = Number.isFinite(info.asOf) && typeof info.asOfFromPayload === 'boolean' && typeof info.currency === 'string' && Array.isArray(info.stages) && info.present !== null && typeof info.present === 'object';
  return ok ? (value as DatasetInfo) : null;
}
