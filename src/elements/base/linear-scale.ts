/**
 * A linear map from `domain` to `range`, as d3-scale's `scaleLinear` computes it, for the two
 * charts that only map numbers to positions: `scaleLinear` brings d3-interpolate, d3-color and
 * d3-format with it (about 10 KB gzip of the page's first download) for what is one line here.
 * A domain of one value maps to the middle of the range, as in d3.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number], clamp = false): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => {
    let t = span ? (value - d0) / span : 0.5;
    if (clamp) t = Math.min(1, Math.max(0, t));
    return r0 + t * (r1 - r0);
  };
}
