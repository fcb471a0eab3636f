import { localePending, shippedLocaleFailed, type ShippedLocale } from '../i18n/registry.js';
import { matchLocale } from '../i18n/locale.js';

/** The chunk of each shipped locale: its module registers the words when it runs. */
const CHUNKS: Record<ShippedLocale, () => Promise<unknown>> = {
  'zh-CN': () => import('./zh-CN.js'),
  'zh-TW': () => import('./zh-TW.js'),
};

const loads = new Map<ShippedLocale, Promise<void>>();

/**
 * Fetch the chunk of a shipped locale once (the first widget or page that asks for it). Resolves
 * when its words are registered — or, if it cannot be fetched, when its widgets have fallen back to
 * English, said once in the console; never rejects. At once for English and registered tags.
 */
export function loadShippedLocale(locale: string): Promise<void> {
  if (!localePending(locale)) return Promise.resolve();
  let load = loads.get(locale);
  if (!load) {
    load = CHUNKS[locale]().then(
      () => undefined,
      (reason: unknown) => shippedLocaleFailed(locale, reason),
    );
    loads.set(locale, load);
  }
  return load;
}

/**
 * Load the locale a tag selects (`zh-CN`, `zh-Hans`, `zh-HK` → its shipped chunk) before a widget
 * speaks it. Resolves at once for English and registered tags, never rejects: a chunk that cannot
 * be fetched leaves English, with one console warning.
 *
 * @example
 * await loadLocale('zh-CN'); // then widgets with locale="zh-CN" draw in Chinese from their first frame
 */
export async function loadLocale(tag: string): Promise<void> {
  const locale = matchLocale(tag);
  if (locale) await loadShippedLocale(locale);
}
