export { registerLocale, type KitMessages, type LocaleMessages } from './register-locale.js';
export { loadLocale } from './load-locale.js';
