import type { QueryOf, ResultOf } from '../contract/query.js';
import { thresholdRange } from '../metrics/compute-rfm.js';
import { roundCents } from '../metrics/round.js';
import { segmentOf } from '../metrics/segment-of.js';
import { RFM_SEGMENTS, type RfmAxis, type RfmOptions } from '../metrics/types.js';
import { customerPosition } from './customer-order.js';
import { customerCondition, int, num, Statement, utcDay, type ScopeContext } from './sql.js';

type GridOptions = QueryOf<'rfm-grid'>['options'];
type MembersOptions = QueryOf<'rfm-members'>['options'];

const AXIS_COLUMN: Record<RfmAxis, string> = { r: 'recency', f: 'frequency', m: 'cents' };
const AXES = ['r', 'f', 'm'] as const;

/**
 * A score 1..5 on one axis. Ranks, ties low: 1 + floor(5 × below / n), `below` the customers with
 * a strictly smaller value (recency: strictly larger), which is RANK() − 1 (`belowCte`). Ranks, ties dense: the
 * level the axis's `dense_<axis>` CTE gives the customer's value. Fixed thresholds: the same
 * comparisons as `thresholdScores`, the last one that holds wins; monetary ones in cents.
 */
function scoreSql(axis: RfmAxis, options: RfmOptions): string {
  const column = AXIS_COLUMN[axis];
  const fixed = options.thresholds?.[axis];
  if (fixed) {
    const t = fixed.map((value) => (axis === 'm' ? Math.round(value * 100) : value));
    if (axis === 'r') {
      const cases = [3, 2, 1, 0].filter((k) => t[k] !== undefined).map((k) => `WHEN ${column} > ${num(t[k]!)} THEN ${4 - k}`);
      return cases.length ? `CASE ${cases.join(' ')} ELSE 5 END` : '5';
    }
    const cases = [4, 3, 2, 1].filter((k) => t[k] !== undefined).map((k) => `WHEN ${column} >= ${num(t[k]!)} THEN ${k + 1}`);
    return cases.length ? `CASE ${cases.join(' ')} ELSE 1 END` : '1';
  }
  if (options.ties === 'dense') return `CAST((SELECT d.level FROM dense_${axis} d WHERE d.v = below.${column}) AS INTEGER)`;
  return `CAST(1 + FLOOR(5.0 * ${axis}_below / n) AS INTEGER)`;
}

/** Splits enough for five levels: each split leaves fewer levels on either side of the tie, so after four every open range has one. */
const DENSE_STEPS = 4;

/**
 * `denseScores` (src/metrics/score-rules.ts) as SQL, for one axis: the scored customers' values
 * grouped (`pos` = customers before the group, lowest score's side first), then ranges of positions
 * with their levels lo..hi, starting from everyone on 1..5. A step takes each open range's largest
 * group (the first of equal sizes); when it holds two or more customers and at least a level's
 * share it takes the level the rank rule gives it and splits the range around itself, otherwise
 * the range closes. Every group then takes lo + floor(levels × (pos − from) / count) in its range:
 * the rank rule within the range, which is also what a one-level range and the tie's own range give.
 */
function denseCtes(axis: RfmAxis): string {
  const column = AXIS_COLUMN[axis];
  const direction = axis === 'r' ? 'DESC' : 'ASC';
  const ranges = [`${axis}_r0 AS (SELECT 0 AS from_pos, (SELECT COUNT(*) FROM ranked) AS to_pos, 1 AS lo, 5 AS hi, 0 AS done)`];
  for (let k = 1; k <= DENSE_STEPS; k++) {
    const prev = `${axis}_r${k - 1}`;
    ranges.push(`${axis}_s${k} AS (
  SELECT from_pos, to_pos, lo, hi, big_pos, big_size,
    CASE WHEN hi - lo + 1 = 1 OR big_size < 2 OR big_size * (hi - lo + 1) < to_pos - from_pos THEN 0 ELSE 1 END AS splits,
    CAST(lo + FLOOR((hi - lo + 1) * (big_pos - from_pos) * 1.0 / (to_pos - from_pos)) AS INTEGER) AS at_level
  FROM (
    SELECT r.from_pos, r.to_pos, r.lo, r.hi, g.pos AS big_pos, g.size AS big_size, ROW_NUMBER() OVER (PARTITION BY r.from_pos ORDER BY g.size DESC, g.pos) AS pick
    FROM ${prev} r JOIN groups_${axis} g ON g.pos >= r.from_pos AND g.pos < r.to_pos WHERE r.done = 0
  ) candidates WHERE pick = 1
), ${axis}_r${k} AS (
  SELECT from_pos, to_pos, lo, hi, done FROM ${prev} WHERE done = 1
  UNION ALL SELECT from_pos, to_pos, lo, hi, 1 FROM ${axis}_s${k} WHERE splits = 0
  UNION ALL SELECT from_pos, big_pos, lo, GREATEST(at_level - 1, lo), 0 FROM ${axis}_s${k} WHERE splits = 1
  UNION ALL SELECT big_pos, big_pos + big_size, at_level, at_level, 1 FROM ${axis}_s${k} WHERE splits = 1
  UNION ALL SELECT big_pos + big_size, to_pos, at_level + 1, hi, 0 FROM ${axis}_s${k} WHERE splits = 1
)`);
  }
  return `groups_${axis} AS (
  SELECT v, size, SUM(size) OVER (ORDER BY v ${direction} ROWS UNBOUNDED PRECEDING) - size AS pos
  FROM (SELECT ${column} AS v, COUNT(*) AS size FROM ranked GROUP BY ${column}) grouped
), ${ranges.join(', ')}, dense_${axis} AS (
  SELECT g.v, CAST(r.lo + FLOOR((r.hi - r.lo + 1) * (g.pos - r.from_pos) * 1.0 / (r.to_pos - r.from_pos)) AS INTEGER) AS level
  FROM groups_${axis} g JOIN ${axis}_r${DENSE_STEPS} r ON g.pos >= r.from_pos AND g.pos < r.to_pos
)`;
}

