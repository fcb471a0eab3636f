import type { Dataset } from '../contract/dataset.js';
import type { QueryFilters } from '../contract/query.js';
import type { TimeWindow } from '../metrics/period-window.js';
import type { CustomerFilter } from '../metrics/types.js';
import { emptyRelation, TABLES, type TableName } from './tables.js';

/**
 * The pieces every reference query is built from, in one place, so the SQL of each metric
 * (nps.ts, funnel.ts, rfm.ts) is written once for both dialects; the few spots where DuckDB and
 * PostgreSQL differ are the functions taking a `Dialect` here (docs/scale.md lists the same spots
 * for BigQuery, Snowflake, Spark SQL and ClickHouse).
 */
export type Dialect = 'duckdb' | 'postgres';

/** Why the warehouse did not answer a query; `code` is the batch entry's error code. */
export class WarehouseError extends Error {
  constructor(
    readonly code: 'bad-query' | 'forbidden' | 'not-measured' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** What a query needs to know about the scope it runs in, read from `crm_datasets` and the catalog. */
export interface ScopeContext {
  dialect: Dialect;
  scope: string;
  asOf: number;
  currency: string;
  stages: Dataset['stages'];
  /** The tables this database has; a missing one reads as an absent collection. */
  present: ReadonlySet<TableName>;
  /** A query's `filters`, resolved for SQL by `filteredContext` (filters.ts); `asOf` is then the time filter's end. */
  filters?: SqlFilters;
}

/** A query's filters as the SQL applies them (docs/contract.md, "Filters"). */
export interface SqlFilters {
  query: QueryFilters;
  /** The time filter's instants: every fact table is read through it. Null: no time filter. */
  window: TimeWindow | null;
  /** Whether customer fields or stages restrict the customers (the customers RFM ranks among). */
  byFields: boolean;
  /**
   * The condition the filters on scores add (segment, cell, NPS category) for a customer column,
   * built by filters.ts (it reads the RFM SQL); undefined when the filters have none.
   */
  byScores?: (stmt: Statement, customerColumn: string) => string;
}

/** Fact tables and the column a time filter reads in each. */
const TIME_COLUMN: Partial<Record<TableName, string>> = { orders: 'date_ms', interactions: 'date_ms', surveys: 'date_ms', stage_events: 'date_ms', tickets: 'opened_at_ms' };

/** `column` within the window: lo < t (or ≤), t ≤ hi (or <), as `inWindow` reads it. */
export function windowCondition(column: string, w: TimeWindow): string {
  return [Number.isFinite(w.lo) ? `${column} ${w.loOpen ? '>' : '>='} ${num(w.lo)}` : 'TRUE', `${column} ${w.hiOpen ? '<' : '<='} ${num(w.hi)}`].join(' AND ');
}

/** One statement and its bound parameters. Text is always bound, never spliced; numbers are checked literals. */
export class Statement {
  readonly params: unknown[];
  constructor(readonly ctx: ScopeContext) {
    this.params = [ctx.scope];
  }
  /** `$1` is the scope in every statement. */
  readonly scope = '$1';
  bind(value: string): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  /**
   * A table of the scope, or an empty relation of its shape when the scope does not have it; named
   * `alias` (default: its own name). A fact table is read through the query's time filter, if any:
   * the one place the time filter enters the SQL.
   */
  table(name: TableName, alias: string = name): string {
    const window = this.ctx.filters?.window;
    const column = TIME_COLUMN[name];
    if (window && column && this.ctx.present.has(name)) return `(SELECT * FROM ${name} WHERE ${windowCondition(column, window)}) ${alias}`;
    return this.allRows(name, alias);
  }
  /** A table of the scope whatever the time filter: who the customers are does not depend on it. */
  allRows(name: TableName, alias: string = name): string {
    const relation = this.ctx.present.has(name) ? name : emptyRelation(TABLES[name]);
    return `${relation} ${alias}`;
  }
}

/** A finite number as a SQL literal (inputs were checked by the protocol's schemas; this keeps them literal). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new WarehouseError('bad-query', `not a finite number: ${value}`);
  return String(value);
}

/** Whole UTC days since the epoch of an epoch-ms column, as the engine computes it (floating division, then floor). */
export const utcDay = (column: string): string => `FLOOR(${column} / 86400000.0)`;

/** Months since year 0 (year × 12 + month − 1) of the UTC date of an epoch-ms column. */
export function monthIndex(dialect: Dialect, column: string): string {
  if (dialect === 'duckdb') return `(YEAR(epoch_ms(${column})) * 12 + MONTH(epoch_ms(${column})) - 1)`;
  const utc = `(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;
  return `CAST(EXTRACT(YEAR FROM ${utc}) * 12 + EXTRACT(MONTH FROM ${utc}) - 1 AS BIGINT)`;
}

/** ISO weeks since Monday 1969-12-29, as src/metrics/calendar.ts counts them. */
export const weekIndex = (column: string): string => `CAST(FLOOR((${utcDay(column)} + 3) / 7) AS BIGINT)`;

/** The customer fields the tables hold as columns, by their contract name. */
const CUSTOMER_COLUMNS: Record<string, string> = {
  name: 'name',
  company: 'company',
  segment: 'segment',
  region: 'region',
  owner: 'owner',
  lifecycleStage: 'lifecycle_stage',
};

/**
 * The text a filter or breakdown sees for a customer row `alias` (null when unknown), as
 * `customerFieldValue` reads it; `id` is handled by the callers (a fact's customer id counts
 * even without a customer row).
 */
export function customerField(stmt: Statement, alias: string, field: string): string {
  const column = CUSTOMER_COLUMNS[field];
  if (column) return `${alias}.${column}`;
  const { dialect } = stmt.ctx;
  if (field === 'createdAt') {
    return dialect === 'duckdb'
      ? `strftime(epoch_ms(${alias}.created_at_ms), '%Y-%m-%dT%H:%M:%S.%gZ')`
      : `to_char(to_timestamp(${alias}.created_at_ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  if (field.startsWith('attributes.')) {
    const name = stmt.bind(field.slice('attributes.'.length));
    return dialect === 'duckdb' ? `json_extract_string(${alias}.attributes, '$."' || ${name} || '"')` : `(CAST(${alias}.attributes AS JSONB) ->> ${name})`;
  }
  throw new WarehouseError('bad-query', `the reference SQL has no customer field "${field}" (extra columns are not in the warehouse tables)`);
}

/** A text field among listed values: bound, never spliced. */
function fieldIn(stmt: Statement, alias: string, field: string, values: readonly string[]): string {
  const list = values.map((value) => stmt.bind(value)).join(', ');
  return `${field === 'id' ? `${alias}.id` : customerField(stmt, alias, field)} IN (${list})`;
}

/**
 * The condition a query's customer-field and stage filters put on a customer column (null: none).
 * `id` also matches customers that records only reference; every other field needs a customers row.
 */
function fieldsCondition(stmt: Statement, customerColumn: string): string | null {
  const filters = stmt.ctx.filters;
  if (!filters?.byFields) return null;
  const fields: [string, readonly string[]][] = Object.entries(filters.query.customer ?? {}).filter(([, values]) => values.length > 0);
  if (filters.query.stage?.length) fields.push(['lifecycleStage', filters.query.stage]);
  if (fields.every(([field]) => field === 'id')) return fields.map(([, values]) => `${customerColumn} IN (${values.map((v) => stmt.bind(v)).join(', ')})`).join(' AND ');
  const conditions = fields.map(([field, values]) => fieldIn(stmt, 'qc', field, values));
  return `${customerColumn} IN (SELECT qc.id FROM ${stmt.allRows('customers', 'qc')} WHERE qc.scope = ${stmt.scope} AND ${conditions.join(' AND ')})`;
}

/**
 * A condition keeping the facts whose `customerColumn` names a customer the widget's own `filter`
 * and the query's `filters` keep; a fact without a customer is dropped by any of them. The one
 * place customer filters enter the SQL. `scope: 'ranked'` leaves out the filters that are
 * themselves about scores (segment, cell, NPS): the customers RFM ranks among, as `Dataset.scope.ranked`.
 */
export function customerCondition(stmt: Statement, customerColumn: string, filter: CustomerFilter | undefined, scope: 'customers' | 'ranked' = 'customers'): string {
  const parts: string[] = [];
  if (filter) {
    const value = stmt.bind(filter.value);
    if (filter.field === 'id') parts.push(`${customerColumn} = ${value}`);
    else {
      const field = customerField(stmt, 'fc', filter.field);
      parts.push(`${customerColumn} IN (SELECT fc.id FROM ${stmt.allRows('customers', 'fc')} WHERE fc.scope = ${stmt.scope} AND ${field} = ${value})`);
    }
  }
  const fields = fieldsCondition(stmt, customerColumn);
  if (fields) parts.push(fields);
  const byScores = scope === 'customers' ? stmt.ctx.filters?.byScores : undefined;
  if (byScores) parts.push(byScores(stmt, customerColumn));
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The breakdown key of a fact: its customer's field, '' when unknown (no customer, no row, no value). */
export function breakdownKey(stmt: Statement, customerColumn: string, customerAlias: string, field: string | undefined): string {
  if (!field) return "''";
  if (field === 'id') return `COALESCE(${customerColumn}, '')`;
  return `COALESCE(${customerField(stmt, customerAlias, field)}, '')`;
}

/** Rows as plain numbers: drivers hand BIGINT back as bigint (DuckDB) or text (PostgreSQL). */
export function int(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}
