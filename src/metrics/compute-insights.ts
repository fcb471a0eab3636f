import type { Dataset } from '../contract/dataset.js';
import { collectActivity } from './activity.js';
import { bandIndex, healthScore, signalBits, stageIndex, valueFigures } from './customer-insight.js';
import { resolveHealthOptions } from './health-defaults.js';
import type { CustomerInsights, HealthOptions } from './types.js';

/**
 * Signals, health and value of every customer as typed arrays indexed like
 * `dataset.customerKeys`, from one pass over each collection. Definitions in
 * docs/metrics.md; `customerInsight()` expands one customer with evidence.
 * With `only` ≥ 0 just that customer is computed (the others read as empty).
 */
export function computeInsights(dataset: Dataset, options: HealthOptions = {}, only = -1): CustomerInsights {
  const resolved = resolveHealthOptions(options);
  const activity = collectActivity(dataset, resolved.thresholds, only);
  const n = dataset.customerKeys.length;
  const signals = new Uint8Array(n);
  const health = new Uint8Array(n);
  const band = new Uint8Array(n);
  const stage = new Uint8Array(n);
  const value = {
    lifetimeRevenue: new Float64Array(n),
    orders: activity.purchases,
    averageOrderValue: new Float64Array(n).fill(NaN),
    ordersPerYear: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
  };
  const scratch = new Float64Array(5);
  const from = only >= 0 ? only : 0;
  const to = only >= 0 ? Math.min(only + 1, n) : n;
  for (let c = from; c < to; c++) {
    signals[c] = signalBits(dataset, activity, c, resolved);
    const score = healthScore(dataset, activity, c, resolved, scratch);
    health[c] = score;
    band[c] = bandIndex(score);
    stage[c] = stageIndex(dataset, activity, c, resolved);
    valueFigures(dataset, activity, c, resolved, scratch);
    value.lifetimeRevenue[c] = scratch[0]!;
    value.averageOrderValue[c] = scratch[1]!;
    value.ordersPerYear[c] = scratch[2]!;
    value.clv[c] = scratch[3]!;
  }
  return { signals, health, band, stage, value, activity, options };
}
