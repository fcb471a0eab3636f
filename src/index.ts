export * from './contract/index.js';
export * from './metrics/index.js';
// Locales: English built in; zh-CN and zh-TW ship as chunks a widget loads when it speaks them (`loadLocale`, or import
// `crm-widget-kit/locales/zh-CN` to have them at once); any other through `registerLocale(tag, messages)`.
export * from './locales/index.js';
// Page helpers: wait for the kit's tags before revealing a dashboard.
export { allDefined, KIT_TAGS, type KitTag } from './elements/all-defined.js';
// The kit's events and their detail types, for typed listeners in any host.
export {
  CrmDataWarningEvent,
  CrmErrorEvent,
  CrmEvent,
  CrmFilterChangeEvent,
  CrmLoadEvent,
  CrmRenderEvent,
  CrmSelectEvent,
  type CrmEventMap,
  type DataWarningDetail,
  type DataWarningKind,
  type DataErrorKind,
  type ErrorDetail,
  type FilterChangeDetail,
  type LoadDetail,
  type RenderDetail,
  type SelectDetail,
} from './elements/base/events.js';
