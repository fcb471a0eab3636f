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

export const some = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** Whether any part of the filters restricts something (empty lists and `all` do not). */
export function hasFilters(filters: QueryFilters | undefined): filters is QueryFilters {
  if (!filters) return false;
  const { time, customer, stage, segment, cell, nps } = filters;
  return (time !== undefined && time.kind !== 'all') || Object.values(customer ?? {}).some((values) => values.length > 0) || some(stage) || some(segment) || cell !== undefined || some(nps);
}

