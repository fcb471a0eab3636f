/** The locales every visible string exists in. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Map a BCP 47 tag to a supported locale: `zh`, `zh-Hans`, `zh-CN`, `zh-SG` → zh-CN; `en-*` → en. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans') || lower.startsWith('zh-sg')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/**
 * The locale an element speaks: its own `locale`, else the nearest `lang` (the page's
 * `<html lang>` included), else the browser's language, else English.
 */
export function resolveLocale(explicit: string | null | undefined, element?: Element): Locale {
  return (
    matchLocale(explicit) ??
    matchLocale(element?.closest('[lang]')?.getAttribute('lang')) ??
    matchLocale(typeof document === 'undefined' ? null : document.documentElement.lang) ??
    matchLocale(typeof navigator === 'undefined' ? null : navigator.language) ??
    'en'
  );
}
