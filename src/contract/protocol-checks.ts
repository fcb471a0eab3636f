// The checks a remote answer goes through on the page, as one lazily loaded chunk (data/client/remote-source.ts).
export { checkResult } from './query.js';
export { checkBatchResponse } from './query-batch.js';
