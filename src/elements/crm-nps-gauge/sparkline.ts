import { extent } from 'd3-array';
import { linearScale } from '../base/linear-scale.js';
import { line } from 'd3-shape';
import type { NpsTrendPoint } from '../../metrics/index.js';

export const SPARK_WIDTH = 200;
export const SPARK_HEIGHT = 48;
const PAD = 5;

export interface SparkPoint {
  point: NpsTrendPoint;
  x: number;
  /** Null where the period had fewer responses than the minimum (its score is not drawn). */
  y: number | null;
  /** Where the marker sits: at the score, or on the baseline when there is none. */
  markerY: number;
}

/** Trend points placed in a SPARK_WIDTH × SPARK_HEIGHT box; the y domain always includes 0 so the sign reads at a glance. */
export function sparkline(trend: readonly NpsTrendPoint[]): { path: string; points: SparkPoint[]; zeroY: number } {
  const scores = trend.flatMap((p) => (p.enough && p.score !== null ? [p.score] : []));
  const [lo = 0, hi = 0] = extent([...scores, 0]);
  const y = linearScale([lo, hi === lo ? lo + 1 : hi], [SPARK_HEIGHT - PAD, PAD]);
  const x = linearScale([0, Math.max(1, trend.length - 1)], [PAD, SPARK_WIDTH - PAD]);
  const points = trend.map((point, i) => {
    const at = point.enough && point.score !== null ? y(point.score) : null;
    return { point, x: x(i), y: at, markerY: at ?? SPARK_HEIGHT - PAD };
  });
  const path =
    line<SparkPoint>()
      .defined((p) => p.y !== null)
      .x((p) => p.x)
      .y((p) => p.y ?? 0)(points) ?? '';
  return { path, points, zeroY: y(0) };
}
