export { matchLocale, resolveLocale, setPageLocale, type Locale } from './locale.js';
export { addLocale, availableLocales, BUILT_IN_LOCALES, localePending, onLocalesChange, SHIPPED_LOCALES, type LocaleCatalogs } from './registry.js';
export {
  createTranslator,
  defineMessages,
  formatMessage,
  type Catalog,
  type Message,
  type MessageParams,
  type Messages,
  type PluralMessage,
  type Translate,
} from './translate.js';
export { createFormatter, MISSING, type Formatter } from './format.js';
export { sharedMessages, type SharedKey } from './messages.js';
export { describeExpectation, describePayloadError, describeRowIssue } from './row-issue.js';
export { stageLabel } from './stage-label.js';
export { describePeriod } from './period-label.js';
