import { TABLES, type TableDef, type TableName } from './tables.js';
import { scopeContext, type Warehouse } from './answer.js';
import { int, nullableNumber } from './sql.js';

const iso = (ms: unknown): string | undefined => (ms === null || ms === undefined ? undefined : new Date(int(ms)).toISOString());
const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** Only the fields that have a value: the contract leaves optional fields out rather than null. */
const record = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

export const READERS: Record<string, (row: Record<string, unknown>) => Record<string, unknown>> = {
  customers: (r) =>
    record({
      id: text(r.id),
      name: text(r.name),
      company: text(r.company),
      segment: text(r.segment),
      region: text(r.region),
      owner: text(r.owner),
      createdAt: iso(r.created_at_ms),
      lifecycleStage: text(r.lifecycle_stage),
      attributes: r.attributes ? (JSON.parse(String(r.attributes)) as unknown) : undefined,
    }),
  orders: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), amount: int(r.amount_cents) / 100 }),
  interactions: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), channel: text(r.channel) }),
  surveys: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), score: nullableNumber(r.score), comment: text(r.comment) }),
  stageEvents: (r) => record({ entityId: text(r.entity_id), customerId: text(r.customer_id), stage: text(r.stage), date: iso(r.date_ms) }),
  tickets: (r) => record({ id: text(r.id), customerId: text(r.customer_id), openedAt: iso(r.opened_at_ms), firstResponseAt: iso(r.first_response_at_ms), resolvedAt: iso(r.resolved_at_ms) }),
};

/**
 * One scope's tables as the browser contract (row form): what `export --db` writes for the
 * in-browser path. A table the database does not have is an absent collection.
 */
export async function payloadFromWarehouse(db: Warehouse, scope: string): Promise<Record<string, unknown>> {
  const ctx = await scopeContext(db, scope);
  const [anchor] = await db.all('SELECT as_of_ms, currency, stages FROM crm_datasets WHERE scope = $1', [scope]);
  if (!anchor) throw new Error(`no data for scope "${scope}" in crm_datasets`);
  const payload: Record<string, unknown> = {
    schemaVersion: 1,
    asOf: iso(anchor.as_of_ms),
    currency: String(anchor.currency),
    ...(anchor.stages ? { stages: JSON.parse(String(anchor.stages)) as unknown } : {}),
  };
  for (const table of Object.values(TABLES) as TableDef[]) {
    if (!table.collection || !ctx.present.has(table.name as TableName)) continue;
    const rows = await db.all(`SELECT * FROM ${table.name} WHERE scope = $1 ORDER BY seq`, [scope]);
    payload[table.collection] = rows.map(READERS[table.collection]!);
  }
  return payload;
}

/** Every scope the database holds. */
export async function warehouseScopes(db: Warehouse): Promise<string[]> {
  return (await db.all('SELECT scope FROM crm_datasets ORDER BY scope', [])).map((row) => String(row.scope));
}
