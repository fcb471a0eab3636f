import type { Dataset } from '../contract/dataset.js';
import { isoWeekKey, monthIndex, monthIndexStart, monthKey, weekIndex, weekIndexStart } from './calendar.js';
import { customerGroups, customerMask } from './customer-groups.js';
import { DETRACTOR_MAX, npsCounts, npsInterval, PROMOTER_MIN } from './nps-score.js';
import { inWindow, periodWindow } from './period-window.js';
import type { NpsOptions, NpsResult, NpsTrendPoint } from './types.js';

/**
 * The trend's cap: ten years of months, a little over two years of weeks. Dates reach back
 * to 1900, so without it one old response made a trend of thousands of weekly points.
 */
export const MAX_TREND_PERIODS = 120;

/** 0 detractor, 1 passive, 2 promoter. */
const CLASS_OF = Uint8Array.from({ length: 11 }, (_, s) => (s >= PROMOTER_MIN ? 2 : s <= DETRACTOR_MAX ? 0 : 1));

/**
 * Net Promoter Score of the surveys in a period (default all up to `asOf`), with its
 * margin of error, a monthly or ISO-weekly trend and an optional breakdown. With
 * `dedupe: 'latest'` each customer counts once, by their latest response in the period
 * (anonymous responses always count); the trend buckets the same responses, so its
 * points add up to the total.
 */
export function computeNps(dataset: Dataset, options: NpsOptions = {}): NpsResult {
  const { surveys, asOf } = dataset;
  const minResponses = options.minResponses ?? 30;
  const interval = options.interval ?? 'wald';
  const trendBy = options.trend ?? 'month';
  const window = periodWindow(options.period, asOf);
  const mask = customerMask(dataset, options.filter);
  const { customer, date, score } = surveys;
  const n = surveys.length;

  const counted = new Uint8Array(n);
  const latestOnly = options.dedupe === 'latest';
  const latest = latestOnly ? new Int32Array(dataset.customerKeys.length).fill(-1) : null;
  for (let i = 0; i < n; i++) {
    const t = date[i]!;
    if (!inWindow(t, window)) continue;
    const c = customer[i]!;
    if (mask && (c < 0 || !mask[c])) continue;
    if (latest && c >= 0) {
      const j = latest[c]!;
      // The later row wins a tie: it is the later submission of the two.
      if (j < 0 || t >= date[j]!) latest[c] = i;
    } else counted[i] = 1;
  }
  if (latest) for (let c = 0; c < latest.length; c++) if (latest[c]! >= 0) counted[latest[c]!] = 1;

  const groups = options.breakdown ? customerGroups(dataset, options.breakdown) : null;
  const groupCounts = groups ? new Int32Array((groups.keys.length + 1) * 3) : null;
  const unknownGroup = groups ? groups.keys.length : 0;
  const totals = [0, 0, 0];
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!counted[i]) continue;
    const cls = CLASS_OF[score[i]!]!;
    totals[cls]!++;
    if (groupCounts) {
      const c = customer[i]!;
      groupCounts[(c >= 0 ? groups!.group[c]! : unknownGroup) * 3 + cls]!++;
    }
    const t = date[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const [detractors, passives, promoters] = totals as [number, number, number];
  const overall = npsCounts(promoters, passives, detractors, minResponses);
  const bounds = npsInterval(promoters, detractors, overall.responses, interval);

  // Periods are consecutive integers (months or ISO weeks since an epoch), so the trend is
  // one counts array from the first to the last period and gaps show as zero responses.
  const trend: NpsTrendPoint[] = [];
  let trendTruncated = false;
  if (trendBy !== 'none' && first <= last) {
    const week = trendBy === 'week';
    const indexOf = week ? weekIndex : monthIndex;
    const to = indexOf(last);
    const from = Math.max(indexOf(first), to - MAX_TREND_PERIODS + 1);
    trendTruncated = indexOf(first) < from;
    const periods = to - from + 1;
    const counts = new Int32Array(periods * 3);
    for (let i = 0; i < n; i++) {
      if (!counted[i]) continue;
      const k = indexOf(date[i]!) - from;
      if (k >= 0) counts[k * 3 + CLASS_OF[score[i]!]!]!++;
    }
    for (let k = 0; k < periods; k++) {
      const start = week ? weekIndexStart(from + k) : monthIndexStart(from + k);
      trend.push({
        period: week ? isoWeekKey(start) : monthKey(start),
        ...npsCounts(counts[k * 3 + 2]!, counts[k * 3 + 1]!, counts[k * 3]!, minResponses),
      });
    }
  }

  const breakdown: NpsResult['breakdown'] = [];
  if (groups && groupCounts) {
    const keys = [...groups.keys, ''];
    const merged = new Map<string, [number, number, number]>();
    keys.forEach((key, g) => {
      const sum = merged.get(key) ?? [0, 0, 0];
      for (let k = 0; k < 3; k++) sum[k]! += groupCounts[g * 3 + k]!;
      merged.set(key, sum);
    });
    for (const [key, [d, pa, p]] of merged) {
      if (d + pa + p > 0) breakdown.push({ key, ...npsCounts(p, pa, d, minResponses) });
    }
    breakdown.sort((a, b) => b.responses - a.responses || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  return {
    ...overall,
    marginOfError: bounds?.marginOfError ?? null,
    lower: bounds?.lower ?? null,
    upper: bounds?.upper ?? null,
    minResponses,
    interval,
    trend,
    trendTruncated,
    breakdown,
  };
}
