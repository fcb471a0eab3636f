import type { ArrowStreams } from '../contract/arrow/index.js';
import type { ValidationResult } from '../contract/index.js';

/** `validateArrowPayload`, handed in by whoever may load flechette (the worker; the ES build on demand). */
export type ArrowDecoder = (envelope: unknown, streams: ArrowStreams) => ValidationResult;

let load: (() => Promise<ArrowDecoder>) | undefined;

/**
 * Say how to get the Arrow decoder. The engine never imports it itself: the decoder (flechette)
 * belongs to the worker, and the single-file script that runs the engine on the page without
 * a worker stays without it.
 */
export function provideArrowDecoder(loader: () => Promise<ArrowDecoder> | ArrowDecoder): void {
  let loaded: Promise<ArrowDecoder> | undefined;
  load = () => (loaded ??= Promise.resolve(loader()));
}

/** The decoder, or undefined where none was provided. */
export function arrowDecoder(): Promise<ArrowDecoder | undefined> {
  return load ? load() : Promise.resolve(undefined);
}
