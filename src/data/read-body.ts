import { DataError } from './data-error.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function tooLarge(url: string, limit: number): DataError {
  return new DataError({ kind: 'too-large', message: `${url}: response is larger than the ${mb(limit)} limit (max-bytes)` });
}

/**
 * Read a response body as bytes, stopping as soon as it passes `limit` so a runaway
 * response never fills memory. Bytes rather than text: a large body goes to the worker
 * as a transferable buffer and is decoded there.
 */
export async function readBody(response: Response, url: string, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, limit);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
