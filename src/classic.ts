// dist/crm-widget-kit.js, the classic script a page includes with <script src>. It is small: it
// reads where the kit is served from, exposes the global `CrmWidgetKit` and imports the lazy
// loader of the self-contained ES build (dist/cdn/), which defines each tag when it first appears
// and downloads only that element's chunk. Calls made before the loader arrived are replayed
// on it in order, so `CrmWidgetKit.configure(…)` right after the script tag (or later in the
// same vendor bundle) applies before any widget loads.
type Loader = typeof import('./loader.js');

const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
const declaredBase = script?.dataset.basePath;
const scriptFolder = script?.src ? new URL('./', script.src).href : undefined;
const pending: ((loader: Loader) => void)[] = [];
let basePath: string | undefined;

let resolveLoader: (loader: Loader) => void;
let rejectLoader: (reason: unknown) => void;
/** The loader module once imported (the element chunks come after it). */
export const ready: Promise<Loader> = new Promise<Loader>((resolve, reject) => {
  resolveLoader = resolve;
  rejectLoader = reject;
});
let loaded: Loader | undefined;

/** The loader's own static imports, however deep, relative to cdn/ (vite.config.ts, loaderDeps). */
declare const __crmLoaderDeps: string[] | undefined;

/**
 * Ask for the loader's imports together with the loader: otherwise the browser learns of each
 * level only when the one above has arrived, a round trip per level before any tag is defined.
 */
function preloadLoaderDeps(cdn: URL): void {
  if (typeof __crmLoaderDeps === 'undefined') return;
  for (const file of __crmLoaderDeps) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, cdn).href;
    (document.head ?? document.documentElement).append(link);
  }
}

/** Run `call` on the loader now, or as soon as it is here, keeping the page's order. */
function onLoader(call: (loader: Loader) => void): void {
  if (loaded) call(loaded);
  else pending.push(call);
}

// A microtask later, so code after this script in the same file (a vendor bundle) can still configure().
queueMicrotask(() => {
  const base = basePath ?? new URL(declaredBase ?? scriptFolder ?? './', scriptFolder ?? document.baseURI).href;
  const cdn = new URL('cdn/', new URL(base.endsWith('/') ? base : `${base}/`, document.baseURI));
  preloadLoaderDeps(cdn);
  import(/* @vite-ignore */ new URL('crm-widget-kit.loader.js', cdn).href).then(
    (loader: Loader) => {
      loader.configure({ basePath: base });
      for (const call of pending.splice(0)) call(loader);
      loaded = loader;
      resolveLoader(loader);
    },
    (reason: unknown) => {
      console.error(`crm-widget-kit: the kit's modules could not be loaded from ${base}cdn/ (set data-base-path on the script tag or call CrmWidgetKit.configure({ basePath }))`, reason);
      rejectLoader(reason);
    },
  );
});

/** Page-wide defaults: locale, theme, scope, cache, getHeaders, basePath (see docs/embedding.md). */
export function configure(config: import('./configure.js').KitConfig): void {
  if ('basePath' in config && config.basePath && !loaded) basePath = config.basePath;
  onLoader((loader) => loader.configure(config));
}

/** Teach the widgets a locale; returns its canonical tag at once, the words apply when the kit has loaded. */
export function registerLocale(tag: string, messages: import('./locales/index.js').LocaleMessages): string {
  const canonical = Intl.getCanonicalLocales(tag)[0]!;
  onLoader((loader) => loader.registerLocale(canonical, messages));
  return canonical;
}

export function setCacheEncryptionKey(scope: string, key: CryptoKey | null): void {
  onLoader((loader) => loader.setCacheEncryptionKey(scope, key));
}

export const clearCache = async (scope?: string): Promise<void> => (await ready).clearCache(scope);
export const allDefined = async (root?: ParentNode): Promise<void> => (await ready).allDefined(root);
export const defineElement = async (tag: import('./elements/all-defined.js').KitTag): Promise<void> => (await ready).defineElement(tag);
export const loadLocale = async (tag: string): Promise<void> => (await ready).loadLocale(tag);
/** Async since the script carries no validator: `await CrmWidgetKit.validatePayload(payload)`. */
export const validatePayload = async (...args: Parameters<Loader['validatePayload']>) => (await ready).validatePayload(...args);
/** The metric functions, loaded on first use: `const { computeNps } = await CrmWidgetKit.loadMetrics()`. */
export const loadMetrics = async () => (await ready).loadMetrics();
/** Filters to and from the page's address (docs/embedding.md): synchronous, so they ride in this script. */
export { filtersFromSearchParams, filtersToSearchParams } from './metrics/filter-params.js';
