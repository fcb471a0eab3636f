import type { QueryFilters } from '../contract/query.js';

/**
 * Filters that hold both `base` and `over`: parts `over` sets replace those of `base` (a
 * cross-filter selection of a stage replaces the bar's stage), customer fields merge field
 * by field. Never mutates its inputs.
 */
export function mergeFilters(base: QueryFilters, over: QueryFilters): QueryFilters {
  const merged: QueryFilters = { ...base };
  for (const [part, value] of Object.entries(over) as [keyof QueryFilters, unknown][]) {
    if (value === undefined) continue;
    if (part === 'customer') merged.customer = { ...base.customer, ...over.customer };
    else (merged as Record<string, unknown>)[part] = value;
  }
  return merged;
}
