import { absoluteUrl } from './cache-settings.js';
import type { SourceConfig } from './source-config.js';
import { stableKey } from './stable-key.js';

/**
 * The key of one load: every widget and `<crm-data-source>` naming the same one shares it.
 * Its own module so the page's side computes it without importing the engine (and its validator).
 */
export function loadKey(config: SourceConfig): string {
  const src = config.src && absoluteUrl(config.src);
  const { scope, cache, cacheTtl, refresh, credentials, timeout, maxBytes } = config;
  const cacheFields = config.cacheFields?.length ? [...config.cacheFields].sort() : undefined;
  return stableKey({ src, scope, cache, cacheTtl, refresh, credentials, timeout, maxBytes, cacheFields });
}

/** The load key of a query endpoint (`query-src`): its URL, scope, cache mode and cache-ttl. */
export function remoteKey(config: SourceConfig): string {
  const querySrc = config.querySrc && absoluteUrl(config.querySrc);
  return `query:${stableKey({ querySrc, scope: config.scope, cache: config.cache, cacheTtl: config.cacheTtl, credentials: config.credentials, timeout: config.timeout })}`;
}
