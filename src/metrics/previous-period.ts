import { DAY_MS } from './time.js';
import type { Period } from './types.js';

/**
 * The equivalent period just before `period` (docs/metrics.md, "Change against the previous
 * period"): the same length, ending where it starts. `last-90d` → the 90 days before those
 * (asOf − 180 d, asOf − 90 d]; a range of L dates → the L dates before it; `between` → the same
 * span before it. Null for `all`, which has nothing before it.
 * @example previousPeriod({ kind: 'last-days', days: 90 }, asOf) // { kind: 'between', after: asOf − 180 d, through: asOf − 90 d }
 */
export function previousPeriod(period: Period | undefined, asOf: number): Period | null {
  if (!period || period.kind === 'all') return null;
  if (period.kind === 'last-days') return { kind: 'between', after: asOf - 2 * period.days * DAY_MS, through: asOf - period.days * DAY_MS };
  if (period.kind === 'range') {
    const span = period.to - period.from + DAY_MS;
    return { kind: 'range', from: period.from - span, to: period.to - span };
  }
  const span = period.through - period.after;
  return { kind: 'between', after: period.after - span, through: period.after };
}

/** `current − previous`, null when either is missing: the change a headline number shows. */
export function changeOf(current: number | null | undefined, previous: number | null | undefined): number | null {
  return current === null || current === undefined || previous === null || previous === undefined ? null : current - previous;
}
