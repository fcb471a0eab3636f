import type { CacheMode, SourceConfig } from './source-config.js';

/** What `configure()` sets for every widget and `<crm-data-source>` of the page; their own attributes win. */
export interface SourceDefaults {
  scope?: string;
  cache?: CacheMode;
  getHeaders?: SourceConfig['getHeaders'];
}

const defaults: SourceDefaults = {};
let basePath: string | undefined;
let defaultBasePath: string | undefined;

/** Merge page-wide source defaults (`undefined` clears one). */
export function setSourceDefaults(next: SourceDefaults): void {
  for (const key of ['scope', 'cache', 'getHeaders'] as const) if (key in next) (defaults as Record<string, unknown>)[key] = next[key];
}

export const sourceDefaults = (): Readonly<SourceDefaults> => defaults;

/**
 * The folder the kit's files are served from (`crm-widget-kit.worker.js`, `cdn/…`), as an
 * absolute URL ending in `/`. Set by `configure({ basePath })` or a script's `data-base-path`;
 * the self-contained ES build knows its own place (`setDefaultBasePath`).
 */
export function setBasePath(path: string | undefined): void {
  basePath = path === undefined ? undefined : folderUrl(path);
}

export function setDefaultBasePath(path: string): void {
  defaultBasePath ??= folderUrl(path);
}

export const kitBasePath = (): string | undefined => basePath ?? defaultBasePath;

function folderUrl(path: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : undefined;
  const url = new URL(path, base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
