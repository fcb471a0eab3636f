import { DAY_MS } from './time.js';
import type { Period } from './types.js';

/** The instants a period admits, already cut at `asOf`: lo < t (or ≤) and t ≤ hi (or <). */
export interface TimeWindow {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

/**
 * Bounds of a period relative to `asOf`. A range's `from` and `to` are UTC midnights
 * of inclusive dates, so its end is `to` + one day, exclusive.
 */
export function periodWindow(period: Period | undefined, asOf: number): TimeWindow {
  if (!period || period.kind === 'all') return { lo: -Infinity, loOpen: false, hi: asOf, hiOpen: false };
  if (period.kind === 'last-days') return { lo: asOf - period.days * DAY_MS, loOpen: true, hi: asOf, hiOpen: false };
  if (period.kind === 'between') return { lo: period.after, loOpen: true, hi: Math.min(period.through, asOf), hiOpen: false };
  const end = period.to + DAY_MS;
  return end <= asOf
    ? { lo: period.from, loOpen: false, hi: end, hiOpen: true }
    : { lo: period.from, loOpen: false, hi: asOf, hiOpen: false };
}

export function inWindow(t: number, w: TimeWindow): boolean {
  return (w.loOpen ? t > w.lo : t >= w.lo) && (w.hiOpen ? t < w.hi : t <= w.hi);
}
