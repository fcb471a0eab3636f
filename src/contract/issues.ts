import type { CollectionName } from './fields.js';

export type RowIssueCode =
  | 'missing' // a required field is absent or null
  | 'type' // wrong JSON type or format
  | 'range' // right type, out of range
  | 'duplicate' // id seen earlier in the same collection
  | 'unknown-customer' // customerId not among `customers`
  | 'unknown-stage'; // stage not among `stages`

/**
 * What the contract wants of a field, as data (a code and its parameters, as zod 4 issues
 * carry them), so each locale says it in its own words; `expectationText` is the English.
 */
export type ExpectationCode =
  | 'non-empty-string'
  | 'string'
  | 'timestamp' // ISO 8601 with an offset or Z, within {from}..{to}
  | 'timestamp-or-ms' // the same, or epoch milliseconds (columnar form)
  | 'arrow-timestamp' // an Arrow timestamp type, within {from}..{to}
  | 'amount' // a number from {min} to {max}
  | 'cents' // integer cents from {min} to {max}
  | 'score'
  | 'one-of' // one of {values}
  | 'stage-key' // a declared stage key: {keys}, empty when none was declared
  | 'object'
  | 'arrow-struct'
  | 'listed-customer'
  | 'kept-customer-row'
  | 'first-at'; // a duplicate: the id was first seen at {path}

export interface Expectation {
  code: ExpectationCode;
  params: Record<string, string>;
}

const EXPECTATION_EN: Record<ExpectationCode, (p: Record<string, string>) => string> = {
  'non-empty-string': () => 'a non-empty string',
  string: () => 'a string',
  timestamp: (p) => `an ISO 8601 timestamp with an offset or Z, from ${p.from} to ${p.to}`,
  'timestamp-or-ms': (p) => `an ISO 8601 timestamp with an offset or Z, or epoch milliseconds, from ${p.from} to ${p.to}`,
  'arrow-timestamp': (p) => `an Arrow timestamp, date32, date64, int64 epoch milliseconds or int32 epoch seconds, from ${p.from} to ${p.to}`,
  amount: (p) => `a number from ${p.min} to ${p.max}`,
  cents: (p) => `integer cents from ${p.min} to ${p.max}`,
  score: () => 'an integer from 0 to 10',
  'one-of': (p) => `one of ${p.values}`,
  'stage-key': (p) => `a stage key (${p.keys || 'none declared'})`,
  object: () => 'an object',
  'arrow-struct': () => 'an Arrow struct',
  'listed-customer': () => 'a customer id listed in customers',
  'kept-customer-row': () => 'a row of customers that was not set aside',
  'first-at': (p) => `first at ${p.path}`,
};

/** The English of an expectation, as messages, the CLI and logs give it. */
export const expectationText = (expectation: Expectation): string => EXPECTATION_EN[expectation.code](expectation.params);

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
  /** The same as data, for a message in the reader's language. */
  expectation: Expectation;
  /** What arrived, shortened for display. */
  received: string;
  /** `path: expected …, received …` — the English message. */
  message: string;
}

/** Why a payload was refused whole; each code's parameters are listed in `PAYLOAD_ERROR_EN`. */
export type PayloadErrorCode =
  | 'not-object'
  | 'schema-version'
  | 'collection-shape'
  | 'as-of'
  | 'as-of-clock'
  | 'currency'
  | 'stage-key-empty'
  | 'too-many-stages'
  | 'too-many-stage-keys'
  | 'duplicate-stage'
  | 'column-missing'
  | 'amount-column-missing'
  | 'column-length'
  | 'arrow-url'
  | 'arrow-no-bytes'
  | 'arrow-stream'
  | 'arrow-unreadable'
  | 'arrow-both-amounts'
  | 'arrow-customer-rows'
  | 'envelope'; // any other envelope problem: {detail} is zod's English

/** The payload could not be read at all. */
export interface PayloadError {
  path: string;
  /** The English message, path first. */
  message: string;
  /** The same as data: a localized message is built from these, never from `message`. */
  code?: PayloadErrorCode;
  params?: Record<string, string>;
}

const PAYLOAD_ERROR_EN: Record<PayloadErrorCode, (p: Record<string, string>) => string> = {
  'not-object': (p) => `expected a JSON object, received ${p.received}`,
  'schema-version': (p) => `expected schemaVersion ${p.expected}`,
  'collection-shape': () => 'expected an array of rows or { "columns": { field: [...] } }',
  'as-of': (p) => `expected an ISO 8601 timestamp with an offset or Z, from ${p.from} to ${p.to}, received ${p.received}`,
  'as-of-clock': (p) => `expected a date from ${p.from} to ${p.to}, received the load time`,
  currency: () => 'expected a 3-letter ISO 4217 code',
  'stage-key-empty': () => 'expected a non-empty stage key',
  'too-many-stages': (p) => `expected at most ${p.max} stages, received ${p.received}`,
  'too-many-stage-keys': (p) => `expected at most ${p.max} distinct stage keys (no stages list was sent), received ${p.received}`,
  'duplicate-stage': (p) => `duplicate stage key "${p.key}"`,
  'column-missing': () => 'required column is missing',
  'amount-column-missing': (p) => `required column is missing (${p.field}, or ${p.field}Cents in integer cents)`,
  'column-length': (p) => `expected ${p.expected} values like ${p.like}, received ${p.received}`,
  'arrow-url': () => 'expected the URL of an Arrow IPC stream',
  'arrow-no-bytes': (p) => `no bytes were given for ${p.url}`,
  'arrow-stream': (p) => `not a readable Arrow IPC stream (${p.reason})`,
  'arrow-unreadable': (p) => `cannot be read (${p.reason})`,
  'arrow-both-amounts': (p) => `send ${p.field} or ${p.field}Cents, not both`,
  'arrow-customer-rows': (p) => `an int32 ${p.field} is a row of customers, and the envelope has no customers collection`,
  envelope: (p) => p.detail ?? '',
};

/** A payload error with its code, parameters and English message (`path: …`; the whole payload is "payload"). */
export function payloadError(code: PayloadErrorCode, path: string, params: Record<string, string> = {}): PayloadError {
  const where = path || (code.startsWith('arrow') ? 'Arrow payload' : 'payload');
  return { path, message: `${where}: ${PAYLOAD_ERROR_EN[code](params)}`, code, params };
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
  expectation: Expectation,
  received: unknown,
): RowIssue {
  const shown = describeReceived(received);
  const expected = expectationText(expectation);
  const message =
    code === 'duplicate'
      ? `${path}: duplicate id ${shown} (${expected})`
      : `${path}: expected ${expected}, received ${shown}`;
  return { collection, row, field, path, code, expected, expectation, received: shown, message };
}
