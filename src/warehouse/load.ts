import type { Dataset } from '../contract/dataset.js';
import type { LoadableWarehouse } from './drivers.js';
import { createTableSql, datasetRows, TABLES, type TableName } from './tables.js';

/**
 * Load one validated dataset into the warehouse tables under `scope`, creating the tables that
 * are missing. Only the dataset's present collections get a table: a scope loaded alone without
 * surveys reads as "surveys absent", as its payload did. (Several scopes share a table once any of
 * them has it; a scope without rows there then reads as present and empty.)
 */
export async function loadDataset(db: LoadableWarehouse, dataset: Dataset, scope: string): Promise<void> {
  const { datasets, tables } = datasetRows(dataset, scope);
  const existing = await db.tableNames();
  const ensure = async (name: TableName) => {
    if (!existing.has(name)) {
      await db.exec(createTableSql(TABLES[name]));
      existing.add(name);
    }
  };
  await ensure('crm_datasets');
  await db.insert(TABLES.crm_datasets, datasets);
  for (const [name, rows] of Object.entries(tables) as [TableName, NonNullable<(typeof tables)[TableName]>][]) {
    await ensure(name);
    if (rows.length) await db.insert(TABLES[name], rows);
  }
}
