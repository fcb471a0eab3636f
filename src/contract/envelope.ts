import * as z from 'zod/mini';
import { CONTRACT_VERSION } from './fields.js';
import { TIMESTAMP_RANGE_TEXT } from './timestamp-pattern.js';
import { inTimestampRange, parseTimestamp } from './timestamp.js';

// Zod's JIT probes `new Function`, which a strict Content-Security-Policy reports as a violation;
// the envelope is tiny, so the interpreter costs nothing measurable.
z.config({ jitless: true });

const isCollection = (value: unknown): boolean => {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const columns = (value as { columns?: unknown }).columns;
  return (
    columns !== null &&
    typeof columns === 'object' &&
    !Array.isArray(columns) &&
    Object.values(columns as object).every(Array.isArray)
  );
};

/** Checked by shape only: walking a million elements with `z.unknown()` would cost more than the whole ingest. */
const anyCollection = z.optional(
  z.custom<unknown[] | { columns: Record<string, unknown[]> }>(isCollection, {
    error: 'expected an array of rows or { "columns": { field: [...] } }',
  }),
);

/** The fields every form of the top level shares: the collections differ (inline JSON or Arrow URLs). */
const headerFields = {
  schemaVersion: z.literal(CONTRACT_VERSION, { error: `expected schemaVersion ${CONTRACT_VERSION}` }),
  asOf: z.optional(
    z
      .string({ error: 'expected an ISO 8601 timestamp with an offset or Z' })
      .check(z.refine((text) => inTimestampRange(parseTimestamp(text)), `expected an ISO 8601 timestamp with an offset or Z, from ${TIMESTAMP_RANGE_TEXT}`)),
  ),
  currency: z.optional(z.string().check(z.length(3, 'expected a 3-letter ISO 4217 code'))),
  stages: z.optional(
    z.array(
      z.looseObject({
        key: z.string().check(z.minLength(1, 'expected a non-empty stage key')),
        label: z.optional(z.record(z.string(), z.string())),
      }),
    ),
  ),
};

/**
 * Only the top level, with zod's tree-shakable build so the single-file bundle stays small.
 * Rows are checked by the fast validator, which sets bad rows aside one by one instead of
 * rejecting the payload whole. The full schemas (schemas.ts) describe the same contract for
 * JSON Schema and for users who validate with zod themselves; a test keeps the two in step.
 */
export const envelopeSchema = z.looseObject({
  ...headerFields,
  customers: anyCollection,
  orders: anyCollection,
  interactions: anyCollection,
  surveys: anyCollection,
  stageEvents: anyCollection,
  tickets: anyCollection,
});

/** A collection of the Arrow form: the URL of one Arrow IPC stream, relative to the envelope's URL. */
const arrowCollection = z.optional(
  z.looseObject({ arrow: z.string({ error: 'expected the URL of an Arrow IPC stream' }).check(z.minLength(1, 'expected the URL of an Arrow IPC stream')) }),
);

/** The JSON envelope of the Arrow form (docs/contract.md): the same top level, each collection `{ "arrow": url }`. */
export const arrowEnvelopeSchema = z.looseObject({
  ...headerFields,
  customers: arrowCollection,
  orders: arrowCollection,
  interactions: arrowCollection,
  surveys: arrowCollection,
  stageEvents: arrowCollection,
  tickets: arrowCollection,
});
