import { CHANNELS } from '../contract/fields.js';
import type { Dataset } from '../contract/dataset.js';
import { computeInsights } from './compute-insights.js';
import { computeRfm, rfmCustomerOf } from './compute-rfm.js';
import { customerInsight } from './customer-insight.js';
import { customerRows } from './customer-rows.js';
import { monthlyRevenue } from './monthly-revenue.js';
import { nextBestAction, type NextBestActionRules } from './next-best-action.js';
import type { Customer360, HealthOptions, RfmResult, TimelineItem, TimelineKind } from './types.js';

export interface DescribeOptions {
  health?: HealthOptions;
  /** Newest timeline items to keep (default 20). */
  timelineLimit?: number;
  /** RFM already computed for the whole base (the segment depends on everyone); computed when absent. */
  rfm?: RfmResult;
  actions?: NextBestActionRules;
}

const KIND_ORDER: Record<TimelineKind, number> = { order: 0, interaction: 1, survey: 2, ticket: 3, stage: 4 };
const orNull = (t: number): number | null => (t === t ? t : null);

function timeline(dataset: Dataset, c: number, limit: number): TimelineItem[] {
  const { asOf, orders: o, interactions: it, surveys: s, tickets: tk, stageEvents: e } = dataset;
  const rows = customerRows(dataset, c);
  const items: TimelineItem[] = [];
  const seen = (t: number) => t === t && t <= asOf;
  for (const i of rows.orders) {
    if (seen(o.date[i]!)) items.push({ kind: 'order', id: o.id.at(i)!, date: o.date[i]!, detail: { amount: o.amount[i]! } });
  }
  for (const i of rows.interactions) {
    if (seen(it.date[i]!)) {
      items.push({ kind: 'interaction', id: it.id.at(i)!, date: it.date[i]!, detail: { channel: CHANNELS[it.channel[i]!]! } });
    }
  }
  for (const i of rows.surveys) {
    if (seen(s.date[i]!)) {
      items.push({ kind: 'survey', id: s.id.at(i)!, date: s.date[i]!, detail: { score: s.score[i]!, comment: s.comment[i] ?? null } });
    }
  }
  for (const i of rows.tickets) {
    if (seen(tk.openedAt[i]!)) {
      const responded = tk.firstResponseAt[i]!;
      const resolved = tk.resolvedAt[i]!;
      items.push({
        kind: 'ticket',
        id: tk.id.at(i)!,
        date: tk.openedAt[i]!,
        detail: { firstResponseAt: seen(responded) ? responded : null, resolvedAt: seen(resolved) ? resolved : null },
      });
    }
  }
  for (const i of rows.stageEvents) {
    if (seen(e.date[i]!)) {
      items.push({ kind: 'stage', id: e.entityKeys[e.entity[i]!]!, date: e.date[i]!, detail: { stage: dataset.stages[e.stage[i]!]?.key ?? null } });
    }
  }
  items.sort((a, b) => b.date - a.date || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items.slice(0, limit);
}

/**
 * Everything the customer 360 view shows for one customer: profile, value, RFM, health,
 * signals with evidence, latest survey, open tickets, the newest timeline items across
 * orders, interactions, surveys, tickets and stage events, and the next best action.
 * Null when the id is unknown.
 */
export function describeCustomer(dataset: Dataset, customerId: string, options: DescribeOptions = {}): Customer360 | null {
  const c = dataset.customerKeys.indexOf(customerId);
  if (c < 0) return null;
  const { asOf, customers, surveys: s, tickets: tk } = dataset;
  const insights = computeInsights(dataset, options.health ?? {}, c);
  const insight = customerInsight(dataset, insights, c);
  const rfm = rfmCustomerOf(options.rfm ?? computeRfm(dataset), c);
  const row = c < customers.length;
  const rows = customerRows(dataset, c);
  let survey = -1;
  for (const i of rows.surveys) {
    if (s.date[i]! <= asOf && (survey < 0 || s.date[i]! >= s.date[survey]!)) survey = i;
  }
  const openTickets: Customer360['openTickets'] = [];
  for (const i of rows.tickets) {
    if (tk.openedAt[i]! > asOf) continue;
    const resolved = tk.resolvedAt[i]!;
    if (resolved === resolved && resolved <= asOf) continue;
    const responded = tk.firstResponseAt[i]!;
    openTickets.push({ id: tk.id.at(i)!, openedAt: tk.openedAt[i]!, firstResponseAt: responded === responded && responded <= asOf ? responded : null });
  }
  return {
    customer: c,
    customerId,
    profile: {
      name: row ? customers.name[c]! : customerId,
      company: row ? (customers.company[c] ?? null) : null,
      segment: row ? (customers.segment[c] ?? null) : null,
      region: row ? (customers.region[c] ?? null) : null,
      owner: row ? (customers.owner[c] ?? null) : null,
      createdAt: row ? orNull(customers.createdAt[c]!) : null,
    },
    value: insight.value,
    revenueByMonth: monthlyRevenue(dataset, c),
    rfm,
    health: insight.health,
    signals: insight.signals,
    measured: insights.measured,
    latestSurvey: survey < 0 ? null : { id: s.id.at(survey)!, date: s.date[survey]!, score: s.score[survey]!, comment: s.comment[survey] ?? null },
    openTickets,
    timeline: timeline(dataset, c, options.timelineLimit ?? 20),
    nextBestAction: nextBestAction(rfm, insight.signals, options.actions),
  };
}
