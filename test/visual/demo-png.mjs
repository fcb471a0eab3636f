// docs/demo.png: the demo portal at 1440 px, light, English, its first screen, drawn as the visual baselines are
// (test/visual/shots.mjs). Needs npm run build and npm run build:demo; run by npm run docs:demo-png.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { capture, executablePath, root } from './shots.mjs';
const child = spawn(process.execPath, [join(root, 'demo/server.mjs')], { env: { ...process.env, PORT: '4977' }, stdio: ['ignore', 'pipe', 'inherit'] });
const origin = await new Promise((r) => child.stdout.on('data', (c) => { const m = /http:\/\/[\d.]+:\d+/.exec(String(c)); if (m) r(m[0]); }));
const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, '--font-render-hinting=none', '--hide-scrollbars'] });
const context = await browser.newContext({ deviceScaleFactor: 1, reducedMotion: 'reduce', timezoneId: 'UTC' });
const page = await context.newPage();
const png = await capture(page, origin, { name: 'demo', path: '/?theme=light', width: 1440, unmasked: true });
// The first screen (1440 × 1100), as a reader sees it: the whole page would double the package's docs.
const page1 = PNG.sync.read(png);
const first = new PNG({ width: page1.width, height: Math.min(1100, page1.height) });
PNG.bitblt(page1, first, 0, 0, first.width, first.height, 0, 0);
writeFileSync(join(root, 'docs/demo.png'), PNG.sync.write(first, { deflateLevel: 9 }));
await browser.close();
child.kill();
console.log('docs/demo.png', first.width, first.height);
