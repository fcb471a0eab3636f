/**
 * Indices of `values` in ascending order (stable), by LSD radix sort on the IEEE-754
 * bits: O(n) where a comparison sort is O(n log n), and no comparator calls. Passes
 * whose 16-bit digit is the same for every value are skipped.
 */
export function sortOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const bits = new Uint32Array(Float64Array.from(values).buffer);
  // Flip so that unsigned order is numeric order: negatives fully inverted, positives get the sign bit.
  for (let i = 0; i < n; i++) {
    const hi = bits[2 * i + 1]!;
    if (hi & 0x80000000) {
      bits[2 * i + 1] = ~hi >>> 0;
      bits[2 * i] = ~bits[2 * i]! >>> 0;
    } else bits[2 * i + 1] = (hi | 0x80000000) >>> 0;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((bits[2 * i + word]! >>> shift) & 0xffff) + 1]!++;
    if (n > 0 && counts[((bits[word]! >>> shift) & 0xffff) + 1] === n) continue;
    for (let d = 1; d < 65537; d++) counts[d]! += counts[d - 1]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[counts[(bits[2 * i + word]! >>> shift) & 0xffff]!++] = i;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
}
