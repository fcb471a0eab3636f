import type { CollectionName } from './fields.js';

export type RowIssueCode =
  | 'missing' // a required field is absent or null
  | 'type' // wrong JSON type or format
  | 'range' // right type, out of range
  | 'duplicate' // id seen earlier in the same collection
  | 'unknown-customer' // customerId not among `customers`
  | 'unknown-stage'; // stage not among `stages`

/** One row set aside by validation, with everything needed to say why in any language. */
export interface RowIssue {
  collection: CollectionName;
  /** Row index in the payload (row form) or index within the columns (columnar form). */
  row: number;
  field: string;
  /** Dotted path as a backend developer would find it, e.g. `surveys[12].score` or `orders.columns.amount[41]`. */
  path: string;
  code: RowIssueCode;
  /** What the contract wants, in plain English, e.g. "an integer from 0 to 10". */
  expected: string;
  /** What arrived, shortened for display. */
  received: string;
  /** `path: expected …, received …` — the English message. */
  message: string;
}

/** The payload could not be read at all. */
export interface PayloadError {
  path: string;
  message: string;
}

/** Show a received value the way JSON would, short enough for a message. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 48 ? `${text.slice(0, 45)}…` : text;
}

export function rowIssue(
  collection: CollectionName,
  row: number,
  field: string,
  path: string,
  code: RowIssueCode,
  expected: string,
  received: unknown,
): RowIssue {
  const shown = describeReceived(received);
  const message =
    code === 'duplicate'
      ? `${path}: duplicate id ${shown} (${expected})`
      : `${path}: expected ${expected}, received ${shown}`;
  return { collection, row, field, path, code, expected, received: shown, message };
}
