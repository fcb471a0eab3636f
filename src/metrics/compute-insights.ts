import type { Dataset } from '../contract/dataset.js';
import { collectActivity } from './activity.js';
import { resolveHealthOptions } from './health-defaults.js';
import type { ResolvedHealthOptions } from './health-defaults.js';
import { measuredInsights } from './measured.js';
import { roundCents } from './round.js';
import { DAY_MS, daysSince } from './time.js';
import { HEALTH_COMPONENTS, SIGNAL_KINDS, type CustomerActivity, type CustomerInsights, type HealthOptions, type Measured } from './types.js';

/**
 * Where `insightRows` writes: customer c goes to index c − `offset`. `components` (five per
 * customer, NaN for a component that was not measured) is filled only when given.
 */
export interface InsightRows {
  offset: number;
  signals: Uint8Array;
  health: Uint8Array;
  band: Uint8Array;
  stage: Uint8Array;
  lifetimeRevenue: Float64Array;
  averageOrderValue: Float64Array;
  ordersPerYear: Float64Array;
  clv: Float64Array;
  components: Float64Array | null;
}

/**
 * Signals, health and value of every customer as typed arrays indexed like
 * `dataset.customerKeys`, from one pass over each collection. Definitions in
 * docs/metrics.md; `customerInsight()` expands one customer with evidence.
 * With `only` ≥ 0 just that customer is computed (the others read as empty).
 */
export function computeInsights(dataset: Dataset, options: HealthOptions = {}, only = -1): CustomerInsights {
  const resolved = resolveHealthOptions(options);
  const activity = collectActivity(dataset, resolved.thresholds, only);
  const measured = measuredInsights(dataset);
  const n = dataset.customerKeys.length;
  const rows: InsightRows = {
    offset: 0,
    signals: new Uint8Array(n),
    health: new Uint8Array(n),
    band: new Uint8Array(n),
    stage: new Uint8Array(n),
    lifetimeRevenue: new Float64Array(n),
    averageOrderValue: new Float64Array(n).fill(NaN),
    ordersPerYear: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
    components: null,
  };
  if (only >= 0) insightRows(dataset, activity, resolved, measured, only, Math.min(only + 1, n), rows);
  else insightRows(dataset, activity, resolved, measured, 0, n, rows);
  const { signals, health, band, stage, lifetimeRevenue, averageOrderValue, ordersPerYear, clv } = rows;
  return {
    signals,
    health,
    band,
    stage,
    value: { lifetimeRevenue, orders: activity.purchases, averageOrderValue, ordersPerYear, clv },
    activity,
    measured,
    options,
  };
}

const clamp100 = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

/** A health score's band as an index of HEALTH_BANDS: green from 70, yellow from 40, else red (docs/metrics.md). */
export const bandIndex = (score: number): number => (score >= 70 ? 0 : score >= 40 ? 1 : 2);

/**
 * The one implementation of the signal, health, stage and value formulas (docs/metrics.md),
 * for customers from..to − 1, in one loop over local typed arrays: nothing is allocated per
 * customer, which is what keeps 100,000 customers cheap. `customerInsight()` calls it for a
 * single customer to read the health components.
 */
