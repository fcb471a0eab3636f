import type { QueryOf, ResultOf } from '../contract/query.js';
import { ratio } from '../metrics/round.js';
import { DAY_MS } from '../metrics/time.js';
import { breakdownKey, customerCondition, int, nullableNumber, num, Statement, type ScopeContext } from './sql.js';

type Options = QueryOf<'funnel'>['options'];
type Step = ResultOf<'funnel'>['steps'][number];
interface StepDef {
  stage: string;
  label?: Record<string, string>;
}

export function stepDefs(ctx: ScopeContext, options: Options): StepDef[] {
  const keys = options.stages ?? ctx.stages.map((s) => s.key);
  return keys.map((key) => {
    const label = ctx.stages.find((s) => s.key === key)?.label;
    return label ? { stage: key, label } : { stage: key };
  });
}

/**
 * The ordered funnel in SQL. Events up to `asOf`; an entity belongs to the customer of its first
 * event (in export order) that names one. `attempts: 'first'` anchors each entity at its earliest
 * step-1 event; `any` starts an attempt at every step-1 event and keeps, per entity, the one that
 * gets furthest (the latest on a tie). Step j is reached at the earliest step-j event at or after
 * step j − 1, within the window of the anchor: one join per step, so the SQL has as many
 * `reach_j` terms as the funnel has steps. Counts and median step times per breakdown key and
 * in total (GROUPING SETS); the median of an even count is the mean of the middle two
 * (`percentile_cont(0.5)`).
 */
