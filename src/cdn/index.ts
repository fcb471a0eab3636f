// dist/cdn/crm-widget-kit.js: every element and the whole API as one self-contained ES module
// (no bare imports: it loads from any static host or CDN without an import map).
import { setDefaultBasePath } from '../data/page-defaults.js';

export * from '../bundle.js';
export { configure, type KitConfig } from '../configure.js';

// Not `new URL('../', import.meta.url)`: Vite would read that literal as an asset to bundle.
setDefaultBasePath(import.meta.url.replace(/[^/]*\/[^/]*$/, ''));
