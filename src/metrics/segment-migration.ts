import type { Dataset } from '../contract/dataset.js';
import { computeRfm } from './compute-rfm.js';
import { RFM_SEGMENTS, type RfmOptions, type RfmSegment } from './types.js';

export interface SegmentMigration {
  /** Epoch ms: the two instants the segments are taken at. */
  from: number;
  to: number;
  /**
   * Customers by segment then → segment now, every pair with at least one customer, most first;
   * `null` is "not scored" (no purchase yet by then, or none at all).
   */
  flows: { from: RfmSegment | null; to: RfmSegment | null; customers: number }[];
  /** Customers in the same segment at both instants. */
  stayed: number;
  /** Customers scored at either instant. */
  customers: number;
}

/**
 * Where customers moved between RFM segments over `days` days (docs/metrics.md, "Segment
 * migration"): each customer's segment as of `asOf − days` (scored among the orders up to then,
 * recency measured from then) against their segment as of `asOf`, with the same options and the
 * same customers (the dataset's scope). Ranks are taken at each instant among the customers scored then.
 */
export function segmentMigration(dataset: Dataset, days: number, options: RfmOptions = {}): SegmentMigration {
  const to = dataset.asOf;
  const from = to - days * 86_400_000;
  const n = dataset.customerKeys.length;
  const segmentAt = (asOf: number): Int8Array => {
    const out = new Int8Array(n).fill(-1);
    for (const row of computeRfm(asOf === to ? dataset : { ...dataset, asOf }, options).customers) out[row.customer] = RFM_SEGMENTS.indexOf(row.segment);
    return out;
  };
  const before = segmentAt(from);
  const after = segmentAt(to);
  const S = RFM_SEGMENTS.length;
  // Index S stands for "not scored".
  const counts = new Int32Array((S + 1) * (S + 1));
  let customers = 0;
  let stayed = 0;
  for (let c = 0; c < n; c++) {
    const a = before[c]!;
    const b = after[c]!;
    if (a < 0 && b < 0) continue;
    customers++;
    if (a === b) stayed++;
    counts[(a < 0 ? S : a) * (S + 1) + (b < 0 ? S : b)]!++;
  }
  const flows: SegmentMigration['flows'] = [];
  for (let a = 0; a <= S; a++) {
    for (let b = 0; b <= S; b++) {
      const k = counts[a * (S + 1) + b]!;
      if (k > 0) flows.push({ from: a === S ? null : RFM_SEGMENTS[a]!, to: b === S ? null : RFM_SEGMENTS[b]!, customers: k });
    }
  }
  flows.sort((x, y) => y.customers - x.customers || RFM_SEGMENTS.indexOf(x.from!) - RFM_SEGMENTS.indexOf(y.from!) || RFM_SEGMENTS.indexOf(x.to!) - RFM_SEGMENTS.indexOf(y.to!));
  return { from, to, flows, stayed, customers };
}