export function funnelSql(ctx: ScopeContext, options: Options): Statement & { sql: string; ignoredSql: string } {
  const stmt = new Statement(ctx);
  const defs = stepDefs(ctx, options);
  const S = defs.length;
  const filter = customerCondition(stmt, 'o.customer_id', options.filter);
  const steps = defs.length ? defs.map((d, j) => `SELECT ${stmt.bind(d.stage)} AS stage, ${j} AS j`).join(' UNION ALL ') : `SELECT CAST(NULL AS TEXT) AS stage, 0 AS j WHERE 1 = 0`;
  const deadline = (anchor: string) => (options.windowDays === undefined ? '' : ` AND m.date_ms <= ${anchor} + ${num(options.windowDays * DAY_MS)}`);
  const anchors =
    options.attempts === 'any' ? 'SELECT DISTINCT entity_id, date_ms AS t0 FROM m WHERE j = 0' : 'SELECT entity_id, MIN(date_ms) AS t0 FROM m WHERE j = 0 GROUP BY entity_id';
  const reach: string[] = [];
  for (let j = 1; j < S; j++) {
    const from = j === 1 ? 'a0' : `r${j - 1}`;
    const previous = j === 1 ? 'p.t0' : `p.t${j - 1}`;
    const carried = Array.from({ length: j }, (_, k) => `p.t${k}`).join(', ');
    reach.push(`r${j} AS (
  SELECT p.entity_id, ${carried}, MIN(m.date_ms) AS t${j} FROM ${from} p
  JOIN m ON m.entity_id = p.entity_id AND m.j = ${j} AND m.date_ms >= ${previous}${deadline('p.t0')}
  GROUP BY p.entity_id, ${carried}
)`);
  }
  const times = Array.from({ length: S }, (_, j) => (j === 0 ? 'a.t0' : `r${j}.t${j}`));
  const joins = Array.from({ length: Math.max(0, S - 1) }, (_, k) => `LEFT JOIN r${k + 1} ON r${k + 1}.entity_id = a.entity_id AND r${k + 1}.t0 = a.t0`).join('\n  ');
  const depth = times.map((t) => `CASE WHEN ${t} IS NULL THEN 0 ELSE 1 END`).join(' + ') || '0';
  const key = breakdownKey(stmt, 'e.customer_id', 'cu', options.breakdown);
  const join = options.breakdown && options.breakdown !== 'id' ? `LEFT JOIN ${stmt.table('customers', 'cu')} ON cu.scope = ${stmt.scope} AND cu.id = e.customer_id` : '';
  const picked = Array.from({ length: S }, (_, j) => `t${j}`);
  const columns = picked.flatMap((t, j) => [
    `COUNT(x.${t}) AS c${j}`,
    ...(j > 0 ? [`percentile_cont(0.5) WITHIN GROUP (ORDER BY x.${t} - x.t${j - 1}) AS median${j}`] : []),
  ]);
  const events = `ev AS (
  SELECT entity_id, customer_id, stage, date_ms, seq FROM ${stmt.table('stage_events')} WHERE scope = ${stmt.scope} AND date_ms <= ${num(ctx.asOf)}
)`;
  const stepOf = `step_of AS (
  SELECT stage, MIN(j) AS j FROM (${steps}) chosen GROUP BY stage
)`;
  // An entity's customer is read only to keep or group it: with neither, every entity of the events counts as it is.
  const everyEntity = filter === 'TRUE';
  const entities = everyEntity && !options.breakdown
    ? `ent AS (
  SELECT DISTINCT entity_id, CAST(NULL AS TEXT) AS customer_id FROM ev
)`
    : `owners AS (
  SELECT entity_id, customer_id FROM (
    SELECT entity_id, customer_id, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY seq) AS pick FROM ev WHERE customer_id IS NOT NULL
  ) named WHERE pick = 1
), ent AS (
  SELECT d.entity_id, o.customer_id FROM (SELECT DISTINCT entity_id FROM ev) d LEFT JOIN owners o ON o.entity_id = d.entity_id
  WHERE ${filter}
)`;
  const kept = everyEntity ? '' : ' JOIN ent ON ent.entity_id = ev.entity_id';
  const base = `WITH ${events}, ${entities}, ${stepOf}, m AS (
  SELECT ev.entity_id, ev.date_ms, st.j FROM ev${kept} LEFT JOIN step_of st ON st.stage = ev.stage
)`;
  const sql =
    S === 0
      ? `${base} SELECT NULL AS grp, 1 AS total WHERE 1 = 0`
      : `${base}, a0 AS (${anchors})${reach.length ? `, ${reach.join(', ')}` : ''}, attempts AS (
  SELECT a.entity_id, ${times.map((t, j) => `${t} AS t${j}`).join(', ')}, ${depth} AS depth FROM a0 a
  ${joins}
), best AS (
  SELECT * FROM (SELECT attempts.*, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY depth DESC, t0 DESC) AS pick FROM attempts) ranked WHERE pick = 1
), x AS (
  SELECT ${key} AS grp, ${picked.map((t) => `b.${t}`).join(', ')} FROM ent e ${join} LEFT JOIN best b ON b.entity_id = e.entity_id
)
SELECT grp, GROUPING(grp) AS total, ${columns.join(', ')} FROM x GROUP BY GROUPING SETS ((grp), ())`;
  // Kept by no customer condition, every event's entity is in `ent`: the count needs neither the owners nor the join
  // (a second pass over them cost 0.2 s of the funnel's 0.9 s at 10M orders).
  const ignoredSql =
    everyEntity
      ? `WITH ${events}, ${stepOf} SELECT COUNT(*) AS ignored FROM ev LEFT JOIN step_of st ON st.stage = ev.stage WHERE st.j IS NULL`
      : `${base} SELECT COUNT(*) AS ignored FROM m WHERE j IS NULL`;
  return Object.assign(stmt, { sql, ignoredSql });
}

function summarize(defs: StepDef[], row: Record<string, unknown> | undefined): { steps: Step[]; overallConversion: number | null } {
  const counts = defs.map((_, j) => (row ? int(row[`c${j}`]) : 0));
  const first = counts[0] ?? 0;
  const steps = defs.map((d, j) => ({
    stage: d.stage,
    ...(d.label ? { label: d.label } : {}),
    count: counts[j]!,
    conversionFromPrevious: j === 0 ? null : ratio(counts[j]!, counts[j - 1]!),
    conversionFromFirst: ratio(counts[j]!, first),
    dropOff: j === 0 ? 0 : counts[j - 1]! - counts[j]!,
    medianTimeFromPreviousMs: j === 0 || !row ? null : nullableNumber(row[`median${j}`]),
  }));
  return { steps, overallConversion: defs.length === 0 ? null : ratio(counts[defs.length - 1]!, first) };
}

