import type { CustomerFilter } from './types.js';

/**
 * Read `field:value` (split at the first colon, so values may contain colons).
 * @example parseFilter('region:华东') // { field: 'region', value: '华东' }
 * @example parseFilter('attributes.tier:gold') // { field: 'attributes.tier', value: 'gold' }
 */
export function parseFilter(text: string): CustomerFilter | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const field = text.slice(0, colon).trim();
  if (!field) return null;
  return { field, value: text.slice(colon + 1).trim() };
}
