/** A day is exactly 86,400,000 ms: windows are UTC-day arithmetic, never calendar-local. */
export const DAY_MS = 86_400_000;

/** floor((asOf − t) / day). */
export function daysSince(t: number, asOf: number): number {
  return Math.floor((asOf - t) / DAY_MS);
}

/** "In the last N days": t in (asOf − N days, asOf]. */
export function inLastDays(t: number, asOf: number, days: number): boolean {
  return t > asOf - days * DAY_MS && t <= asOf;
}
