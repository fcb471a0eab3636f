/**
 * Round money to cents, half away from zero as SQL ROUND does. The factor 1 + ε absorbs
 * binary representation error (1.005 × 100 is 100.49999… in floating point).
 */
export function roundCents(value: number): number {
  const cents = Math.round(Math.abs(value) * 100 * (1 + Number.EPSILON));
  return cents === 0 ? 0 : (Math.sign(value) * cents) / 100;
}

/** a / b, or null when b is 0 (a rate that would be meaningless). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
