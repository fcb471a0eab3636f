export { registerLocale, type KitMessages, type LocaleMessages } from './register-locale.js';
