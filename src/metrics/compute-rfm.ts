import type { Dataset } from '../contract/dataset.js';
import { customerMask } from './customer-groups.js';
import { purchaseDays } from './purchase-days.js';
import { rankScores } from './rank-scores.js';
import { denseScores, largestTie, thresholdScores } from './score-rules.js';
import { roundCents } from './round.js';
import { segmentOf } from './segment-of.js';
import { daysSince } from './time.js';
import { DEFAULT_SIGNAL_THRESHOLDS } from './health-defaults.js';
import { LAST_PURCHASE, NET, ORDER_STRIDE, orderAggregates, PURCHASES } from './order-aggregates.js';
import { RFM_SEGMENTS, type RfmAxis, type RfmCell, type RfmCustomer, type RfmOptions, type RfmResult, type RfmSegment, type RfmWarning } from './types.js';

/**
 * RFM over the orders up to `asOf`. A purchase is an order with amount > 0. Customers with
 * at least one purchase are scored: recency = days since the last purchase, frequency =
 * purchases (or purchase days), monetary = net sum of all their orders (refunds included) in
 * cents. Scores 1..5 by rank (ties low or dense) or by fixed thresholds per axis; every empty
 * level comes with a warning. See docs/metrics.md. `customers` is in customer-index order.
 */
export function computeRfm(dataset: Dataset, options: RfmOptions = {}): RfmResult {
  const { asOf, customerKeys } = dataset;
  const total = customerKeys.length;
  // Net sum, purchases and last purchase per customer: the same pass customer insights use.
  const { record } = orderAggregates(dataset, undefined, DEFAULT_SIGNAL_THRESHOLDS.windowDays);
  // Scores rank among `mask`; a query's score filters (segment, cell, NPS) then keep `kept` without re-ranking.
  const mask = customerMask(dataset, options.filter, 'ranked');
  const kept = dataset.scope ? customerMask(dataset, options.filter) : mask;
  let considered = 0;
  let n = 0;
  for (let c = 0; c < total; c++) {
    if (kept && !kept[c]) continue;
    considered++;
  }
  for (let c = 0; c < total; c++) {
    if (mask && !mask[c]) continue;
    if (record[c * ORDER_STRIDE + PURCHASES]! > 0) n++;
  }
  const days = options.frequency === 'days' ? purchaseDays(dataset) : null;
  const index = new Int32Array(n);
  const recency = new Int32Array(n);
  const frequency = new Int32Array(n);
  const monetary = new Float64Array(n);
  // Monetary in whole cents: the same order as `monetary` (rounding to cents is monotonic and
  // cents ↔ cents / 100 is one-to-one), and integers rank by radix sort in two passes.
  const cents = new Float64Array(n);
  for (let c = 0, k = 0; c < total; c++) {
    const b = c * ORDER_STRIDE;
    if ((mask && !mask[c]) || record[b + PURCHASES] === 0) continue;
    index[k] = c;
    recency[k] = daysSince(record[b + LAST_PURCHASE]!, asOf);
    frequency[k] = days ? days[c]! : record[b + PURCHASES]!;
    const money = roundCents(record[b + NET]!);
    monetary[k] = money;
    cents[k] = Math.round(money * 100);
    k++;
  }
  const thresholds = options.thresholds ?? {};
  const score = (axis: RfmAxis, values: Int32Array | Float64Array, descending: boolean, unit = 1): Uint8Array => {
    const fixed = thresholds[axis];
    if (fixed) return thresholdScores(values, fixed.map((t) => Math.round(t * unit)), descending);
    return options.ties === 'dense' ? denseScores(values, descending) : rankScores(values, descending);
  };
  const r = score('r', recency, true);
  const f = score('f', frequency, false);
  const m = score('m', cents, false, 100);
  const warnings = [
    ...emptyLevels('r', r, recency, thresholds.r),
    ...emptyLevels('f', f, frequency, thresholds.f),
    ...emptyLevels('m', m, cents, thresholds.m?.map((t) => Math.round(t * 100)), 100),
  ];

  const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, { customers: 0, monetary: 0 }])) as RfmResult['segments'];
  const cellCount = new Int32Array(25);
  const cellMoney = new Float64Array(25);
  const cellM = new Int32Array(25);
  // Positions (into the ranked arrays) of the customers the result lists, in customer-index order.
  const listed = new Int32Array(n);
  let scored = 0;
  for (let k = 0; k < n; k++) {
    const segment: RfmSegment = segmentOf(r[k]!, f[k]!);
    const c = index[k]!;
    if (kept !== mask && !kept![c]) continue;
    listed[scored++] = k;
    const bucket = segments[segment];
    bucket.customers++;
    bucket.monetary += monetary[k]!;
    const cell = (f[k]! - 1) * 5 + (r[k]! - 1);
    cellCount[cell]!++;
    cellMoney[cell]! += monetary[k]!;
    cellM[cell]! += m[k]!;
  }
  for (const s of RFM_SEGMENTS) segments[s].monetary = roundCents(segments[s].monetary);
  const cells: RfmCell[] = [];
  for (let y = 1; y <= 5; y++) {
    for (let x = 1; x <= 5; x++) {
      const cell = (y - 1) * 5 + (x - 1);
      const count = cellCount[cell]!;
      cells.push({ x, y, count, monetary: roundCents(cellMoney[cell]!), meanM: count ? cellM[cell]! / count : null });
    }
  }
  // The matrix needs the counts and the 360 card one customer, not 88k objects (at 1M orders, ≈ 10 MB kept):
  // the list is made when first read (drill-downs, segment filters), and `rfmCustomerOf` finds one customer without it.
  const customerAt = (k: number): RfmCustomer => {
    const c = index[k]!;
    return { customer: c, customerId: customerKeys[c]!, recencyDays: recency[k]!, frequency: frequency[k]!, monetary: monetary[k]!, r: r[k]!, f: f[k]!, m: m[k]!, segment: segmentOf(r[k]!, f[k]!) };
  };
  let list: RfmCustomer[] | undefined;
  const result: RfmResult = {
    get customers() {
      return (list ??= Array.from(listed.subarray(0, scored), customerAt));
    },
    segments,
    cells,
    scored,
    unscored: considered - scored,
    warnings,
  };
  lookups.set(result, (customer) => {
    const at = firstAtLeast(scored, (p) => index[listed[p]!]!, customer);
    return at < scored && index[listed[at]!] === customer ? customerAt(listed[at]!) : null;
  });
  return result;
}

