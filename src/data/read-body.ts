import { DataError } from './data-error.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function tooLarge(url: string, limit: number): DataError {
  return new DataError({ kind: 'too-large', message: `${url}: response is larger than the ${mb(limit)} limit (max-bytes)` });
}

/**
 * Whether the body is exactly `Content-Length` bytes: the browser then ends it there, so reading
 * it whole cannot overrun the limit. Only a response whose headers are all visible (same origin)
 * can say it is not content-encoded; a cross-origin one hides Content-Encoding, and a compressed
 * body may decode to far more than its declared length.
 */
function exactLength(response: Response, declared: number): boolean {
  const encoding = response.headers.get('content-encoding');
  return Number.isFinite(declared) && response.headers.has('content-length') && response.type === 'basic' && (!encoding || encoding === 'identity');
}

/**
 * Read a response body as bytes, stopping as soon as it passes `limit` so a runaway
 * response never fills memory. Bytes rather than text: a large body goes to the worker
 * as a transferable buffer and is decoded there.
 *
 * A body of known length is read in one piece by the browser (half the time of reading it
 * chunk by chunk at 5M orders: 0.94 s against 1.87 s for 295 MB); otherwise chunks are copied
 * into one buffer sized from Content-Length when there is one, grown only past it.
 */
export async function readBody(response: Response, url: string, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, limit);
  }
  if (!response.body || exactLength(response, declared)) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  let bytes = new Uint8Array(Number.isFinite(declared) && declared > 0 ? declared : 64 * 1024);
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, limit);
    }
    if (total + value.byteLength > bytes.byteLength) {
      const grown = new Uint8Array(Math.min(limit, Math.max(bytes.byteLength * 2, total + value.byteLength)));
      grown.set(bytes.subarray(0, total));
      bytes = grown;
    }
    bytes.set(value, total);
    total += value.byteLength;
  }
  return total === bytes.byteLength ? bytes : bytes.slice(0, total);
}
