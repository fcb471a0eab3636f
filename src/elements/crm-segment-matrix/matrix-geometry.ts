import { scaleBand } from 'd3-scale';
import { segmentOf } from '../../metrics/segment-of.js';
import type { RfmAxis, RfmSegment } from '../../metrics/index.js';

export const SCORES = [1, 2, 3, 4, 5] as const;
const PADDING = 0.08;

/**
 * Cells placed in a 100 × 100 box (percent of the plot), score 1 on the left and at the
 * bottom. Outer padding is half the inner one, so the boundaries between cells fall on
 * multiples of 20 and the outlines meet the plot's edges.
 */
const xBand = scaleBand<number>().domain(SCORES).range([0, 100]).paddingInner(PADDING).paddingOuter(PADDING / 2);
const yBand = scaleBand<number>().domain([...SCORES].reverse()).range([0, 100]).paddingInner(PADDING).paddingOuter(PADDING / 2);

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const cellBox = (x: number, y: number): Box => ({ left: xBand(x)!, top: yBand(y)!, width: xBand.bandwidth(), height: yBand.bandwidth() });

/** Centre of a score on an axis, in percent, for the tick labels. */
export const xCentre = (x: number) => xBand(x)! + xBand.bandwidth() / 2;
export const yCentre = (y: number) => yBand(y)! + yBand.bandwidth() / 2;

/**
 * The named segment of a cell, when the axes are recency and frequency (either way round);
 * segments are defined on R × F only, so other axes have none.
 */
export function segmentAt(xAxis: RfmAxis, yAxis: RfmAxis): ((x: number, y: number) => RfmSegment) | null {
  if (xAxis === 'r' && yAxis === 'f') return (x, y) => segmentOf(x, y);
  if (xAxis === 'f' && yAxis === 'r') return (x, y) => segmentOf(y, x);
  return null;
}

/**
 * SVG path (in the 100 × 100 box) of every boundary between cells of different segments,
 * and of the plot's edge: each segment's region ends up outlined.
 */
export function segmentOutline(segment: (x: number, y: number) => RfmSegment): string {
  const step = xBand.step();
  const half = (step - xBand.bandwidth()) / 2;
  const parts: string[] = [];
  const differs = (x: number, y: number, nx: number, ny: number) => nx < 1 || nx > 5 || ny < 1 || ny > 5 || segment(x, y) !== segment(nx, ny);
  for (const y of SCORES) {
    for (const x of SCORES) {
      const left = xBand(x)! - half;
      const right = left + step;
      const top = yBand(y)! - half;
      const bottom = top + step;
      // Each inner edge once (right and top); the plot's left and bottom edges too.
      if (differs(x, y, x + 1, y)) parts.push(`M${right} ${top}V${bottom}`);
      if (differs(x, y, x, y + 1)) parts.push(`M${left} ${top}H${right}`);
      if (x === 1) parts.push(`M${left} ${top}V${bottom}`);
      if (y === 1) parts.push(`M${left} ${bottom}H${right}`);
    }
  }
  return parts.join('');
}

/** Where each segment's label goes: its first cell reading from the top-left. */
export function labelCells(segment: (x: number, y: number) => RfmSegment): Map<string, RfmSegment> {
  const seen = new Set<RfmSegment>();
  const cells = new Map<string, RfmSegment>();
  for (const y of [...SCORES].reverse()) {
    for (const x of SCORES) {
      const s = segment(x, y);
      if (seen.has(s)) continue;
      seen.add(s);
      cells.set(`${x},${y}`, s);
    }
  }
  return cells;
}
