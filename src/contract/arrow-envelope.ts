/**
 * The Arrow form's envelope (docs/contract.md, "Arrow form"): the JSON top level with each
 * collection given as `{ "arrow": url }`, one Arrow IPC stream per collection, the URL relative
 * to the envelope's own. Free of flechette, so whatever fetches can tell the forms apart and
 * list what to fetch without loading the decoder.
 */
import { COLLECTION_NAMES, type CollectionName, type Payload } from './fields.js';

/** A collection of the Arrow form. */
export interface ArrowCollection {
  /** URL of one Arrow IPC stream (or file), relative to the envelope's URL. */
  arrow: string;
}

/** The envelope of the Arrow form: the JSON top level, every collection an `ArrowCollection`. */
export type ArrowEnvelope = Pick<Payload, 'schemaVersion' | 'asOf' | 'currency' | 'stages'> & {
  [N in CollectionName]?: ArrowCollection;
} & Record<string, unknown>;

const isArrowCollection = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && 'arrow' in value;

/**
 * Whether a parsed JSON document is an envelope of the Arrow form (some collection is
 * `{ "arrow": … }`) rather than a JSON payload. Says which validator to call, not whether the
 * envelope is valid: `validateArrowPayload` checks that.
 */
export function isArrowEnvelope(value: unknown): value is ArrowEnvelope {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return COLLECTION_NAMES.some((name) => isArrowCollection((value as Record<string, unknown>)[name]));
}

/** One stream to fetch: the collection it carries and its URL. */
export interface ArrowStreamRequest {
  collection: CollectionName;
  /** Resolved against the envelope's URL when one was given, else as the envelope wrote it. */
  url: string;
}

/**
 * The streams an envelope names, in contract order (customers first). A collection whose
 * `arrow` is not a non-empty string is left out: `validateArrowPayload` reports it. A URL that
 * cannot be resolved against `envelopeUrl` is left as written, for the fetch to fail on.
 *
 * @example
 * const envelope = await (await fetch('/crm/contract.json')).json();
 * for (const { collection, url } of arrowStreamRequests(envelope, '/crm/contract.json')) …
 */
export function arrowStreamRequests(envelope: ArrowEnvelope, envelopeUrl?: string | URL): ArrowStreamRequest[] {
  const requests: ArrowStreamRequest[] = [];
  for (const collection of COLLECTION_NAMES) {
    const url = (envelope[collection] as { arrow?: unknown } | undefined)?.arrow;
    if (typeof url !== 'string' || url.length === 0) continue;
    let resolved = url;
    if (envelopeUrl !== undefined) {
      try {
        resolved = new URL(url, envelopeUrl).href;
      } catch {
        resolved = url;
      }
    }
    requests.push({ collection, url: resolved });
  }
  return requests;
}
