import { validatePayload, type Dataset } from '../../src/contract/index.js';

export const AS_OF = '2026-06-30T00:00:00Z';
export const AS_OF_MS = Date.parse(AS_OF);
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** ISO time `days` days (and `hours` hours) before AS_OF; negative days are after it. */
export const ago = (days: number, hours = 0): string => new Date(AS_OF_MS - days * DAY - hours * HOUR).toISOString();

/** A hand-built payload through the real validator, failing loudly on any rejected row. */
export function dataset(payload: Record<string, unknown>): Dataset {
  const result = validatePayload({ schemaVersion: 1, asOf: AS_OF, ...payload });
  if (!result.ok) throw new Error(result.error.message);
  if (result.rejectedTotal > 0) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.dataset;
}

export const customers = (...ids: string[]) => ids.map((id) => ({ id, name: id }));
