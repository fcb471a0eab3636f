import type { Dataset } from '../contract/dataset.js';
import { bandIndex, insightRows, type InsightRows } from './compute-insights.js';
import { resolveHealthOptions, type ResolvedHealthOptions } from './health-defaults.js';
import { roundCents } from './round.js';
import { daysSince } from './time.js';
import {
  HEALTH_BANDS,
  HEALTH_COMPONENTS,
  LIFECYCLE_STAGES,
  SIGNAL_KINDS,
  type CustomerActivity,
  type CustomerHealth,
  type CustomerInsights,
  type CustomerValue,
  type HealthBand,
  type Signal,
} from './types.js';

/** The band of a health score, by the same rule the fast loop applies. */
export function bandOf(score: number): HealthBand {
  return HEALTH_BANDS[bandIndex(score)]!;
}

const SILENT = 1;
const SPEND_DROP = 2;
const DETRACTOR = 4;
const SERVICE = 8;
const UNDER_ENGAGED = 16;

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
      evidence: { score: dataset.surveys.score[s]!, surveyId: dataset.surveys.id.at(s)!, daysSinceSurvey: daysSince(dataset.surveys.date[s]!, asOf) },
    });
  }
  if (bits & SERVICE) {
    signals.push({
      kind: 'service',
      evidence: {
        slowTickets: a.slowTickets[c]!,
        unanswered: a.unansweredTickets[c]!,
        tickets: a.tickets[c]!,
        ticketId: dataset.tickets.id.at(a.worstTicket[c]!)!,
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

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

// One customer's components are recomputed by the shared loop into this scratch (the fast
// path keeps no components); reused, as computeReport asks for every customer in turn.
const scratch: InsightRows = {
  offset: 0,
  signals: new Uint8Array(1),
  health: new Uint8Array(1),
  band: new Uint8Array(1),
  stage: new Uint8Array(1),
  lifetimeRevenue: new Float64Array(1),
  averageOrderValue: new Float64Array(1),
  ordersPerYear: new Float64Array(1),
  clv: new Float64Array(1),
  components: new Float64Array(5),
};

/** One customer's signals with evidence, health with components and value, from computed insights. */
export function customerInsight(
  dataset: Dataset,
  insights: CustomerInsights,
  customer: number,
): { signals: Signal[]; health: CustomerHealth; value: CustomerValue } {
  const o = resolveHealthOptions(insights.options);
  const a = insights.activity;
  scratch.offset = customer;
  insightRows(dataset, a, o, insights.measured, customer, customer + 1, scratch);
  const parts = scratch.components!;
  const components = Object.fromEntries(HEALTH_COMPONENTS.map((name, k) => [name, orNull(parts[k]!)])) as CustomerHealth['components'];
  const v = insights.value;
  const clv = orNull(v.clv[customer]!);
  return {
    signals: signalsWithEvidence(dataset, a, customer, o, insights.signals[customer]!),
    health: {
      score: insights.health[customer]!,
      band: HEALTH_BANDS[insights.band[customer]!]!,
      stage: LIFECYCLE_STAGES[insights.stage[customer]!]!,
      components,
      measured: insights.measured.components,
    },
    value: {
      lifetimeRevenue: v.lifetimeRevenue[customer]!,
      orders: v.orders[customer]!,
      averageOrderValue: orNull(v.averageOrderValue[customer]!),
      ordersPerYear: orNull(v.ordersPerYear[customer]!),
      clv,
      clvStatus: v.orders[customer]! === 0 ? 'no-purchase' : clv === null ? 'short-history' : 'projected',
    },
  };
}

/** Signal kinds named by a bit set. */
export function signalKinds(bits: number): (typeof SIGNAL_KINDS)[number][] {
  return SIGNAL_KINDS.filter((_, k) => bits & (1 << k));
}
