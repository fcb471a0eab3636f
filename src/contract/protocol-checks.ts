// The checks a remote answer goes through in the engine, as one lazily loaded chunk (data/engine/remote-core.ts).
export { checkResult } from './query.js';
export { checkBatchResponse } from './query-batch.js';
