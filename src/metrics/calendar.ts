import { DAY_MS } from './time.js';

/**
 * Months since year 0 (year × 12 + month − 1) of the UTC date of t, by integer arithmetic
 * (Howard Hinnant's civil_from_days): a `Date` per survey would dominate the NPS trend.
 */
export function monthIndex(t: number): number {
  const z = Math.floor(t / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** Start (UTC) of a month index. */
export function monthIndexStart(index: number): number {
  return Date.UTC(Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
}

/** ISO weeks since Monday 1969-12-29 (1970-01-01 was a Thursday). */
export function weekIndex(t: number): number {
  return Math.floor((Math.floor(t / DAY_MS) + 3) / 7);
}

/** Monday 00:00 UTC of a week index. */
export function weekIndexStart(index: number): number {
  return (index * 7 - 3) * DAY_MS;
}

/** `YYYY-MM` in UTC. */
export function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** ISO 8601 week `YYYY-Www`: the week belongs to the year of its Thursday. */
export function isoWeekKey(t: number): string {
  const thursday = weekIndexStart(weekIndex(t)) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
