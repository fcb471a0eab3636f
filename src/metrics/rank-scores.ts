import { sortOrder } from './sort-order.js';

/**
 * Indices of integer `values` (all in min .. min + 2^32 − 1) in ascending order: LSD radix sort in
 * three passes of 11, 11 and 10 bits. 2,048 buckets stay in the first-level cache while a pass
 * scatters, and cost little to clear: with two 16-bit passes the 65,536-bucket tables were most of
 * the time for a few thousand customers.
 */
function integerOrder(values: Float64Array | Int32Array, min: number): Uint32Array {
  const n = values.length;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = values[i]! - min;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(2049);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0x7ff) + 1]!++;
    if (counts[((keys[0]! >>> shift) & 0x7ff) + 1] === n) continue;
    for (let d = 1; d < 2049; d++) counts[d]! += counts[d - 1]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[counts[(keys[i]! >>> shift) & 0x7ff]!++] = i;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
}

/**
 * Rank scores 1..5 with ties sharing a score: 1 + floor(5 × below / n), where `below`
 * counts values strictly smaller (with `descending`, strictly larger). Integers in a small
 * range (frequency, recency days) go through a histogram, O(n + range); other integers
 * spanning less than 2^32 (money in cents) through a three-pass radix sort; anything else
 * through a radix sort on the IEEE-754 bits.
 */
export function rankScores(values: Float64Array | Int32Array, descending = false): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  if (values instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  } else {
    for (let i = 0; i < n && integral; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v)) integral = false;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  if (integral && max - min <= 4 * n + 1024) {
    const below = new Int32Array(max - min + 2);
    for (let i = 0; i < n; i++) below[values[i]! - min + 1]!++;
    for (let v = 1; v < below.length; v++) below[v]! += below[v - 1]!;
    // below[v − min] = how many values are < v; for descending, how many are > v = n − below[v − min + 1].
    for (let i = 0; i < n; i++) {
      const v = values[i]! - min;
      const count = descending ? n - below[v + 1]! : below[v]!;
      scores[i] = 1 + Math.floor((5 * count) / n);
    }
    return scores;
  }
  // Walk values in ascending order; a run of equal values shares the count of values before it.
  const order = integral && max - min < 2 ** 32 ? integerOrder(values, min) : sortOrder(values instanceof Float64Array ? values : Float64Array.from(values));
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

/**
 * Indices of `values` in ascending order without a comparison sort: a three-pass radix sort
 * for integers spanning less than 2^32 (money in cents, days, counts), otherwise a radix
 * sort on the IEEE-754 bits.
 */
export function ascendingOrder(values: Float64Array | Int32Array): Uint32Array {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < values.length && integral; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) integral = false;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (values.length > 0 && integral && max - min < 2 ** 32) return integerOrder(values, min);
  return sortOrder(values instanceof Float64Array ? values : Float64Array.from(values));
}
