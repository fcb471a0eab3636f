import type { NpsCounts } from './types.js';

/** Promoters score 9–10, passives 7–8, detractors 0–6. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;

/** The 0.975 quantile of the standard normal distribution: a two-sided 95 % interval. */
export const Z_95 = 1.959964;

/**
 * NPS = 100 × (P − D) / N; null only with no responses. Below `minResponses` the score is
 * still given, with `enough` false: indicative only, never hidden.
 */
export function npsCounts(promoters: number, passives: number, detractors: number, minResponses: number): NpsCounts {
  const responses = promoters + passives + detractors;
  const score = responses === 0 ? null : (100 * (promoters - detractors)) / responses;
  return { responses, promoters, passives, detractors, score, enough: responses > 0 && responses >= minResponses };
}

export interface NpsInterval {
  /** Half the width of the interval, in NPS points. */
  marginOfError: number;
  /** Bounds in NPS points, within −100..100. */
  lower: number;
  upper: number;
}

/**
 * 95 % interval of the NPS in points, or null with no responses.
 * Wald: centre (P − D)/N, half-width z × √(((P + D)/N − ((P − D)/N)²) / N) × 100.
 * Adjusted Wald (Agresti–Coull style): the same with N + 3 and P, D each + 0.75, centred on
 * the adjusted (P − D)/(N + 3) — it stays honest on small samples, where Wald gives ±0
 * when everyone answered the same. Bounds are clamped to −100..100.
 */
export function npsInterval(promoters: number, detractors: number, responses: number, method: 'wald' | 'adjusted-wald' = 'wald'): NpsInterval | null {
  if (responses === 0) return null;
  const adjust = method === 'adjusted-wald';
  const n = responses + (adjust ? 3 : 0);
  const p = (promoters + (adjust ? 0.75 : 0)) / n;
  const d = (detractors + (adjust ? 0.75 : 0)) / n;
  const variance = p + d - (p - d) * (p - d);
  const marginOfError = Z_95 * Math.sqrt(Math.max(0, variance) / n) * 100;
  const centre = 100 * (p - d);
  return { marginOfError, lower: Math.max(-100, centre - marginOfError), upper: Math.min(100, centre + marginOfError) };
}

/** Half-width of `npsInterval` (null with no responses). */
export function npsMarginOfError(promoters: number, detractors: number, responses: number, method: 'wald' | 'adjusted-wald' = 'wald'): number | null {
  return npsInterval(promoters, detractors, responses, method)?.marginOfError ?? null;
}
