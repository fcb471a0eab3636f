import { validatePayload, type ValidationOptions } from '../contract/validate.js';
import type { Dataset } from '../contract/dataset.js';
import { computeFunnel } from './compute-funnel.js';
import { computeInsights } from './compute-insights.js';
import { computeNps } from './compute-nps.js';
import { computeRfm } from './compute-rfm.js';
import { customerInsight } from './customer-insight.js';
import { describeCustomer } from './describe-customer.js';
import {
  HEALTH_BANDS,
  LIFECYCLE_STAGES,
  SIGNAL_KINDS,
  type CustomerHealth,
  type CustomerInsights,
  type Report,
  type ReportOptions,
  type ReportSummary,
  type RfmResult,
  type Signal,
} from './types.js';

/** What the full report and the summary share: every metric computed once. */
function computeAll(dataset: Dataset, options: ReportOptions) {
  const insights = computeInsights(dataset, options.health ?? {});
  const rfm = computeRfm(dataset, options.rfm);
  const { absent, signals, components } = insights.measured;
  const customer = options.customer;
  return {
    insights,
    rfm,
    common: {
      asOf: new Date(dataset.asOf).toISOString(),
      absent,
      measured: { signals, components },
      nps: computeNps(dataset, options.nps),
      funnel: computeFunnel(dataset, options.funnel),
    },
    customer: customer
      ? {
          customer: describeCustomer(dataset, customer.id, {
            health: options.health ?? {},
            rfm,
            ...(customer.timelineLimit !== undefined ? { timelineLimit: customer.timelineLimit } : {}),
            ...(customer.actions ? { actions: customer.actions } : {}),
          }),
        }
      : {},
  };
}

/**
 * The whole analysis as one JSON-ready object: NPS, funnel, RFM, and signals and health
 * keyed by customerId, with the collections that were absent and what was measured.
 * Rates are fractions 0..1, null where undefined.
 */
export function computeReport(dataset: Dataset, options: ReportOptions = {}): Report {
  const { insights, rfm, common, customer } = computeAll(dataset, options);
  // Keyed by customer ids from the payload: a customer called "__proto__" must be a key like any other.
  const signals = Object.create(null) as Record<string, Signal[]>;
  const health = Object.create(null) as Record<string, CustomerHealth>;
  dataset.customerKeys.forEach((id, c) => {
    const one = customerInsight(dataset, insights, c);
    signals[id] = one.signals;
    health[id] = one.health;
  });
  return { ...common, rfm, signals, health, ...customer };
}

/** The report's figures without per-customer arrays: RFM without its customers, signals and health as counts. */
export function computeReportSummary(dataset: Dataset, options: ReportOptions = {}): ReportSummary {
  const { insights, rfm, common, customer } = computeAll(dataset, options);
  return { ...common, rfm: withoutCustomers(rfm), ...countInsights(insights), ...customer };
}

function withoutCustomers({ customers: _customers, ...rest }: RfmResult): Omit<RfmResult, 'customers'> {
  return rest;
}

function countInsights(insights: CustomerInsights): Pick<ReportSummary, 'signals' | 'health'> {
  const signals = Object.fromEntries(SIGNAL_KINDS.map((kind) => [kind, 0])) as ReportSummary['signals'];
  const bands = Object.fromEntries(HEALTH_BANDS.map((band) => [band, 0])) as ReportSummary['health']['bands'];
  const stages = Object.fromEntries(LIFECYCLE_STAGES.map((stage) => [stage, 0])) as ReportSummary['health']['stages'];
  const n = insights.health.length;
  let total = 0;
  for (let c = 0; c < n; c++) {
    const bits = insights.signals[c]!;
    for (let k = 0; k < SIGNAL_KINDS.length; k++) if (bits & (1 << k)) signals[SIGNAL_KINDS[k]!]++;
    bands[HEALTH_BANDS[insights.band[c]!]!]++;
    stages[LIFECYCLE_STAGES[insights.stage[c]!]!]++;
    total += insights.health[c]!;
  }
  return { signals, health: { customers: n, meanScore: n ? Math.round((10 * total) / n) / 10 : null, bands, stages } };
}

/**
 * Validate a payload, then report on it. `asOf` (ISO) replaces the payload's own; rows that
 * break the contract are set aside as validation always does. Throws when the payload
 * cannot be read at all.
 */
export function reportFromPayload(payload: unknown, options: ReportOptions & { asOf?: string } & ValidationOptions = {}): Report {
  const { asOf, now, maxIssues, ...reportOptions } = options;
  const input = asOf !== undefined && payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, asOf } : payload;
  const result = validatePayload(input, { now, maxIssues });
  if (!result.ok) throw new Error(result.error.message);
  return computeReport(result.dataset, reportOptions);
}
