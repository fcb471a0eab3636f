import type { Message } from './translate.js';

/** Messages of one locale, by catalogue name (`shared`, `nps`, …), each possibly partial. */
export type LocaleCatalogs = Readonly<Record<string, Readonly<Partial<Record<string, Message>>> | undefined>>;

/** The locale built into every catalogue: the words a page always has. */
export const BUILT_IN_LOCALES = ['en'] as const;

/**
 * Locales the kit ships as chunks of their own (src/locales/): always available, downloaded the
 * first time a widget or the page asks for one (src/locales/load-locale.ts), so a page that speaks
 * English carries no Chinese words.
 */
export const SHIPPED_LOCALES = ['zh-CN', 'zh-TW'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

const registered = new Map<string, Map<string, Readonly<Partial<Record<string, Message>>>>>();
const listeners = new Set<() => void>();
const warned = new Set<string>();
/** Shipped locales whose chunk has run (`loaded`) or could not be fetched (`failed`: English is shown). */
const shipped = new Map<string, 'loaded' | 'failed'>();

/** A BCP 47 tag in its canonical case (`zh-tw` → `zh-TW`); throws a RangeError for a malformed tag. */
export const canonicalTag = (tag: string): string => Intl.getCanonicalLocales(tag)[0]!;

/** Merge `catalogs` into the messages of `locale`; `beneath` keeps what is there already (a host's rewording). */
function merge(locale: string, catalogs: LocaleCatalogs, beneath: boolean): void {
  let byCatalog = registered.get(locale);
  if (!byCatalog) registered.set(locale, (byCatalog = new Map()));
  for (const [name, messages] of Object.entries(catalogs)) {
    if (messages) byCatalog.set(name, beneath ? { ...messages, ...byCatalog.get(name) } : { ...byCatalog.get(name), ...messages });
  }
  warned.delete(locale);
}

/**
 * Add (or extend) the messages of locale `tag`. Messages of a catalogue registered twice are
 * merged, later ones winning, so a host can also reword a few strings of a shipped locale.
 * Widgets on the page re-render in the new words.
 */
export function addLocale(tag: string, catalogs: LocaleCatalogs): string {
  const locale = canonicalTag(tag);
  merge(locale, catalogs, false);
  localesChanged();
  return locale;
}

/**
 * The words of a shipped locale, from its chunk: registered beneath anything the host registered
 * for the same tag, so a rewording made before the chunk arrived still wins.
 */
export function addShippedLocale(locale: ShippedLocale, catalogs: LocaleCatalogs): void {
  merge(locale, catalogs, true);
  shipped.set(locale, 'loaded');
  localesChanged();
}

/** A shipped locale's chunk could not be fetched: its widgets speak English, and the host hears of it once. */
export function shippedLocaleFailed(locale: ShippedLocale, reason: unknown): void {
  if (shipped.has(locale)) return;
  shipped.set(locale, 'failed');
  if (!warned.has(locale)) {
    warned.add(locale);
    console.warn(
      `crm-widget-kit: the messages of locale "${locale}" could not be loaded (${String(reason)}); its widgets show English. ` +
        `Check that the kit's chunks are served, or import 'crm-widget-kit/locales/${locale}'.`,
    );
  }
  localesChanged();
}

const isShipped = (locale: string): locale is ShippedLocale => (SHIPPED_LOCALES as readonly string[]).includes(locale);

/** A shipped locale whose chunk has neither arrived nor failed: a widget speaking it waits rather than speak English. */
export function localePending(locale: string): locale is ShippedLocale {
  return isShipped(locale) && !shipped.has(locale);
}

/** A shipped locale whose chunk could not be fetched (said once): English stands in for it. */
export function localeFailed(locale: string): boolean {
  return shipped.get(locale) === 'failed';
}

/** Tell every widget that the words it should speak may have changed (a locale registered, a page default set). */
export function localesChanged(): void {
  for (const listener of listeners) listener();
}

/** The registered messages of catalogue `name` in `locale`, if any. */
export function messagesFor(locale: string, name: string): Readonly<Partial<Record<string, Message>>> | undefined {
  return registered.get(locale)?.get(name);
}

/** Every locale a widget can speak: English, the shipped ones (loaded or not), then those registered. */
export function availableLocales(): string[] {
  return [...new Set<string>([...BUILT_IN_LOCALES, ...SHIPPED_LOCALES, ...registered.keys()])];
}

/** Be told when a locale is registered (widgets re-render); returns the unsubscribe function. */
export function onLocalesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A locale lacks `catalog.key`: English is shown, and the host hears of it once per locale. Silent
 * for a shipped locale still on its way (its widgets wait for it) or that failed (said already).
 */
export function noteMissing(locale: string, catalog: string, key: string): void {
  if (warned.has(locale) || (isShipped(locale) && shipped.get(locale) !== 'loaded')) return;
  warned.add(locale);
  console.warn(
    `crm-widget-kit: locale "${locale}" has no message for ${catalog}.${key}; English is shown for it and for any other missing key. ` +
      'Pass the missing keys to registerLocale().',
  );
}
