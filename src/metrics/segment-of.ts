import type { RfmSegment } from './types.js';

// Rows are R 1..5, columns F 1..5: the standard RFM grid of issue 3.
const GRID: readonly RfmSegment[] = [
  'hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose',
  'hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose',
  'about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal',
  'promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal',
  'new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions',
];

/** The segment of an (R, F) pair of scores 1..5. */
export function segmentOf(r: number, f: number): RfmSegment {
  const segment = GRID[(r - 1) * 5 + (f - 1)];
  if (segment === undefined || !Number.isInteger(r) || !Number.isInteger(f)) {
    throw new RangeError(`segmentOf(${r}, ${f}): scores are integers 1..5`);
  }
  return segment;
}
