/**
 * ISO 8601 date-time with an explicit offset or Z (local times are ambiguous across time zones),
 * years 1900–2199, fields in range. Day-of-month validity (no 30 February) is beyond a pattern:
 * `parseTimestamp` checks it, and the zod schemas refine with it.
 */
export const ISO_TIMESTAMP =
  /^(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/** Every accepted instant lies in [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z); outside it a row is set aside. */
export const MIN_TIMESTAMP_MS = -2_208_988_800_000;
export const MAX_TIMESTAMP_MS = 7_258_118_400_000;
export const TIMESTAMP_MIN_TEXT = '1900-01-01';
export const TIMESTAMP_MAX_TEXT = '2199-12-31';
export const TIMESTAMP_RANGE_TEXT = `${TIMESTAMP_MIN_TEXT} to ${TIMESTAMP_MAX_TEXT}`;
