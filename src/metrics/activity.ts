import type { Dataset } from '../contract/dataset.js';
import { customerRows } from './customer-rows.js';
import { FIRST_ORDER, LAST_PURCHASE, NET, ORDER_STRIDE, orderAggregates, PREVIOUS_REVENUE, PURCHASES, RECENT_REVENUE } from './order-aggregates.js';
import { DAY_MS } from './time.js';
import type { CustomerActivity } from './types.js';

/** Thresholds of the signals with their defaults filled in. */
export interface SignalThresholds {
  silentDays: number;
  spendDropRatio: number;
  detractorMax: number;
  serviceResponseHours: number;
  minInteractions: number;
  windowDays: number;
}

/** Gather activity up to `asOf`; with `only` ≥ 0 the arrays are still full size but only that customer is filled. */
export function collectActivity(dataset: Dataset, thresholds: SignalThresholds, only = -1): CustomerActivity {
  const n = dataset.customerKeys.length;
  const asOf = dataset.asOf;
  const window = thresholds.windowDays * DAY_MS;
  const recentFrom = asOf - window;
  const previousFrom = asOf - 2 * window;
  const a: CustomerActivity = {
    purchases: new Int32Array(n),
    net: new Float64Array(n),
    firstOrder: new Float64Array(n).fill(Infinity),
    lastPurchase: new Float64Array(n).fill(-Infinity),
    recentRevenue: new Float64Array(n),
    previousRevenue: new Float64Array(n),
    lastInteraction: new Float64Array(n).fill(-Infinity),
    recentInteractions: new Int32Array(n),
    latestSurvey: new Int32Array(n).fill(-1),
    tickets: new Int32Array(n),
    slowTickets: new Int32Array(n),
    unansweredTickets: new Int32Array(n),
    worstTicket: new Int32Array(n).fill(-1),
    worstWait: new Float64Array(n),
  };

  // One customer's rows, found once: scanning every collection for each figure was most of a 360 card's time.
  const pick = only >= 0 ? customerRows(dataset, only) : null;
  if (!pick) {
    // Everyone: the shared per-customer order aggregates (computeRfm reads the same pass).
    const { record } = orderAggregates(dataset, thresholds.windowDays, thresholds.windowDays);
    for (let c = 0, b = 0; c < n; c++, b += ORDER_STRIDE) {
      a.net[c] = record[b + NET]!;
      a.purchases[c] = record[b + PURCHASES]!;
      a.firstOrder[c] = record[b + FIRST_ORDER]!;
      a.lastPurchase[c] = record[b + LAST_PURCHASE]!;
      a.recentRevenue[c] = record[b + RECENT_REVENUE]!;
      a.previousRevenue[c] = record[b + PREVIOUS_REVENUE]!;
    }
  } else {
    const o = dataset.orders;
    for (const i of pick.orders) {
      const t = o.date[i]!;
      if (t > asOf) continue;
      const amount = o.amount[i]!;
      a.net[only]! += amount;
      if (t < a.firstOrder[only]!) a.firstOrder[only] = t;
      if (amount > 0) {
        a.purchases[only]!++;
        if (t > a.lastPurchase[only]!) a.lastPurchase[only] = t;
      }
      if (t > recentFrom) a.recentRevenue[only]! += amount;
      else if (t > previousFrom) a.previousRevenue[only]! += amount;
    }
  }

  // Last interaction and recent count side by side (one cache line per interaction), then split.
  const it = dataset.interactions;
  const touch = new Float64Array(2 * n);
  for (let b = 0; b < touch.length; b += 2) touch[b] = -Infinity;
  const touched = pick?.interactions;
  for (let j = 0, end = touched ? touched.length : it.length; j < end; j++) {
    const i = touched ? touched[j]! : j;
    const t = it.date[i]!;
    if (t > asOf) continue;
    const c = it.customer[i]!;
    const b = 2 * c;
    if (t > touch[b]!) touch[b] = t;
    if (t > recentFrom) touch[b + 1]!++;
  }
  for (let c = 0; c < n; c++) {
    a.lastInteraction[c] = touch[2 * c]!;
    a.recentInteractions[c] = touch[2 * c + 1]!;
  }

  const s = dataset.surveys;
  const answered = pick?.surveys;
  for (let j = 0, end = answered ? answered.length : s.length; j < end; j++) {
    const i = answered ? answered[j]! : j;
    const t = s.date[i]!;
    const c = s.customer[i]!;
    if (t > asOf || c < 0) continue;
    const latest = a.latestSurvey[c]!;
    if (latest < 0 || t >= s.date[latest]!) a.latestSurvey[c] = i;
  }

  const tk = dataset.tickets;
  const limit = thresholds.serviceResponseHours * 3_600_000;
  const raised = pick?.tickets;
  for (let j = 0, end = raised ? raised.length : tk.length; j < end; j++) {
    const i = raised ? raised[j]! : j;
    const opened = tk.openedAt[i]!;
    if (opened > asOf) continue;
    const c = tk.customer[i]!;
    a.tickets[c]!++;
    const response = tk.firstResponseAt[i]!;
    // A response dated after asOf had not happened yet at asOf.
    const answered = response === response && response <= asOf;
    const wait = (answered ? response : asOf) - opened;
    if (wait <= limit) continue;
    a.slowTickets[c]!++;
    if (!answered) a.unansweredTickets[c]!++;
    if (wait > a.worstWait[c]!) {
      a.worstWait[c] = wait;
      a.worstTicket[c] = i;
    }
  }
  return a;
}
