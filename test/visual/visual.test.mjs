// Visual regression: every story of the static Storybook build and the demo portal at 390 and
// 1440 px, photographed in Chromium and compared with the committed baselines pixel by pixel.
// Needs `npm run build`, `npm run build:demo` and `npm run build-storybook` first, as `npm test` does.
//
// Baselines record the Chromium major version they were made with (baselines/meta.json): on another
// major the text rendering differs a little everywhere, so the comparison reports and skips rather
// than failing; the look's assertions (test/elements/conformance.test.ts) still run on every version.
// `npm run test:visual:update` (VISUAL_UPDATE=1) rewrites the baselines and meta.json.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { baselineDir, capture, demoShots, executablePath, root, serveStorybook, storyShots } from './shots.mjs';

const UPDATE = process.env.VISUAL_UPDATE === '1';
const metaFile = join(baselineDir, 'meta.json');
const outputDir = join(root, 'test/visual/output');

/**
 * Tolerance, per picture. `threshold` is pixelmatch's per-pixel colour distance (0–1; 0.1 is its
 * default and ignores anti-aliasing noise); `maxDiffRatio` the share of pixels allowed to differ
 * beyond it. Two full runs on one machine gave identical pictures; the margin covers a font
 * hinting or GPU-less raster difference of a few glyph edges, while a moved bar, a changed colour
 * or a wrapped word (hundreds of pixels) still fails.
 */
export const TOLERANCE = { threshold: 0.1, maxDiffRatio: 0.0005 };

let storybook;
let demo;
let browser;
let major;
/** Pictures that differ within the tolerance: reported, so a drift shows before it fails. */
const noise = [];

async function startDemo() {
  const port = 4800 + (process.pid % 500);
  const child = spawn(process.execPath, [join(root, 'demo/server.mjs')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (match) resolvePromise(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
  return { child, origin };
}

before(async () => {
  storybook = await serveStorybook();
  demo = await startDemo();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, '--font-render-hinting=none', '--force-color-profile=srgb', '--hide-scrollbars'],
  });
  major = Number(browser.version().split('.')[0]);
  if (UPDATE) {
    rmSync(baselineDir, { recursive: true, force: true });
    mkdirSync(baselineDir, { recursive: true });
  }
  rmSync(outputDir, { recursive: true, force: true });
});

after(async () => {
  await browser?.close();
  storybook?.server.close();
  demo?.child.kill();
});

/** Compare one picture with its baseline; returns a failure line, or null. */
function compare(name, actualBytes) {
  const file = join(baselineDir, `${name}.png`);
  if (!existsSync(file)) return `${name}: no baseline (run npm run test:visual:update)`;
  const expected = PNG.sync.read(readFileSync(file));
  const actual = PNG.sync.read(actualBytes);
  mkdirSync(outputDir, { recursive: true });
  if (expected.width !== actual.width || expected.height !== actual.height) {
    writeFileSync(join(outputDir, `${name}.actual.png`), actualBytes);
    return `${name}: size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: TOLERANCE.threshold });
  const ratio = differing / (actual.width * actual.height);
  if (differing > 0) noise.push(`${name}: ${differing} px (${(ratio * 100).toFixed(4)}%)`);
  if (ratio <= TOLERANCE.maxDiffRatio) return null;
  writeFileSync(join(outputDir, `${name}.actual.png`), actualBytes);
  writeFileSync(join(outputDir, `${name}.diff.png`), PNG.sync.write(diff));
  return `${name}: ${differing} pixels differ (${(ratio * 100).toFixed(3)}%, allowed ${(TOLERANCE.maxDiffRatio * 100).toFixed(3)}%)`;
}

describe('visual regression', () => {
  it('every story and the demo at 390 and 1440 px match their baselines', async (t) => {
    const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null;
    if (!UPDATE && meta && meta.chromiumMajor !== major) {
      t.skip(`baselines were made with Chromium ${meta.chromiumMajor}, this is ${major}: comparison skipped (npm run test:visual:update to remake them)`);
      return;
    }
    const context = await browser.newContext({ deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const failures = [];
    const shots = [...storyShots().map((s) => ({ ...s, origin: storybook.origin })), ...demoShots.map((s) => ({ ...s, origin: demo.origin }))];
    for (const shot of shots) {
      let bytes;
      try {
        bytes = await capture(page, shot.origin, shot);
      } catch (error) {
        failures.push(`${shot.name}: ${error.message.split('\n')[0]}`);
        continue;
      }
      if (UPDATE) writeFileSync(join(baselineDir, `${shot.name}.png`), bytes);
      else {
        const failure = compare(shot.name, bytes);
        if (failure) failures.push(failure);
      }
    }
    await context.close();
    if (!UPDATE) t.diagnostic(noise.length ? `within tolerance: ${noise.join('; ')}` : `${shots.length} pictures identical to their baselines`);
    if (UPDATE) {
      writeFileSync(metaFile, `${JSON.stringify({ chromiumMajor: major, chromium: browser.version(), shots: shots.length, deviceScaleFactor: 1, tolerance: TOLERANCE }, null, 2)}\n`);
    }
    assert.deepEqual(failures, [], `differences written to test/visual/output/:\n${failures.join('\n')}`);
  });
});