const lookups = new WeakMap<RfmResult, (customer: number) => RfmCustomer | null>();

/** One customer's entry of `rfm.customers` (by customer index), or null when not scored; without making the list when `computeRfm` made `rfm`. */
export function rfmCustomerOf(rfm: RfmResult, customer: number): RfmCustomer | null {
  const lookup = lookups.get(rfm);
  if (lookup) return lookup(customer);
  // A result from elsewhere (a caller's own, or a copy): `customers` is in customer-index order.
  const { customers } = rfm;
  const found = customers[firstAtLeast(customers.length, (p) => customers[p]!.customer, customer)];
  return found && found.customer === customer ? found : null;
}

/** The first position in 0..n − 1 whose key (ascending) is at least `target`; n when none is. */
function firstAtLeast(n: number, keyAt: (position: number) => number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A warning for each score level nobody has on one axis. `unit` scales values back to the
 * axis's units (cents → currency). The tie is named when one value holds a fifth or more.
 */
function emptyLevels(axis: RfmAxis, scores: Uint8Array, values: Int32Array | Float64Array, thresholds: readonly number[] | undefined, unit = 1): RfmWarning[] {
  const n = scores.length;
  if (n === 0) return [];
  const filled = new Int32Array(6);
  for (let i = 0; i < n; i++) filled[scores[i]!]!++;
  const empty = [1, 2, 3, 4, 5].filter((level) => filled[level] === 0);
  if (empty.length === 0) return [];
  const largest = largestTie(values);
  const tie = largest && largest.customers >= 2 && largest.customers * 5 >= n ? { value: largest.value / unit, customers: largest.customers, share: largest.customers / n } : null;
  return empty.map((level) => ({
    axis,
    score: level,
    rule: thresholds ? 'thresholds' : 'ranks',
    tie,
    range: thresholds ? thresholdRange(axis, level, thresholds, unit) : null,
  }));
}

/** The bounds of an empty level under fixed thresholds, in the axis's units. */
export function thresholdRange(axis: RfmAxis, level: number, t: readonly number[], unit: number): RfmWarning['range'] {
  const at = (k: number) => t[k]! / unit;
  // R: score 5 is d ≤ t1, score s is t(5−s) < d ≤ t(6−s), score 1 is d > t4.
  if (axis === 'r') return { from: level === 5 ? null : at(4 - level), to: level === 1 ? null : at(5 - level) };
  // F, M: score s is t(s) ≤ v < t(s+1); score 1 is anything below t2, score 5 anything from t5.
  return { from: level === 1 ? null : at(level - 1), to: level === 5 ? null : at(level) };
}
