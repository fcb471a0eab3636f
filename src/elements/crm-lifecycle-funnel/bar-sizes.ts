import { max } from 'd3-array';
import { linearScale } from '../base/linear-scale.js';
import type { FunnelStep } from '../../metrics/index.js';

export interface BarSize {
  /** The stage's bar, as a percentage of the track. */
  bar: number;
  /** The previous stage's bar behind it, so what was lost shows as a hatched remainder; null for the first and in a snapshot. */
  ghost: number | null;
}

/**
 * Bar lengths of one funnel as percentages of its track. Each funnel gets its own domain
 * (its largest stage fills the track), so small multiples compare shapes, not sizes;
 * the counts beside the bars carry the sizes. A snapshot is a distribution, not a path: no ghosts.
 */
export function barSizes(steps: readonly FunnelStep[], path = true): BarSize[] {
  const x = linearScale([0, Math.max(1, max(steps, (s) => s.count) ?? 0)], [0, 100], true);
  return steps.map((step, j) => ({ bar: x(step.count), ghost: j === 0 || !path ? null : x(steps[j - 1]!.count) }));
}
