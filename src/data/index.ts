export { DataSource, type DataState, type LoadNotice, type SourceListener, type SourceNotice, type SourceSnapshot, type SourceStatus, type WarningNotice } from './data-source.js';
export { DataError, toErrorDetail, type DataErrorDetail, type DataErrorKind } from './data-error.js';
export { fetchPayload, type FetchOptions, type FetchResult } from './fetch-payload.js';
export { parsePayload } from './parse-payload.js';
export { decodeDataset, validateDataset, type ValidatedDataset } from './validate-dataset.js';
export { stableKey } from './stable-key.js';
export type { CacheMode, SourceConfig } from './source-config.js';
