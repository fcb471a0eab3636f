import { sourceDefaults } from './page-defaults.js';

export type CacheMode = 'indexeddb' | 'memory' | 'none';

/** Everything a load depends on; the properties of a widget or of `<crm-data-source>`. */
export interface SourceConfig {
  /** URL of a contract payload. */
  src?: string;
  /** URL of an endpoint answering the query protocol (a warehouse): results come from there instead of a payload. */
  querySrc?: string;
  /** The source as the footer names it, when `src` was rewritten (made absolute for the worker). */
  label?: string;
  /** A payload already in memory; wins over `src`. */
  data?: unknown;
  /** Tenant or user id; cached data of one scope is never served to another. */
  scope?: string;
  cache?: CacheMode;
  /** Seconds a cached copy is used without asking the server; 0 (default) revalidates on every load. */
  cacheTtl?: number;
  /** Seconds between polls; 0 or unset means no polling. */
  refresh?: number;
  credentials?: RequestCredentials;
  headers?: HeadersInit;
  /**
   * Asked before every request for headers (a short-lived token); asked again once with `{ status: 401 }`
   * after a 401, so the host can refresh the token before the one retry. Nothing it returns is stored.
   */
  getHeaders?: (context?: { status: number }) => HeadersInit | Promise<HeadersInit>;
  /** Seconds per request attempt. */
  timeout?: number;
  /** Largest response body accepted, in bytes. */
  maxBytes?: number;
  /** `collection.field` paths to keep in the cache (for example `surveys.score`); unset keeps all. */
  cacheFields?: string[];
  /** Bodies of this many bytes or more are parsed and validated in a worker. */
  workerThreshold?: number;
}

/**
 * The load configuration read off anything carrying these properties (a widget or `<crm-data-source>`);
 * empty strings count as unset, and unset scope, cache and header hook fall back to `configure()`'s page defaults.
 */
export function sourceConfigOf(host: Readonly<SourceConfig>): SourceConfig {
  const page = sourceDefaults();
  return {
    src: host.src || undefined,
    querySrc: host.querySrc || undefined,
    data: host.data ?? undefined,
    scope: host.scope || page.scope || undefined,
    cache: host.cache ?? page.cache,
    cacheTtl: host.cacheTtl,
    refresh: host.refresh,
    credentials: host.credentials,
    headers: host.headers,
    getHeaders: host.getHeaders ?? page.getHeaders,
    timeout: host.timeout,
    maxBytes: host.maxBytes,
    cacheFields: host.cacheFields,
    workerThreshold: host.workerThreshold,
  };
}

/** Properties whose change means a different dataset, so the load starts over. */
const IDENTITY: (keyof SourceConfig)[] = ['src', 'querySrc', 'data', 'scope', 'cache', 'cacheFields'];

export function sameDataset(a: SourceConfig, b: SourceConfig): boolean {
  return IDENTITY.every((key) =>
    key === 'cacheFields' ? (a.cacheFields ?? []).join() === (b.cacheFields ?? []).join() : a[key] === b[key],
  );
}

export function sameConfig(a: SourceConfig, b: SourceConfig): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof SourceConfig)[]);
  for (const key of keys) if (key !== 'cacheFields' && a[key] !== b[key]) return false;
  return sameDataset(a, b);
}
