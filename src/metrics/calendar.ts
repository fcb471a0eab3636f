import { DAY_MS } from './time.js';

/** Start (UTC) of the calendar month containing t. */
export function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextMonthStart(start: number): number {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** `YYYY-MM` in UTC. */
export function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** Monday 00:00 UTC of the ISO week containing t. */
export function isoWeekStart(t: number): number {
  const day = Math.floor(t / DAY_MS);
  // 1970-01-01 was a Thursday: Monday-based weekday is (day + 3) mod 7.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * DAY_MS;
}

/** ISO 8601 week `YYYY-Www`: the week belongs to the year of its Thursday. */
export function isoWeekKey(t: number): string {
  const thursday = isoWeekStart(t) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
