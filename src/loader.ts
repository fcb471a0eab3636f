// The kit's lazy loader: each tag is defined when it first appears in the document, from its own
// chunk, so a page downloads only the elements it shows. Also the API of the classic script's
// global `CrmWidgetKit`, whose heavy parts (validator, metrics, other locales) load on demand.
import { configure as configurePage, type KitConfig } from './configure.js';
import { KIT_TAGS, type KitTag } from './elements/all-defined.js';
import { localePending, matchLocale, resolveLocale } from './i18n/index.js';
import { warmFormats } from './i18n/format.js';
import { localesChanged } from './i18n/registry.js';
import { loadShippedLocale } from './locales/load-locale.js';
import { startEngineWorker } from './data/client/spawn-worker.js';

export { allDefined, KIT_TAGS, type KitTag } from './elements/all-defined.js';
export { clearCache } from './data/cache-settings.js';
export { setCacheEncryptionKey } from './data/cache-crypto.js';
export { loadLocale, registerLocale } from './locales/index.js';
// The URL helpers a host uses to keep the page's filters in its address (small, and needed before any chunk).
export { filtersFromSearchParams, filtersToSearchParams } from './metrics/filter-params.js';
export type { KitConfig } from './configure.js';

const elementChunks: Record<KitTag, () => Promise<unknown>> = {
  'crm-data-source': () => import('./elements/crm-data-source/index.js'),
  'crm-nps-gauge': () => import('./elements/crm-nps-gauge/index.js'),
  'crm-lifecycle-funnel': () => import('./elements/crm-lifecycle-funnel/index.js'),
  'crm-segment-matrix': () => import('./elements/crm-segment-matrix/index.js'),
  'crm-customer-360': () => import('./elements/crm-customer-360/index.js'),
  'crm-filter-bar': () => import('./elements/crm-filter-bar/index.js'),
};

/** Per tag, the chunks its element imports at any depth (the cdn build writes it: vite.config.ts, chunkDepsForLoader). */
declare const __crmChunkDeps: Partial<Record<KitTag, string[]>> | undefined;
const preloaded = new Set<string>();
/** Ask for all of a tag's chunks at once instead of one level of imports per round trip. */
function preloadChunks(tag: KitTag): void {
  if (typeof __crmChunkDeps === 'undefined' || typeof document === 'undefined') return;
  for (const file of __crmChunkDeps[tag] ?? []) {
    const href = new URL(file, import.meta.url).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    (document.head ?? document.documentElement).append(link);
  }
}

const loading = new Map<string, Promise<unknown>>();
const once = (key: string, load: () => Promise<unknown>) => {
  let promise = loading.get(key);
  if (!promise) loading.set(key, (promise = load()));
  return promise;
};

/**
 * Shipped locales (zh-CN, zh-TW: chunks of their own) some element or the page asks for, loaded
 * before the elements that speak them are defined, so they draw in those words from their first frame.
 * Never rejects: a chunk that cannot be fetched leaves English (load-locale.ts).
 */
let localesWanted: Promise<unknown> = Promise.resolve();
function wantLocale(tag: string | null | undefined): void {
  const locale = matchLocale(tag);
  if (locale && localePending(locale)) localesWanted = Promise.all([localesWanted, loadShippedLocale(locale)]);
}

/** Define `tag` now (its chunk loads once); for tags the observer cannot see, such as inside another shadow root. */
export async function defineElement(tag: KitTag): Promise<void> {
  // Every kit element reads from the engine: its worker starts now, beside the element chunks, not
  // after them, and the page's number formats are made while those chunks download. A task later,
  // so the classic script's replayed configure() (the worker's base path, the locale) has run.
  void once('engine', () =>
    new Promise((started) =>
      setTimeout(() => {
        started(startEngineWorker());
        warmFormats(resolveLocale(null));
      }),
    ),
  );
  await once(tag, async () => {
    preloadChunks(tag);
    const [chunk] = await Promise.all([elementChunks[tag](), localesWanted]);
    return chunk;
  });
  await customElements.whenDefined(tag);
}

/** Page-wide defaults (see configure.ts); a locale shipped as a chunk is fetched at once. */
export function configure(config: KitConfig): void {
  configurePage(config);
  wantLocale(config.locale);
}

/** The metric functions (`computeNps`, `computeRfm`, …), loaded on first use. */
export const loadMetrics = () => import('./metrics/index.js');

/** `validatePayload` of `crm-widget-kit/contract`, loaded on first use (the script tag carries no zod). */
export async function validatePayload(...args: Parameters<typeof import('./contract/validate.js').validatePayload>) {
  return (await import('./contract/validate.js')).validatePayload(...args);
}

function visit(node: Element): void {
  wantLocale(node.getAttribute('locale') ?? node.getAttribute('lang'));
  if ((KIT_TAGS as readonly string[]).includes(node.localName)) void defineElement(node.localName as KitTag);
  if (node.firstElementChild) {
    for (const tag of KIT_TAGS) if (!loading.has(tag) && node.querySelector(tag)) void defineElement(tag);
    for (const el of node.querySelectorAll('[locale],[lang]')) wantLocale(el.getAttribute('locale') ?? el.getAttribute('lang'));
  }
}

let started = false;
/** Watch the document: every kit tag already there or added later is defined from its chunk. Idempotent. */
export function startLoader(root: Document = document): void {
  if (started) return;
  started = true;
  wantLocale(root.documentElement.lang);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        wantLocale((record.target as Element).getAttribute(record.attributeName!));
        // A widget follows the nearest `lang` but does not watch it: tell every widget to look again
        // (a `locale` attribute is the widget's own property and re-renders it anyway).
        if (record.attributeName === 'lang') localesChanged();
      }
      else for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) visit(node as Element);
    }
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['locale', 'lang'] });
  visit(root.documentElement);
}
