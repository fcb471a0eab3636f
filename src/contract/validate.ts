import { COLLECTION_NAMES, COLLECTIONS, CONTRACT_VERSION, type CollectionName, type FieldSpec } from './fields.js';
import type { ExtraColumns } from './dataset.js';
import { describeReceived, payloadError, type PayloadError } from './issues.js';
import { TIMESTAMP_MAX_TEXT, TIMESTAMP_MIN_TEXT } from './timestamp-pattern.js';
import { envelopeSchema } from './envelope.js';
import { readDataset, readHeader, valuesInput, type CollectionSource, type ValidationOptions, type ValidationResult } from './read-collections.js';

export type { ValidationOptions, ValidationResult, ValidationSummary } from './read-collections.js';

/**
 * Extra columns are keyed by the payload's own field names, so `__proto__` or `constructor`
 * must be ordinary keys: on a plain object `extra["__proto__"]` is Object.prototype, and
 * writing through it polluted the host page.
 */
const emptyExtra = (): ExtraColumns => Object.create(null) as ExtraColumns;

const isObject = (row: unknown): row is Record<string, unknown> =>
  row !== null && typeof row === 'object' && !Array.isArray(row);

/**
 * Rows to columns in one pass: each row's own keys are enumerated once (`for…in`, which V8 reads
 * through the shape's enum cache) and each value lands in its field's column or in an extra
 * column. Reading field by field instead (`rows[i][name]` with a changing name) was one
 * megamorphic lookup per field per row, plus a second pass for the extra fields.
 */
function rowSource(rows: unknown[], specs: readonly FieldSpec[]): CollectionSource {
  const n = rows.length;
  const notObjects: number[] = [];
  const known = new Map<string, unknown[]>(specs.map((spec) => [spec.name, new Array<unknown>(n)]));
  const extra = emptyExtra();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isObject(row)) {
      notObjects.push(i);
      continue;
    }
    for (const key in row) {
      const column = known.get(key) ?? (extra[key] ??= new Array<unknown>(n));
      column[i] = row[key];
    }
  }
  return {
    length: n,
    form: 'rows',
    notObjects,
    field: ({ name }) => valuesInput(name, known.get(name)!),
    extraColumns: () => extra,
  };
}

function columnSource(columns: Record<string, unknown[]>, length: number): CollectionSource {
  return {
    length,
    form: 'columns',
    notObjects: [],
    field: ({ name }) => (columns[name] === undefined ? undefined : valuesInput(name, columns[name])),
    extraColumns(known) {
      const extra = emptyExtra();
      for (const key of Object.keys(columns)) if (!known.has(key)) extra[key] = columns[key]!;
      return extra;
    },
  };
}

function toSource(name: CollectionName, raw: unknown): CollectionSource | PayloadError {
  const specs: readonly FieldSpec[] = COLLECTIONS[name];
  if (Array.isArray(raw)) return rowSource(raw, specs);
  const columns = (raw as { columns: Record<string, unknown[]> }).columns;
  let length = -1;
  let lengthFrom = '';
  for (const spec of specs) {
    const column = columns[spec.name];
    if (column === undefined) {
      if (spec.required) {
        return payloadError('column-missing', `${name}.columns.${spec.name}`);
      }
      continue;
    }
    if (length < 0) {
      length = column.length;
      lengthFrom = spec.name;
    } else if (column.length !== length) {
      return payloadError('column-length', `${name}.columns.${spec.name}`, { expected: String(length), like: `${name}.columns.${lengthFrom}`, received: String(column.length) });
    }
  }
  return columnSource(columns, Math.max(length, 0));
}

function describeZodPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** The first problem zod found in a top level, as one payload error. */
export function envelopeError(input: Record<string, unknown>, issues: readonly { path: readonly PropertyKey[]; message: string }[]): PayloadError {
  const first = issues[0]!;
  const path = describeZodPath(first.path) || 'payload';
  const [top, second] = first.path;
  if (first.path.length === 1) {
    if (top === 'schemaVersion') return payloadError('schema-version', path, { expected: String(CONTRACT_VERSION), received: describeReceived(input.schemaVersion) });
    // Everything is measured from asOf: say what arrived, so an impossible one is easy to find.
    if (top === 'asOf') return payloadError('as-of', path, { from: TIMESTAMP_MIN_TEXT, to: TIMESTAMP_MAX_TEXT, received: describeReceived(input.asOf) });
    if (top === 'currency') return payloadError('currency', path, { received: describeReceived(input.currency) });
    if ((COLLECTION_NAMES as readonly PropertyKey[]).includes(top!)) return payloadError('collection-shape', path);
  }
  if (second === 'arrow' && (COLLECTION_NAMES as readonly PropertyKey[]).includes(top!)) return payloadError('arrow-url', path);
  if (top === 'stages' && first.path.at(-1) === 'key') return payloadError('stage-key-empty', path);
  return payloadError('envelope', path, { detail: first.message });
}

/** The top level of a payload must be a JSON object. */
export function notAnObject(input: unknown): PayloadError | null {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return null;
  const got = Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input;
  return payloadError('not-object', '', { received: got });
}

/** The stage keys of `stageEvents` in row order, in either JSON form. */
function stageKeysOf(raw: unknown): ArrayLike<unknown> {
  return Array.isArray(raw)
    ? raw.map((row) => (row !== null && typeof row === 'object' ? (row as Record<string, unknown>).stage : undefined))
    : ((raw as { columns?: { stage?: unknown[] } } | undefined)?.columns?.stage ?? []);
}

/**
 * Check a payload against contract v1. Rows that break the contract are set aside
 * and reported one by one; only a payload whose top level is wrong fails whole.
 */
export function validatePayload(input: unknown, options: ValidationOptions = {}): ValidationResult {
  const shape = notAnObject(input);
  if (shape) return { ok: false, error: shape };
  const payload = input as Record<string, unknown>;
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, error: envelopeError(payload, envelope.error.issues) };
  const header = readHeader(payload, options, () => stageKeysOf(payload.stageEvents));
  if ('message' in header) return { ok: false, error: header };

  const sources: Partial<Record<CollectionName, CollectionSource>> = {};
  for (const name of COLLECTION_NAMES) {
    if (payload[name] === undefined) continue;
    const source = toSource(name, payload[name]);
    if ('message' in source) return { ok: false, error: source };
    sources[name] = source;
  }
  return readDataset(header, sources, options);
}
