import { validatePayload, type ValidationOptions } from '../contract/validate.js';
import type { Dataset } from '../contract/dataset.js';
import { computeFunnel } from './compute-funnel.js';
import { computeInsights } from './compute-insights.js';
import { computeNps } from './compute-nps.js';
import { computeRfm } from './compute-rfm.js';
import { customerInsight } from './customer-insight.js';
import type { CustomerHealth, Report, ReportOptions, Signal } from './types.js';

/**
 * The whole analysis as one JSON-ready object: NPS, funnel, RFM, and signals and health
 * keyed by customerId. Rates are fractions 0..1, null where undefined.
 */
export function computeReport(dataset: Dataset, options: ReportOptions = {}): Report {
  const insights = computeInsights(dataset, options.health ?? {});
  // Keyed by customer ids from the payload: a customer called "__proto__" must be a key like any other.
  const signals = Object.create(null) as Record<string, Signal[]>;
  const health = Object.create(null) as Record<string, CustomerHealth>;
  dataset.customerKeys.forEach((id, c) => {
    const one = customerInsight(dataset, insights, c);
    signals[id] = one.signals;
    health[id] = one.health;
  });
  const { absent, signals: measuredSignals, components } = insights.measured;
  return {
    asOf: new Date(dataset.asOf).toISOString(),
    absent,
    measured: { signals: measuredSignals, components },
    nps: computeNps(dataset, options.nps),
    funnel: computeFunnel(dataset, options.funnel),
    rfm: computeRfm(dataset, options.rfm),
    signals,
    health,
  };
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
