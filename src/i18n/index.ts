export { LOCALES, matchLocale, resolveLocale, type Locale } from './locale.js';
export { createTranslator, defineMessages, type Catalog, type Message, type MessageParams, type Translate } from './translate.js';
export { createFormatter, MISSING, type Formatter } from './format.js';
export { sharedMessages, type SharedKey } from './messages.js';
export { describeRowIssue, localizeExpected } from './row-issue.js';
export { stageLabel } from './stage-label.js';
export { describePeriod } from './period-label.js';
