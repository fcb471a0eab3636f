import type { NpsCounts } from './types.js';

/** Promoters score 9–10, passives 7–8, detractors 0–6. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;

/** NPS = 100 × (P − D) / N; null with no responses or fewer than `minResponses`. */
export function npsCounts(promoters: number, passives: number, detractors: number, minResponses: number): NpsCounts {
  const responses = promoters + passives + detractors;
  const score = responses === 0 || responses < minResponses ? null : (100 * (promoters - detractors)) / responses;
  return { responses, promoters, passives, detractors, score };
}

/**
 * 95 % margin of error in NPS points. Wald: 1.96 × √(((P + D)/N − ((P − D)/N)²) / N) × 100.
 * Adjusted Wald adds 3 responses, 0.75 of them promoters and 0.75 detractors, which keeps
 * the interval honest on small samples (Wald gives ±0 when everyone answered the same).
 */
export function npsMarginOfError(
  promoters: number,
  detractors: number,
  responses: number,
  interval: 'wald' | 'adjusted-wald' = 'wald',
): number | null {
  const adjust = interval === 'adjusted-wald';
  const n = responses + (adjust ? 3 : 0);
  if (n === 0) return null;
  const p = (promoters + (adjust ? 0.75 : 0)) / n;
  const d = (detractors + (adjust ? 0.75 : 0)) / n;
  const variance = p + d - (p - d) * (p - d);
  return 1.96 * Math.sqrt(Math.max(0, variance) / n) * 100;
}
