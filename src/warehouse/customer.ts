import type { CollectionName } from '../contract/fields.js';
import type { Dataset } from '../contract/dataset.js';
import type { QueryOf, ResultOf } from '../contract/query.js';
import { validatePayload } from '../contract/validate.js';
import { insightRows, type InsightRows } from '../metrics/compute-insights.js';
import { describeCustomer } from '../metrics/describe-customer.js';
import { drillRowsPage, type DrillRow } from '../metrics/drill-page.js';
import { resolveHealthOptions, type ResolvedHealthOptions } from '../metrics/health-defaults.js';
import { measuredInsights } from '../metrics/measured.js';
import { segmentOf } from '../metrics/segment-of.js';
import { DAY_MS } from '../metrics/time.js';
import { HEALTH_BANDS, type Customer360, type CustomerActivity, type RfmCustomer, type RfmOptions, type RfmResult } from '../metrics/types.js';
import { READERS } from './readers.js';
import { customerPosition } from './customer-order.js';
import { oneCustomerScoresSql, scoresCte } from './rfm.js';
import { int, num, Statement, type ScopeContext } from './sql.js';
import { TABLES, type TableDef, type TableName } from './tables.js';

type PageOptions = QueryOf<'rfm-page'>['options'];
type CustomerOptions = QueryOf<'customer'>['options'];

/** The collections a scope has, in the dataset's terms (what `measuredInsights` reads). */
function presentCollections(ctx: ScopeContext): Record<CollectionName, boolean> {
  const present = {} as Record<CollectionName, boolean>;
  for (const table of Object.values(TABLES) as TableDef[]) if (table.collection) present[table.collection] = ctx.present.has(table.name as TableName);
  return present;
}

/**
 * Per customer of the `members` CTE, what the health score reads (docs/metrics.md, "Customer
 * health"), aggregated in SQL: order sums in cents over the two windows before `asOf`, the last
 * purchase and first order, the last interaction and the interactions of the last window, the
 * latest answer's score (the later row of two at one instant), tickets opened and the slow ones.
 */
function healthInputsCtes(stmt: Statement, o: ResolvedHealthOptions, everyone: boolean): string {
  const asOf = num(stmt.ctx.asOf);
  const recentFrom = num(stmt.ctx.asOf - o.thresholds.windowDays * DAY_MS);
  const previousFrom = num(stmt.ctx.asOf - 2 * o.thresholds.windowDays * DAY_MS);
  const limit = num(o.thresholds.serviceResponseHours * 3_600_000);
  // A cell aggregates its members' rows only; the stored rows (every scored customer) skip that semi-join over every order: the joins keep the scored.
  const mine = everyone ? '' : ' AND customer_id IN (SELECT customer_id FROM members)';
  return `per_order AS (
  SELECT customer_id, SUM(amount_cents) AS net_cents, SUM(CASE WHEN amount_cents > 0 THEN 1 ELSE 0 END) AS purchases, MIN(date_ms) AS first_order,
    MAX(CASE WHEN amount_cents > 0 THEN date_ms END) AS last_purchase,
    SUM(CASE WHEN date_ms > ${recentFrom} THEN amount_cents ELSE 0 END) AS recent_cents,
    SUM(CASE WHEN date_ms > ${previousFrom} AND date_ms <= ${recentFrom} THEN amount_cents ELSE 0 END) AS previous_cents
  FROM ${stmt.table('orders')} WHERE scope = ${stmt.scope} AND date_ms <= ${asOf}${mine} GROUP BY customer_id
), per_interaction AS (
  SELECT customer_id, MAX(date_ms) AS last_interaction, SUM(CASE WHEN date_ms > ${recentFrom} THEN 1 ELSE 0 END) AS recent_interactions
  FROM ${stmt.table('interactions')} WHERE scope = ${stmt.scope} AND date_ms <= ${asOf}${mine} GROUP BY customer_id
), per_survey AS (
  SELECT customer_id, score AS survey_score FROM (
    SELECT customer_id, score, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY date_ms DESC, seq DESC) AS latest
    FROM ${stmt.table('surveys')} WHERE scope = ${stmt.scope} AND date_ms <= ${asOf}${mine}
  ) answered WHERE latest = 1
), per_ticket AS (
  SELECT customer_id, COUNT(*) AS tickets,
    SUM(CASE WHEN COALESCE(CASE WHEN first_response_at_ms <= ${asOf} THEN first_response_at_ms END, ${asOf}) - opened_at_ms > ${limit} THEN 1 ELSE 0 END) AS slow_tickets
  FROM ${stmt.table('tickets')} WHERE scope = ${stmt.scope} AND opened_at_ms <= ${asOf}${mine} GROUP BY customer_id
)`;
}