/**
 * One customer's scores without ranking everyone, when each axis is ranked with ties low (or has
 * fixed thresholds): RANK() − 1 is the number of customers with a strictly smaller value (recency:
 * larger), three counts over the scored customers instead of three sorts. Null for dense ties,
 * which need the whole order.
 */
export function oneCustomerScoresSql(stmt: Statement, options: RfmOptions, customerId: string): string | null {
  if (options.ties === 'dense') return null;
  const all = scoresCte(stmt, options);
  const ranked = all.slice(0, all.indexOf('), r_ranks AS ('));
  const me = stmt.bind(customerId);
  // One pass over the scored customers, beside the customer's own values.
  return `WITH ${ranked}), me AS (
  SELECT * FROM ranked WHERE customer_id = ${me}
), below AS (
  SELECT me.customer_id, me.recency, me.frequency, me.cents, COUNT(*) AS n,
    SUM(CASE WHEN o.recency > me.recency THEN 1 ELSE 0 END) AS r_below,
    SUM(CASE WHEN o.frequency < me.frequency THEN 1 ELSE 0 END) AS f_below,
    SUM(CASE WHEN o.cents < me.cents THEN 1 ELSE 0 END) AS m_below
  FROM ranked o CROSS JOIN me GROUP BY me.customer_id, me.recency, me.frequency, me.cents
)
SELECT customer_id, recency, frequency, cents, ${scoreSql('r', options)} AS r, ${scoreSql('f', options)} AS f, ${scoreSql('m', options)} AS m FROM below`;
}

/**
 * `scored` and `scores` as `scoresCte` names them, read from a stored table of `scored` (score-store.ts)
 * instead of ranking everyone again; the filters on scores applied as there.
 */
export function storedScoresCte(stmt: Statement, table: string): string {
  const byScores = stmt.ctx.filters?.byScores;
  return `scored AS (SELECT customer_id, recency, frequency, cents, r, f, m FROM ${table} WHERE scope = ${stmt.scope}), scores AS (
  SELECT * FROM scored${byScores ? ` WHERE ${byScores(stmt, 'customer_id')}` : ''}
)`;
}

/**
 * RANK() − 1 of each distinct value on one axis: the customers with a strictly smaller value
 * (recency: strictly larger), a running sum over the values' counts. Three RANK() windows sorted
 * every scored customer three times (≈ 0.45 s of the score table's build at 1M customers); this
 * sorts the distinct values (hundreds of days, tens of counts, a quarter of a million cent sums).
 * ROWS, not the default RANGE frame: the values are distinct, and DuckDB's RANGE path took 20 s
 * over 240k cent sums.
 */
function belowCte(axis: RfmAxis): string {
  const column = AXIS_COLUMN[axis];
  return `${axis}_ranks AS (
  SELECT v, CAST(SUM(size) OVER (ORDER BY v ${axis === 'r' ? 'DESC' : 'ASC'} ROWS UNBOUNDED PRECEDING) - size AS BIGINT) AS below
  FROM (SELECT ${column} AS v, COUNT(*) AS size FROM ranked GROUP BY ${column}) grouped
)`;
}

/**
 * The scored customers of the scope: recency in whole days since the last purchase (an order with
 * amount > 0), frequency in purchases or purchase days, monetary the net sum of all their orders
 * up to `asOf` in cents (refunds included), and the three scores. `scored` is everyone
 * ranked; `scores` those of them the filters on scores keep (when `keep`), not ranked again.
 */
