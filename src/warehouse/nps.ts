import type { QueryOf, ResultOf } from '../contract/query.js';
import { isoWeekKey, monthIndexStart, monthKey, weekIndexStart } from '../metrics/calendar.js';
import { MAX_TREND_PERIODS } from '../metrics/compute-nps.js';
import { DETRACTOR_MAX, npsCounts, npsInterval, PROMOTER_MIN } from '../metrics/nps-score.js';
import { periodWindow } from '../metrics/period-window.js';
import { breakdownKey, customerCondition, int, monthIndex, num, Statement, weekIndex, type ScopeContext } from './sql.js';

type Options = QueryOf<'nps'>['options'];

/**
 * NPS in SQL: the surveys of the period (up to `asOf`), the filter, `dedupe: 'latest'` (each
 * customer's latest answer, the later row on a tie; anonymous answers always count), then
 * promoters, passives and detractors counted per trend period and breakdown key. One grouped
 * scan; the score and its interval come from those counts by the same formulas as in the page.
 */
export function npsSql(ctx: ScopeContext, options: Options): Statement & { sql: string } {
  const stmt = new Statement(ctx);
  const w = periodWindow(options.period, ctx.asOf);
  const window = [
    Number.isFinite(w.lo) ? `date_ms ${w.loOpen ? '>' : '>='} ${num(w.lo)}` : 'TRUE',
    `date_ms ${w.hiOpen ? '<' : '<='} ${num(w.hi)}`,
  ].join(' AND ');
  const filter = customerCondition(stmt, 'customer_id', options.filter);
  const counted =
    options.dedupe === 'latest'
      ? `SELECT customer_id, date_ms, score FROM s WHERE customer_id IS NULL
  UNION ALL
  SELECT customer_id, date_ms, score FROM (
    SELECT customer_id, date_ms, score, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY date_ms DESC, seq DESC) AS pick
    FROM s WHERE customer_id IS NOT NULL
  ) latest WHERE pick = 1`
      : 'SELECT customer_id, date_ms, score FROM s';
  const trend = options.trend ?? 'month';
  const period = trend === 'none' ? '0' : trend === 'week' ? weekIndex('c.date_ms') : monthIndex(ctx.dialect, 'c.date_ms');
  const key = breakdownKey(stmt, 'c.customer_id', 'cu', options.breakdown);
  const join = options.breakdown && options.breakdown !== 'id' ? `LEFT JOIN ${stmt.table('customers', 'cu')} ON cu.scope = ${stmt.scope} AND cu.id = c.customer_id` : '';
  const sql = `WITH s AS (
  SELECT customer_id, date_ms, score, seq FROM ${stmt.table('surveys')}
  WHERE scope = ${stmt.scope} AND ${window} AND ${filter}
), counted AS (
  ${counted}
)
SELECT ${period} AS period, ${key} AS grp,
  SUM(CASE WHEN c.score >= ${PROMOTER_MIN} THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN c.score > ${DETRACTOR_MAX} AND c.score < ${PROMOTER_MIN} THEN 1 ELSE 0 END) AS passives,
  SUM(CASE WHEN c.score <= ${DETRACTOR_MAX} THEN 1 ELSE 0 END) AS detractors
FROM counted c ${join}
GROUP BY 1, 2`;
  return Object.assign(stmt, { sql });
}

type Counts = [promoters: number, passives: number, detractors: number];
const add = (into: Counts, row: Counts) => {
  for (let k = 0; k < 3; k++) into[k]! += row[k]!;
};

/** The protocol's NPS result from the grouped counts. */
export function npsResult(rows: Record<string, unknown>[], options: Options): ResultOf<'nps'> {
  const minResponses = options.minResponses ?? 30;
  const interval = options.interval ?? 'wald';
  const trendBy = options.trend ?? 'month';
  const total: Counts = [0, 0, 0];
  const byPeriod = new Map<number, Counts>();
  const byKey = new Map<string, Counts>();
  for (const row of rows) {
    const counts: Counts = [int(row.promoters), int(row.passives), int(row.detractors)];
    add(total, counts);
    const period = int(row.period);
    if (!byPeriod.has(period)) byPeriod.set(period, [0, 0, 0]);
    add(byPeriod.get(period)!, counts);
    const key = String(row.grp);
    if (!byKey.has(key)) byKey.set(key, [0, 0, 0]);
    add(byKey.get(key)!, counts);
  }
  const [promoters, passives, detractors] = total;
  const overall = npsCounts(promoters, passives, detractors, minResponses);
  const bounds = npsInterval(promoters, detractors, overall.responses, interval);

  const trend: ResultOf<'nps'>['trend'] = [];
  let trendTruncated = false;
  if (trendBy !== 'none' && byPeriod.size > 0) {
    const periods = [...byPeriod.keys()];
    const to = Math.max(...periods);
    const from = Math.max(Math.min(...periods), to - MAX_TREND_PERIODS + 1);
    trendTruncated = Math.min(...periods) < from;
    for (let index = from; index <= to; index++) {
      const [p, pa, d] = byPeriod.get(index) ?? [0, 0, 0];
      const label = trendBy === 'week' ? isoWeekKey(weekIndexStart(index)) : monthKey(monthIndexStart(index));
      trend.push({ period: label, ...npsCounts(p, pa, d, minResponses) });
    }
  }
  const breakdown: ResultOf<'nps'>['breakdown'] = [];
  if (options.breakdown) {
    for (const [key, [p, pa, d]] of byKey) breakdown.push({ key, ...npsCounts(p, pa, d, minResponses) });
    breakdown.sort((a, b) => b.responses - a.responses || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return {
    ...overall,
    marginOfError: bounds?.marginOfError ?? null,
    lower: bounds?.lower ?? null,
    upper: bounds?.upper ?? null,
    minResponses,
    interval,
    trend,
    trendTruncated,
    breakdown,
  };
}
