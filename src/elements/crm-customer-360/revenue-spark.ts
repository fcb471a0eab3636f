import { linearScale } from '../base/linear-scale.js';

export const REVENUE_WIDTH = 120;
export const REVENUE_HEIGHT = 28;
const PAD = 2;

export interface RevenueSpark {
  line: string;
  area: string;
  /** The latest month's point, marked on the line. */
  last: { x: number; y: number };
  /** The zero line (refunds can take a month below it). */
  zeroY: number;
}

/**
 * Monthly revenue placed in a REVENUE_WIDTH × REVENUE_HEIGHT box, oldest month on the left; the y
 * domain always includes 0, so a quiet month sits on the baseline and a refund month below it.
 */
export function revenueSpark(revenue: readonly number[]): RevenueSpark | null {
  if (revenue.length < 2) return null;
  const lo = Math.min(0, ...revenue);
  const hi = Math.max(0, ...revenue);
  const y = linearScale([lo, hi === lo ? lo + 1 : hi], [REVENUE_HEIGHT - PAD, PAD]);
  const x = linearScale([0, revenue.length - 1], [PAD, REVENUE_WIDTH - PAD]);
  const points = revenue.map((value, i): [number, number] => [x(i), y(value)]);
  const zeroY = y(0);
  const lastPoint = points[points.length - 1]!;
  // A polyline is one path command per point: written here, so the card does not download d3-shape
  // (4.9 KB gzip) for what the gauge's curve needs it for.
  const path = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px},${py}`).join('');
  return {
    line: path,
    // The area under the line, closed along the zero line.
    area: `${path}L${lastPoint[0]},${zeroY}L${points[0]![0]},${zeroY}Z`,
    last: { x: lastPoint[0], y: lastPoint[1] },
    zeroY,
  };
}