export function scoresCte(stmt: Statement, options: RfmOptions, keep = true): string {
  const { ctx } = stmt;
  // Ranked among the customers the fields keep; the filters on scores then keep some of them, unranked again.
  const byScores = keep ? ctx.filters?.byScores : undefined;
  const dense = options.ties === 'dense' ? AXES.filter((axis) => !options.thresholds?.[axis]).map((axis) => `, ${denseCtes(axis)}`).join('') : '';
  const filter = customerCondition(stmt, 'customer_id', options.filter, 'ranked');
  const frequency = options.frequency === 'days' ? `COUNT(DISTINCT CASE WHEN amount_cents > 0 THEN ${utcDay('date_ms')} END)` : 'SUM(CASE WHEN amount_cents > 0 THEN 1 ELSE 0 END)';
  return `per AS (
  SELECT customer_id, SUM(amount_cents) AS cents, SUM(CASE WHEN amount_cents > 0 THEN 1 ELSE 0 END) AS purchases, ${frequency} AS frequency,
    MAX(CASE WHEN amount_cents > 0 THEN date_ms END) AS last_purchase
  FROM ${stmt.table('orders')} WHERE scope = ${stmt.scope} AND date_ms <= ${num(ctx.asOf)} AND customer_id IS NOT NULL AND ${filter}
  GROUP BY customer_id
), ranked AS MATERIALIZED (
  SELECT customer_id, cents, frequency, CAST(FLOOR((${num(ctx.asOf)} - last_purchase) / 86400000.0) AS BIGINT) AS recency FROM per WHERE purchases > 0
), ${AXES.map(belowCte).join(', ')}, below AS (
  SELECT ranked.*, COUNT(*) OVER () AS n, r_ranks.below AS r_below, f_ranks.below AS f_below, m_ranks.below AS m_below
  FROM ranked JOIN r_ranks ON r_ranks.v = ranked.recency JOIN f_ranks ON f_ranks.v = ranked.frequency JOIN m_ranks ON m_ranks.v = ranked.cents
)${dense}, scored AS MATERIALIZED (
  SELECT customer_id, recency, frequency, cents, ${scoreSql('r', options)} AS r, ${scoreSql('f', options)} AS f, ${scoreSql('m', options)} AS m FROM below
), scores AS (
  SELECT * FROM scored${byScores ? ` WHERE ${byScores(stmt, 'customer_id')}` : ''}
)`;
}

/**
 * Everyone the filter keeps, scored or not: the unscored count is the rest. With a customers
 * table that is its rows (every fact names a listed customer); without one, every id a fact names.
 */
export function consideredSql(ctx: ScopeContext, options: RfmOptions): Statement & { sql: string } {
  const stmt = new Statement(ctx);
  const filter = customerCondition(stmt, 'customer_id', options.filter);
  if (ctx.present.has('customers')) {
    return Object.assign(stmt, { sql: `SELECT COUNT(*) AS considered FROM (SELECT id AS customer_id FROM ${stmt.allRows('customers')} WHERE scope = ${stmt.scope}) everyone WHERE ${filter}` });
  }
  const named = (['orders', 'interactions', 'surveys', 'stage_events', 'tickets'] as const)
    .map((table) => `SELECT customer_id FROM ${stmt.allRows(table)} WHERE scope = ${stmt.scope} AND customer_id IS NOT NULL`)
    .join(' UNION ');
  return Object.assign(stmt, { sql: `SELECT COUNT(*) AS considered FROM (${named}) everyone WHERE ${filter}` });
}

/**
 * The segment matrix in SQL: customers counted per (R, F, M) score triple (at most 125 rows), with
 * their cents and the largest tie of each axis; cells on any two axes, segments and empty-level
 * warnings follow from those rows.
 */
export function rfmGridSql(ctx: ScopeContext, options: GridOptions, stored?: string): Statement & { sql: string; considered: Statement & { sql: string } } {
  const stmt = new Statement(ctx);
  const scores = stored ? storedScoresCte(stmt, stored) : scoresCte(stmt, options);
  // The largest group of equal values per axis, the smallest value on a tie of sizes; one statement
  // with the cells so the scores are computed once.
  const tie = (axis: RfmAxis) =>
    `SELECT * FROM (SELECT 'tie' AS kind, '${axis}' AS axis, 0 AS r, 0 AS f, 0 AS m, ${AXIS_COLUMN[axis]} AS value, COUNT(*) AS customers, 0 AS cents FROM scored GROUP BY ${AXIS_COLUMN[axis]} ORDER BY 7 DESC, 6 ASC LIMIT 1) t_${axis}`;
  // How many ranked customers hold each level: the empty levels are those of everyone ranked, before the filters on scores.
  const levels = (axis: RfmAxis) => `SELECT 'level' AS kind, '${axis}' AS axis, ${axis} AS r, 0 AS f, 0 AS m, 0 AS value, COUNT(*) AS customers, 0 AS cents FROM scored GROUP BY ${axis}`;
  const sql = `WITH ${scores}
SELECT 'cell' AS kind, '' AS axis, r, f, m, 0 AS value, COUNT(*) AS customers, SUM(cents) AS cents FROM scores GROUP BY r, f, m
${AXES.map((axis) => `UNION ALL ${tie(axis)}\nUNION ALL ${levels(axis)}`).join('\n')}`;
  return Object.assign(stmt, { sql, considered: consideredSql(ctx, options) });
}

