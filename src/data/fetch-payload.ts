import { DataError, isAbort } from './data-error.js';
import { readBody } from './read-body.js';

export interface FetchOptions {
  credentials?: RequestCredentials;
  headers?: HeadersInit;
  /** Called before every attempt, so a retried request carries a refreshed token; after a 401, once more with its status. */
  getHeaders?: (context?: { status: number }) => HeadersInit | Promise<HeadersInit>;
  /** Per attempt, ms. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Attempts after the first, on network errors, timeouts and 5xx. */
  retries?: number;
  /** First backoff delay in ms; doubles each retry. */
  backoffMs?: number;
  etag?: string;
  lastModified?: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | { notModified: true }
  | { notModified: false; bytes: Uint8Array; contentType: string; etag?: string; lastModified?: string };

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest `Retry-After` a 429 may ask for and still be waited for (once). */
export const MAX_RETRY_AFTER_MS = 30_000;
export const DEFAULT_MAX_BYTES = 256 * 1_048_576;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function httpError(url: string, response: Response): DataError {
  const { status, statusText } = response;
  const hint =
    status === 401 || status === 403
      ? 'the request was not authorized; check credentials, headers or getHeaders()'
      : status === 404
        ? 'nothing at this URL'
        : status >= 500
          ? 'the server failed'
          : 'the server refused the request';
  return new DataError({ kind: 'http', status, message: `${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}: ${hint}` });
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A 429 the caller may wait out once; carries the wait. */
class TooManyRequests extends DataError {
  constructor(
    url: string,
    response: Response,
    readonly waitMs: number | undefined,
  ) {
    super(httpError(url, response).detail);
  }
}

/** A 304 to a request that asked for nothing conditional: there is no copy it could confirm. */
class UnaskedNotModified extends DataError {
  constructor(url: string) {
    super({
      kind: 'http',
      status: 304,
      message: `${url}: HTTP 304 Not Modified to a request without If-None-Match or If-Modified-Since; the server or a proxy answers 304 unasked`,
    });
  }
}

async function attempt(url: string, options: FetchOptions, signal: AbortSignal, conditional: boolean, after?: { status: number }): Promise<FetchResult> {
  const headers = new Headers(options.headers);
  if (options.getHeaders) new Headers(await options.getHeaders(after)).forEach((value, name) => headers.set(name, value));
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (conditional && options.etag) headers.set('if-none-match', options.etag);
  if (conditional && options.lastModified) headers.set('if-modified-since', options.lastModified);
  let response: Response;
  try {
    response = await fetch(url, { credentials: options.credentials ?? 'same-origin', headers, signal });
  } catch (error) {
    if (isAbort(error) || signal.aborted) throw error;
    throw new DataError({ kind: 'network', message: `${url}: network error (${error instanceof Error ? error.message : String(error)})` });
  }
  if (response.status === 304) {
    if (headers.has('if-none-match') || headers.has('if-modified-since')) return { notModified: true };
    throw new UnaskedNotModified(url);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 429) throw new TooManyRequests(url, response, retryAfterMs(response.headers.get('retry-after')));
    throw httpError(url, response);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(response, url, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (error) {
    if (error instanceof DataError || isAbort(error) || signal.aborted) throw error;
    // The connection went away after the headers (a reset, a proxy timeout): a network fault like any other.
    throw new DataError({ kind: 'network', message: `${url}: the connection was lost while the body was read (${error instanceof Error ? error.message : String(error)})` });
  }
  return {
    notModified: false,
    bytes,
    contentType: response.headers.get('content-type') ?? '',
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}

const retryable = (error: unknown) =>
  error instanceof DataError &&
  (error.detail.kind === 'network' || error.detail.kind === 'timeout' || (error.detail.kind === 'http' && (error.detail.status ?? 0) >= 500));

/**
 * GET a contract payload as bytes. Conditional when an ETag or Last-Modified is known,
 * retried with exponential backoff on network errors (a connection reset mid-body too),
 * timeouts and 5xx; a 4xx fails at once, except a 429 whose Retry-After is at most 30 s,
 * which is waited out once. A 304 to an unconditional request is asked again once, then
 * is an `http` error. Aborting `signal` rejects with its AbortError and never retries.
 */
export async function fetchPayload(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const retries = options.retries ?? 2;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let conditional = Boolean(options.etag || options.lastModified);
  let waitedForRateLimit = false;
  let askedAgainAfter304 = false;
  let refreshedAfter401: { status: number } | undefined;
  for (let tries = 0; ; tries++) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal!.reason);
    if (options.signal?.aborted) throw options.signal.reason;
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let waitMs: number;
    try {
      return await attempt(url, options, controller.signal, conditional, refreshedAfter401);
    } catch (error) {
      const failure =
        timedOut && !options.signal?.aborted
          ? new DataError({ kind: 'timeout', message: `${url}: no complete answer within ${Math.round(timeoutMs / 1000)} s` })
          : error;
      if (options.signal?.aborted) throw failure;
      if (failure instanceof DataError && failure.detail.status === 401 && options.getHeaders && !refreshedAfter401) {
        // The token may have expired: the host's hook is asked once more, told why, before one retry.
        refreshedAfter401 = { status: 401 };
        tries--;
        waitMs = 0;
      } else if (failure instanceof UnaskedNotModified && !askedAgainAfter304) {
        askedAgainAfter304 = true;
        conditional = false;
        tries--;
        waitMs = 0;
      } else if (failure instanceof TooManyRequests) {
        if (waitedForRateLimit || failure.waitMs === undefined || failure.waitMs > MAX_RETRY_AFTER_MS) throw failure;
        waitedForRateLimit = true;
        tries--;
        waitMs = failure.waitMs;
      } else if (tries >= retries || !retryable(failure)) throw failure;
      else waitMs = (options.backoffMs ?? 500) * 2 ** tries;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (waitMs > 0) await sleep(waitMs, options.signal);
  }
}
