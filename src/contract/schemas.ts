import { z } from 'zod';
import { CHANNELS, COLLECTIONS, CONTRACT_VERSION, MAX_AMOUNT, MAX_STAGES, type CollectionName, type FieldSpec } from './fields.js';
import { ISO_TIMESTAMP, MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS, TIMESTAMP_RANGE_TEXT } from './timestamp-pattern.js';
import { inTimestampRange, parseTimestamp } from './timestamp.js';

// Zod's JIT probes `new Function`, which a strict Content-Security-Policy reports as a violation.
z.config({ jitless: true });

const timestamp = z
  .string()
  .regex(ISO_TIMESTAMP, `expected an ISO 8601 timestamp with an offset or Z, from ${TIMESTAMP_RANGE_TEXT}`)
  // The pattern cannot tell 30 February from 28 February, nor an offset that leaves the range.
  .refine((text) => inTimestampRange(parseTimestamp(text)), `expected a real date from ${TIMESTAMP_RANGE_TEXT}`);
const epochMs = z.number().min(MIN_TIMESTAMP_MS).lt(MAX_TIMESTAMP_MS);

function rowFieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'id':
    case 'ref':
      return z.string().min(1);
    case 'text':
      return z.string();
    case 'timestamp':
      return timestamp;
    case 'amount':
      return z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT);
    case 'score':
      return z.number().int().min(0).max(10);
    case 'channel':
      return z.enum(CHANNELS);
    case 'stage':
      return z.string().min(1);
    case 'record':
      return z.record(z.string(), z.unknown());
  }
}

/** In columnar form a timestamp column may also hold epoch milliseconds. */
function columnFieldSchema(spec: FieldSpec): z.ZodType {
  const item = spec.kind === 'timestamp' ? z.union([timestamp, epochMs]) : rowFieldSchema(spec);
  return z.array(spec.required ? item : item.nullable());
}

function described<T extends z.ZodType>(schema: T, spec: FieldSpec): T {
  return schema.describe(spec.description) as T;
}

function rowSchema(name: CollectionName) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of COLLECTIONS[name]) {
    const field = described(rowFieldSchema(spec), spec);
    shape[spec.name] = spec.required ? field : field.nullable().optional();
  }
  // Unknown fields are kept so backends can add their own.
  return z.looseObject(shape);
}

function columnarSchema(name: CollectionName) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of COLLECTIONS[name]) {
    const column = described(columnFieldSchema(spec), spec);
    shape[spec.name] = spec.required ? column : column.optional();
  }
  return z.object({ columns: z.looseObject(shape) });
}

export const stageSchema = z.looseObject({
  key: z.string().min(1).describe('Stable stage key referenced by stageEvents.stage.'),
  label: z
    .record(z.string(), z.string())
    .optional()
    .describe('Label per locale, e.g. { "en": "Lead", "zh-CN": "线索" }.'),
});

export const customerSchema = rowSchema('customers');
export const orderSchema = rowSchema('orders');
export const interactionSchema = rowSchema('interactions');
export const surveySchema = rowSchema('surveys');
export const stageEventSchema = rowSchema('stageEvents');
export const ticketSchema = rowSchema('tickets');

const rowSchemas = {
  customers: customerSchema,
  orders: orderSchema,
  interactions: interactionSchema,
  surveys: surveySchema,
  stageEvents: stageEventSchema,
  tickets: ticketSchema,
} as const;

function collectionSchema<N extends CollectionName>(name: N) {
  return z.union([z.array(rowSchemas[name]), columnarSchema(name)]).optional();
}

/** The full payload, rows and all: used for JSON Schema and for typing. */
export const payloadSchema = z.looseObject({
  schemaVersion: z.literal(CONTRACT_VERSION).describe('Contract version; this kit reads version 1.'),
  asOf: timestamp.optional().describe('Anchor of every "days ago"; the load time when absent.'),
  currency: z.string().length(3).optional().describe('ISO 4217 code of every amount, e.g. CNY.'),
  stages: z.array(stageSchema).max(MAX_STAGES).optional().describe(`Funnel stages in order, at most ${MAX_STAGES}.`),
  customers: collectionSchema('customers'),
  orders: collectionSchema('orders'),
  interactions: collectionSchema('interactions'),
  surveys: collectionSchema('surveys'),
  stageEvents: collectionSchema('stageEvents'),
  tickets: collectionSchema('tickets'),
});

/** JSON Schema (draft 2020-12) of the payload, for backends in other languages. */
export function contractJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(payloadSchema, { unrepresentable: 'any' }),
    $id: 'https://crm-widget-kit.dev/contract/v1.schema.json',
    title: 'crm-widget-kit data contract v1',
  };
}
