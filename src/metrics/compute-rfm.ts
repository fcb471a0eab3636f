import type { Dataset } from '../contract/dataset.js';
import { customerMask } from './customer-groups.js';
import { rankScores } from './rank-scores.js';
import { roundCents } from './round.js';
import { segmentOf } from './segment-of.js';
import { daysSince } from './time.js';
import { RFM_SEGMENTS, type RfmCell, type RfmCustomer, type RfmOptions, type RfmResult, type RfmSegment } from './types.js';

/**
 * RFM over the orders up to `asOf`. A purchase is an order with amount > 0. Customers with
 * at least one purchase are scored: recency = days since the last purchase, frequency =
 * purchases, monetary = net sum of all their orders (refunds included) in cents. Scores
 * 1..5 by rank with shared ties; see docs/metrics.md. `customers` is in customer-index order.
 */
export function computeRfm(dataset: Dataset, options: RfmOptions = {}): RfmResult {
  const { asOf, customerKeys } = dataset;
  const { customer, date, amount } = dataset.orders;
  const total = customerKeys.length;
  const last = new Float64Array(total).fill(-Infinity);
  const purchases = new Int32Array(total);
  const net = new Float64Array(total);
  for (let i = 0; i < customer.length; i++) {
    const t = date[i]!;
    if (t > asOf) continue;
    const c = customer[i]!;
    const a = amount[i]!;
    net[c]! += a;
    if (a > 0) {
      purchases[c]!++;
      if (t > last[c]!) last[c] = t;
    }
  }
  const mask = customerMask(dataset, options.filter);
  let considered = 0;
  let n = 0;
  for (let c = 0; c < total; c++) {
    if (mask && !mask[c]) continue;
    considered++;
    if (purchases[c]! > 0) n++;
  }
  const index = new Int32Array(n);
  const recency = new Int32Array(n);
  const frequency = new Int32Array(n);
  const monetary = new Float64Array(n);
  for (let c = 0, k = 0; c < total; c++) {
    if ((mask && !mask[c]) || purchases[c] === 0) continue;
    index[k] = c;
    recency[k] = daysSince(last[c]!, asOf);
    frequency[k] = purchases[c]!;
    monetary[k] = roundCents(net[c]!);
    k++;
  }
  const r = rankScores(recency, true);
  const f = rankScores(frequency);
  const m = rankScores(monetary);

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
