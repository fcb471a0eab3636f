import { availableLocales, localeFailed, localesChanged, onLocalesChange } from './registry.js';

/** A locale a widget speaks: `en`, a shipped one (`zh-CN`, `zh-TW`), or a tag registered with `registerLocale`. */
export type Locale = string;

interface Subtags {
  language: string;
  script?: string;
  region?: string;
}

const subtagCache = new Map<string, Subtags | null>();

/** Language, script and region of a tag with the likely script filled in (`zh-TW` → zh, Hant, TW). */
function subtagsOf(tag: string): Subtags | null {
  let subtags = subtagCache.get(tag);
  if (subtags === undefined) {
    try {
      const full = new Intl.Locale(tag).maximize();
      subtags = { language: full.language, script: full.script, region: full.region };
    } catch {
      subtags = null;
    }
    subtagCache.set(tag, subtags);
  }
  return subtags;
}

/**
 * The available locale that serves a BCP 47 tag best: the same tag; else the same language and
 * script (`zh-HK`, `zh-Hant` → zh-TW; `zh`, `zh-SG`, `zh-Hans` → zh-CN), the same
 * region first; else the same language (`en-GB` → en). Null when none speaks the language.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  let match = matches.get(tag);
  if (match === undefined) matches.set(tag, (match = bestMatch(tag)));
  return match;
}

/** Answers of matchLocale, forgotten when a locale is registered. */
const matches = new Map<string, Locale | null>();
onLocalesChange(() => matches.clear());

function bestMatch(tag: string): Locale | null {
  return closestTag(tag, availableLocales());
}

/** Of `candidates`, the tag closest to `tag` by the rules of `matchLocale`; null when no language matches. */
export function closestTag(tag: string, candidates: readonly string[]): string | null {
  const wanted = subtagsOf(tag);
  if (!wanted) return null;
  const exact = candidates.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const sameLanguage = candidates.filter((c) => subtagsOf(c)?.language === wanted.language);
  const sameScript = sameLanguage.filter((c) => subtagsOf(c)?.script === wanted.script);
  return sameScript.find((c) => subtagsOf(c)?.region === wanted.region) ?? sameScript[0] ?? sameLanguage[0] ?? null;
}

let pageLocale: string | undefined;
/** The page-wide default locale of `configure({ locale })`: below an element's own `locale`, above any `lang`. */
export function setPageLocale(tag: string | undefined): void {
  pageLocale = tag;
  localesChanged();
}

/**
 * The locale an element speaks: its own `locale`, else the page's `configure({ locale })`, else the nearest `lang` (the page's
 * `<html lang>` included), else the browser's language, else English. During server-side
 * rendering the element is a shim without `closest` and there is no page: the explicit
 * locale or English. A shipped locale whose chunk could not be fetched reads English, numbers
 * and dates included, so a widget never mixes Chinese dates with English words.
 */
export function resolveLocale(explicit: string | null | undefined, element?: Element): Locale {
  const locale =
    matchLocale(explicit) ??
    matchLocale(pageLocale) ??
    matchLocale(element?.closest?.('[lang]')?.getAttribute('lang')) ??
    matchLocale(typeof document === 'undefined' ? null : document.documentElement.lang) ??
    matchLocale(typeof navigator === 'undefined' ? null : navigator.language) ??
    'en';
  return localeFailed(locale) ? 'en' : locale;
}
