import type { ColumnDef, Row, SortingFn } from '@tanstack/table-core';
import type { DrillRow } from './drill-rows.js';

export const COLUMN_IDS = ['name', 'company', 'recency', 'frequency', 'monetary', 'segment', 'health'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/**
 * The drill-down's columns. Text sorts with the locale's collator (pinyin order for Chinese
 * names in zh-CN), numbers numerically; the first column also carries the text filter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function drillColumns(collator: () => Intl.Collator): ColumnDef<DrillRow, any>[] {
  const byText: SortingFn<DrillRow> = (a: Row<DrillRow>, b: Row<DrillRow>, id: string) =>
    collator().compare(String(a.getValue(id) ?? ''), String(b.getValue(id) ?? ''));
  const text = (id: ColumnId, get: (row: DrillRow) => string): ColumnDef<DrillRow, string> => ({ id, accessorFn: get, sortingFn: byText });
  const number = (id: ColumnId, get: (row: DrillRow) => number | null): ColumnDef<DrillRow, number | null> => ({
    id,
    accessorFn: get,
    sortingFn: 'basic',
  });
  return [
    text('name', (r) => r.name),
    text('company', (r) => r.company),
    number('recency', (r) => r.recencyDays),
    number('frequency', (r) => r.frequency),
    number('monetary', (r) => r.monetary),
    text('segment', (r) => r.segmentLabel),
    number('health', (r) => r.health),
  ];
}
