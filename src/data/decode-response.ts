import { contentVersion } from './content-version.js';
import { decodeDataset, type ValidatedDataset } from './validate-dataset.js';

export interface DecodeRequest {
  label: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** The version of the copy already held: the same bytes again are not decoded twice. */
  knownVersion?: string;
}

export type Decoded = { same: true; version: string } | ({ same: false; version: string } & ValidatedDataset);

/** Response bytes to a versioned, validated dataset: one step, on the page or in the worker. */
export async function decodeResponse(bytes: Uint8Array, request: DecodeRequest): Promise<Decoded> {
  const version = await contentVersion(bytes, request.etag, request.lastModified);
  if (version === request.knownVersion) return { same: true, version };
  return { same: false, version, ...decodeDataset(bytes, request.label, request.contentType) };
}
