import * as z from 'zod/mini';
import { COLLECTION_NAMES } from './fields.js';

/**
 * The query/result protocol: what a widget asks and what it is answered, as plain JSON.
 * The engine in the page's worker answers these queries from the dataset it holds; a
 * warehouse answers the same queries over HTTP. Nothing in a result depends on where it
 * was computed. Versioned by `PROTOCOL_VERSION`; published as JSON Schema beside the
 * payload's (`queryJsonSchema()`), documented in docs/contract.md.
 */
import { PROTOCOL_VERSION } from './protocol-version.js';

export { PROTOCOL_VERSION };

// Zod's JIT probes `new Function`, which a strict Content-Security-Policy reports as a violation.
z.config({ jitless: true });

const count = z.int().check(z.nonnegative());
const score15 = z.int().check(z.minimum(1), z.maximum(5));
const fraction = z.nullable(z.number());
const axis = z.enum(['r', 'f', 'm']);
const segment = z.enum(['champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating']);
const collection = z.enum(COLLECTION_NAMES as [string, ...string[]]);

// ---------------------------------------------------------------- options (the metric inputs, JSON)

/** Which records count, relative to `asOf`: all, the last N days, inclusive UTC dates as epoch ms, or instants after < t ≤ through. */
export const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('last-days'), days: z.int().check(z.positive()) }),
  z.object({ kind: z.literal('range'), from: z.number(), to: z.number() }),
  z.object({ kind: z.literal('between'), after: z.number(), through: z.number() }),
]);

/** Only customers whose `field` (a customer field, `attributes.<name>` or an extra field) equals `value`. */
export const customerFilterSchema = z.object({ field: z.string(), value: z.string() });

/** An NPS category: what a customer's latest response in the time filter says about them. */
import { NPS_CATEGORIES } from './nps-categories.js';

export { NPS_CATEGORIES };

/**
 * What a whole dashboard is sliced by (docs/contract.md, "Filters"). Every part is optional and
 * all parts must hold; a list admits any of its values, and an empty list restricts nothing.
 * `time` restricts every collection by its date and moves `asOf` to the end of the range;
 * `customer` (field → values, a customer field, `attributes.<name>` or an extra field), `stage`
 * (`customers[].lifecycleStage`), `segment` and `cell` (RFM scores with default options among the
 * customers the other filters keep) and `nps` (the category of a customer's latest response)
 * restrict the customers, and through them every record that names one.
 */
export interface QueryFilters {
  time?: z.infer<typeof periodSchema>;
  customer?: Record<string, string[]>;
  stage?: string[];
  segment?: z.infer<typeof segment>[];
  cell?: { x: z.infer<typeof axis>; y: z.infer<typeof axis>; cell: { x: number; y: number } };
  nps?: (typeof NPS_CATEGORIES)[number][];
}
// Typed by its interface, so the declarations of the queries that carry it name it instead of spelling it out each time.
export const filtersSchema: z.ZodMiniType<QueryFilters> = z.object({
  time: z.optional(periodSchema),
  customer: z.optional(z.record(z.string(), z.array(z.string()))),
  stage: z.optional(z.array(z.string())),
  segment: z.optional(z.array(segment)),
  cell: z.optional(z.object({ x: axis, y: axis, cell: z.object({ x: score15, y: score15 }) })),
  nps: z.optional(z.array(z.enum(NPS_CATEGORIES))),
});

export const npsOptionsSchema = z.object({
  period: z.optional(periodSchema),
  dedupe: z.optional(z.enum(['all', 'latest'])),
  minResponses: z.optional(count),
  interval: z.optional(z.enum(['wald', 'adjusted-wald'])),
  trend: z.optional(z.enum(['month', 'week', 'none'])),
  filter: z.optional(customerFilterSchema),
  breakdown: z.optional(z.string()),
});

export const funnelOptionsSchema = z.object({
  stages: z.optional(z.array(z.string())),
  windowDays: z.optional(z.number().check(z.nonnegative())),
  attempts: z.optional(z.enum(['first', 'any'])),
  mode: z.optional(z.enum(['ordered', 'snapshot'])),
  filter: z.optional(customerFilterSchema),
  breakdown: z.optional(z.string()),
});

export const rfmOptionsSchema = z.object({
  filter: z.optional(customerFilterSchema),
  ties: z.optional(z.enum(['low', 'dense'])),
  thresholds: z.optional(z.partialRecord(axis, z.readonly(z.array(z.number())))),
  frequency: z.optional(z.enum(['orders', 'days'])),
});

