// dist/cdn/crm-widget-kit.loader.js: the lazy loader of the self-contained ES build. It lives in
// dist/cdn/, so the kit's folder (the worker's) is the one above it unless configure() says otherwise.
import { setDefaultBasePath } from '../data/page-defaults.js';
import { startLoader } from '../loader.js';

export * from '../loader.js';

// Not `new URL('../', import.meta.url)`: Vite would read that literal as an asset to bundle.
setDefaultBasePath(import.meta.url.replace(/[^/]*\/[^/]*$/, ''));
if (typeof document !== 'undefined') startLoader();
