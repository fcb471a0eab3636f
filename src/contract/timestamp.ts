import { ISO_TIMESTAMP } from './timestamp-pattern.js';

const DAY_MS = 86_400_000;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Parse an ISO 8601 timestamp with an offset or Z to epoch ms; NaN when it is not one.
 * The common `YYYY-MM-DDTHH:MM:SSZ` shape is decoded by hand because `Date.parse`
 * costs about 0.4 µs a call, which is most of a million-row ingest.
 */
export function parseTimestamp(value: string): number {
  if (value.length === 20 && value.charCodeAt(19) === 90 /* Z */ && value.charCodeAt(10) === 84 /* T */) {
    const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
    const mo = digit(value, 5) * 10 + digit(value, 6);
    const d = digit(value, 8) * 10 + digit(value, 9);
    const h = digit(value, 11) * 10 + digit(value, 12);
    const mi = digit(value, 14) * 10 + digit(value, 15);
    const s = digit(value, 17) * 10 + digit(value, 18);
    if (
      value.charCodeAt(4) !== 45 ||
      value.charCodeAt(7) !== 45 ||
      value.charCodeAt(13) !== 58 ||
      value.charCodeAt(16) !== 58 ||
      !(mo >= 1 && mo <= 12) ||
      !(d >= 1 && d <= daysInMonth(y, mo)) ||
      !(h <= 23 && mi <= 59 && s <= 59)
    ) {
      return NaN;
    }
    return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
  }
  if (!ISO_TIMESTAMP.test(value)) return NaN;
  return Date.parse(value);
}
