// The Arrow form's decoder and writer. They import flechette: only the engine (worker) side and
// the CLI import this entry, never element code (the envelope helpers live in contract/index.ts).
export { validateArrowPayload, type ArrowStreams } from './validate-arrow.js';
export { readArrowStream, type ArrowColumn, type ArrowStream } from './read-ipc.js';
export { CENTS_SUFFIX } from './arrow-source.js';
export { arrowFormOf, type ArrowForm } from './write-arrow.js';
