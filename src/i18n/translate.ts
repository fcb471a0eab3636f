import type { Locale } from './locale.js';

export type MessageParams = Record<string, string | number>;
/** A string with `{name}` placeholders, or a function where grammar depends on a number. */
export type Message = string | ((params: MessageParams) => string);
export type Catalog<K extends string> = Record<Locale, Record<K, Message>>;
export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

/**
 * Declare a catalog. Typing both locales with the same keys makes a missing
 * translation a compile error rather than an English string in a Chinese widget.
 *
 * @example
 * const messages = defineMessages({ en: { title: 'Funnel' }, 'zh-CN': { title: '销售漏斗' } });
 */
export function defineMessages<K extends string>(catalog: Catalog<K>): Catalog<K> {
  return catalog;
}

const fill = (text: string, params: MessageParams) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A lookup function over one or more catalogs for one locale. */
export function createTranslator<K extends string>(locale: Locale, ...catalogs: Catalog<K>[]): Translate<K> {
  return (key, params = {}) => {
    for (const catalog of catalogs) {
      const message = catalog[locale][key] ?? catalog.en[key];
      if (message !== undefined) return typeof message === 'function' ? message(params) : fill(message, params);
    }
    return key;
  };
}
