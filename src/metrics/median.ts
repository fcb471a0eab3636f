/** Rearrange values[lo..hi] so that values[k] holds the value a sort would put there, smaller ones before it and larger ones after. */
function select(values: Float64Array, k: number, lo: number, hi: number): void {
  let rounds = 0;
  while (hi > lo) {
    if (++rounds > 64) {
      // Pathological pivots: finish with a sort (still correct, O(n log n)).
      values.subarray(lo, hi + 1).sort();
      return;
    }
    // Median of three as the pivot, then a Hoare partition.
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    // Now values[lo..j] ≤ pivot ≤ values[i..hi], and values[j+1..i-1] equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Median of the first `length` values (reordered in place: pass a scratch array); the mean
 * of the two middle ones for an even count. Quickselect, O(n) on average: a full sort of
 * each funnel step's times cost more than the rest of the funnel. Values must not be NaN.
 */
export function medianInPlace(values: Float64Array, length = values.length): number | null {
  if (length === 0) return null;
  const mid = length >> 1;
  select(values, mid, 0, length - 1);
  const upper = values[mid]!;
  if (length % 2 === 1) return upper;
  // The lower middle value is the largest of those before `mid`.
  let lower = values[0]!;
  for (let i = 1; i < mid; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}