const HEALTH_COLUMNS = `po.net_cents, po.purchases, po.first_order, po.last_purchase, po.recent_cents, po.previous_cents, pi.last_interaction, pi.recent_interactions, ps.survey_score, pt.tickets, pt.slow_tickets`;
const HEALTH_JOINS = `LEFT JOIN per_order po ON po.customer_id = m.customer_id
LEFT JOIN per_interaction pi ON pi.customer_id = m.customer_id
LEFT JOIN per_survey ps ON ps.customer_id = m.customer_id
LEFT JOIN per_ticket pt ON pt.customer_id = m.customer_id`;

/**
 * The drill-down columns and health inputs of the scored customers, with `position` (their place
 * in the engine's customer order): one cell's (`cell`), or everyone's (`cell` null: what the
 * stored drill rows hold, drill-store.ts). A customer's row does not depend on which others are
 * asked for, so the stored rows of a cell are the rows this gives for that cell.
 */
export function drillRowsSql(ctx: ScopeContext, options: RfmOptions, cell: Pick<PageOptions, 'x' | 'y' | 'cell'> | null): Statement & { sql: string } {
  const stmt = new Statement(ctx);
  const scores = scoresCte(stmt, options);
  const order = customerPosition(stmt, 'm.customer_id');
  const names = ctx.present.has('customers') ? 'cu.name, cu.company, cu.created_at_ms' : 'CAST(NULL AS TEXT) AS name, CAST(NULL AS TEXT) AS company, CAST(NULL AS BIGINT) AS created_at_ms';
  const where = cell ? ` WHERE ${cell.x} = ${num(cell.cell.x)} AND ${cell.y} = ${num(cell.cell.y)}` : '';
  const sql = `WITH ${scores}, members AS (
  SELECT * FROM scores${where}
), ${order.cte}${healthInputsCtes(stmt, resolveHealthOptions({}), !cell)}
SELECT m.customer_id, m.recency, m.frequency, m.cents, m.r, m.f, m.m, ${names}, ${HEALTH_COLUMNS}, ${order.position} AS position
FROM members m ${order.join}
${HEALTH_JOINS}`;
  return Object.assign(stmt, { sql });
}

/** The columns `drillRowsOf` reads: a stored cell is read with these only, as each one costs its conversion to JavaScript. */
export const DRILL_COLUMNS = `customer_id, recency, frequency, cents, r, f, name, company, created_at_ms, ${HEALTH_COLUMNS.replace(/\b\w+\./g, '')}`;

/** How a cell's rows come in the engine's customer order (the order without a sort). */
export const DRILL_ORDER = 'ORDER BY position NULLS LAST, customer_id';

/** One cell's customers with their drill-down columns and health inputs, in the engine's customer order, computed from the scope's rows. */
export function rfmPageSql(ctx: ScopeContext, options: PageOptions): Statement & { sql: string } {
  const stmt = drillRowsSql(ctx, options, options);
  return Object.assign(stmt, { sql: `SELECT * FROM (\n${stmt.sql}\n) drill\n${DRILL_ORDER}` });
}

const time = (value: unknown, none: number): number => (value === null || value === undefined ? none : int(value));

/**
 * Health and band of each row, by the kit's own formula (`insightRows`, the one implementation):
 * the SQL aggregated each customer's rows, this reads those aggregates as the activity the loop
 * takes. Money enters as cents / 100, as the engine holds it.
 */
