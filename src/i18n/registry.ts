import type { Message } from './translate.js';

/** Messages of one locale, by catalogue name (`shared`, `nps`, …), each possibly partial. */
export type LocaleCatalogs = Readonly<Record<string, Readonly<Partial<Record<string, Message>>> | undefined>>;

/** The locales built into every catalogue. */
export const BUILT_IN_LOCALES = ['en', 'zh-CN'] as const;

const registered = new Map<string, Map<string, Readonly<Partial<Record<string, Message>>>>>();
const listeners = new Set<() => void>();
const warned = new Set<string>();

/** A BCP 47 tag in its canonical case (`zh-tw` → `zh-TW`); throws a RangeError for a malformed tag. */
export const canonicalTag = (tag: string): string => Intl.getCanonicalLocales(tag)[0]!;

/**
 * Add (or extend) the messages of locale `tag`. Messages of a catalogue registered twice are
 * merged, later ones winning, so a host can also reword a few strings of a built-in locale.
 * Widgets on the page re-render in the new words.
 */
export function addLocale(tag: string, catalogs: LocaleCatalogs): string {
  const locale = canonicalTag(tag);
  let byCatalog = registered.get(locale);
  if (!byCatalog) registered.set(locale, (byCatalog = new Map()));
  for (const [name, messages] of Object.entries(catalogs)) {
    if (messages) byCatalog.set(name, { ...byCatalog.get(name), ...messages });
  }
  warned.delete(locale);
  localesChanged();
  return locale;
}

/** Tell every widget that the words it should speak may have changed (a locale registered, a page default set). */
export function localesChanged(): void {
  for (const listener of listeners) listener();
}

/** The registered messages of catalogue `name` in `locale`, if any. */
export function messagesFor(locale: string, name: string): Readonly<Partial<Record<string, Message>>> | undefined {
  return registered.get(locale)?.get(name);
}

/** Every locale a widget can speak: the built-in ones, then those registered. */
export function availableLocales(): string[] {
  return [...new Set<string>([...BUILT_IN_LOCALES, ...registered.keys()])];
}

/** Be told when a locale is registered (widgets re-render); returns the unsubscribe function. */
export function onLocalesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A registered locale lacks `catalog.key`: English is shown, and the host hears of it once per locale. */
export function noteMissing(locale: string, catalog: string, key: string): void {
  if (warned.has(locale)) return;
  warned.add(locale);
  console.warn(
    `crm-widget-kit: locale "${locale}" has no message for ${catalog}.${key}; English is shown for it and for any other missing key. ` +
      'Pass the missing keys to registerLocale().',
  );
}
