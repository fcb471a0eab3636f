/**
 * Rank scores 1..5 with ties sharing a score: 1 + floor(5 × below / n), where `below`
 * counts values strictly smaller. Small non-negative integers (frequency, recency days)
 * go through a histogram, O(n + max); anything else through one typed-array sort and
 * binary searches.
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
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    if (descending) {
      // First index holding a value > v.
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      scores[i] = 1 + Math.floor((5 * (n - lo)) / n);
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      scores[i] = 1 + Math.floor((5 * lo) / n);
    }
  }
  return scores;
}
