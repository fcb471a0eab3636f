import { scaleLinear } from 'd3-scale';
import type { RfmCell } from '../../metrics/index.js';

export type ColorBy = 'm-score' | 'monetary' | 'count';
export const COLOR_BY: readonly ColorBy[] = ['m-score', 'monetary', 'count'];

/**
 * Blue–orange, safe for the common colour-vision deficiencies (no red–green contrast).
 * Orange is low, blue high, as the kit's bad / good tokens are. The quiet middle (and the
 * low end of the sequential ramp) is translucent, so it reads as "little" on a light and on
 * a dark surface alike; the text of a cell sits on its own surface plate, so every colour
 * of the ramp keeps it readable.
 */
const QUIET = 'rgba(140, 149, 159, 0.14)';
const DIVERGING = ['#b4540a', 'rgba(230, 140, 60, 0.6)', QUIET, 'rgba(70, 130, 220, 0.6)', '#1f5fbf'];
const SEQUENTIAL = [QUIET, 'rgba(70, 130, 220, 0.6)', '#1f5fbf'];

export interface CellColour {
  /** Colour of a cell with customers; null for an empty cell (drawn as an outline). */
  fill(cell: RfmCell): string | null;
  /** The value the colour stands for. */
  value(cell: RfmCell): number | null;
  domain: [number, number];
  /** Evenly spaced samples low → high, for the legend. */
  ramp: string[];
}

const valueOf = (by: ColorBy) => (cell: RfmCell): number | null =>
  cell.count === 0 ? null : by === 'm-score' ? cell.meanM : by === 'monetary' ? cell.monetary : cell.count;

/**
 * The colour scale for a `color-by` mode: mean M on a diverging scale over the fixed score
 * range 1..5 (3 is the middle); spend and counts on a sequential scale from 0 to the largest cell.
 */
export function cellColour(by: ColorBy, cells: readonly RfmCell[]): CellColour {
  const value = valueOf(by);
  let scale;
  let domain: [number, number];
  if (by === 'm-score') {
    domain = [1, 5];
    scale = scaleLinear<string>().domain([1, 2, 3, 4, 5]).range(DIVERGING).clamp(true);
  } else {
    const max = Math.max(0, ...cells.map((c) => value(c) ?? 0));
    domain = [0, max || 1];
    scale = scaleLinear<string>().domain([0, domain[1] / 2, domain[1]]).range(SEQUENTIAL).clamp(true);
  }
  const ramp = Array.from({ length: 7 }, (_, i) => scale(domain[0] + ((domain[1] - domain[0]) * i) / 6));
  return {
    value,
    fill: (cell) => {
      const v = value(cell);
      return v === null ? null : scale(v);
    },
    domain,
    ramp,
  };
}
