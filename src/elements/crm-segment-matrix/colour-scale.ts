import type { RfmCell } from '../../metrics/index.js';

export type ColorBy = 'm-score' | 'monetary' | 'count';
export const COLOR_BY: readonly ColorBy[] = ['m-score', 'monetary', 'count'];

/**
 * Colour stops as CSS, from the theme's tokens only (the chart ramp derives from the accent), so a
 * dark page or a host theme recolours the matrix too. Every measure uses the one-hue ramp, quiet
 * to strong: spend and counts from 0 to the largest cell, mean M over the fixed score range 1..5.
 * A second hue would compete with the segment boundaries and the selection.
 */
const RAMP = ['var(--_ramp-1)', 'var(--_ramp-2)', 'var(--_ramp-3)', 'var(--_ramp-4)', 'var(--_ramp-5)'];

export interface CellColour {
  /** Colour of a cell with customers, as CSS; null for an empty cell (drawn as an outline). */
  fill(cell: RfmCell): string | null;
  /** The value the colour stands for. */
  value(cell: RfmCell): number | null;
  domain: [number, number];
  /** Evenly spaced samples low → high, for the legend. */
  ramp: string[];
}

const valueOf = (by: ColorBy) => (cell: RfmCell): number | null =>
  cell.count === 0 ? null : by === 'm-score' ? cell.meanM : by === 'monetary' ? cell.monetary : cell.count;

/** The colour at `t` (0..1, clamped) between evenly spaced stops, mixed by the browser in sRGB. */
export function colourAt(stops: readonly string[], t: number): string {
  const at = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(at));
  const share = Math.round((at - i) * 1000) / 10;
  if (share === 0) return stops[i]!;
  if (share === 100) return stops[i + 1]!;
  return `color-mix(in srgb, ${stops[i + 1]} ${share}%, ${stops[i]})`;
}

/** The colour scale for a `color-by` mode: mean M over the fixed score range 1..5; spend and counts from 0 to the largest cell. */
export function cellColour(by: ColorBy, cells: readonly RfmCell[]): CellColour {
  const value = valueOf(by);
  const stops = RAMP;
  const domain: [number, number] = by === 'm-score' ? [1, 5] : [0, Math.max(0, ...cells.map((c) => value(c) ?? 0)) || 1];
  const position = (v: number) => (v - domain[0]) / (domain[1] - domain[0]);
  return {
    value,
    fill: (cell) => {
      const v = value(cell);
      return v === null ? null : colourAt(stops, position(v));
    },
    domain,
    ramp: Array.from({ length: 7 }, (_, i) => colourAt(stops, i / 6)),
  };
}
