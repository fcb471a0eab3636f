import type { QueryOf, ResultOf } from '../contract/query.js';

export type DrillRow = ResultOf<'rfm-page'>['rows'][number];
type PageOptions = Pick<QueryOf<'rfm-page'>['options'], 'sort' | 'search' | 'offset' | 'limit'>;

/**
 * One page of a cell's drill-down rows: searched, sorted and sliced as the table asks. `rows`
 * come in customer order (the order without a sort); both engines — the page's and the
 * warehouse's — page through this one function, so a text sort with the page's collator gives
 * the same order wherever the rows were computed (a database's collation would not).
 */
export function drillRowsPage(rows: readonly DrillRow[], options: PageOptions): ResultOf<'rfm-page'> {
  const search = options.search;
  const found = search?.text
    ? rows.filter((row) => `${row.name}\u0000${row.company}\u0000${row.customerId}`.toLowerCase().includes(search.text) || search.segments.includes(row.segment))
    : rows.slice();
  if (options.sort) {
    const { column, desc, locale, segmentOrder } = options.sort;
    const sign = desc ? -1 : 1;
    const collator = new Intl.Collator(locale ?? 'en');
    const rank = new Map((segmentOrder ?? []).map((segment, i) => [segment, i]));
    const value = (row: DrillRow): number | string | null => {
      switch (column) {
        case 'recency':
          return row.recencyDays;
        case 'segment':
          return rank.get(row.segment) ?? row.segment;
        default:
          return row[column];
      }
    };
    found.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x ?? ''), String(y ?? ''));
      // Ties keep a stable order: by id.
      return sign * order || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
    });
  }
  return { rows: found.slice(options.offset, options.offset + options.limit), total: found.length, offset: options.offset };
}
