import * as z from 'zod/mini';
import { COLLECTION_NAMES } from './fields.js';
import { checkResult, PROTOCOL_VERSION, querySchema, resultSchemas, type Metric, type Query, type ResultOf } from './query.js';

/**
 * The query protocol over HTTP: one POST carries a batch of the protocol's own queries and is
 * answered with one entry per query, in order. Nothing here is new protocol: a query is a
 * `querySchema` value and a result's `data` is checked by the same `resultSchemas` as the
 * in-page engine's. A warehouse endpoint (`crm-widget-kit serve`, or the host's own API
 * running the reference SQL) speaks this envelope; docs/scale.md describes it.
 */

/** The most queries one request may carry: a dashboard asks a handful at once. */
export const MAX_BATCH_QUERIES = 64;

const etag = z.string().check(z.minLength(1), z.maxLength(200));

export const queryBatchRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  /** Empty only with `info`: a page first asks what the scope's dataset is, then its queries. */
  queries: z.array(querySchema).check(z.maxLength(MAX_BATCH_QUERIES)),
  /** Ask for the scope's `info` too. */
  info: z.optional(z.boolean()),
  /** The ETag of the copy the client holds for each query (null: none); an unchanged result comes back as `notModified`. */
  etags: z.optional(z.array(z.nullable(etag))),
});
export type QueryBatchRequest = z.infer<typeof queryBatchRequestSchema>;

/** Why one query of a batch was not answered; the others still are. */
export const QUERY_ERROR_CODES = ['bad-query', 'forbidden', 'not-measured', 'failed'] as const;
export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

const answered = z.object({ ok: z.literal(true), metric: z.enum(Object.keys(resultSchemas) as [Metric, ...Metric[]]), etag, data: z.unknown() });
const unchanged = z.object({ ok: z.literal(true), metric: z.enum(Object.keys(resultSchemas) as [Metric, ...Metric[]]), etag, notModified: z.literal(true) });
const refused = z.object({ ok: z.literal(false), error: z.object({ code: z.enum(QUERY_ERROR_CODES), message: z.string() }) });

/**
 * What a page may know of the scope's dataset (as the in-page engine's `DatasetInfo`): the anchor
 * of every "days ago", the currency, the funnel stages and which collections it has (an absent
 * one is not measured). `version` names the data the results come from (an ETag of it).
 */
export const scopeInfoSchema = z.object({
  asOf: z.number(),
  currency: z.string(),
  stages: z.array(z.object({ key: z.string(), label: z.optional(z.record(z.string(), z.string())) })),
  present: z.record(z.enum(COLLECTION_NAMES as [string, ...string[]]), z.boolean()),
  version: z.string(),
});
export type ScopeInfo = z.infer<typeof scopeInfoSchema>;

/** The envelope of a batch's answer; each `data` is then checked against its metric's result schema (`checkBatchResponse`). */
export const queryBatchResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  info: z.optional(scopeInfoSchema),
  results: z.array(z.union([unchanged, answered, refused])),
});

export type BatchEntry<M extends Metric = Metric> =
  | { ok: true; metric: M; etag: string; data: ResultOf<M> }
  | { ok: true; metric: M; etag: string; notModified: true }
  | { ok: false; error: { code: QueryErrorCode; message: string } };

export interface QueryBatchResponse {
  protocol: typeof PROTOCOL_VERSION;
  info?: ScopeInfo;
  results: BatchEntry[];
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, prefix: string): string {
  const issue = error.issues[0]!;
  return `${prefix}${issue.path.map(String).join('.')}: ${issue.message}`;
}

/** Check a batch as it arrives at an endpoint. */
export function checkBatchRequest(value: unknown): Checked<QueryBatchRequest> {
  const parsed = queryBatchRequestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error, 'request.') };
  const { queries, etags, info } = parsed.data;
  if (queries.length === 0 && !info) return { ok: false, message: 'request.queries: no query (and no info asked)' };
  if (etags && etags.length !== queries.length) return { ok: false, message: `request.etags: ${etags.length} entries for ${queries.length} queries` };
  return { ok: true, value: parsed.data };
}

/**
 * Check a batch's answer as it arrives in the page, as a payload is checked: the envelope, one
 * entry per query sent, each entry of the metric asked, each result against its metric's schema.
 * A malformed envelope fails as a whole; a refused query is a valid entry (`ok: false`).
 */
export function checkBatchResponse(queries: readonly Query[], value: unknown): Checked<QueryBatchResponse> {
  const parsed = queryBatchResponseSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error, 'response.') };
  const { results } = parsed.data;
  if (results.length !== queries.length) return { ok: false, message: `response.results: ${results.length} results for ${queries.length} queries` };
  const checked: BatchEntry[] = [];
  for (let i = 0; i < results.length; i++) {
    const entry = results[i]!;
    if (!entry.ok) {
      checked.push(entry);
      continue;
    }
    const metric = queries[i]!.metric;
    if (entry.metric !== metric) return { ok: false, message: `response.results.${i}.metric: ${entry.metric} answers a ${metric} query` };
    if ('notModified' in entry) {
      checked.push(entry);
      continue;
    }
    const result = checkResult(metric, entry.data);
    if (!result.ok) return { ok: false, message: `response.results.${i}: ${result.message}` };
    checked.push({ ok: true, metric, etag: entry.etag, data: result.data });
  }
  return { ok: true, value: { protocol: PROTOCOL_VERSION, ...(parsed.data.info ? { info: parsed.data.info } : {}), results: checked } };
}

/**
 * JSON Schema (draft 2020-12) of the HTTP batch envelope, for endpoints in other languages. The
 * queries and each metric's result inside it are `protocolJsonSchema()`'s (dist/query.schema.json).
 */
export function batchJsonSchema(): Record<string, unknown> {
  const json = (schema: z.ZodMiniType) => z.toJSONSchema(schema, { unrepresentable: 'any' });
  return {
    $id: `https://crm-widget-kit.dev/query-batch/v${PROTOCOL_VERSION}.schema.json`,
    title: `crm-widget-kit query batch over HTTP v${PROTOCOL_VERSION}`,
    request: json(queryBatchRequestSchema),
    response: json(queryBatchResponseSchema),
  };
}
