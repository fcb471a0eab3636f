import type { Dataset } from '../contract/dataset.js';
import { customerMask } from './customer-groups.js';
import { rankScores } from './rank-scores.js';
import { roundCents } from './round.js';
import { segmentOf } from './segment-of.js';
import { daysSince } from './time.js';
import { DEFAULT_SIGNAL_THRESHOLDS } from './health-defaults.js';
import { LAST_PURCHASE, NET, ORDER_STRIDE, orderAggregates, PURCHASES } from './order-aggregates.js';
import { RFM_SEGMENTS, type RfmCell, type RfmCustomer, type RfmOptions, type RfmResult, type RfmSegment } from './types.js';

/**
 * RFM over the orders up to `asOf`. A purchase is an order with amount > 0. Customers with
 * at least one purchase are scored: recency = days since the last purchase, frequency =
 * purchases, monetary = net sum of all their orders (refunds included) in cents. Scores
 * 1..5 by rank with shared ties; see docs/metrics.md. `customers` is in customer-index order.
 */
export function computeRfm(dataset: Dataset, options: RfmOptions = {}): RfmResult {
  const { asOf, customerKeys } = dataset;
  const total = customerKeys.length;
  // Net sum, purchases and last purchase per customer: the same pass customer insights use.
  const { record } = orderAggregates(dataset, undefined, DEFAULT_SIGNAL_THRESHOLDS.windowDays);
  const mask = customerMask(dataset, options.filter);
  let considered = 0;
  let n = 0;
  for (let c = 0; c < total; c++) {
    if (mask && !mask[c]) continue;
    considered++;
    if (record[c * ORDER_STRIDE + PURCHASES]! > 0) n++;
  }
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
    frequency[k] = record[b + PURCHASES]!;
    const money = roundCents(record[b + NET]!);
    monetary[k] = money;
    cents[k] = Math.round(money * 100);
    k++;
  }
  const r = rankScores(recency, true);
  const f = rankScores(frequency);
  const m = rankScores(cents);

  const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, { customers: 0, monetary: 0 }])) as RfmResult['segments'];
  const cellCount = new Int32Array(25);
  const cellMoney = new Float64Array(25);
  const cellM = new Int32Array(25);
  const customers: RfmCustomer[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const segment: RfmSegment = segmentOf(r[k]!, f[k]!);
    const c = index[k]!;
    customers[k] = {
      customer: c,
      customerId: customerKeys[c]!,
      recencyDays: recency[k]!,
      frequency: frequency[k]!,
      monetary: monetary[k]!,
      r: r[k]!,
      f: f[k]!,
      m: m[k]!,
      segment,
    };
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
  return { customers, segments, cells, scored: n, unscored: considered - n };
}
