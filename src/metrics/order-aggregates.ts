import type { Dataset } from '../contract/dataset.js';
import { DAY_MS } from './time.js';

/** Fields of one customer's record in `OrderAggregates.record` (stride `ORDER_STRIDE`). */
export const NET = 0;
export const PURCHASES = 1;
export const FIRST_ORDER = 2;
export const LAST_PURCHASE = 3;
export const RECENT_REVENUE = 4;
export const PREVIOUS_REVENUE = 5;
export const ORDER_STRIDE = 6;

/**
 * Per-customer facts of the orders up to `asOf`, from one pass: net sum (refunds included),
 * purchases (amount > 0), first order (Infinity: none), last purchase (−Infinity: none),
 * and net revenue in (asOf − window, asOf] and (asOf − 2 window, asOf − window].
 * Interleaved (customer c at c × ORDER_STRIDE) so each order touches one cache line: orders
 * arrive in any customer order, and with six separate columns every order was six cache misses.
 */
export interface OrderAggregates {
  windowDays: number;
  record: Float64Array;
}

interface Memo extends OrderAggregates {
  asOf: number;
  date: Float64Array;
  length: number;
}

// RFM and customer insights need the same per-customer sums; the dashboard computes both on one
// dataset, so the pass runs once. Internal only: callers always get copies, never `record`
// itself (their arrays may be transferred to a worker and detached).
const memo = new WeakMap<Dataset, Memo>();

/** The aggregate pass itself, never memoised. */
export function aggregateOrders(dataset: Dataset, windowDays: number): OrderAggregates {
  const { asOf, customerKeys } = dataset;
  const { customer, date, amount, length } = dataset.orders;
  const window = windowDays * DAY_MS;
  const recentFrom = asOf - window;
  const previousFrom = asOf - 2 * window;
  const record = new Float64Array(customerKeys.length * ORDER_STRIDE);
  for (let b = 0; b < record.length; b += ORDER_STRIDE) {
    record[b + FIRST_ORDER] = Infinity;
    record[b + LAST_PURCHASE] = -Infinity;
  }
  for (let i = 0; i < length; i++) {
    const t = date[i]!;
    if (t > asOf) continue;
    const b = customer[i]! * ORDER_STRIDE;
    const a = amount[i]!;
    record[b + NET]! += a;
    if (t < record[b + FIRST_ORDER]!) record[b + FIRST_ORDER] = t;
    if (a > 0) {
      record[b + PURCHASES]!++;
      if (t > record[b + LAST_PURCHASE]!) record[b + LAST_PURCHASE] = t;
    }
    // One branch for the ~70 % of orders older than both windows, then a select.
    if (t > previousFrom) record[b + (t > recentFrom ? RECENT_REVENUE : PREVIOUS_REVENUE)]! += a;
  }
  return { windowDays, record };
}

/**
 * `aggregateOrders`, remembered per dataset object (one entry, replaced when asked for another
 * window). `windowDays` undefined: any window will do (RFM reads only the window-free fields).
 * The entry is checked against `asOf` and the order columns, so a dataset whose columns were
 * replaced or transferred is recomputed, never read stale.
 */
export function orderAggregates(dataset: Dataset, windowDays: number | undefined, defaultWindowDays: number): OrderAggregates {
  const { asOf } = dataset;
  const { date, length } = dataset.orders;
  const hit = memo.get(dataset);
  if (
    hit &&
    hit.asOf === asOf &&
    hit.date === date &&
    hit.length === length &&
    date.length === length &&
    hit.record.length === dataset.customerKeys.length * ORDER_STRIDE &&
    (windowDays === undefined || hit.windowDays === windowDays)
  ) {
    return hit;
  }
  const computed = aggregateOrders(dataset, windowDays ?? defaultWindowDays);
  memo.set(dataset, { ...computed, asOf, date, length });
  return computed;
}

/**
 * Let `view` (a filtered copy with the same orders and `asOf`, e.g. cut by a customer filter) read
 * the aggregates of the dataset it was cut from: the pass is per customer index, and the copy keeps
 * every index, so a filter change does not pay for a pass over the orders again.
 */
export function shareOrderAggregates(from: Dataset, view: Dataset, defaultWindowDays: number): void {
  if (view.orders !== from.orders || view.asOf !== from.asOf || view.customerKeys !== from.customerKeys) return;
  orderAggregates(from, undefined, defaultWindowDays);
  memo.set(view, memo.get(from)!);
}
