import type { Locale } from './locale.js';
import { messagesFor, noteMissing } from './registry.js';

export type MessageParams = Record<string, string | number>;

/**
 * Plural forms, chosen by `params.count` through `Intl.PluralRules` of the locale
 * (English has `one` and `other`, Chinese only `other`, Polish `one`, `few`, `many`, `other` …).
 * Plain data, so a locale's messages can come from a JSON file.
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A string with `{name}` placeholders, plural forms, or a function where grammar needs more. */
export type Message = string | PluralMessage | ((params: MessageParams, locale: Locale) => string);

/** Every key of a catalogue with its message. */
export type Messages<K extends string> = Record<K, Message>;

/**
 * A widget's (or the frame's) strings: a name to register other locales under, and English, the
 * one locale built in. The other locales' words live in src/locales/ (one module per locale, a
 * chunk of its own), typed against these keys, so a missing translation is a compile error
 * rather than an English string in a Chinese widget.
 */
export interface Catalog<K extends string> {
  readonly name: string;
  readonly en: Messages<K>;
}

export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

/**
 * Declare a catalogue under `name` (the key a locale's messages use in `registerLocale` and in
 * src/locales/), with its English words.
 *
 * @example
 * const messages = defineMessages('funnel', { en: { title: 'Funnel' } });
 */
export function defineMessages<K extends string>(name: string, locales: { en: Messages<K> }): Catalog<K> {
  return { name, en: locales.en };
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralRule(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

const fill = (text: string, params: MessageParams) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A message as text in `locale`: placeholders filled, the plural form picked by `params.count`. */
export function formatMessage(message: Message, params: MessageParams, locale: Locale): string {
  if (typeof message === 'function') return message(params, locale);
  if (typeof message === 'string') return fill(message, params);
  const count = Number(params['count']);
  const form = Number.isFinite(count) ? message[pluralRule(locale).select(count)] : undefined;
  return fill(form ?? message.other, params);
}

/**
 * The message of `key` in `locale`: registered (a shipped locale's chunk, or `registerLocale`, which
 * may also reword it), else English; a locale's first missing key is noted once.
 */
function lookup<K extends string>(catalog: Catalog<K>, locale: Locale, key: K): Message | undefined {
  const own = locale === 'en' ? (messagesFor(locale, catalog.name)?.[key] ?? catalog.en[key]) : messagesFor(locale, catalog.name)?.[key];
  if (own !== undefined) return own;
  if (catalog.en[key] !== undefined) noteMissing(locale, catalog.name, key);
  return catalog.en[key];
}

/** A lookup function over one or more catalogues for one locale. */
export function createTranslator<K extends string>(locale: Locale, ...catalogs: Catalog<K>[]): Translate<K> {
  return (key, params = {}) => {
    for (const catalog of catalogs) {
      const message = lookup(catalog, locale, key);
      if (message !== undefined) return formatMessage(message, params, locale);
    }
    return key;
  };
}
