/** The warehouse path (Node only): the reference SQL of the query protocol, its drivers and loader. */
export { answerFromWarehouse, scopeContext, SQL_METRICS, type AnswerSettings, type Warehouse } from './answer.js';
export { openDuckDb, openPostgres, openWarehouse, type LoadableWarehouse } from './drivers.js';
export { loadDataset } from './load.js';
export { WarehouseError, type Dialect, type ScopeContext } from './sql.js';
export { TABLES, createTableSql, datasetRows } from './tables.js';
export { payloadFromWarehouse, warehouseScopes } from './payload.js';
