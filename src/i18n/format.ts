import type { Locale } from './locale.js';

/** What the widgets show for a number that does not exist (a rate over zero, a score below the minimum). */
export const MISSING = '—';

/**
 * Every number, percentage, amount, date and duration a widget shows goes through here,
 * so separators, currency symbols and date order follow the locale. Dates are shown in UTC
 * because the metrics count days in UTC.
 */
export interface Formatter {
  readonly locale: Locale;
  readonly currency: string;
  /** Up to `digits` decimals. */
  number(value: number | null, digits?: number): string;
  /** With a sign for non-zero values: +17, −4. */
  signed(value: number | null, digits?: number): string;
  /**
   * A fraction 0..1 as a percentage, always with one decimal ("60.0%", "27.8%", "100.0%"): the
   * one percentage format of every widget, so figures side by side line up and never read as
   * differently precise. Percentage-point changes are `signed()` numbers with their own unit.
   */
  percent(fraction: number | null): string;
  currencyAmount(value: number | null): string;
  date(ms: number | null): string;
  dateTime(ms: number | null): string;
  /** A duration in the largest unit that keeps it readable: 4.5 days, 3 hours, 12 minutes. */
  duration(ms: number | null): string;
  /** An age relative to now: "3 hours ago", "3 小时前". */
  ago(ms: number): string;
  /** A number of days back, as a relative time: "yesterday", "124 days ago", "124 天前". */
  daysAgo(days: number | null): string;
  list(items: string[]): string;
}

const cache = new Map<string, Formatter>();
/** Intl writes a hyphen-minus; type wants the real minus sign (U+2212), which also never breaks a line. */
const withMinus = (text: string) => text.replace(/-/g, '\u2212');
const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
/** Intl throws a RangeError beyond ±8.64e15 ms; formatting must never take a widget down. */
const okDate = (v: number | null): v is number => ok(v) && Math.abs(v) <= 8.64e15;

export function createFormatter(locale: Locale, currency = 'USD'): Formatter {
  const key = `${locale}|${currency}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const numbers = new Map<string, Intl.NumberFormat>();
  const nf = (options: Intl.NumberFormatOptions) => {
    const k = JSON.stringify(options);
    let f = numbers.get(k);
    if (!f) numbers.set(k, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  // Each Intl object is made on first use: a widget that shows no list or relative time never pays
  // for one (a ListFormat costs 4–6 ms to make, the first DateTimeFormat of a page 6–12 ms).
  const lazy = <T>(make: () => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const money = lazy(() => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // An unknown currency code in the payload: show the amount with the code beside it.
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
  });
  const knownCurrency = lazy(() => money().resolvedOptions().style === 'currency');
  const dateFormat = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const dateTimeFormat = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }));
  const relative = lazy(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const listFormat = lazy(() => new Intl.ListFormat(locale, { type: 'conjunction' }));

  const formatter: Formatter = {
    locale,
    currency,
    number: (v, digits = 0) => (ok(v) ? withMinus(nf({ maximumFractionDigits: digits }).format(v)) : MISSING),
    signed: (v, digits = 0) => (ok(v) ? withMinus(nf({ maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v)) : MISSING),
    percent: (v) => (ok(v) ? withMinus(nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)) : MISSING),
    currencyAmount: (v) => (ok(v) ? withMinus(knownCurrency() ? money().format(v) : `${money().format(v)} ${currency}`) : MISSING),
    date: (ms) => (okDate(ms) ? dateFormat().format(ms) : MISSING),
    dateTime: (ms) => (okDate(ms) ? dateTimeFormat().format(ms) : MISSING),
    duration(ms) {
      if (!ok(ms)) return MISSING;
      const units: [Intl.NumberFormatOptions['unit'], number][] = [
        ['day', 86_400_000],
        ['hour', 3_600_000],
        ['minute', 60_000],
      ];
      const [unit, size] = units.find(([, s]) => Math.abs(ms) >= s) ?? ['second', 1000];
      return nf({ style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(ms / size);
    },
    ago(ms) {
      if (!ok(ms)) return MISSING;
      const seconds = Math.round(ms / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86_400],
        ['hour', 3600],
        ['minute', 60],
      ];
      const [unit, size] = steps.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
      return relative().format(-Math.round(seconds / size), unit);
    },
    daysAgo: (days) => (ok(days) ? relative().format(-Math.round(days), 'day') : MISSING),
    list: (items) => listFormat().format(items),
  };
  cache.set(key, formatter);
  return formatter;
}

/**
 * Load the locale's number and date data while the page waits for the kit's chunks: the first
 * NumberFormat of a page costs 30–75 ms on two cores (ICU's data), which otherwise falls inside
 * the first widget's render, after its answer has arrived. Each in a task of its own, after the
 * caller's: made with the worker's start in one task, they were the demo page's one task over 50 ms.
 */
export function warmFormats(locale: Locale, currency?: string): void {
  const formatter = createFormatter(locale, currency);
  setTimeout(() => formatter.number(0));
  setTimeout(() => formatter.date(0));
}
