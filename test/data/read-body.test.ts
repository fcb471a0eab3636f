import { expect } from '@open-wc/testing';
import { DataError } from '../../src/data/data-error.js';
import { fetchPayload } from '../../src/data/fetch-payload.js';
import { readBody } from '../../src/data/read-body.js';

/** A response streamed in the given chunks (constructed, so not same-origin: read chunk by chunk). */
function streamed(chunks: number[][], headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers });
}

async function refusal(read: Promise<unknown>): Promise<DataError> {
  try {
    await read;
  } catch (error) {
    return error as DataError;
  }
  throw new Error('the body was read');
}

describe('readBody', () => {
  it('joins the chunks of a body whose declared length is right', async () => {
    const bytes = await readBody(streamed([[1, 2, 3], [4], [5, 6]], { 'content-length': '6' }), 'u', 100);
    expect([...bytes]).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('reads past a declared length that is the compressed size, and trims one that is too long', async () => {
    expect([...(await readBody(streamed([[1, 2], [3, 4], [5, 6, 7]], { 'content-length': '2' }), 'u', 100))]).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect([...(await readBody(streamed([[9, 8]], { 'content-length': '50' }), 'u', 100))]).to.deep.equal([9, 8]);
    expect([...(await readBody(streamed([[7], [6], [5]]), 'u', 100))]).to.deep.equal([7, 6, 5]);
  });

  it('stops at the limit when no length, or a smaller one, is declared', async () => {
    const chunks = Array.from({ length: 20 }, () => Array.from({ length: 10 }, (_, i) => i));
    expect((await refusal(readBody(streamed(chunks), 'u', 150))).detail.kind).to.equal('too-large');
    expect((await refusal(readBody(streamed(chunks, { 'content-length': '100' }), 'u', 150))).detail.kind).to.equal('too-large');
  });

  it('refuses a gzip body that decodes past max-bytes although its declared length is small', async () => {
    // 200 kB of JSON compresses to well under 1 kB: read whole by its Content-Length, it would pass the limit unseen.
    const error = await refusal(fetchPayload('/__data/gzip?bytes=200000', { maxBytes: 50_000, retries: 0 }));
    expect(error.detail.kind).to.equal('too-large');
  });

  it('reads a gzip body under the limit whole', async () => {
    const result = await fetchPayload('/__data/gzip?bytes=20000', { maxBytes: 50_000 });
    expect(result.notModified).to.equal(false);
    if (result.notModified) return;
    // The server pads its JSON to `bytes` minus 30 characters of frame, of which the JSON has 28.
    expect(result.bytes.byteLength).to.equal(19_998);
    expect(JSON.parse(new TextDecoder().decode(result.bytes)).schemaVersion).to.equal(1);
  });
});
