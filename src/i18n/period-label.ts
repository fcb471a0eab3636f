import type { Period } from '../metrics/types.js';
import type { Formatter } from './format.js';
import type { SharedKey } from './messages.js';
import type { Translate } from './translate.js';

/** A period as a subtitle says it: "Last 90 days", "近 90 天", "Jan 1, 2026 – Mar 31, 2026". */
export function describePeriod(period: Period, t: Translate<SharedKey>, fmt: Formatter): string {
  switch (period.kind) {
    case 'all':
      return t('period.all');
    case 'last-days':
      return [30, 90, 365].includes(period.days)
        ? t(`period.last-${period.days}d` as SharedKey)
        : t('period.last-days', { days: fmt.number(period.days) });
    case 'range':
      return t('period.range', { from: fmt.date(period.from), to: fmt.date(period.to) });
    case 'between':
      return t('period.range', { from: fmt.date(period.after), to: fmt.date(period.through) });
  }
}
