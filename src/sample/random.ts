/** mulberry32: tiny, fast and good enough for fixtures; same seed → same sequence everywhere. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** Exponential with the given mean. */
    exponential: (mean: number) => -Math.log(1 - next()) * mean,
    /** Log-normal: a realistic shape for order values. */
    logNormal: (mu: number, sigma: number) => {
      const u = 1 - next();
      const v = next();
      return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
