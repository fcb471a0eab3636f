// Server-side rendering: @lit-labs/ssr renders each widget, with or without `locale`, as its loading
// skeleton in declarative shadow DOM (the numbers are computed in the browser, so the server draws the
// frame), and in Chromium the element hydrates that DOM into the ready view without warnings.
// Needs `npm run build`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const work = resolve(root, 'node_modules/.cache/ssr-test');
const executablePath = chromiumPath();

await import(pathToFileURL(resolve(root, 'dist/bundle.js')).href);
const { generateSample } = await import(pathToFileURL(resolve(root, 'dist/sample.js')).href);
const payload = generateSample({ seed: 7, customers: 60 });
const customerId = payload.customers[0].id;

/** Each widget as a page would write it, without and with `locale`. */
const WIDGETS = {
  'crm-nps-gauge': { plain: html`<crm-nps-gauge src="/data.json" cache="none"></crm-nps-gauge>`, localized: html`<crm-nps-gauge src="/data.json" cache="none" locale="zh-CN"></crm-nps-gauge>`, ready: '[part~="score"]' },
  'crm-lifecycle-funnel': { plain: html`<crm-lifecycle-funnel src="/data.json" cache="none"></crm-lifecycle-funnel>`, localized: html`<crm-lifecycle-funnel src="/data.json" cache="none" locale="zh-CN"></crm-lifecycle-funnel>`, ready: '[part~="bar"]' },
  'crm-segment-matrix': { plain: html`<crm-segment-matrix src="/data.json" cache="none"></crm-segment-matrix>`, localized: html`<crm-segment-matrix src="/data.json" cache="none" locale="zh-CN"></crm-segment-matrix>`, ready: '[part~="cell-count"]' },
  'crm-customer-360': {
    plain: html`<crm-customer-360 src="/data.json" cache="none" customer-id=${customerId}></crm-customer-360>`,
    localized: html`<crm-customer-360 src="/data.json" cache="none" customer-id=${customerId} locale="zh-CN"></crm-customer-360>`,
    ready: '[part~="health-score"]',
  },
};

const rendered = {};
let server;
let origin;
let browser;

before(async () => {
  for (const [tag, { plain, localized }] of Object.entries(WIDGETS)) {
    rendered[tag] = { plain: await collectResult(render(plain)), localized: await collectResult(render(localized)) };
  }
  // The page's own script, as an app would bundle it: Lit's hydration support first, then the kit.
  // Lit's development build, so any hydration warning it knows of reaches the console.
  mkdirSync(work, { recursive: true });
  writeFileSync(resolve(work, 'client.js'), "import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport 'crm-widget-kit/bundle';\n");
  await build({
    configFile: false,
    root: work,
    logLevel: 'warn',
    resolve: { conditions: ['development', 'browser', 'module', 'import', 'default'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: { outDir: resolve(work, 'out'), emptyOutDir: true, minify: false, lib: { entry: resolve(work, 'client.js'), formats: ['es'], fileName: () => 'client.js' } },
  });
  const body = Object.entries(rendered)
    .map(([tag, { plain, localized }]) => `<section data-tag="${tag}">${plain}${localized}</section>`)
    .join('\n');
  // The inline script runs before the module: it keeps the server-drawn nodes to compare after hydration.
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>SSR</title></head><body>${body}
<script>window.serverBases = [...document.querySelectorAll('section > *')].map((el) => el.shadowRoot.querySelector('[part~="base"]'));</script>
<script type="module" src="/client.js"></script></body></html>`;
  const files = { '/': ['text/html', page], '/data.json': ['application/json', JSON.stringify(payload)] };
  server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (files[path]) {
      response.writeHead(200, { 'content-type': files[path][0] });
      return response.end(files[path][1]);
    }
    const file = resolve(work, 'out', `.${path}`);
    if (!file.startsWith(resolve(work, 'out')) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

describe('server-side rendering with @lit-labs/ssr', () => {
  for (const tag of Object.keys(WIDGETS)) {
    it(`renders <${tag}> with and without locale as its loading skeleton in declarative shadow DOM`, () => {
      for (const [variant, markup] of Object.entries(rendered[tag])) {
        assert.match(markup, new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open">`), `${variant}: declarative shadow root`);
        assert.match(markup, /part="base"[^>]*aria-busy="true"/, `${variant}: busy frame`);
        assert.match(markup, /part="state loading"/, `${variant}: loading state`);
        assert.match(markup, /part="skeleton"/, `${variant}: skeleton shapes`);
        assert.doesNotMatch(markup, /part="(chart|state error|state empty)"/, `${variant}: no numbers, error or empty view on the server`);
      }
      // The status line speaks the element's locale; without one the server has no page to ask: English.
      assert.match(rendered[tag].plain, /Loading data/);
      assert.match(rendered[tag].localized, /数据加载中/);
    });
  }

  it('hydrates every widget into its ready view, reusing the server DOM, with no warnings or errors', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (!['warning', 'error'].includes(message.type())) return;
      if (/Lit is in dev mode/.test(message.text())) return; // the development build says so once
      problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(origin);
    for (const [tag, { ready }] of Object.entries(WIDGETS)) {
      for (const nth of [0, 1]) await page.locator(`section[data-tag="${tag}"] > ${tag}`).nth(nth).locator(ready).first().waitFor({ timeout: 20_000 });
    }
    const reused = await page.evaluate(() =>
      [...document.querySelectorAll('section > *')].map((el, i) => el.shadowRoot.querySelector('[part~="base"]') === window.serverBases[i] && el.shadowRoot.querySelector('[part~="base"]').getAttribute('aria-busy') === 'false'),
    );
    assert.deepEqual(reused, Array(8).fill(true), 'each element kept its server-drawn frame and finished loading');
    const zh = await page.locator('section[data-tag="crm-nps-gauge"] > crm-nps-gauge').nth(1).locator('[part~="title"]').textContent();
    assert.match(zh, /净推荐值|NPS/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