/** The protocol's ordered-funnel result from the grouped rows and the count of ignored events. */
export function funnelResult(ctx: ScopeContext, options: Options, rows: Record<string, unknown>[], ignored: number): ResultOf<'funnel'> {
  const defs = stepDefs(ctx, options);
  const total = rows.find((row) => int(row.total) === 1);
  const groups = options.breakdown
    ? rows
        .filter((row) => int(row.total) === 0)
        .map((row) => ({ key: String(row.grp), ...summarize(defs, row) }))
        .sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    : [];
  return { mode: 'ordered', ...summarize(defs, total), ignoredEvents: ignored, groups };
}

/** Snapshot mode: customers per lifecycle stage, per breakdown key; `firstSeq` orders the groups as customers list them. */
export function snapshotSql(ctx: ScopeContext, options: Options): Statement & { sql: string; order: Statement & { sql: string } } {
  const stmt = new Statement(ctx);
  const filter = customerCondition(stmt, 'cu.id', options.filter);
  const key = breakdownKey(stmt, 'cu.id', 'cu', options.breakdown);
  const customers = stmt.table('customers', 'cu');
  const sql = `SELECT ${key} AS grp, cu.lifecycle_stage AS stage, COUNT(*) AS customers FROM ${customers}
WHERE cu.scope = ${stmt.scope} AND cu.lifecycle_stage IS NOT NULL AND ${filter} GROUP BY 1, 2`;
  // Groups come in the order their first customer is listed, filtered or not (as `customerGroups` reads them).
  const order = new Statement(ctx);
  const orderSql = `SELECT ${breakdownKey(order, 'cu.id', 'cu', options.breakdown)} AS grp, MIN(cu.seq) AS first_seq FROM ${customers} WHERE cu.scope = ${order.scope} GROUP BY 1`;
  return Object.assign(stmt, { sql, order: Object.assign(order, { sql: orderSql }) });
}

export function snapshotResult(ctx: ScopeContext, options: Options, rows: Record<string, unknown>[], order: Record<string, unknown>[]): ResultOf<'funnel'> {
  const defs = stepDefs(ctx, options);
  const stepOf = new Map<string, number>();
  defs.forEach((d, j) => stepOf.has(d.stage) || stepOf.set(d.stage, j));
  const totals = new Array<number>(defs.length).fill(0);
  const byGroup = new Map<string, number[]>();
  let ignored = 0;
  for (const row of rows) {
    const j = stepOf.get(String(row.stage));
    const count = int(row.customers);
    if (j === undefined) {
      ignored += count;
      continue;
    }
    totals[j]! += count;
    const key = String(row.grp);
    if (!byGroup.has(key)) byGroup.set(key, new Array<number>(defs.length).fill(0));
    byGroup.get(key)![j]! += count;
  }
  const toSteps = (counts: number[]): Step[] =>
    defs.map((d, j) => ({
      stage: d.stage,
      ...(d.label ? { label: d.label } : {}),
      count: counts[j]!,
      conversionFromPrevious: null,
      conversionFromFirst: null,
      dropOff: 0,
      medianTimeFromPreviousMs: null,
    }));
  const rank = new Map(order.map((row) => [String(row.grp), int(row.first_seq)]));
  const groups = options.breakdown
    ? [...byGroup.entries()]
        .filter(([, counts]) => counts.some((c) => c > 0))
        .sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity))
        .map(([key, counts]) => ({ key, steps: toSteps(counts), overallConversion: null }))
    : [];
  return { mode: 'snapshot', steps: toSteps(totals), overallConversion: null, ignoredEvents: ignored, groups };
}
