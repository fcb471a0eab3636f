import type { SignalThresholds } from './activity.js';
import type { HealthOptions, HealthWeights } from './types.js';

/**
 * Default health weights (they sum to 100; any weights are normalised by their sum).
 * Recency leads because time since the last touch is the strongest single predictor of
 * churn in RFM practice; spend trend follows because revenue usually falls before a
 * customer leaves; engagement measures the relationship the team can act on; NPS is
 * sparse and lagging (most customers answer rarely); service problems are rare but
 * decisive, so they weigh least on their own and show up as a signal besides.
 */
export const DEFAULT_HEALTH_WEIGHTS: Readonly<HealthWeights> = Object.freeze({
  recency: 30,
  spendTrend: 25,
  engagement: 20,
  nps: 15,
  service: 10,
});

export const DEFAULT_SIGNAL_THRESHOLDS: Readonly<SignalThresholds> = Object.freeze({
  silentDays: 90,
  spendDropRatio: 0.7,
  detractorMax: 6,
  serviceResponseHours: 2,
  minInteractions: 6,
  windowDays: 90,
});

export interface LifecycleRules {
  exploringDays: number;
  matureDays: number;
  growthRatio: number;
  declineRatio: number;
}

export const DEFAULT_LIFECYCLE: Readonly<LifecycleRules> = Object.freeze({ exploringDays: 90, matureDays: 365, growthRatio: 1.2, declineRatio: 0.7 });

export interface ResolvedHealthOptions {
  thresholds: SignalThresholds;
  weights: HealthWeights;
  lifecycle: LifecycleRules;
  lifespanYears: number;
  minTenureDays: number;
  minHistoryDays: number;
}

export function resolveHealthOptions(options: HealthOptions = {}): ResolvedHealthOptions {
  const thresholds = { ...DEFAULT_SIGNAL_THRESHOLDS };
  for (const key of Object.keys(thresholds) as (keyof SignalThresholds)[]) {
    const value = options[key];
    if (value !== undefined) thresholds[key] = value;
  }
  return {
    thresholds,
    weights: { ...DEFAULT_HEALTH_WEIGHTS, ...options.weights },
    lifecycle: { ...DEFAULT_LIFECYCLE, ...options.lifecycle },
    lifespanYears: options.lifespanYears ?? 3,
    minTenureDays: options.minTenureDays ?? 90,
    minHistoryDays: options.minHistoryDays ?? 90,
  };
}
