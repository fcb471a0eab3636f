import { TABLES, type TableDef, type TableName } from './tables.js';
import { scopeContext, type Warehouse } from './answer.js';
import { customerCondition, Statement } from './sql.js';
import { filteredContext } from './filters.js';
import { READERS } from './readers.js';
import type { QueryFilters } from '../contract/query.js';

/**
 * One scope's tables as the browser contract (row form): what `export --db` writes for the
 * in-browser path. A table the database does not have is an absent collection.
 */
export async function payloadFromWarehouse(db: Warehouse, scope: string, filters?: QueryFilters): Promise<Record<string, unknown>> {
  const ctx = filteredContext(await scopeContext(db, scope), filters);
  const [anchor] = await db.all('SELECT as_of_ms, currency, stages FROM crm_datasets WHERE scope = $1', [scope]);
  if (!anchor) throw new Error(`no data for scope "${scope}" in crm_datasets`);
  const payload: Record<string, unknown> = {
    schemaVersion: 1,
    asOf: new Date(ctx.asOf).toISOString(),
    currency: String(anchor.currency),
    ...(anchor.stages ? { stages: JSON.parse(String(anchor.stages)) as unknown } : {}),
  };
  for (const table of Object.values(TABLES) as TableDef[]) {
    if (!table.collection || !ctx.present.has(table.name as TableName)) continue;
    // With filters: the rows of the time filter, of the customers the filters keep (docs/scale.md).
    const stmt = new Statement(ctx);
    const kept = customerCondition(stmt, table.name === 'customers' ? 'id' : 'customer_id', undefined);
    const rows = await db.all(`SELECT * FROM ${stmt.table(table.name as TableName)} WHERE scope = $1 AND ${kept} ORDER BY seq`, stmt.params);
    payload[table.collection] = rows.map(READERS[table.collection]!);
  }
  return payload;
}

/** Every scope the database holds. */
export async function warehouseScopes(db: Warehouse): Promise<string[]> {
  return (await db.all('SELECT scope FROM crm_datasets ORDER BY scope', [])).map((row) => String(row.scope));
}
