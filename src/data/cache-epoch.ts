/**
 * A counter per scope, bumped by `clearCache`. A cache write records the epoch its data was
 * loaded under and is dropped when the epoch has moved on, so a clear wins over writes that
 * were already on their way (results persisted at idle time, a worker storing a dataset):
 * after `clearCache('tenant-a')` resolves, nothing of tenant-a reaches the disk again.
 */
const epochs = new Map<string, number>();
let everything = 0;

/** The epoch of `scope` now; pass it with a write and check it with `isCurrent` just before writing. */
export const cacheEpoch = (scope: string): number => everything * 1_000_000 + (epochs.get(scope) ?? 0);

export const isCurrentEpoch = (scope: string, epoch: number): boolean => cacheEpoch(scope) === epoch;

/** Invalidate pending writes of one scope, or of every scope. */
export function advanceEpoch(scope?: string): void {
  if (scope === undefined) everything++;
  else epochs.set(scope, (epochs.get(scope) ?? 0) + 1);
}
