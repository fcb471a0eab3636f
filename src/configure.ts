import { setBasePath, setSourceDefaults, type SourceDefaults } from './data/page-defaults.js';
import { setPageLocale } from './i18n/index.js';

/** Page-wide defaults of `configure()`; every field is optional and `undefined` clears it. */
export interface KitConfig extends SourceDefaults {
  /** The locale of every widget without its own `locale` (above any `lang` of the page). */
  locale?: string;
  /** `light` or `dark` for the whole page: the `crm-theme-*` class on `<html>` (an element's `theme` still wins). */
  theme?: 'light' | 'dark';
  /**
   * Where the kit's files are served from: the folder of `crm-widget-kit.js`, `crm-widget-kit.worker.js`
   * and `cdn/`. Needed when the kit cannot tell (a vendor-concatenated bundle, a copy on another origin).
   */
  basePath?: string;
}

/**
 * Defaults for every widget and `<crm-data-source>` of the page: locale, theme, scope, cache mode,
 * the header hook (`getHeaders`, asked before each request, also the worker's; never stored) and
 * the kit's base path. An element's own attributes and properties win. Call it before the widgets
 * load: scope, cache and the header hook are read when a widget's source is configured.
 *
 * @example
 * configure({ locale: 'zh-CN', scope: 'tenant-42', getHeaders: async () => ({ Authorization: `Bearer ${await token()}` }) });
 */
export function configure(config: KitConfig): void {
  setSourceDefaults(config);
  if ('basePath' in config) setBasePath(config.basePath);
  if ('locale' in config) setPageLocale(config.locale);
  if ('theme' in config && typeof document !== 'undefined') {
    const root = document.documentElement.classList;
    root.toggle('crm-theme-dark', config.theme === 'dark');
    root.toggle('crm-theme-light', config.theme === 'light');
  }
}
