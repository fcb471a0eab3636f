import { arrowStreamRequests, isArrowEnvelope, validatePayload, type ArrowStreamRequest } from '../contract/index.js';
import { arrowDecoder } from './arrow-decoder.js';
import { contentVersion } from './content-version.js';
import { DataError } from './data-error.js';
import { parsePayload } from './parse-payload.js';
import { summarize, type ValidatedDataset } from './validate-dataset.js';

export interface DecodeRequest {
  label: string;
  /** The absolute URL the bytes came from: an Arrow envelope's stream URLs are relative to it. */
  url?: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** The version of the copy already held: the same bytes again are not decoded twice. */
  knownVersion?: string;
  /**
   * Fetch the Arrow streams an envelope names (the caller's fetch, with its headers, limits and
   * signal). Without it an Arrow envelope is refused.
   */
  fetchStreams?: (requests: ArrowStreamRequest[]) => Promise<Map<string, Uint8Array>>;
}

export type Decoded = { same: true; version: string } | ({ same: false; version: string } & ValidatedDataset);

/**
 * Response bytes to a versioned, validated dataset: one step, on the page or in the worker.
 * A JSON payload is validated as it is; an envelope of the Arrow form has its streams fetched
 * (one request per collection) and decoded. The envelope is the version of the whole load
 * (its ETag, Last-Modified or content hash): a backend that rewrites a stream gives it a new
 * URL or a new `asOf`, as docs/contract.md says.
 */
export async function decodeResponse(bytes: Uint8Array, request: DecodeRequest): Promise<Decoded> {
  const version = await contentVersion(bytes, request.etag, request.lastModified);
  if (version === request.knownVersion) return { same: true, version };
  const payload = parsePayload(bytes, request.label, request.contentType);
  if (!isArrowEnvelope(payload)) return { same: false, version, ...summarize(validatePayload(payload), request.label) };
  if (!request.fetchStreams) throw new DataError({ kind: 'payload', message: `${request.label}: an Arrow envelope needs its streams fetched; give it as src, not as data` });
  const decode = await arrowDecoder();
  if (!decode) {
    throw new DataError({
      kind: 'payload',
      message: `${request.label}: the Arrow form is decoded in the kit's data worker, which this page runs without; deploy crm-widget-kit.worker.js beside the script, or load the kit as an ES module`,
    });
  }
  const streams = await request.fetchStreams(arrowStreamRequests(payload, request.url));
  return { same: false, version, ...summarize(decode(payload, streams), request.label) };
}
