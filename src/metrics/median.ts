/** Median of the first `length` values (sorted in place: pass a scratch array); the mean of the two middle ones for an even count. */
export function medianInPlace(values: Float64Array, length = values.length): number | null {
  if (length === 0) return null;
  const sorted = values.subarray(0, length).sort();
  const mid = length >> 1;
  return length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
