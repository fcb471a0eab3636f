import { parseTimestamp } from '../contract/timestamp.js';
import type { Period } from './types.js';

const LAST_DAYS = /^last-([1-9]\d{0,5})d$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/**
 * Read a period as users and URLs write it: `all`, `last-30d` (any `last-<N>d`) or
 * `YYYY-MM-DD..YYYY-MM-DD` (inclusive UTC dates). Null when the text is none of these.
 * @example parsePeriod('2026-01-01..2026-03-31') // { kind: 'range', from: 1767225600000, to: 1774915200000 }
 */
export function parsePeriod(text: string): Period | null {
  const value = text.trim();
  if (value === 'all') return { kind: 'all' };
  const last = LAST_DAYS.exec(value);
  if (last) return { kind: 'last-days', days: Number(last[1]) };
  const range = RANGE.exec(value);
  if (!range) return null;
  const from = parseTimestamp(`${range[1]}T00:00:00Z`);
  const to = parseTimestamp(`${range[2]}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return null;
  return { kind: 'range', from, to };
}
