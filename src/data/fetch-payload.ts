import { DataError, isAbort } from './data-error.js';
import { readBody } from './read-body.js';

export interface FetchOptions {
  credentials?: RequestCredentials;
  headers?: HeadersInit;
  /** Called before every attempt, so a retried request carries a refreshed token. */
  getHeaders?: () => HeadersInit | Promise<HeadersInit>;
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

async function attempt(url: string, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const headers = new Headers(options.headers);
  if (options.getHeaders) new Headers(await options.getHeaders()).forEach((value, name) => headers.set(name, value));
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (options.etag) headers.set('if-none-match', options.etag);
  if (options.lastModified) headers.set('if-modified-since', options.lastModified);
  let response: Response;
  try {
    response = await fetch(url, { credentials: options.credentials ?? 'same-origin', headers, signal });
  } catch (error) {
    if (isAbort(error) || signal.aborted) throw error;
    throw new DataError({ kind: 'network', message: `${url}: network error (${error instanceof Error ? error.message : String(error)})` });
  }
  if (response.status === 304) return { notModified: true };
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw httpError(url, response);
  }
  const bytes = await readBody(response, url, options.maxBytes ?? DEFAULT_MAX_BYTES);
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
 * retried with exponential backoff on network errors, timeouts and 5xx; a 4xx fails at once.
 * Aborting `signal` rejects with its AbortError and never retries.
 */
export async function fetchPayload(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const retries = options.retries ?? 2;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
    try {
      return await attempt(url, options, controller.signal);
    } catch (error) {
      const failure =
        timedOut && !options.signal?.aborted
          ? new DataError({ kind: 'timeout', message: `${url}: no complete answer within ${Math.round(timeoutMs / 1000)} s` })
          : error;
      if (options.signal?.aborted || tries >= retries || !retryable(failure)) throw failure;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
    await sleep((options.backoffMs ?? 500) * 2 ** tries, options.signal);
  }
}
