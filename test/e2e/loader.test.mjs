// The kit as a portal embeds it, in real Chromium against real HTTP servers (node:test). The kit's
// files (dist/) are served by one server, as a CDN would (another port: another origin, with CORS);
// the portal's pages and its data by another, which counts requests and records their
// Authorization headers. Needs `npm run build`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'dist');
const { generateSample } = await import(pathToFileURL(resolve(dist, 'sample.js')).href);
const executablePath = chromiumPath();
const payload = JSON.stringify(generateSample({ seed: 15, customers: 300 }));

/** Requests the portal's data endpoint saw, by path: the Authorization header of each. */
const seen = new Map();
/** Files the kit's server was asked for, in order. */
const kitRequests = [];
/** Kit files the server answers with 404, as a CDN missing part of a deploy would. */
let refused = null;
/** Kit paths answered only after a pause (a slow chunk). */
let delayed = null;
/** When the kit server received each path last (performance.now()). */
const requestedAt = new Map();
const pages = new Map();

function listen(handler) {
  const server = createServer(handler);
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

let kit;
let portal;
let browser;

before(async () => {
  kit = await listen(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    kitRequests.push(path);
    requestedAt.set(path, performance.now());
    if (delayed?.test(path)) await new Promise((r) => setTimeout(r, 400));
    const file = resolve(dist, `.${path}`);
    if (!file.startsWith(dist) || !existsSync(file) || refused?.test(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream', 'access-control-allow-origin': '*' });
    res.end(readFileSync(file));
  });
  portal = await listen((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path.startsWith('/data/')) {
      const auth = req.headers.authorization ?? null;
      seen.set(path, [...(seen.get(path) ?? []), auth]);
      // A token the portal must refresh: 'stale' is refused once, as an expired session would be.
      if (auth === 'Bearer stale') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"expired"}');
      return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(payload);
    }
    if (path === '/copied/crm-widget-kit.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(resolve(dist, 'crm-widget-kit.js')));
    if (path === '/vendor.js') {
      // Another library, the kit and the portal's own code concatenated into one file, served by the portal.
      const body = `window.vendorLoaded = true;\n${readFileSync(resolve(dist, 'crm-widget-kit.js'), 'utf8')}\nCrmWidgetKit.configure({ basePath: ${JSON.stringify(`${kit.origin}/`)} });\n`;
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    }
    const html = pages.get(path);
    if (!html) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  kit?.server.close();
  portal?.server.close();
});

let pageCount = 0;
/** Serve `html` as a fresh page of the portal and open it; collects kit warnings and page errors. */
async function open(html) {
  const path = `/page-${pageCount++}.html`;
  pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.addInitScript(() => {
    window.kitWarnings = [];
    document.addEventListener('crm-data-warning', (event) => window.kitWarnings.push(event.detail.kind === 'worker-unavailable' ? `${event.detail.kind}: ${event.detail.message}` : event.detail.kind));
  });
  const kitBefore = kitRequests.length;
  await page.goto(`${portal.origin}${path}`);
  return { page, problems, warnings, context, kitFiles: () => kitRequests.slice(kitBefore) };
}

/** The gauge's score once drawn, as the page shows it. */
async function scoreOf(page, selector = 'crm-nps-gauge') {
  const score = page.locator(selector).first().locator('[part~="score"]');
  await score.waitFor({ timeout: 20_000 });
  return score.textContent();
}

const chunksOf = (files) => files.filter((f) => f.startsWith('/cdn/')).join(' ');

describe('the classic script from another origin', () => {
  it('draws a gauge from its own chunk, runs the worker from the kit origin, and sends the hook’s headers (refreshed after a 401)', async (t) => {
    delayed = /\/chunks\/crm-nps-gauge-/;
    t.after(() => (delayed = null));
    const { page, problems, context, kitFiles } = await open(`
      <script>
        // When the kit starts its worker (against the gauge's own chunk, which the kit server delays).
        const PageWorker = Worker;
        window.Worker = class extends PageWorker {
          constructor(...args) {
            super(...args);
            window.workerStartedAt ??= performance.now();
          }
        };
      </script>
      <script src="${kit.origin}/crm-widget-kit.js"></script>
      <script>
        window.hookCalls = [];
        CrmWidgetKit.configure({
          locale: 'zh-CN',
          scope: 'tenant-1',
          // Async, as a token refresh is; called before each request and again after a 401.
          getHeaders: async (context) => {
            window.hookCalls.push(context ? context.status : null);
            await new Promise((r) => setTimeout(r, 5));
            return { Authorization: context && context.status === 401 ? 'Bearer fresh' : 'Bearer stale' };
          },
        });
      </script>
      <crm-nps-gauge src="/data/a.json"></crm-nps-gauge>
      <crm-nps-gauge id="english" locale="en" src="/data/a.json"></crm-nps-gauge>`);
    await scoreOf(page);
    await scoreOf(page, '#english');
    // One load for both gauges (same src and scope): the stale token, then the refreshed one.
    assert.deepEqual(seen.get('/data/a.json'), ['Bearer stale', 'Bearer fresh']);
    assert.deepEqual(await page.evaluate(() => window.hookCalls), [null, 401]);
    // configure's locale for the first; the element's own attribute wins for the second.
    assert.match(await page.locator('crm-nps-gauge').first().evaluate((el) => el.shadowRoot.textContent), /净推荐值/);
    assert.match(await page.locator('#english').evaluate((el) => el.shadowRoot.textContent), /Net Promoter Score/);
    // The worker started from the kit's origin (through a blob shim): no fallback to the page.
    assert.deepEqual(await page.evaluate(() => window.kitWarnings.filter((k) => k.startsWith('worker-unavailable'))), []);
    const files = kitFiles();
    assert.ok(files.includes('/crm-widget-kit.worker.js'), files.join(' '));
    // The loader starts the worker on the first tag it sees, so its script loads beside the element
    // chunks instead of after the element is defined and has asked its first query.
    const { workerStartedAt, gaugeChunkAt } = await page.evaluate(() => ({
      workerStartedAt: window.workerStartedAt,
      gaugeChunkAt: performance.getEntriesByType('resource').find((e) => e.name.includes('/chunks/crm-nps-gauge-'))?.responseEnd,
    }));
    assert.ok(workerStartedAt < gaugeChunkAt, `worker started at ${workerStartedAt} ms, the gauge's chunk arrived at ${gaugeChunkAt} ms`);
    // Only the gauge's chunks: no other element, no table-core, no page engine, no validator.
    assert.doesNotMatch(chunksOf(files), /segment-matrix|lifecycle-funnel|customer-360|table-core|engine|validate|metrics/);
    // Headers are never stored: nothing the page can read holds the token.
    const stored = await page.evaluate(async () => {
      let text = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
      for (const info of await indexedDB.databases()) text += info.name;
      return text;
    });
    assert.doesNotMatch(stored, /fresh|stale|Bearer/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  /**
   * A gauge page whose `slowPath` the kit's server answers 400 ms late; resolves once the gauge is
   * drawn, with when `slowPath` was answered.
   */
  async function drawnWithSlowFile(t, slowPath) {
    delayed = new RegExp(`${slowPath.replace(/[.]/g, '\\.')}$`);
    t.after(() => (delayed = null));
    const opened = await open(`
      <script src="${kit.origin}/crm-widget-kit.js"></script>
      <crm-nps-gauge src="/data/a.json"></crm-nps-gauge>`);
    await scoreOf(opened.page);
    return { ...opened, answeredAt: requestedAt.get(slowPath) + 400 };
  }

  /** Every one of `files` was asked, and before `answeredAt`. */
  function assertAskedBefore(files, answeredAt, slowPath, kitFiles) {
    for (const file of files) {
      assert.ok(kitFiles.includes(file), `${file} was never asked: ${kitFiles.join(' ')}`);
      assert.ok(requestedAt.get(file) < answeredAt, `${file} asked ${Math.round(requestedAt.get(file) - answeredAt)} ms after ${slowPath} was answered`);
    }
  }

  it('asks for all of an element\u2019s chunks at once, not one level of imports per round trip', async (t) => {
    // The gauge's entry file is slow: chunks it imports (however deep) must be asked before it arrives.
    const slowPath = '/cdn/elements/crm-nps-gauge.js';
    const { problems, context, kitFiles, answeredAt } = await drawnWithSlowFile(t, slowPath);
    const deep = kitFiles().filter((f) => /\/chunks\/(crm-nps-gauge|data-controller|d3-array|linear-scale)-/.test(f));
    assert.equal(deep.length, 4, kitFiles().join(' '));
    assertAskedBefore(deep, answeredAt, slowPath, kitFiles());
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('asks for the loader\u2019s own imports together with the loader, not once it has arrived', async (t) => {
    // The loader is slow: the chunks it imports statically (the worker's spawner, configure, the
    // locale registry, and what they import) must be asked before it arrives.
    const slowPath = '/cdn/crm-widget-kit.loader.js';
    const { problems, context, kitFiles, answeredAt } = await drawnWithSlowFile(t, slowPath);
    const loaderCode = readFileSync(resolve(dist, 'cdn/crm-widget-kit.loader.js'), 'utf8');
    const imported = [...loaderCode.matchAll(/(?:from|import)\s*"\.\/(chunks\/[^"]+)"/g)].map(([, file]) => `/cdn/${file}`);
    assert.ok(imported.length >= 3, `the loader imports ${imported.join(' ')}`);
    assertAskedBefore(imported, answeredAt, slowPath, kitFiles());
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('a data-base-path on the script tag points at the kit when the script is copied elsewhere', async () => {
    // The classic script is a copy on the portal's server; data-base-path names the kit's server.
    const { page, problems, context, kitFiles } = await open(`
      <script src="/copied/crm-widget-kit.js" data-base-path="${kit.origin}/"></script>
      <crm-nps-gauge src="/data/b.json"></crm-nps-gauge>`);
    await scoreOf(page);
    assert.ok(kitFiles().includes('/cdn/crm-widget-kit.loader.js'));
    assert.ok(kitFiles().includes('/crm-widget-kit.worker.js'));
    assert.deepEqual(await page.evaluate(() => window.kitWarnings.filter((k) => k.startsWith('worker-unavailable'))), []);
    assert.deepEqual(seen.get('/data/b.json'), [null]);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the self-contained ES build (type="module", another origin)', () => {
  it('the loader defines a tag when it first appears, and loads table-core only when a drill-down opens', async () => {
    const { page, problems, context, kitFiles } = await open(`
      <script type="module">
        import { configure } from '${kit.origin}/cdn/crm-widget-kit.loader.js';
        configure({ getHeaders: () => ({ Authorization: 'Bearer module' }) });
        window.configured = true;
      </script>`);
    await page.waitForFunction(() => window.configured);
    assert.equal(await page.evaluate(() => customElements.get('crm-segment-matrix')), undefined);
    // Added after the loader ran: the MutationObserver sees it.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<crm-data-source id="crm" src="/data/c.json"></crm-data-source><crm-segment-matrix source="crm"></crm-segment-matrix>'));
    const cell = page.locator('crm-segment-matrix [part~="cell"]').first();
    await cell.waitFor({ timeout: 20_000 });
    assert.deepEqual(seen.get('/data/c.json'), ['Bearer module']);
    assert.doesNotMatch(chunksOf(kitFiles()), /table-core|nps-gauge|lifecycle-funnel|customer-360/);
    await page.locator('crm-segment-matrix [part~="cell"]:not([part~="empty"])').first().click();
    await page.locator('crm-segment-matrix [part~="drill-table"]').waitFor({ timeout: 20_000 });
    assert.match(chunksOf(kitFiles()), /table-core/);
    assert.ok(kitFiles().includes('/crm-widget-kit.worker.js'), `${kitFiles().join(' ')} ${await page.evaluate(() => JSON.stringify(window.kitWarnings))}`);
    assert.deepEqual(await page.evaluate(() => window.kitWarnings.filter((k) => k.startsWith('worker-unavailable'))), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('locales as chunks of their own', () => {
  const localeChunks = (files) => files.filter((f) => /\/chunks\/zh-(CN|TW)-/.test(f));

  it('a page that speaks English downloads no Chinese: no zh-CN or zh-TW chunk, no CJK character in any kit file it loads', async () => {
    const { page, problems, context, kitFiles } = await open(`
      <script src="${kit.origin}/crm-widget-kit.js"></script>
      <crm-data-source id="crm" src="/data/e.json"></crm-data-source>
      <crm-nps-gauge source="crm"></crm-nps-gauge><crm-lifecycle-funnel source="crm"></crm-lifecycle-funnel>
      <crm-segment-matrix source="crm"></crm-segment-matrix><crm-filter-bar source="crm"></crm-filter-bar>`);
    await scoreOf(page);
    await page.locator('crm-segment-matrix [part~="cell"]').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(localeChunks(kitFiles()), []);
    // The words themselves, whatever chunk they would land in ('华东' is the contract's example region, not a word of the kit).
    for (const file of kitFiles().filter((f) => f.endsWith('.js') && f !== '/crm-widget-kit.worker.js')) {
      const chinese = readFileSync(resolve(dist, `.${file}`), 'utf8').match(/[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+/g) ?? [];
      assert.deepEqual(chinese.filter((run) => run !== '华东'), [], file);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('switching a drawn widget to zh-CN fetches the zh-CN chunk once and draws Chinese without an English frame in between', async () => {
    const { page, problems, warnings, context, kitFiles } = await open(`
      <script src="${kit.origin}/crm-widget-kit.js"></script>
      <crm-nps-gauge id="one" src="/data/f.json"></crm-nps-gauge><crm-nps-gauge id="two" src="/data/f.json"></crm-nps-gauge>`);
    await scoreOf(page, '#one');
    await scoreOf(page, '#two');
    assert.deepEqual(localeChunks(kitFiles()), []);
    // Every batch of DOM changes in the first gauge from the switch on, as the reader would see it.
    await page.evaluate(() => {
      window.framesAfterSwitch = [];
      const root = document.querySelector('#one').shadowRoot;
      new MutationObserver(() => window.framesAfterSwitch.push(root.textContent)).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      document.querySelector('#one').setAttribute('locale', 'zh-CN');
    });
    await page.waitForFunction(() => /净推荐值/.test(document.querySelector('#one').shadowRoot.querySelector('[part~="title"]').textContent), null, { timeout: 20_000 });
    await page.evaluate(() => document.querySelector('#one').taskComplete);
    const frames = await page.evaluate(() => window.framesAfterSwitch);
    assert.ok(frames.length > 0);
    for (const frame of frames) assert.match(frame, /净推荐值/, 'a frame drawn after the switch without the Chinese title');
    // The second gauge follows the page's language later: the chunk is not fetched again.
    await page.evaluate(() => document.querySelector('#two').setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(() => /净推荐值/.test(document.querySelector('#two').shadowRoot.querySelector('[part~="title"]').textContent), null, { timeout: 20_000 });
    assert.equal(localeChunks(kitFiles()).length, 1, kitFiles().join(' '));
    assert.match(localeChunks(kitFiles())[0], /zh-CN/);
    assert.deepEqual(warnings, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('when the zh-CN chunk cannot be fetched, a zh-CN widget draws in English and the console says so once', async () => {
    refused = /\/chunks\/zh-CN-/;
    try {
      const { page, problems, warnings, context, kitFiles } = await open(`
        <script src="${kit.origin}/crm-widget-kit.js"></script>
        <crm-nps-gauge locale="zh-CN" src="/data/g.json"></crm-nps-gauge><crm-lifecycle-funnel lang="zh-CN" src="/data/g.json"></crm-lifecycle-funnel>`);
      await scoreOf(page);
      await page.locator('crm-lifecycle-funnel [part~="bar"]').first().waitFor({ timeout: 20_000 });
      assert.ok(localeChunks(kitFiles()).some((f) => /zh-CN/.test(f)), 'the chunk was asked for');
      assert.match(await page.locator('crm-nps-gauge').evaluate((el) => el.shadowRoot.querySelector('[part~="title"]').textContent), /^Net Promoter Score$/);
      assert.match(await page.locator('crm-lifecycle-funnel').evaluate((el) => el.shadowRoot.querySelector('[part~="title"]').textContent), /^Pipeline$/);
      // English numbers and dates too, not Chinese dates beside English words.
      assert.match(await page.locator('crm-nps-gauge').evaluate((el) => el.shadowRoot.querySelector('[part~="subtitle"]').textContent), /as of [A-Z][a-z]{2} \d/);
      const said = warnings.filter((w) => /zh-CN/.test(w));
      assert.equal(said.length, 1, warnings.join('\n'));
      assert.match(said[0], /could not be loaded.*English/);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      refused = null;
    }
  });
});

describe('a vendor-concatenated bundle', () => {
  it('configure({ basePath }) in the same file finds the chunks and the worker on the kit’s origin', async () => {
    const { page, problems, context, kitFiles } = await open(`
      <script src="/vendor.js"></script>
      <crm-nps-gauge src="/data/d.json"></crm-nps-gauge>`);
    await scoreOf(page);
    assert.equal(await page.evaluate(() => window.vendorLoaded), true);
    assert.ok(kitFiles().includes('/cdn/crm-widget-kit.loader.js'));
    assert.ok(kitFiles().includes('/crm-widget-kit.worker.js'));
    assert.deepEqual(await page.evaluate(() => window.kitWarnings.filter((k) => k.startsWith('worker-unavailable'))), []);
    assert.deepEqual(seen.get('/data/d.json'), [null]);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
