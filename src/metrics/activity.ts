import type { Dataset } from '../contract/dataset.js';
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

  const o = dataset.orders;
  for (let i = 0; i < o.length; i++) {
    const t = o.date[i]!;
    if (t > asOf) continue;
    const c = o.customer[i]!;
    if (only >= 0 && c !== only) continue;
    const amount = o.amount[i]!;
    a.net[c]! += amount;
    if (t < a.firstOrder[c]!) a.firstOrder[c] = t;
    if (amount > 0) {
      a.purchases[c]!++;
      if (t > a.lastPurchase[c]!) a.lastPurchase[c] = t;
    }
    if (t > recentFrom) a.recentRevenue[c]! += amount;
    else if (t > previousFrom) a.previousRevenue[c]! += amount;
  }

  const it = dataset.interactions;
  for (let i = 0; i < it.length; i++) {
    const t = it.date[i]!;
    if (t > asOf) continue;
    const c = it.customer[i]!;
    if (only >= 0 && c !== only) continue;
    if (t > a.lastInteraction[c]!) a.lastInteraction[c] = t;
    if (t > recentFrom) a.recentInteractions[c]!++;
  }

  const s = dataset.surveys;
  for (let i = 0; i < s.length; i++) {
    const t = s.date[i]!;
    const c = s.customer[i]!;
    if (t > asOf || c < 0 || (only >= 0 && c !== only)) continue;
    const j = a.latestSurvey[c]!;
    if (j < 0 || t >= s.date[j]!) a.latestSurvey[c] = i;
  }

  const tk = dataset.tickets;
  const limit = thresholds.serviceResponseHours * 3_600_000;
  for (let i = 0; i < tk.length; i++) {
    const opened = tk.openedAt[i]!;
    if (opened > asOf) continue;
    const c = tk.customer[i]!;
    if (only >= 0 && c !== only) continue;
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
