import { CHANNELS, type CollectionName } from '../contract/fields.js';
import type { Dataset } from '../contract/dataset.js';
import { textsToArray } from '../contract/texts.js';
import { roundCents } from '../metrics/round.js';

/**
 * The warehouse tables: the contract's collections, one row per record, every table keyed by
 * `scope` (the tenant) first. Times are epoch milliseconds (BIGINT), money whole cents (BIGINT):
 * integer sums cannot flip a cent however a warehouse splits the work. `seq` is the order the
 * rows were exported in; it breaks the ties the contract breaks by row order (the later of two
 * survey answers at the same instant, an entity's first event naming a customer).
 */
export type ColumnType = 'text' | 'bigint' | 'integer';
export interface TableDef {
  name: string;
  /** The contract collection it holds; absent for the anchors table. */
  collection?: CollectionName;
  columns: readonly (readonly [string, ColumnType])[];
}

const scoped = (...columns: (readonly [string, ColumnType])[]) => [['scope', 'text'], ['seq', 'bigint'], ...columns] as const;

export const TABLES = {
  /**
   * One row per scope: the dataset's anchor, currency, stage list (JSON of the contract's `stages`)
   * and the collections it has (a JSON array of names; null: every table the database has).
   */
  crm_datasets: { name: 'crm_datasets', columns: [['scope', 'text'], ['as_of_ms', 'bigint'], ['currency', 'text'], ['stages', 'text'], ['collections', 'text']] },
  customers: {
    name: 'customers',
    collection: 'customers',
    columns: scoped(['id', 'text'], ['name', 'text'], ['company', 'text'], ['segment', 'text'], ['region', 'text'], ['owner', 'text'], ['created_at_ms', 'bigint'], ['lifecycle_stage', 'text'], ['attributes', 'text']),
  },
  orders: { name: 'orders', collection: 'orders', columns: scoped(['id', 'text'], ['customer_id', 'text'], ['date_ms', 'bigint'], ['amount_cents', 'bigint']) },
  interactions: { name: 'interactions', collection: 'interactions', columns: scoped(['id', 'text'], ['customer_id', 'text'], ['date_ms', 'bigint'], ['channel', 'text']) },
  surveys: { name: 'surveys', collection: 'surveys', columns: scoped(['id', 'text'], ['customer_id', 'text'], ['date_ms', 'bigint'], ['score', 'integer'], ['comment', 'text']) },
  stage_events: { name: 'stage_events', collection: 'stageEvents', columns: scoped(['entity_id', 'text'], ['customer_id', 'text'], ['stage', 'text'], ['date_ms', 'bigint']) },
  tickets: {
    name: 'tickets',
    collection: 'tickets',
    columns: scoped(['id', 'text'], ['customer_id', 'text'], ['opened_at_ms', 'bigint'], ['first_response_at_ms', 'bigint'], ['resolved_at_ms', 'bigint']),
  },
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;
export const COLLECTION_TABLES = (Object.values(TABLES) as TableDef[]).filter((t) => t.collection);

export function createTableSql(table: TableDef): string {
  return `CREATE TABLE ${table.name} (${table.columns.map(([name, type]) => `${name} ${type.toUpperCase()}`).join(', ')})`;
}

/**
 * An empty relation shaped like `table`: what a query reads in place of a collection the scope
 * does not have, so an absent collection answers as the engine answers it (not measured, no rows).
 */
export function emptyRelation(table: TableDef): string {
  return `(SELECT ${table.columns.map(([name, type]) => `CAST(NULL AS ${type.toUpperCase()}) AS ${name}`).join(', ')} WHERE 1 = 0)`;
}

export type Cell = string | number | null;

const time = (t: number): number | null => (Number.isNaN(t) ? null : t);
const cents = (amount: number): number => Math.round(roundCents(amount) * 100);

/**
 * The rows of each present collection of a validated dataset, for loading into a warehouse: the
 * batch job that fills the tables, the parity tests and the demo all load through this.
 */
export function datasetRows(dataset: Dataset, scope: string): { datasets: Cell[][]; tables: Partial<Record<TableName, Cell[][]>> } {
  const key = (c: number): string | null => (c >= 0 ? dataset.customerKeys[c]! : null);
  const tables: Partial<Record<TableName, Cell[][]>> = {};
  const { customers, orders, interactions, surveys, stageEvents, tickets, present } = dataset;
  if (present.customers) {
    tables.customers = customers.id.map((id, i) => [
      scope,
      i,
      id,
      customers.name[i]!,
      customers.company[i] ?? null,
      customers.segment[i] ?? null,
      customers.region[i] ?? null,
      customers.owner[i] ?? null,
      time(customers.createdAt[i]!),
      customers.lifecycleStage[i] ?? null,
      customers.attributes[i] ? JSON.stringify(customers.attributes[i]) : null,
    ]);
  }
  if (present.orders) tables.orders = textsToArray(orders.id).map((id, i) => [scope, i, id, key(orders.customer[i]!), orders.date[i]!, cents(orders.amount[i]!)]);
  if (present.interactions) {
    tables.interactions = textsToArray(interactions.id).map((id, i) => [scope, i, id, key(interactions.customer[i]!), interactions.date[i]!, CHANNELS[interactions.channel[i]!] ?? null]);
  }
  if (present.surveys) tables.surveys = textsToArray(surveys.id).map((id, i) => [scope, i, id, key(surveys.customer[i]!), surveys.date[i]!, surveys.score[i]!, surveys.comment[i] ?? null]);
  if (present.stageEvents) {
    tables.stage_events = Array.from({ length: stageEvents.length }, (_, i) => [
      scope,
      i,
      stageEvents.entityKeys[stageEvents.entity[i]!]!,
      key(stageEvents.customer[i]!),
      dataset.stages[stageEvents.stage[i]!]!.key,
      stageEvents.date[i]!,
    ]);
  }
  if (present.tickets) {
    tables.tickets = textsToArray(tickets.id).map((id, i) => [scope, i, id, key(tickets.customer[i]!), tickets.openedAt[i]!, time(tickets.firstResponseAt[i]!), time(tickets.resolvedAt[i]!)]);
  }
  const collections = (Object.keys(present) as CollectionName[]).filter((name) => present[name]);
  return { datasets: [[scope, dataset.asOf, dataset.currency, JSON.stringify(dataset.stages), JSON.stringify(collections)]], tables };
}
