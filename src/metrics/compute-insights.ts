import type { Dataset } from '../contract/dataset.js';
import { collectActivity } from './activity.js';
import { bandIndex, healthScore, signalBits, stageIndex, valueFigures } from './customer-insight.js';
import { resolveHealthOptions } from './health-defaults.js';
import type { ResolvedHealthOptions } from './health-defaults.js';
import { roundCents } from './round.js';
import { DAY_MS, daysSince } from './time.js';
import type { CustomerActivity, CustomerInsights, HealthOptions } from './types.js';

/**
 * Signals, health and value of every customer as typed arrays indexed like
 * `dataset.customerKeys`, from one pass over each collection. Definitions in
 * docs/metrics.md; `customerInsight()` expands one customer with evidence.
 * With `only` ≥ 0 just that customer is computed (the others read as empty).
 */
export function computeInsights(dataset: Dataset, options: HealthOptions = {}, only = -1): CustomerInsights {
  const resolved = resolveHealthOptions(options);
  const activity = collectActivity(dataset, resolved.thresholds, only);
  const n = dataset.customerKeys.length;
  const signals = new Uint8Array(n);
  const health = new Uint8Array(n);
  const band = new Uint8Array(n);
  const stage = new Uint8Array(n);
  const value = {
    lifetimeRevenue: new Float64Array(n),
    orders: activity.purchases,
    averageOrderValue: new Float64Array(n).fill(NaN),
    ordersPerYear: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
  };
  const from = only >= 0 ? only : 0;
  const to = only >= 0 ? Math.min(only + 1, n) : n;
  if (only >= 0) {
    // One customer: the reference functions customerInsight() also uses.
    const scratch = new Float64Array(5);
    for (let c = from; c < to; c++) {
      signals[c] = signalBits(dataset, activity, c, resolved);
      const score = healthScore(dataset, activity, c, resolved, scratch);
      health[c] = score;
      band[c] = bandIndex(score);
      stage[c] = stageIndex(dataset, activity, c, resolved);
      valueFigures(dataset, activity, c, resolved, scratch);
      value.lifetimeRevenue[c] = scratch[0]!;
      value.averageOrderValue[c] = scratch[1]!;
      value.ordersPerYear[c] = scratch[2]!;
      value.clv[c] = scratch[3]!;
    }
  } else {
    everyone(dataset, activity, resolved, signals, health, band, stage, value);
  }
  return { signals, health, band, stage, value, activity, options };
}

const clamp100 = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

/**
 * signalBits, healthScore, bandIndex, stageIndex and valueFigures of customer-insight.ts for
 * every customer in one loop over local typed arrays (the same formulas, in the same order of
 * operations; test/metrics/internals.test.ts holds them equal). Calling the five per
 * customer re-read every option and column through objects 100,000 times.
 */
function everyone(
  dataset: Dataset,
  a: CustomerActivity,
  o: ResolvedHealthOptions,
  signals: Uint8Array,
  health: Uint8Array,
  band: Uint8Array,
  stage: Uint8Array,
  value: CustomerInsights['value'],
): void {
  const { asOf } = dataset;
  const { thresholds: th, weights: w, lifecycle } = o;
  const surveyScore = dataset.surveys.score;
  const created = dataset.customers.createdAt;
  const rows = dataset.customers.length;
  const { purchases, net, firstOrder, lastPurchase, recentRevenue, previousRevenue, lastInteraction, recentInteractions, latestSurvey, tickets, slowTickets } = a;
  const silentFrom = asOf - th.silentDays * DAY_MS;
  const lapsedBy = asOf - 2 * th.windowDays * DAY_MS;
  const total = w.recency + w.spendTrend + w.nps + w.engagement + w.service;
  const weighted = total > 0;
  const twoWindows = 2 * th.windowDays;
  const { lifetimeRevenue, averageOrderValue, ordersPerYear: perYear, clv } = value;
  for (let c = 0; c < signals.length; c++) {
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
    signals[c] = bits;

    let score = 0;
    if (weighted) {
      const lastTouch = Math.max(last, touched);
      const recency = lastTouch === -Infinity ? 0 : clamp100(100 * (1 - daysSince(lastTouch, asOf) / twoWindows));
      const spendTrend = previous > 0 ? clamp100((100 * recent) / previous) : recent > 0 ? 100 : 50;
      const nps = survey >= 0 ? surveyScore[survey]! * 10 : 50;
      const engagement = th.minInteractions > 0 ? clamp100((100 * interactions) / th.minInteractions) : 100;
      const service = ticketCount > 0 ? 100 * (1 - slow / ticketCount) : 100;
      score = Math.round((w.recency * recency + w.spendTrend * spendTrend + w.nps * nps + w.engagement * engagement + w.service * service) / total);
    }
    health[c] = score;
    band[c] = score >= 70 ? 0 : score >= 40 ? 1 : 2;

    const createdAt = c < rows ? created[c]! : NaN;
    const first = firstOrder[c]!;
    const start = createdAt === createdAt ? Math.min(createdAt, first) : first;
    const tenureDays = start === Infinity ? 0 : Math.max(0, daysSince(start, asOf));
    const lapsed = bought > 0 && last <= lapsedBy;
    if ((previous > 0 && recent < lifecycle.declineRatio * previous) || lapsed) stage[c] = 3;
    else if (bought === 0 || tenureDays < lifecycle.exploringDays) stage[c] = 0;
    else {
      const rising = previous > 0 ? recent >= lifecycle.growthRatio * previous : recent > 0;
      stage[c] = tenureDays < lifecycle.matureDays || rising ? 1 : 2;
    }

    const sum = net[c]!;
    lifetimeRevenue[c] = roundCents(sum);
    if (bought > 0) {
      const days = Math.max(o.minTenureDays, (asOf - start) / DAY_MS);
      const rate = (bought * 365) / days;
      const aov = sum / bought;
      averageOrderValue[c] = roundCents(aov);
      perYear[c] = rate;
      clv[c] = roundCents(aov * rate * o.lifespanYears);
    }
  }
}