export function healthOfRows(ctx: ScopeContext, rows: readonly Record<string, unknown>[], o: ResolvedHealthOptions): { health: Uint8Array; band: Uint8Array } {
  const n = rows.length;
  const activity: CustomerActivity = {
    purchases: Int32Array.from(rows, (r) => int(r.purchases)),
    net: Float64Array.from(rows, (r) => int(r.net_cents) / 100),
    firstOrder: Float64Array.from(rows, (r) => time(r.first_order, Infinity)),
    lastPurchase: Float64Array.from(rows, (r) => time(r.last_purchase, -Infinity)),
    recentRevenue: Float64Array.from(rows, (r) => int(r.recent_cents) / 100),
    previousRevenue: Float64Array.from(rows, (r) => int(r.previous_cents) / 100),
    lastInteraction: Float64Array.from(rows, (r) => time(r.last_interaction, -Infinity)),
    recentInteractions: Int32Array.from(rows, (r) => int(r.recent_interactions)),
    // Row k's latest answer is survey k of the stand-in dataset below (−1: none).
    latestSurvey: Int32Array.from(rows, (r, k) => (r.survey_score === null || r.survey_score === undefined ? -1 : k)),
    tickets: Int32Array.from(rows, (r) => int(r.tickets)),
    slowTickets: Int32Array.from(rows, (r) => int(r.slow_tickets)),
    unansweredTickets: new Int32Array(n),
    worstTicket: new Int32Array(n).fill(-1),
    worstWait: new Float64Array(n),
  };
  // The fields `insightRows` and `measuredInsights` read, one entry per row.
  const dataset = {
    asOf: ctx.asOf,
    present: presentCollections(ctx),
    surveys: { score: Float64Array.from(rows, (r) => int(r.survey_score)) },
    customers: { length: n, createdAt: Float64Array.from(rows, (r) => time(r.created_at_ms, NaN)) },
  } as unknown as Dataset;
  const out: InsightRows = {
    offset: 0,
    signals: new Uint8Array(n),
    health: new Uint8Array(n),
    band: new Uint8Array(n),
    stage: new Uint8Array(n),
    lifetimeRevenue: new Float64Array(n),
    averageOrderValue: new Float64Array(n),
    ordersPerYear: new Float64Array(n),
    clv: new Float64Array(n),
    components: null,
  };
  insightRows(dataset, activity, o, measuredInsights(dataset), 0, n, out);
  return { health: out.health, band: out.band };
}

/** A cell's drill-down rows (in the order the SQL gave them) with each customer's health and band. */
export function drillRowsOf(ctx: ScopeContext, rows: Record<string, unknown>[]): DrillRow[] {
  const { health, band } = healthOfRows(ctx, rows, resolveHealthOptions({}));
  return rows.map((row, k) => ({
    customerId: String(row.customer_id),
    name: (row.name === null || row.name === undefined ? '' : String(row.name)) || String(row.customer_id),
    company: row.company === null || row.company === undefined ? '' : String(row.company),
    recencyDays: int(row.recency),
    frequency: int(row.frequency),
    monetary: int(row.cents) / 100,
    segment: segmentOf(int(row.r), int(row.f)),
    health: health[k]!,
    band: HEALTH_BANDS[band[k]!]!,
  }));
}

export function rfmPageResult(ctx: ScopeContext, options: PageOptions, rows: Record<string, unknown>[]): ResultOf<'rfm-page'> {
  return drillRowsPage(drillRowsOf(ctx, rows), options);
}