const signalKind = z.enum(['silent', 'spend_drop', 'detractor', 'service', 'under_engaged']);
const tier = z.enum(['high_value', 'potential', 'ordinary']);
const positive = z.optional(z.number().check(z.nonnegative()));

/** Signal thresholds, health weights, lifecycle rules and CLV horizon; every field optional (defaults in docs/metrics.md). */
export const healthOptionsSchema = z.object({
  silentDays: positive,
  spendDropRatio: positive,
  detractorMax: positive,
  serviceResponseHours: positive,
  minInteractions: positive,
  windowDays: positive,
  weights: z.optional(z.partialRecord(z.enum(['recency', 'spendTrend', 'nps', 'engagement', 'service']), z.number())),
  lifecycle: z.optional(z.object({ exploringDays: positive, matureDays: positive, growthRatio: positive, declineRatio: positive })),
  lifespanYears: positive,
  minTenureDays: positive,
  minHistoryDays: positive,
});

/** Next-best-action rules: tiers from segments and M, an action per tier, the signals that override it. */
export const actionRulesSchema = z.object({
  highValueSegments: z.optional(z.array(segment)),
  highValueMinM: positive,
  potentialSegments: z.optional(z.array(segment)),
  tierActions: z.optional(z.partialRecord(tier, z.string())),
  redSignals: z.optional(z.array(signalKind)),
  remedies: z.optional(z.partialRecord(signalKind, z.string())),
});

const gridAxes = { x: axis, y: axis };
const cellSchema = z.object({ x: score15, y: score15 });

/** The drill-down table's columns, which the engine can sort by. */
export const DRILL_COLUMNS = ['name', 'company', 'recency', 'frequency', 'monetary', 'segment', 'health'] as const;

// ---------------------------------------------------------------- queries

export const npsQuerySchema = z.object({ metric: z.literal('nps'), options: npsOptionsSchema, filters: z.optional(filtersSchema) });
export const funnelQuerySchema = z.object({ metric: z.literal('funnel'), options: funnelOptionsSchema, filters: z.optional(filtersSchema) });
/** The 25 cells on two axes, the segments and the scoring warnings: what the matrix paints. */
export const rfmGridQuerySchema = z.object({ metric: z.literal('rfm-grid'), options: z.object({ ...rfmOptionsSchema.def.shape, ...gridAxes }), filters: z.optional(filtersSchema) });
/** The ids of one cell's customers: what a `crm-select` of a cell carries. */
export const rfmMembersQuerySchema = z.object({ metric: z.literal('rfm-members'), options: z.object({ ...rfmOptionsSchema.def.shape, ...gridAxes, cell: cellSchema }), filters: z.optional(filtersSchema) });
/** One page of a cell's customers, sorted and searched by the engine: the drill-down table. */
export const rfmPageQuerySchema = z.object({
  metric: z.literal('rfm-page'),
  options: z.object({
    ...rfmOptionsSchema.def.shape,
    ...gridAxes,
    cell: cellSchema,
    /**
     * Text sorts with the page's collator (`locale`: pinyin order for Chinese names in zh-CN); segments
     * in `segmentOrder`, the segments as their labels sort in the page's language.
     */
    sort: z.optional(z.object({ column: z.enum(DRILL_COLUMNS), desc: z.boolean(), locale: z.optional(z.string()), segmentOrder: z.optional(z.array(segment)) })),
    /** Lower-case text to find in names, companies and ids; `segments` the segment keys whose label matches it in the page's language. */
    search: z.optional(z.object({ text: z.string(), segments: z.array(segment) })),
    offset: count,
    limit: z.int().check(z.positive(), z.maximum(500)),
  }),
  filters: z.optional(filtersSchema),
});
/**
 * The values customers take on some fields (`region`, `owner`, `attributes.tier` …) with how many
 * customers hold each, most first: what a filter bar offers. Counted among the customers the
 * filters keep; values beyond `limit` per field are left out and the field says `truncated`.
 */
export const valuesQuerySchema = z.object({
  metric: z.literal('values'),
  options: z.object({ fields: z.array(z.string()).check(z.maxLength(20)), limit: z.optional(z.int().check(z.positive(), z.maximum(1000))) }),
  filters: z.optional(filtersSchema),
});
/**
 * Customers by RFM segment `days` days ago → segment now (the end of a time filter, whose start
 * does not apply: segments are "as of" an instant, over every order up to it).
 */
