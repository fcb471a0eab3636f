import { provideArrowDecoder } from '../arrow-decoder.js';

/** The engine on the page (no worker) loads the Arrow decoder as a chunk of its own, when an Arrow envelope first arrives. */
export function providePageArrowDecoder(): void {
  provideArrowDecoder(() => import('../../contract/arrow/index.js').then((arrow) => arrow.validateArrowPayload));
}
