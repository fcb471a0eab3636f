import { ascendingOrder } from './rank-scores.js';

/**
 * Customers grouped by equal value, from the lowest score's side to the highest's: ascending
 * values, or descending with `descending` (recency: most days first). `order[start[g] ..
 * start[g + 1])` are the indices of group g.
 */
export interface ValueGroups {
  order: Uint32Array;
  start: Int32Array;
}

export function valueGroups(values: Float64Array | Int32Array, descending: boolean): ValueGroups {
  const ascending = ascendingOrder(values);
  const n = values.length;
  const order = descending ? ascending.slice().reverse() : ascending;
  const bounds: number[] = [0];
  for (let p = 1; p < n; p++) if (values[order[p]!] !== values[order[p - 1]!]) bounds.push(p);
  if (n > 0) bounds.push(n);
  return { order, start: Int32Array.from(bounds) };
}

/**
 * Scores 1..5 where equal values score equally, without letting one big tie empty a level:
 * within a range of groups and levels lo..hi, when a single value held by two or more
 * customers holds at least a level's share (n / levels) it takes the score the rank rule gives it, lo + floor(levels × below / n),
 * and the customers below and above it are spread over the levels left on each side by
 * their rank among themselves, repeated while a single value still fills a level; otherwise
 * the rank rule applies within the range. Customers below a big tie that has the lowest
 * level share it (they are fewer than a level's share).
 */
export function denseScores(values: Float64Array | Int32Array, descending: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  const { order, start } = valueGroups(values, descending);
  const groups = start.length - 1;
  const level = new Uint8Array(Math.max(0, groups));
  const size = (g: number) => start[g + 1]! - start[g]!;
  const spread = (from: number, to: number, lo: number, hi: number): void => {
    if (from >= to) return;
    const count = start[to]! - start[from]!;
    const levels = hi - lo + 1;
    let big = from;
    for (let g = from + 1; g < to; g++) if (size(g) > size(big)) big = g;
    if (levels === 1 || size(big) < 2 || size(big) * levels < count) {
      for (let g = from; g < to; g++) level[g] = lo + Math.floor((levels * (start[g]! - start[from]!)) / count);
      return;
    }
    const at = lo + Math.floor((levels * (start[big]! - start[from]!)) / count);
    level[big] = at;
    if (at > lo) spread(from, big, lo, at - 1);
    else for (let g = from; g < big; g++) level[g] = lo;
    // Above the tie there is always a level left when anyone is above it (see docs/metrics.md).
    spread(big + 1, to, at + 1, hi);
  };
  spread(0, groups, 1, 5);
  for (let g = 0; g < groups; g++) for (let p = start[g]!; p < start[g + 1]!; p++) scores[order[p]!] = level[g]!;
  return scores;
}

/**
 * Scores from fixed thresholds, five ascending numbers, one per score. Frequency and monetary:
 * the lowest value that earns each score 1..5 (a value below the first still scores 1).
 * Recency (`descending`), in days: the most days since the last purchase that still earn
 * each score 5..1 (more days than the fourth score 1).
 */
export function thresholdScores(values: Float64Array | Int32Array, thresholds: readonly number[], descending: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let score: number;
    if (descending) {
      score = 5;
      for (let k = 0; k < 4; k++) if (v > thresholds[k]!) score = 4 - k;
    } else {
      score = 1;
      for (let k = 1; k < 5; k++) if (v >= thresholds[k]!) score = k + 1;
    }
    scores[i] = score;
  }
  return scores;
}

/** The largest group of equal values: its value and size (null for no values). */
export function largestTie(values: Float64Array | Int32Array): { value: number; customers: number } | null {
  const { order, start } = valueGroups(values, false);
  let best = -1;
  for (let g = 0; g + 1 < start.length; g++) if (best < 0 || start[g + 1]! - start[g]! > start[best + 1]! - start[best]!) best = g;
  return best < 0 ? null : { value: values[order[start[best]!]!]!, customers: start[best + 1]! - start[best]! };
}

/**
 * Read thresholds as users write them (`"1,2,3,5,10"`): five strictly ascending finite numbers.
 * Null when the text is anything else.
 */
export function parseThresholds(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 5 || parts.some((p) => p === '')) return null;
  const numbers = parts.map(Number);
  for (let k = 0; k < 5; k++) if (!Number.isFinite(numbers[k]!) || (k > 0 && numbers[k]! <= numbers[k - 1]!)) return null;
  return numbers;
}
