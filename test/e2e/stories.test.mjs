// Every story of the static Storybook build renders its widget: the element is defined, its
// shadow root has content and the page throws nothing. Needs `npm run build-storybook` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '../../storybook-static');
const executablePath = chromiumPath();
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const stories = Object.values(JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')).entries).filter((e) => e.type === 'story');

let server;
let origin;
let browser;

before(async () => {
  server = createServer(async (req, res) => {
    const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

describe('storybook stories', () => {
  it('the build has stories for every widget', () => {
    for (const title of ['Widgets/NPS gauge', 'Widgets/Lifecycle funnel', 'Widgets/Segment matrix', 'Widgets/Customer 360', 'Widgets/Filter bar']) {
      assert.ok(stories.some((s) => s.title === title), `no stories titled ${title}`);
    }
  });

  it('every story renders its widget without errors', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const failures = [];
    for (const story of stories) {
      errors.length = 0;
      await page.goto(`${origin}/iframe.html?id=${story.id}&viewMode=story`);
      const rendered = await page
        .waitForFunction(
          () => {
            const widget = document.querySelector('#storybook-root crm-filter-bar, #storybook-root crm-nps-gauge, #storybook-root crm-lifecycle-funnel, #storybook-root crm-segment-matrix, #storybook-root crm-customer-360');
            return !!widget && customElements.get(widget.localName) !== undefined && (widget.shadowRoot?.childElementCount ?? 0) > 0;
          },
          null,
          // The large-data stories generate their payload in the page first: on a busy 2-core machine that alone can take 15 s.
          { timeout: story.id.endsWith('--large-data') ? 60_000 : 15_000 },
        )
        .then(() => true, () => false);
      if (!rendered || errors.length) failures.push(`${story.id}: ${rendered ? errors.join('; ') : 'widget did not render'}`);
    }
    await page.close();
    assert.deepEqual(failures, []);
  });

  it('every zh-TW story leaves no English word: chart, table view, details and accessible names', async () => {
    const traditional = stories.filter((s) => s.id.endsWith('--traditional-chinese'));
    assert.equal(traditional.length, 5, 'one zh-TW story per widget');
    const page = await browser.newPage();
    const found = {};
    for (const story of traditional) {
      await page.goto(`${origin}/iframe.html?id=${story.id}&viewMode=story`);
      const selector = '#storybook-root crm-filter-bar, #storybook-root crm-nps-gauge, #storybook-root crm-lifecycle-funnel, #storybook-root crm-segment-matrix, #storybook-root crm-customer-360';
      await page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part~="chart"]'), selector, { timeout: 20_000 });
      found[story.id] = await page.evaluate(async (selector) => {
        const widget = document.querySelector(selector);
        const strings = () => {
          const out = [];
          const walker = document.createTreeWalker(widget.shadowRoot, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent);
            else for (const name of ['aria-label', 'title', 'placeholder']) if (node.getAttribute(name)) out.push(node.getAttribute(name));
          }
          return out;
        };
        const chart = strings();
        widget.shadowRoot.querySelector('[part~="table-toggle"]').click();
        widget.shadowRoot.querySelector('[part~="details-toggle"]').click();
        await widget.updateComplete;
        // Acronyms Taiwanese CRM teams write in Latin letters, the CN of CN¥ as Intl writes yuan in zh-TW, and Wald (a name).
        const allowed = new Set(['NPS', 'RFM', 'CLV', 'ID', 'HTTP', 'JSON', 'CN', 'Wald']);
        return [...chart, ...strings()].flatMap((text) => text.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((word) => !allowed.has(word));
      }, selector);
    }
    await page.close();
    assert.deepEqual(found, Object.fromEntries(traditional.map((s) => [s.id, []])));
  });

  it('the no-data-source story says so instead of loading forever', async () => {
    const story = stories.find((s) => s.id === 'embedding-page-api--no-data-source');
    assert.ok(story, 'the story exists');
    const page = await browser.newPage();
    await page.goto(`${origin}/iframe.html?id=${story.id}&viewMode=story`);
    const message = await page.locator('crm-nps-gauge [part~="no-source"]').textContent({ timeout: 10_000 });
    assert.match(message, /No data source/);
    await page.close();
  });
});