export const rfmMigrationQuerySchema = z.object({
  metric: z.literal('rfm-migration'),
  options: z.object({ ...rfmOptionsSchema.def.shape, days: z.int().check(z.positive(), z.maximum(36_500)) }),
  filters: z.optional(filtersSchema),
});
/** One customer's 360 view. */
export const customerQuerySchema = z.object({
  metric: z.literal('customer'),
  options: z.object({
    customerId: z.string(),
    timelineLimit: z.optional(count),
    health: z.optional(healthOptionsSchema),
    actions: z.optional(actionRulesSchema),
    rfm: z.optional(rfmOptionsSchema),
  }),
});

export const querySchema = z.discriminatedUnion('metric', [npsQuerySchema, funnelQuerySchema, rfmGridQuerySchema, rfmMembersQuerySchema, rfmPageQuerySchema, rfmMigrationQuerySchema, customerQuerySchema, valuesQuerySchema]);
export type Query = z.infer<typeof querySchema>;
export type Metric = Query['metric'];
export type QueryOf<M extends Metric> = Extract<Query, { metric: M }>;

// ---------------------------------------------------------------- results

const npsCounts = {
  responses: count,
  promoters: count,
  passives: count,
  detractors: count,
  score: z.nullable(z.number()),
  enough: z.boolean(),
};
export const npsResultSchema = z.object({
  ...npsCounts,
  marginOfError: z.nullable(z.number()),
  lower: z.nullable(z.number()),
  upper: z.nullable(z.number()),
  minResponses: count,
  interval: z.enum(['wald', 'adjusted-wald']),
  trend: z.array(z.object({ ...npsCounts, period: z.string() })),
  trendTruncated: z.boolean(),
  breakdown: z.array(z.object({ ...npsCounts, key: z.string() })),
});

const funnelStep = z.object({
  stage: z.string(),
  label: z.optional(z.record(z.string(), z.string())),
  count,
  conversionFromPrevious: fraction,
  conversionFromFirst: fraction,
  dropOff: count,
  medianTimeFromPreviousMs: z.nullable(z.number()),
});
export const funnelResultSchema = z.object({
  mode: z.enum(['ordered', 'snapshot']),
  steps: z.array(funnelStep),
  overallConversion: fraction,
  ignoredEvents: count,
  groups: z.array(z.object({ key: z.string(), steps: z.array(funnelStep), overallConversion: fraction })),
});

const rfmWarning = z.object({
  axis,
  score: score15,
  rule: z.enum(['ranks', 'thresholds']),
  tie: z.nullable(z.object({ value: z.number(), customers: count, share: z.number() })),
  range: z.nullable(z.object({ from: z.nullable(z.number()), to: z.nullable(z.number()) })),
});
export const rfmGridResultSchema = z.object({
  x: axis,
  y: axis,
  /** Row by row: y = 1 first, x = 1..5 within a row. */
  cells: z.array(z.object({ x: score15, y: score15, count, monetary: z.number(), meanM: z.nullable(z.number()) })),
  segments: z.record(segment, z.object({ customers: count, monetary: z.number() })),
  scored: count,
  unscored: count,
  warnings: z.array(rfmWarning),
});
export const rfmMembersResultSchema = z.object({ customerIds: z.array(z.string()) });

export const drillRowSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  company: z.string(),
  recencyDays: z.number(),
  frequency: z.number(),
  monetary: z.number(),
  segment,
  health: z.nullable(z.number()),
  band: z.nullable(z.enum(['green', 'yellow', 'red'])),
});
export const rfmPageResultSchema = z.object({ rows: z.array(drillRowSchema), total: count, offset: count });

