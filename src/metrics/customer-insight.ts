import type { Dataset } from '../contract/dataset.js';
import { resolveHealthOptions, type ResolvedHealthOptions } from './health-defaults.js';
import { roundCents } from './round.js';
import { DAY_MS, daysSince } from './time.js';
import {
  HEALTH_BANDS,
  LIFECYCLE_STAGES,
  SIGNAL_KINDS,
  type CustomerActivity,
  type CustomerHealth,
  type CustomerInsights,
  type CustomerValue,
  type HealthBand,
  type HealthWeights,
  type Signal,
} from './types.js';

export function bandOf(score: number): HealthBand {
  return score >= 70 ? 'green' : score >= 40 ? 'yellow' : 'red';
}
export const bandIndex = (score: number): number => (score >= 70 ? 0 : score >= 40 ? 1 : 2);

const clamp100 = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);
const SILENT = 1;
const SPEND_DROP = 2;
const DETRACTOR = 4;
const SERVICE = 8;
const UNDER_ENGAGED = 16;

/** Which of the five signals fired for one customer, as bits in SIGNAL_KINDS order. */
export function signalBits(dataset: Dataset, a: CustomerActivity, c: number, o: ResolvedHealthOptions): number {
  const th = o.thresholds;
  let bits = 0;
  if (!(a.lastInteraction[c]! > dataset.asOf - th.silentDays * DAY_MS)) bits |= SILENT;
  const previous = a.previousRevenue[c]!;
  if (previous > 0 && a.recentRevenue[c]! < th.spendDropRatio * previous) bits |= SPEND_DROP;
  const survey = a.latestSurvey[c]!;
  if (survey >= 0 && dataset.surveys.score[survey]! <= th.detractorMax) bits |= DETRACTOR;
  if (a.slowTickets[c]! > 0) bits |= SERVICE;
  if (a.recentInteractions[c]! < th.minInteractions) bits |= UNDER_ENGAGED;
  return bits;
}

/** The signals named by `bits`, each with the evidence behind it. */
export function signalsWithEvidence(dataset: Dataset, a: CustomerActivity, c: number, o: ResolvedHealthOptions, bits: number): Signal[] {
  const th = o.thresholds;
  const asOf = dataset.asOf;
  const signals: Signal[] = [];
  if (bits & SILENT) {
    const last = a.lastInteraction[c]!;
    signals.push({
      kind: 'silent',
      evidence: { daysSinceInteraction: last === -Infinity ? null : daysSince(last, asOf), thresholdDays: th.silentDays },
    });
  }
  if (bits & SPEND_DROP) {
    const recent = a.recentRevenue[c]!;
    const previous = a.previousRevenue[c]!;
    signals.push({
      kind: 'spend_drop',
      evidence: { recentRevenue: roundCents(recent), previousRevenue: roundCents(previous), change: recent / previous - 1, windowDays: th.windowDays },
    });
  }
  if (bits & DETRACTOR) {
    const s = a.latestSurvey[c]!;
    signals.push({
      kind: 'detractor',
      evidence: { score: dataset.surveys.score[s]!, surveyId: dataset.surveys.id[s]!, daysSinceSurvey: daysSince(dataset.surveys.date[s]!, asOf) },
    });
  }
  if (bits & SERVICE) {
    signals.push({
      kind: 'service',
      evidence: {
        slowTickets: a.slowTickets[c]!,
        unanswered: a.unansweredTickets[c]!,
        tickets: a.tickets[c]!,
        ticketId: dataset.tickets.id[a.worstTicket[c]!]!,
        worstWaitHours: Math.round(a.worstWait[c]! / 360_000) / 10,
        thresholdHours: th.serviceResponseHours,
      },
    });
  }
  if (bits & UNDER_ENGAGED) {
    signals.push({
      kind: 'under_engaged',
      evidence: { interactions: a.recentInteractions[c]!, minimum: th.minInteractions, windowDays: th.windowDays },
    });
  }
  return signals;
}

/** When the relationship started: `createdAt`, or the first order when that is earlier or unknown (Infinity: never). */
function tenureStart(dataset: Dataset, a: CustomerActivity, c: number): number {
  const created = c < dataset.customers.length ? dataset.customers.createdAt[c]! : NaN;
  const first = a.firstOrder[c]!;
  return created === created ? Math.min(created, first) : first;
}

