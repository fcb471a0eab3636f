/// <reference lib="webworker" />
// The page's data engine in its module worker: datasets are fetched, decoded, validated,
// cached and queried here, and only answers (a few kilobytes) go back to the page.
import { validateArrowPayload } from '../../contract/arrow/index.js';
import { provideArrowDecoder } from '../arrow-decoder.js';
import { Engine } from './engine.js';
import type { FromEngine, ToEngine } from './wire.js';

provideArrowDecoder(() => validateArrowPayload);
const engine = new Engine((message: FromEngine) => postMessage(message));
addEventListener('message', (event: MessageEvent<ToEngine>) => void engine.handle(event.data));
postMessage({ type: 'ready', origin: self.origin } satisfies FromEngine);