/**
 * One cell's customer ids in the engine's customer order: the customers table's (then by id for
 * customers without a row), or, for a scope without one, the order the facts first name them.
 */
export function rfmMembersSql(ctx: ScopeContext, options: MembersOptions, stored?: string): Statement & { sql: string } {
  const stmt = new Statement(ctx);
  const scores = stored ? storedScoresCte(stmt, stored) : scoresCte(stmt, options);
  const order = customerPosition(stmt, 's.customer_id');
  const sql = `WITH ${scores}${order.cte ? `, ${order.cte.replace(/, $/, '')}` : ''}
SELECT s.customer_id FROM scores s ${order.join}
WHERE s.${options.x} = ${num(options.cell.x)} AND s.${options.y} = ${num(options.cell.y)}
ORDER BY ${order.position} NULLS LAST, s.customer_id`;
  return Object.assign(stmt, { sql });
}

export function rfmGridResult(options: GridOptions, all: Record<string, unknown>[], considered: number): ResultOf<'rfm-grid'> {
  const rows = all.filter((row) => row.kind === 'cell');
  const ties = all.filter((row) => row.kind === 'tie');
  const cells = Array.from({ length: 25 }, (_, i) => ({ x: (i % 5) + 1, y: Math.floor(i / 5) + 1, count: 0, cents: 0, mSum: 0 }));
  const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, { customers: 0, cents: 0 }])) as Record<(typeof RFM_SEGMENTS)[number], { customers: number; cents: number }>;
  const filled = { r: [0, 0, 0, 0, 0, 0], f: [0, 0, 0, 0, 0, 0], m: [0, 0, 0, 0, 0, 0] };
  let ranked = 0;
  for (const row of all.filter((r) => r.kind === 'level')) {
    const axis = String(row.axis) as RfmAxis;
    filled[axis][int(row.r)]! += int(row.customers);
    if (axis === 'r') ranked += int(row.customers);
  }
  let scored = 0;
  for (const row of rows) {
    const score = { r: int(row.r), f: int(row.f), m: int(row.m) };
    const customers = int(row.customers);
    const cents = int(row.cents);
    scored += customers;
    const cell = cells[(score[options.y] - 1) * 5 + (score[options.x] - 1)]!;
    cell.count += customers;
    cell.cents += cents;
    cell.mSum += score.m * customers;
    const segment = segments[segmentOf(score.r, score.f)];
    segment.customers += customers;
    segment.cents += cents;
  }
  const thresholds = options.thresholds ?? {};
  const warnings: ResultOf<'rfm-grid'>['warnings'] = [];
  if (ranked > 0) {
    for (const axis of AXES) {
      const empty = [1, 2, 3, 4, 5].filter((level) => filled[axis][level] === 0);
      if (empty.length === 0) continue;
      const largest = ties.find((t) => t.axis === axis);
      const unit = axis === 'm' ? 100 : 1;
      const size = largest ? int(largest.customers) : 0;
      const tie = largest && size >= 2 && size * 5 >= ranked ? { value: int(largest.value) / unit, customers: size, share: size / ranked } : null;
      const fixed = thresholds[axis]?.map((t) => (axis === 'm' ? Math.round(t * 100) : t));
      for (const level of empty) warnings.push({ axis, score: level, rule: fixed ? 'thresholds' : 'ranks', tie, range: fixed ? thresholdRange(axis, level, fixed, unit) : null });
    }
  }
  return {
    x: options.x,
    y: options.y,
    cells: cells.map(({ x, y, count, cents, mSum }) => ({ x, y, count, monetary: roundCents(cents / 100), meanM: count ? mSum / count : null })),
    segments: Object.fromEntries(Object.entries(segments).map(([key, s]) => [key, { customers: s.customers, monetary: roundCents(s.cents / 100) }])) as ResultOf<'rfm-grid'>['segments'],
    scored,
    unscored: considered - scored,
    warnings,
  };
}
