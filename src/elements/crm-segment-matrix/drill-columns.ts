import type { ColumnDef } from '@tanstack/table-core';
import type { DrillRow } from './drill-rows.js';

export const COLUMN_IDS = ['name', 'company', 'recency', 'frequency', 'monetary', 'segment', 'health'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/**
 * The drill-down's columns. The engine sorts (text with the page's collator, pinyin order for
 * Chinese names in zh-CN; numbers numerically), so the columns only name what each shows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function drillColumns(): ColumnDef<DrillRow, any>[] {
  const column = (id: ColumnId, get: (row: DrillRow) => unknown): ColumnDef<DrillRow, unknown> => ({ id, accessorFn: get, enableSorting: true });
  return [
    column('name', (r) => r.name),
    column('company', (r) => r.company),
    column('recency', (r) => r.recencyDays),
    column('frequency', (r) => r.frequency),
    column('monetary', (r) => r.monetary),
    column('segment', (r) => r.segmentLabel),
    column('health', (r) => r.health),
  ];
}
