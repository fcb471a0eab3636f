import type { NpsOptions, NpsResult, Period } from '../../metrics/index.js';
import { previousPeriod } from '../../metrics/previous-period.js';
import type { DataController } from '../base/data-controller.js';

/**
 * The same score in the previous equivalent period (docs/metrics.md), asked without holding the
 * view: of the source's time filter when it sets one, else of the gauge's own period; null for `all`.
 */
export function previousNps(loader: DataController, options: NpsOptions): { period: Period; result: NpsResult | undefined } | null {
  const asOf = loader.value?.info?.asOf;
  if (asOf === undefined) return null;
  const time = loader.timeFilter;
  if (time) {
    const before = previousPeriod(time, asOf);
    return before ? { period: before, result: loader.lookup('nps', { ...options, trend: 'none' }, 'previous-period') } : null;
  }
  const before = previousPeriod(options.period ?? { kind: 'all' }, asOf);
  return before ? { period: before, result: loader.lookup('nps', { ...options, period: before, trend: 'none' }) } : null;
}
