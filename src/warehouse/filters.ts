import type { QueryFilters, QueryOf, ResultOf } from '../contract/query.js';
import { hasFilters, some } from '../metrics/merge-filters.js';
import { DETRACTOR_MAX, PROMOTER_MIN } from '../metrics/nps-score.js';
import { periodWindow } from '../metrics/period-window.js';
import { segmentOf } from '../metrics/segment-of.js';
import { scoresCte } from './rfm.js';
import { customerCondition, customerField, int, num, Statement, type ScopeContext } from './sql.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * The condition the filters on scores put on a customer column (docs/contract.md, "Filters"):
 * `segment` and `cell` keep the customers whose RFM scores with default options — ranked among
 * the customers the field and stage filters keep, over the orders of the time filter — match;
 * `nps` those whose latest answer in the period (the later row of two at one instant) has the
 * category. The segments are listed as the (R, F) pairs `segmentOf` gives them, so the grid has one
 * definition.
 */
function scoresCondition(filters: QueryFilters): ((stmt: Statement, customerColumn: string) => string) | undefined {
  const bySegment = some(filters.segment) || filters.cell !== undefined;
  const byNps = some(filters.nps);
  if (!bySegment && !byNps) return undefined;
  return (stmt, customerColumn) => {
    const parts: string[] = [];
    if (bySegment) {
      const where: string[] = [];
      if (some(filters.segment)) {
        const wanted = new Set<string>(filters.segment);
        const pairs = LEVELS.flatMap((r) => LEVELS.filter((f) => wanted.has(segmentOf(r, f))).map((f) => `(r = ${r} AND f = ${f})`));
        where.push(pairs.length ? `(${pairs.join(' OR ')})` : 'FALSE');
      }
      if (filters.cell) where.push(`${filters.cell.x} = ${num(filters.cell.cell.x)} AND ${filters.cell.y} = ${num(filters.cell.cell.y)}`);
      parts.push(`${customerColumn} IN (WITH ${scoresCte(stmt, {}, false)} SELECT customer_id FROM scored WHERE ${where.join(' AND ')})`);
    }
    if (byNps) {
      const wanted = new Set<string>(filters.nps);
      const categories = [
        wanted.has('promoter') ? `score >= ${PROMOTER_MIN}` : null,
        wanted.has('passive') ? `(score > ${DETRACTOR_MAX} AND score < ${PROMOTER_MIN})` : null,
        wanted.has('detractor') ? `score <= ${DETRACTOR_MAX}` : null,
      ].filter((c) => c !== null);
      parts.push(`${customerColumn} IN (SELECT customer_id FROM (
    SELECT customer_id, score, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY date_ms DESC, seq DESC) AS latest
    FROM ${stmt.table('surveys', 'ls')} WHERE ls.scope = ${stmt.scope} AND ls.customer_id IS NOT NULL AND ls.date_ms <= ${num(stmt.ctx.asOf)}
  ) answered WHERE latest = 1 AND (${categories.join(' OR ')}))`);
    }
    return parts.join(' AND ');
  };
}

/**
 * The scope context a query with `filters` runs in: the time filter moves `asOf` to its end and
 * cuts every fact table (`Statement.table`), the customer filters enter at `customerCondition`.
 * The context itself without filters.
 */
export function filteredContext(ctx: ScopeContext, filters: QueryFilters | undefined): ScopeContext {
  if (!hasFilters(filters)) return ctx;
  const time = filters.time && filters.time.kind !== 'all' ? periodWindow(filters.time, ctx.asOf) : null;
  const byFields = Object.values(filters.customer ?? {}).some((values) => values.length > 0) || some(filters.stage);
  return {
    ...ctx,
    asOf: time ? time.hi : ctx.asOf,
    filters: { query: filters, window: time, byFields, byScores: scoresCondition(filters) },
  };
}

type ValuesOptions = QueryOf<'values'>['options'];

/**
 * The filter bar's values: per field, the values the customers rows the filters keep take, with
 * how many hold each (as `distinctValues` counts them: rows of `customers` only). One grouped
 * statement per field; a field the tables do not hold (an extra column of the backend) has none.
 */
export function valuesSql(ctx: ScopeContext, options: ValuesOptions): { field: string; stmt: (Statement & { sql: string }) | null }[] {
  return options.fields.map((field) => {
    const stmt = new Statement(ctx);
    let value: string;
    try {
      value = field === 'id' ? 'vc.id' : customerField(stmt, 'vc', field);
    } catch {
      return { field, stmt: null };
    }
    const kept = customerCondition(stmt, 'vc.id', undefined);
    const sql = `SELECT ${value} AS value, COUNT(*) AS customers FROM ${stmt.allRows('customers', 'vc')}
WHERE vc.scope = ${stmt.scope} AND ${kept} GROUP BY 1`;
    return { field, stmt: Object.assign(stmt, { sql }) };
  });
}

/** Most customers first, then by value in code-unit order (no database collation promises it), empty values left out, `limit` per field. */
export function valuesResult(options: ValuesOptions, perField: { field: string; rows: Record<string, unknown>[] }[]): ResultOf<'values'> {
  const limit = options.limit ?? 200;
  return {
    fields: perField.map(({ field, rows }) => {
      const values = rows
        .filter((row) => row.value !== null && row.value !== undefined && row.value !== '')
        .map((row) => ({ value: String(row.value), customers: int(row.customers) }))
        .sort((a, b) => b.customers - a.customers || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return { field, values: values.slice(0, limit), truncated: values.length > limit };
    }),
  };
}
