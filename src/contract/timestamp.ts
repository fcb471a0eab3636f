import { MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS } from './timestamp-pattern.js';

const DAY_MS = 86_400_000;

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

/** Digits `s[from..to)` as a number, or -1 when any of them is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const at = (s: string, i: number, char: number) => s.charCodeAt(i) === char;
const DASH = 45;
const COLON = 58;

/**
 * Parse an ISO 8601 timestamp with an offset or Z to epoch ms; NaN when it is not one.
 * Accepted: `YYYY-MM-DDTHH:MM`, optionally `:SS` and a fraction of 1–9 digits, then `Z`,
 * `±HH:MM` or `±HHMM`. Every field is range-checked (no 30 February, no hour 24, no offset
 * `+99:99`), so the answer never depends on how lenient the engine's `Date.parse` is, and
 * the same text gives the same instant in every browser and in Node. The result may lie
 * outside the contract's range: `inTimestampRange` says whether it does.
 */
export function parseTimestamp(value: string): number {
  const n = value.length;
  if (n < 17 || !at(value, 4, DASH) || !at(value, 7, DASH) || !at(value, 10, 84 /* T */) || !at(value, 13, COLON)) return NaN;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  const h = digits(value, 11, 13);
  const mi = digits(value, 14, 16);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
  let i = 16;
  let s = 0;
  let ms = 0;
  if (at(value, i, COLON)) {
    s = digits(value, i + 1, i + 3);
    if (s < 0 || s > 59 || i + 3 > n) return NaN;
    i += 3;
    if (at(value, i, 46 /* . */)) {
      let end = i + 1;
      while (end < n && end - i <= 10 && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++;
      const count = end - i - 1;
      if (count < 1 || count > 9) return NaN;
      // Milliseconds from the first three digits; finer digits are truncated, as Date.parse does.
      ms = digits(value, i + 1, i + 1 + Math.min(count, 3)) * 10 ** (3 - Math.min(count, 3));
      i = end;
    }
  }
  let offsetMinutes = 0;
  const sign = value.charCodeAt(i);
  if (sign === 90 /* Z */) {
    if (i + 1 !== n) return NaN;
  } else if (sign === 43 /* + */ || sign === DASH) {
    const oh = digits(value, i + 1, i + 3);
    const withColon = at(value, i + 3, COLON);
    const om = withColon ? digits(value, i + 4, i + 6) : digits(value, i + 3, i + 5);
    if (i + (withColon ? 6 : 5) !== n || oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMinutes = (sign === DASH ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi - offsetMinutes) * 60 + s) * 1000 + ms;
}

/** Whether an instant lies in the contract's range, 1900-01-01 (inclusive) to 2200-01-01 (exclusive), UTC. */
export function inTimestampRange(ms: number): boolean {
  return ms >= MIN_TIMESTAMP_MS && ms < MAX_TIMESTAMP_MS;
}
