import { arc } from 'd3-shape';

/** Dial radius in SVG units; the SVG scales to its container, so these are proportions, not pixels. */
export const RADIUS = 100;
export const INNER = 70;
const HALF_PI = Math.PI / 2;

interface Ring {
  startAngle: number;
  endAngle: number;
  innerRadius: number;
  outerRadius: number;
}

const ring = arc<Ring>();
const clampScore = (score: number) => Math.max(-100, Math.min(100, score));

/** −100 → left end, 0 → top, +100 → right end (d3 angles: 0 at 12 o'clock, clockwise). */
export const scoreAngle = (score: number): number => (clampScore(score) / 100) * HALF_PI;

/** A point on the dial at `score`, `radius` from the centre. */
export function pointAt(score: number, radius: number): [number, number] {
  const angle = scoreAngle(score);
  return [radius * Math.sin(angle), -radius * Math.cos(angle)];
}

export interface GaugeShapes {
  track: string;
  /** From 0 to the score, so the arc grows right for a positive NPS and left for a negative one. */
  value: string | null;
  /** The 95 % interval (lower to upper bound), on a thin ring outside the dial. */
  band: string | null;
  target: { x1: number; y1: number; x2: number; y2: number; lx: number; ly: number };
}

export function gaugeShapes(score: number | null, interval: { lower: number | null; upper: number | null }, target: number): GaugeShapes {
  const { lower, upper } = interval;
  const path = (r: Ring) => ring(r) ?? '';
  const [x1, y1] = pointAt(target, INNER - 6);
  const [x2, y2] = pointAt(target, RADIUS + 12);
  const [lx, ly] = pointAt(target, RADIUS + 20);
  return {
    track: path({ startAngle: -HALF_PI, endAngle: HALF_PI, innerRadius: INNER, outerRadius: RADIUS }),
    value:
      score === null
        ? null
        : path({ startAngle: Math.min(0, scoreAngle(score)), endAngle: Math.max(0, scoreAngle(score)), innerRadius: INNER, outerRadius: RADIUS }),
    band:
      score === null || lower === null || upper === null
        ? null
        : path({
            startAngle: scoreAngle(lower),
            endAngle: scoreAngle(upper),
            innerRadius: RADIUS + 2,
            outerRadius: RADIUS + 9,
          }),
    target: { x1, y1, x2, y2, lx, ly },
  };
}
