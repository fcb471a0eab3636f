// What the visual regression suite photographs, and how it makes one photograph deterministic.
// Shared by the comparison (visual.test.mjs) and the explicit baseline update (same file,
// VISUAL_UPDATE=1, run by `npm run test:visual:update`).
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromiumPath } from '../../scripts/chromium.mjs';

export const root = resolve(import.meta.dirname, '../..');
export const baselineDir = resolve(import.meta.dirname, 'baselines');
export const executablePath = chromiumPath();

/**
 * Stories left out: the large-data ones generate 100k+ rows in the page first (up to a minute on
 * this machine) and draw the same look as their Ready story.
 */
const SKIPPED = /--large-data$/;

/**
 * Every story once, at the theme and locale the story sets (the catalogue has its own Dark,
 * Chinese and zh-TW stories per widget), and the theme × locale matrix on the Gallery stories
 * (light and dark boards in one picture, en and zh-CN): 86 small pictures, not 4 × 86.
 */
export function storyShots() {
  const index = JSON.parse(readFileSync(join(root, 'storybook-static/index.json'), 'utf8'));
  return Object.values(index.entries)
    .filter((e) => e.type === 'story' && !SKIPPED.test(e.id))
    .map((e) => ({ name: e.id, path: `/iframe.html?id=${e.id}&viewMode=story`, width: 1280, loading: /--(loading|prompt)$/.test(e.id) }));
}

/** The demo portal at a phone's width and a desktop's, light, English. */
export const demoShots = [
  { name: 'demo--390', path: '/?theme=light', width: 390 },
  { name: 'demo--1440', path: '/?theme=light', width: 1440 },
];

/** A static server for the Storybook build. */
export async function serveStorybook() {
  const dir = join(root, 'storybook-static');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  const server = createServer(async (req, res) => {
    const file = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** The page's clock in every picture, the day after the sample's asOf. */
const FIXED_NOW = new Date('2026-11-01T09:00:00Z');

/** No motion, no caret, no scrollbars: what changes between two runs is not in the picture. */
const STILL_CSS = `*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }
html { scrollbar-width: none; }`;

/**
 * Open one page and wait until it is still: every widget's `taskComplete` (skipped for the
 * loading stories, which never complete), the fonts, and two frames for the ResizeObserver's
 * size class. Returns the PNG of the page's content box (device scale 1).
 */
export async function capture(page, origin, shot) {
  await page.setViewportSize({ width: shot.width, height: 900 });
  // One fixed clock (timers still run): "stale · 3 seconds ago" and the footer's freshness read the same in every run.
  await page.clock.setFixedTime(FIXED_NOW);
  await page.goto(`${origin}${shot.path}`);
  // A page with a strict CSP (the demo) refuses the style tag: there reduced motion and
  // Playwright's own animation and caret switches do the same.
  await page.addStyleTag({ content: STILL_CSS }).catch(() => {});
  const widgets = 'crm-filter-bar, crm-nps-gauge, crm-lifecycle-funnel, crm-segment-matrix, crm-customer-360';
  await page.waitForFunction((s) => {
    const found = [...document.querySelectorAll(s)];
    return found.length > 0 && found.every((w) => customElements.get(w.localName) && w.shadowRoot?.childElementCount);
  }, widgets, { timeout: 30_000 });
  await page.evaluate(
    async ({ s, loading }) => {
      const settle = Promise.all([...document.querySelectorAll(s)].map((w) => w.taskComplete ?? Promise.resolve()));
      // A loading story never completes; the no-data-source one says so after its grace period.
      await Promise.race([settle, new Promise((r) => setTimeout(r, loading ? 300 : 20_000))]);
      await document.fonts.ready;
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await Promise.all([...document.querySelectorAll(s)].map((w) => w.updateComplete));
      document.activeElement?.blur?.();
      // The stale stories read from a blob URL with a random id, named in the footer: one fixed name instead.
      const walk = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.nodeType === Node.TEXT_NODE) {
            if (n.textContent.includes('blob:')) n.textContent = n.textContent.replace(/blob:\S+/g, 'blob:stale-story');
          } else if (n.shadowRoot) walk(n.shadowRoot);
        }
      };
      walk(document.body);
    },
    { s: widgets, loading: Boolean(shot.loading) },
  );
  // The demo's event log stamps the clock time of each event: masked.
  const mask = shot.unmasked ? [] : [page.locator('#event-log')];
  const box = await page.evaluate(() => {
    const root = document.querySelector('#storybook-root') ?? document.body;
    const rects = [...root.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width && r.height);
    if (!rects.length) return null;
    const top = Math.min(...rects.map((r) => r.top)) + scrollY;
    const left = Math.max(0, Math.min(...rects.map((r) => r.left)));
    const right = Math.min(innerWidth, Math.max(...rects.map((r) => r.right)));
    const bottom = Math.max(...rects.map((r) => r.bottom)) + scrollY;
    return { x: Math.floor(left), y: Math.floor(top), width: Math.ceil(right - left), height: Math.ceil(bottom - top) };
  });
  return page.screenshot({ fullPage: true, clip: box ?? undefined, animations: 'disabled', caret: 'hide', mask, scale: 'css' });
}