/** Index into LIFECYCLE_STAGES; rules in docs/metrics.md, first match wins. */
export function stageIndex(dataset: Dataset, a: CustomerActivity, c: number, o: ResolvedHealthOptions): number {
  const { lifecycle, thresholds } = o;
  const start = tenureStart(dataset, a, c);
  const tenureDays = start === Infinity ? 0 : Math.max(0, daysSince(start, dataset.asOf));
  const recent = a.recentRevenue[c]!;
  const previous = a.previousRevenue[c]!;
  const purchases = a.purchases[c]!;
  const lapsed = purchases > 0 && a.lastPurchase[c]! <= dataset.asOf - 2 * thresholds.windowDays * DAY_MS;
  if ((previous > 0 && recent < lifecycle.declineRatio * previous) || lapsed) return 3;
  if (purchases === 0 || tenureDays < lifecycle.exploringDays) return 0;
  const rising = previous > 0 ? recent >= lifecycle.growthRatio * previous : recent > 0;
  return tenureDays < lifecycle.matureDays || rising ? 1 : 2;
}

/** The five health components, each 0..100, into `out` (recency, spendTrend, nps, engagement, service); returns the weighted score. */
export function healthScore(dataset: Dataset, a: CustomerActivity, c: number, o: ResolvedHealthOptions, out: Float64Array): number {
  const { thresholds: th, weights: w } = o;
  const asOf = dataset.asOf;
  const lastTouch = Math.max(a.lastPurchase[c]!, a.lastInteraction[c]!);
  const recency = lastTouch === -Infinity ? 0 : clamp100(100 * (1 - daysSince(lastTouch, asOf) / (2 * th.windowDays)));
  const recent = a.recentRevenue[c]!;
  const previous = a.previousRevenue[c]!;
  const spendTrend = previous > 0 ? clamp100((100 * recent) / previous) : recent > 0 ? 100 : 50;
  const survey = a.latestSurvey[c]!;
  const nps = survey >= 0 ? dataset.surveys.score[survey]! * 10 : 50;
  const engagement = th.minInteractions > 0 ? clamp100((100 * a.recentInteractions[c]!) / th.minInteractions) : 100;
  const tickets = a.tickets[c]!;
  const service = tickets > 0 ? 100 * (1 - a.slowTickets[c]! / tickets) : 100;
  out[0] = recency;
  out[1] = spendTrend;
  out[2] = nps;
  out[3] = engagement;
  out[4] = service;
  const total = w.recency + w.spendTrend + w.nps + w.engagement + w.service;
  if (!(total > 0)) return 0;
  return Math.round((w.recency * recency + w.spendTrend * spendTrend + w.nps * nps + w.engagement * engagement + w.service * service) / total);
}

/** Value figures of one customer into `out`: lifetimeRevenue, averageOrderValue, ordersPerYear, clv (NaN for none). */
export function valueFigures(dataset: Dataset, a: CustomerActivity, c: number, o: ResolvedHealthOptions, out: Float64Array): void {
  const purchases = a.purchases[c]!;
  const net = a.net[c]!;
  out[0] = roundCents(net);
  if (purchases === 0) {
    out[1] = out[2] = out[3] = NaN;
    return;
  }
  const tenureDays = Math.max(o.minTenureDays, (dataset.asOf - tenureStart(dataset, a, c)) / DAY_MS);
  const ordersPerYear = (purchases * 365) / tenureDays;
  const aov = net / purchases;
  out[1] = roundCents(aov);
  out[2] = ordersPerYear;
  out[3] = roundCents(aov * ordersPerYear * o.lifespanYears);
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** One customer's signals with evidence, health with components and value, from computed insights. */
export function customerInsight(
  dataset: Dataset,
  insights: CustomerInsights,
  customer: number,
): { signals: Signal[]; health: CustomerHealth; value: CustomerValue } {
  const o = resolveHealthOptions(insights.options);
  const a = insights.activity;
  const parts = new Float64Array(5);
  healthScore(dataset, a, customer, o, parts);
  const components: HealthWeights = { recency: parts[0]!, spendTrend: parts[1]!, nps: parts[2]!, engagement: parts[3]!, service: parts[4]! };
  const v = insights.value;
  return {
    signals: signalsWithEvidence(dataset, a, customer, o, insights.signals[customer]!),
    health: {
      score: insights.health[customer]!,
      band: HEALTH_BANDS[insights.band[customer]!]!,
      stage: LIFECYCLE_STAGES[insights.stage[customer]!]!,
      components,
    },
    value: {
      lifetimeRevenue: v.lifetimeRevenue[customer]!,
      orders: v.orders[customer]!,
      averageOrderValue: orNull(v.averageOrderValue[customer]!),
      ordersPerYear: orNull(v.ordersPerYear[customer]!),
      clv: orNull(v.clv[customer]!),
    },
  };
}

/** Signal kinds named by a bit set. */
export function signalKinds(bits: number): (typeof SIGNAL_KINDS)[number][] {
  return SIGNAL_KINDS.filter((_, k) => bits & (1 << k));
}