const measured = z.object({ absent: z.array(collection), signals: z.array(z.string()), components: z.array(z.string()) });
export const customerResultSchema = z.nullable(
  z.looseObject({
    customer: count,
    customerId: z.string(),
    profile: z.object({
      name: z.string(),
      company: z.nullable(z.string()),
      segment: z.nullable(z.string()),
      region: z.nullable(z.string()),
      owner: z.nullable(z.string()),
      createdAt: z.nullable(z.number()),
    }),
    value: z.looseObject({ lifetimeRevenue: z.number(), orders: count }),
    rfm: z.nullable(z.looseObject({ customerId: z.string(), r: score15, f: score15, m: score15, segment })),
    health: z.looseObject({ score: z.number(), band: z.enum(['green', 'yellow', 'red']) }),
    signals: z.array(z.object({ kind: z.string(), evidence: z.record(z.string(), z.nullable(z.union([z.number(), z.string()]))) })),
    measured,
    latestSurvey: z.nullable(z.object({ id: z.string(), date: z.number(), score: z.int(), comment: z.nullable(z.string()) })),
    openTickets: z.array(z.object({ id: z.string(), openedAt: z.number(), firstResponseAt: z.nullable(z.number()) })),
    timeline: z.array(z.object({ kind: z.enum(['order', 'interaction', 'survey', 'ticket', 'stage']), id: z.string(), date: z.number(), detail: z.record(z.string(), z.nullable(z.union([z.number(), z.string(), z.boolean()]))) })),
    nextBestAction: z.object({ tier: z.string(), action: z.string(), because: z.nullable(z.string()) }),
  }),
);

export const rfmMigrationResultSchema = z.object({
  from: z.number(),
  to: z.number(),
  flows: z.array(z.object({ from: z.nullable(segment), to: z.nullable(segment), customers: count })),
  stayed: count,
  customers: count,
});

export const valuesResultSchema = z.object({
  fields: z.array(z.object({ field: z.string(), values: z.array(z.object({ value: z.string(), customers: count })), truncated: z.boolean() })),
});

export const resultSchemas = {
  nps: npsResultSchema,
  funnel: funnelResultSchema,
  'rfm-grid': rfmGridResultSchema,
  'rfm-members': rfmMembersResultSchema,
  'rfm-page': rfmPageResultSchema,
  customer: customerResultSchema,
  values: valuesResultSchema,
  'rfm-migration': rfmMigrationResultSchema,
} as const satisfies Record<Metric, z.ZodMiniType>;

export type ResultOf<M extends Metric> = z.infer<(typeof resultSchemas)[M]>;

/** A result as it travels: the protocol version, the metric, and its data. */
export interface Answer<M extends Metric = Metric> {
  v: typeof PROTOCOL_VERSION;
  metric: M;
  data: ResultOf<M>;
}

export type QueryCheck = { ok: true; query: Query } | { ok: false; message: string };

/** Check a query as it arrives (from a widget, or at a warehouse endpoint). */
export function checkQuery(value: unknown): QueryCheck {
  const parsed = querySchema.safeParse(value);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `query.${issue.path.join('.')}: ${issue.message}` };
}

/** Check a result as it arrives from a remote engine (a warehouse), as a payload is checked. */
export function checkResult<M extends Metric>(metric: M, value: unknown): { ok: true; data: ResultOf<M> } | { ok: false; message: string } {
  const parsed = resultSchemas[metric].safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data as ResultOf<M> };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `${metric} result.${issue.path.join('.')}: ${issue.message}` };
}

const jsonSchemaOf = (schema: z.ZodMiniType): Record<string, unknown> => {
  // Each part is written as a fragment of the one document: only the top carries `$schema`.
  const { $schema: _draft, ...fragment } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return fragment;
};

/**
 * JSON Schema (draft 2020-12) of the query/result protocol, for engines in other languages (a
 * warehouse endpoint) and for hosts that check what they send: `$defs.query` is any query,
 * `$defs.answer` any answer (`{ v, metric, data }`), `$defs.result-<metric>` each metric's data.
 * Written by the build to `dist/query.schema.json` beside `contract.schema.json`.
 */
export function protocolJsonSchema(): Record<string, unknown> {
  const metrics = Object.keys(resultSchemas) as Metric[];
  const results = Object.fromEntries(metrics.map((metric) => [`result-${metric}`, jsonSchemaOf(resultSchemas[metric])]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://crm-widget-kit.dev/protocol/v${PROTOCOL_VERSION}.schema.json`,
    title: `crm-widget-kit query/result protocol v${PROTOCOL_VERSION}`,
    $defs: {
      query: jsonSchemaOf(querySchema),
      answer: {
        oneOf: metrics.map((metric) => ({
          type: 'object',
          required: ['v', 'metric', 'data'],
          properties: { v: { const: PROTOCOL_VERSION }, metric: { const: metric }, data: { $ref: `#/$defs/result-${metric}` } },
        })),
      },
      ...results,
    },
  };
}