export function insightRows(
  dataset: Dataset,
  a: CustomerActivity,
  o: ResolvedHealthOptions,
  measured: Measured,
  from: number,
  to: number,
  out: InsightRows,
): void {
  const { asOf } = dataset;
  const { thresholds: th, lifecycle } = o;
  const surveyScore = dataset.surveys.score;
  const created = dataset.customers.createdAt;
  const rows = dataset.customers.length;
  const { purchases, net, firstOrder, lastPurchase, recentRevenue, previousRevenue, lastInteraction, recentInteractions, latestSurvey, tickets, slowTickets } = a;
  const silentFrom = asOf - th.silentDays * DAY_MS;
  const lapsedBy = asOf - 2 * th.windowDays * DAY_MS;
  const twoWindows = 2 * th.windowDays;

  // What an absent collection would feed is not measured: its signals never fire and its
  // component weighs nothing, so the score is the weighted mean of the measured components.
  let signalMask = 0;
  for (const kind of measured.signals) signalMask |= 1 << SIGNAL_KINDS.indexOf(kind);
  const [mRecency, mSpend, mNps, mEngagement, mService] = HEALTH_COMPONENTS.map((name) => measured.components.includes(name));
  const wRecency = mRecency ? o.weights.recency : 0;
  const wSpend = mSpend ? o.weights.spendTrend : 0;
  const wNps = mNps ? o.weights.nps : 0;
  const wEngagement = mEngagement ? o.weights.engagement : 0;
  const wService = mService ? o.weights.service : 0;
  const total = wRecency + wSpend + wNps + wEngagement + wService;
  const weighted = total > 0;
  const parts = out.components;

  const { offset, signals, health, band, stage, lifetimeRevenue, averageOrderValue, ordersPerYear: perYear, clv } = out;
  for (let c = from; c < to; c++) {
    const k = c - offset;
    const recent = recentRevenue[c]!;
    const previous = previousRevenue[c]!;
    const survey = latestSurvey[c]!;
    const interactions = recentInteractions[c]!;
    const ticketCount = tickets[c]!;
    const slow = slowTickets[c]!;
    const bought = purchases[c]!;
    const last = lastPurchase[c]!;
    const touched = lastInteraction[c]!;

    let bits = 0;
    if (!(touched > silentFrom)) bits |= 1;
    if (previous > 0 && recent < th.spendDropRatio * previous) bits |= 2;
    if (survey >= 0 && surveyScore[survey]! <= th.detractorMax) bits |= 4;
    if (slow > 0) bits |= 8;
    if (interactions < th.minInteractions) bits |= 16;
    signals[k] = bits & signalMask;

    const lastTouch = Math.max(last, touched);
    const recency = lastTouch === -Infinity ? 0 : clamp100(100 * (1 - daysSince(lastTouch, asOf) / twoWindows));
    const spendTrend = previous > 0 ? clamp100((100 * recent) / previous) : recent > 0 ? 100 : 50;
    const nps = survey >= 0 ? surveyScore[survey]! * 10 : 50;
    const engagement = th.minInteractions > 0 ? clamp100((100 * interactions) / th.minInteractions) : 100;
    const service = ticketCount > 0 ? 100 * (1 - slow / ticketCount) : 100;
    const score = weighted ? Math.round((wRecency * recency + wSpend * spendTrend + wNps * nps + wEngagement * engagement + wService * service) / total) : 0;
    health[k] = score;
    band[k] = bandIndex(score);
    if (parts) {
      const b = k * 5;
      parts[b] = mRecency ? recency : NaN;
      parts[b + 1] = mSpend ? spendTrend : NaN;
      parts[b + 2] = mNps ? nps : NaN;
      parts[b + 3] = mEngagement ? engagement : NaN;
      parts[b + 4] = mService ? service : NaN;
    }

    // Tenure in whole days, as the lifecycle stage and CLV both read it.
    const createdAt = c < rows ? created[c]! : NaN;
    const first = firstOrder[c]!;
    const start = createdAt === createdAt ? Math.min(createdAt, first) : first;
    const tenureDays = start === Infinity ? 0 : Math.max(0, daysSince(start, asOf));
    const lapsed = bought > 0 && last <= lapsedBy;
    if ((previous > 0 && recent < lifecycle.declineRatio * previous) || lapsed) stage[k] = 3;
    else if (bought === 0 || tenureDays < lifecycle.exploringDays) stage[k] = 0;
    else {
      const rising = previous > 0 ? recent >= lifecycle.growthRatio * previous : recent > 0;
      stage[k] = tenureDays < lifecycle.matureDays || rising ? 1 : 2;
    }

    const sum = net[c]!;
    lifetimeRevenue[k] = roundCents(sum);
    if (bought > 0) {
      const rate = (bought * 365) / Math.max(o.minTenureDays, tenureDays);
      const aov = sum / bought;
      averageOrderValue[k] = roundCents(aov);
      perYear[k] = rate;
      // A projection from a few weeks of history is a guess: withheld below minHistoryDays.
      clv[k] = tenureDays >= o.minHistoryDays ? roundCents(aov * rate * o.lifespanYears) : NaN;
    } else {
      averageOrderValue[k] = NaN;
      perYear[k] = NaN;
      clv[k] = NaN;
    }
  }
}
