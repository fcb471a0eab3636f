export * from './contract/index.js';
export * from './metrics/index.js';
// Locales beyond the built-in two: `registerLocale(tag, messages)`; zh-TW ships as `crm-widget-kit/locales/zh-TW`.
export * from './locales/index.js';
