// What the parity tests import, bundled for Node by test/sql/build.mjs: the engine's own pure
// answer function (as the worker runs it) and the warehouse path under test.
export { answerQuery } from '../../src/data/engine/answer-query.js';
export { validatePayload, checkResult, checkBatchRequest, checkBatchResponse, batchJsonSchema, protocolJsonSchema } from '../../src/contract/index.js';
export * from '../../src/warehouse/index.js';
export { createQueryServer } from '../../src/cli/serve-http.js';
export { queryHandler } from '../../src/cli/serve-http.js';
export { npsSql } from '../../src/warehouse/nps.js';
export { funnelSql, snapshotSql } from '../../src/warehouse/funnel.js';
export { rfmGridSql, rfmMembersSql } from '../../src/warehouse/rfm.js';
export { rfmPageSql, drillRowsSql, DRILL_COLUMNS, DRILL_ORDER, customerScopeSql, customerRowsSql } from '../../src/warehouse/customer.js';
export { drillStore } from '../../src/warehouse/drill-store.js';
export { drillAhead } from '../../src/warehouse/answer.js';
export { filteredContext, valuesSql } from '../../src/warehouse/filters.js';
export { scoreStore } from '../../src/warehouse/score-store.js';
