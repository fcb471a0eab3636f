import { sortOrder } from './sort-order.js';

/**
 * Rank scores 1..5 with ties sharing a score: 1 + floor(5 × below / n), where `below`
 * counts values strictly smaller. Small non-negative integers (frequency, recency days)
 * go through a histogram, O(n + max); anything else through a radix sort order.
 */
export function rankScores(values: Float64Array | Int32Array, descending = false): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  let max = 0;
  let integral = values instanceof Int32Array;
  for (let i = 0; i < n && integral; i++) {
    const v = values[i]!;
    if (v < 0 || !Number.isInteger(v)) integral = false;
    else if (v > max) max = v;
  }
  if (integral && max <= 4 * n + 1024) {
    const below = new Int32Array(max + 2);
    for (let i = 0; i < n; i++) below[values[i]! + 1]!++;
    for (let v = 1; v < below.length; v++) below[v]! += below[v - 1]!;
    // below[v] = how many values are < v; for descending, how many are > v = n − below[v + 1].
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      const count = descending ? n - below[v + 1]! : below[v]!;
      scores[i] = 1 + Math.floor((5 * count) / n);
    }
    return scores;
  }
  // Walk values in ascending order; a run of equal values shares the count of values before it.
  const order = sortOrder(values instanceof Float64Array ? values : Float64Array.from(values));
  if (!descending) {
    let runStart = 0;
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      if (p > 0 && values[i]! !== values[order[p - 1]!]!) runStart = p;
      scores[i] = 1 + Math.floor((5 * runStart) / n);
    }
  } else {
    let runEnd = n;
    for (let p = n - 1; p >= 0; p--) {
      const i = order[p]!;
      if (p < n - 1 && values[i]! !== values[order[p + 1]!]!) runEnd = p + 1;
      scores[i] = 1 + Math.floor((5 * (n - runEnd)) / n);
    }
  }
  return scores;
}
