import type { PayloadError } from '../contract/index.js';

/** Same union as `DataErrorKind` in elements/base/events.ts; repeated because `data` may not import elements. */
export type DataErrorKind = 'network' | 'timeout' | 'http' | 'not-json' | 'html' | 'too-large' | 'payload' | 'not-found' | 'internal' | 'no-source';

/** Structurally the `ErrorDetail` of the `crm-error` event. */
export interface DataErrorDetail {
  kind: DataErrorKind;
  message: string;
  status?: number;
  payloadError?: PayloadError;
}

/** A load failure that already knows how to describe itself to the host page. */
export class DataError extends Error {
  readonly detail: DataErrorDetail;
  constructor(detail: DataErrorDetail) {
    super(detail.message);
    this.name = 'DataError';
    this.detail = detail;
  }
}

/** Anything thrown during a load, as the detail of a `crm-error` event. */
export function toErrorDetail(error: unknown): DataErrorDetail {
  if (error instanceof DataError) return error.detail;
  // Errors that crossed from the worker arrive as plain objects carrying a detail.
  const detail = (error as { detail?: DataErrorDetail } | null)?.detail;
  if (detail && typeof detail.kind === 'string' && typeof detail.message === 'string') return detail;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Unexpected failure while loading data: ${message}` };
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
