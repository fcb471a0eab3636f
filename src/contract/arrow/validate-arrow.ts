import { arrowEnvelopeSchema } from '../envelope.js';
import { COLLECTION_NAMES, type CollectionName } from '../fields.js';
import { readDataset, readHeader, type CollectionSource, type ValidationOptions, type ValidationResult } from '../read-collections.js';
import { payloadError } from '../issues.js';
import { envelopeError, notAnObject } from '../validate.js';
import { arrowSource, arrowStageKeys } from './arrow-source.js';
import { readArrowStream, type ArrowStream } from './read-ipc.js';

/** Each collection's Arrow IPC bytes, as fetched: a Map or an object keyed by collection. */
export type ArrowStreams = ReadonlyMap<string, Uint8Array | ArrayBuffer> | Readonly<Partial<Record<CollectionName, Uint8Array | ArrayBuffer>>>;

const bytesOf = (streams: ArrowStreams, name: CollectionName) =>
  streams instanceof Map ? streams.get(name) : (streams as Partial<Record<CollectionName, Uint8Array | ArrayBuffer>>)[name];

/**
 * Check a payload of the Arrow form against contract v1: the JSON envelope, then one Arrow IPC
 * stream per collection. The result is `validatePayload`'s: the same dataset, the same rows
 * set aside for the same reasons, paths such as `orders.arrow.amount[41]`. A stream that is
 * not Arrow, is cut short or lacks a required column refuses the payload with a payload error;
 * it never throws.
 *
 * @example
 * const streams = { orders: new Uint8Array(await (await fetch(url)).arrayBuffer()) };
 * const result = validateArrowPayload(envelope, streams);
 */
export function validateArrowPayload(envelope: unknown, streams: ArrowStreams, options: ValidationOptions = {}): ValidationResult {
  try {
    return validateArrow(envelope, streams, options);
  } catch (error) {
    // Every check above should have caught a broken stream first; if one slips through, it is still a payload error.
    return { ok: false, error: payloadError('arrow-unreadable', '', { reason: error instanceof Error ? error.message : String(error) }) };
  }
}

function validateArrow(envelope: unknown, streams: ArrowStreams, options: ValidationOptions): ValidationResult {
  const shape = notAnObject(envelope);
  if (shape) return { ok: false, error: shape };
  const payload = envelope as Record<string, unknown>;
  const parsed = arrowEnvelopeSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: envelopeError(payload, parsed.error.issues) };

  const decoded: Partial<Record<CollectionName, ArrowStream>> = {};
  for (const name of COLLECTION_NAMES) {
    if (payload[name] === undefined) continue;
    const path = `${name}.arrow`;
    const bytes = bytesOf(streams, name);
    if (bytes === undefined) return { ok: false, error: payloadError('arrow-no-bytes', path, { url: (payload[name] as { arrow: string }).arrow }) };
    try {
      decoded[name] = readArrowStream(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: payloadError('arrow-stream', path, { reason }) };
    }
  }

  const header = readHeader(payload, options, () => (decoded.stageEvents ? arrowStageKeys(decoded.stageEvents) : []));
  if ('message' in header) return { ok: false, error: header };
  const sources: Partial<Record<CollectionName, CollectionSource>> = {};
  for (const name of COLLECTION_NAMES) {
    const stream = decoded[name];
    if (!stream) continue;
    const source = arrowSource(name, stream, decoded.customers !== undefined);
    if ('message' in source) return { ok: false, error: source };
    sources[name] = source;
  }
  return readDataset(header, sources, options);
}
