// Entry of the single-file build: importing it registers every element of the kit.
// The global `CrmWidgetKit` carries what a page without a build step may call: the validator,
// the pure metrics and the cache reset. The zod schemas stay in the `contract` module entry,
// so the script tag does not carry the whole of zod.
export { validatePayload } from './contract/validate.js';
export * from './metrics/index.js';
export { clearCache, setCacheEncryptionKey } from './data/index.js';
export { registerLocale } from './locales/index.js';
export { allDefined } from './elements/all-defined.js';
// Every element at once, so every shipped locale too: a server rendering zh-CN or zh-TW has their
// words in its first (and only) frame, and the client hydrates the same frame. The per-element
// entries and the loader fetch them as chunks instead, only when a widget asks.
import './locales/zh-CN.js';
import './locales/zh-TW.js';
import './elements/crm-data-source/index.js';
export { CrmDataSource } from './elements/crm-data-source/index.js';
import './elements/crm-nps-gauge/index.js';
export { CrmNpsGauge } from './elements/crm-nps-gauge/index.js';
import './elements/crm-lifecycle-funnel/index.js';
export { CrmLifecycleFunnel } from './elements/crm-lifecycle-funnel/index.js';
import './elements/crm-customer-360/index.js';
export { CrmCustomer360 } from './elements/crm-customer-360/index.js';
import './elements/crm-segment-matrix/index.js';
export { CrmSegmentMatrix } from './elements/crm-segment-matrix/index.js';
import './elements/crm-filter-bar/index.js';
export { CrmFilterBar } from './elements/crm-filter-bar/index.js';