/** What the 360 card needs from the whole scope: the customer's place in the customer order and their RFM scores (ranked among everyone). */
export function customerScopeSql(ctx: ScopeContext, customerId: string, rfm: RfmOptions, stored?: string): { index: Statement & { sql: string }; scores: Statement & { sql: string } } {
  const scoresStmt = new Statement(ctx);
  const scoresSql =
    (stored ? `SELECT customer_id, recency, frequency, cents, r, f, m FROM ${stored} WHERE scope = ${scoresStmt.scope} AND customer_id = ${scoresStmt.bind(customerId)}` : null) ??
    oneCustomerScoresSql(scoresStmt, rfm, customerId) ??
    `WITH ${scoresCte(scoresStmt, rfm)}\nSELECT customer_id, recency, frequency, cents, r, f, m FROM scores WHERE customer_id = ${scoresStmt.bind(customerId)}`;
  const indexStmt = new Statement(ctx);
  const id = indexStmt.bind(customerId);
  const indexSql = ctx.present.has('customers')
    ? `SELECT COUNT(*) AS position, (SELECT COUNT(*) FROM ${indexStmt.table('customers', 'me')} WHERE me.scope = ${indexStmt.scope} AND me.id = ${id}) AS known
FROM ${indexStmt.table('customers', 'other')} WHERE other.scope = ${indexStmt.scope} AND other.seq < (SELECT MIN(me.seq) FROM ${indexStmt.table('customers', 'me')} WHERE me.scope = ${indexStmt.scope} AND me.id = ${id})`
    : `WITH ${customerPosition(indexStmt, id).cte.replace(/, $/, '')}
SELECT (SELECT COUNT(*) FROM mentioned WHERE named_at < (SELECT named_at FROM mentioned WHERE customer_id = ${id})) AS position, (SELECT COUNT(*) FROM mentioned WHERE customer_id = ${id}) AS known`;
  return { index: Object.assign(indexStmt, { sql: indexSql }), scores: Object.assign(scoresStmt, { sql: scoresSql }) };
}

/** One customer's rows of each collection the scope has, in export order. */
export function customerRowsSql(ctx: ScopeContext, customerId: string): { collection: CollectionName; stmt: Statement & { sql: string } }[] {
  return (Object.values(TABLES) as TableDef[])
    .filter((table) => table.collection && ctx.present.has(table.name as TableName))
    .map((table) => {
      const stmt = new Statement(ctx);
      const key = table.name === 'customers' ? 'id' : 'customer_id';
      return { collection: table.collection!, stmt: Object.assign(stmt, { sql: `SELECT * FROM ${table.name} WHERE scope = ${stmt.scope} AND ${key} = ${stmt.bind(customerId)} ORDER BY seq` }) };
    });
}

/**
 * The 360 card from the warehouse. What depends on the whole scope is SQL (the RFM scores rank the
 * customer among everyone; the customer's index in the customer order); the rest is a pure
 * function of this one customer's rows — profile, value, health, signals with evidence, latest
 * answer, open tickets, timeline, next best action — so those rows are fetched by SQL and given,
 * as a one-customer payload, to the kit's own `describeCustomer`: one implementation of each
 * formula, and the evidence (survey and ticket ids, waits) comes with it.
 */
export function customerResult(
  ctx: ScopeContext,
  options: CustomerOptions,
  rowsByCollection: { collection: CollectionName; rows: Record<string, unknown>[] }[],
  scoreRows: Record<string, unknown>[],
  indexRow: Record<string, unknown> | undefined,
): Customer360 | null {
  if (!indexRow || int(indexRow.known) === 0) return null;
  const payload: Record<string, unknown> = { schemaVersion: 1, asOf: new Date(ctx.asOf).toISOString(), currency: ctx.currency, stages: ctx.stages };
  for (const { collection, rows } of rowsByCollection) payload[collection] = rows.map(READERS[collection]!);
  const checked = validatePayload(payload);
  if (!checked.ok) throw new Error(`the customer's rows are not a contract: ${checked.error.message}`);
  const index = int(indexRow.position);
  const score = scoreRows[0];
  const rfmCustomer: RfmCustomer | null = score
    ? {
        customer: 0,
        customerId: options.customerId,
        recencyDays: int(score.recency),
        frequency: int(score.frequency),
        monetary: int(score.cents) / 100,
        r: int(score.r),
        f: int(score.f),
        m: int(score.m),
        segment: segmentOf(int(score.r), int(score.f)),
      }
    : null;
  // `describeCustomer` looks the customer's scores up in a scored base; here that base is the one row SQL ranked.
  const rfm = { customers: rfmCustomer ? [rfmCustomer] : [] } as unknown as RfmResult;
  const described = describeCustomer(checked.dataset, options.customerId, { timelineLimit: options.timelineLimit, health: options.health, actions: options.actions, rfm });
  if (!described) return null;
  return { ...described, customer: index, rfm: described.rfm ? { ...described.rfm, customer: index } : null };
}
