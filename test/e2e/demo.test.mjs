// End-to-end: the demo portal in real Chromium against the real demo server (node:test).
// Needs `npm run build` and `npm run build:demo` first, as `npm test` does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const metrics = await import(pathToFileURL(resolve(root, 'dist/metrics.js')).href);
const executablePath = chromiumPath();

let server;
let origin;
let browser;
const cspViolations = [];

async function startServer() {
  const port = 4300 + (process.pid % 500);
  server = spawn(process.execPath, [resolve(root, 'demo/server.mjs')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  origin = await new Promise((resolvePromise, reject) => {
    server.stdout.on('data', (chunk) => {
      const match = /http:\/\/[\d.]+:\d+/.exec(String(chunk));
      if (match) resolvePromise(match[0]);
    });
    server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
}

/** A fresh context per test: its own IndexedDB unless the test shares one on purpose. */
/** Reads a value until it equals `expected` or ten seconds pass, and returns the last reading for the assertion. */
async function settled(read, expected, timeout = 10_000) {
  const end = Date.now() + timeout;
  let value = await read();
  while (value !== expected && Date.now() < end) {
    await new Promise((done) => setTimeout(done, 50));
    value = await read();
  }
  return value;
}

async function openPortal(context, query = '') {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to (CSP) ${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`${origin}/${query}`);
  return page;
}

/** The bytes of a file the page downloaded. */
async function readDownload(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const number = (text) => Number(text.replace(/[^\d.+\-−]/g, '').replace('−', '-'));

before(async () => {
  await startServer();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

describe('demo portal', () => {
  it('shows numbers equal to computeReport on the same data in all four widgets', async () => {
    const payload = await (await fetch(`${origin}/api/data`)).json();
    const report = metrics.reportFromPayload(payload, { nps: { period: metrics.parsePeriod('last-365d') } });
    const context = await browser.newContext();
    const page = await openPortal(context);

    const score = page.locator('crm-nps-gauge [part~="score"]');
    await score.waitFor({ timeout: 30_000 });
    assert.equal(number(await score.textContent()), Math.round(report.nps.score * 10) / 10);

    const counts = await page.locator('crm-lifecycle-funnel [part~="count"]').allTextContents();
    assert.deepEqual(counts.map(number), report.funnel.steps.map((s) => s.count));

    const cells = page.locator('crm-segment-matrix [part~="cell"]');
    assert.equal(await cells.count(), 25);
    for (const cell of report.rfm.cells) {
      const shown = page.locator(`crm-segment-matrix [part~="cell"][data-x="${cell.x ?? cell.r}"][data-y="${cell.y ?? cell.f}"] [part~="cell-count"]`);
      assert.equal(number(await shown.textContent()), cell.count);
    }

    const health = page.locator('crm-customer-360 [part~="health-score"]');
    await health.waitFor();
    assert.equal(number(await health.textContent()), Math.round(report.health.C000001.score));
    await context.close();
  });

  it('balances card heights: cards side by side at 1440 px end level, footers at the bottom', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await openPortal(context);
    await page.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 30_000 });
    await page.locator('crm-lifecycle-funnel [part~="count"]').first().waitFor({ timeout: 30_000 });
    const box = (selector) => page.locator(selector).evaluate((el) => el.shadowRoot.querySelector('[part~="base"]').getBoundingClientRect().toJSON());
    const [gauge, funnel] = [await box('crm-nps-gauge'), await box('crm-lifecycle-funnel')];
    assert.ok(Math.abs(gauge.left - funnel.left) > 100, 'side by side');
    assert.ok(Math.abs(gauge.bottom - funnel.bottom) <= 1, `gauge ends at ${gauge.bottom}, funnel at ${funnel.bottom}`);
    const footer = await page.locator('crm-lifecycle-funnel').evaluate((el) => {
      const root = el.shadowRoot;
      return root.querySelector('[part~="base"]').getBoundingClientRect().bottom - root.querySelector('[part~="footer"]').getBoundingClientRect().bottom;
    });
    assert.ok(footer < 40, `the funnel's footer sits at its card's bottom (${footer} px above it)`);
    await context.close();
  });

  it('renders a second load from IndexedDB before the network answers, and marks it stale when the backend is down', async () => {
    const context = await browser.newContext();
    const first = await openPortal(context);
    await first.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 30_000 });
    await first.close();

    // The server now takes 20 s: anything drawn sooner came from the cache.
    await context.route('**/api/data**', async (route) => {
      await new Promise((r) => setTimeout(r, 20_000));
      await route.continue().catch(() => {});
    });
    const second = await openPortal(context);
    await second.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 5_000 });
    await second.locator('crm-lifecycle-funnel [part~="count"]').first().waitFor({ timeout: 5_000 });
    await second.close();
    await context.unroute('**/api/data**');

    await context.route('**/api/data**', (route) => route.abort('connectionrefused'));
    const offline = await openPortal(context);
    await offline.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 5_000 });
    await offline.locator('crm-nps-gauge [part~="stale-badge"]').waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('shows the error view for invalid data while the rest of the page keeps working', async () => {
    const context = await browser.newContext();
    const page = await openPortal(context, '?mode=invalid');
    for (const tag of ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360']) {
      await page.locator(`${tag} [part~="error"]`).waitFor({ timeout: 15_000 });
    }
    assert.match(await page.locator('crm-nps-gauge [part~="error"]').textContent(), /schemaVersion/);
    await page.selectOption('#language', 'zh-CN');
    assert.equal(await page.locator('nav a').first().textContent(), '客户分析');
    await context.close();
  });

  it('wires matrix cell → host list → customer card, and funnel stage → host list, through events only', async () => {
    const context = await browser.newContext();
    const page = await openPortal(context);
    const cell = page.locator('crm-segment-matrix [part~="cell"]:not([part~="empty"])').first();
    await cell.waitFor({ timeout: 30_000 });
    await cell.click();
    const firstCustomer = page.locator('#cell-list button').first();
    await firstCustomer.waitFor();
    const id = (await firstCustomer.textContent()).trim();
    await firstCustomer.click();
    assert.equal(await settled(() => page.locator('#card').getAttribute('customer-id'), id), id);
    await page.locator('crm-customer-360 [part~="name"]').waitFor();

    await page.locator('crm-lifecycle-funnel [part~="stage"]').nth(1).click();
    await page.locator('#stage-list button').first().waitFor();
    assert.match(await page.locator('#stage-filter').textContent(), /opportunity|Opportunity|商机/);
    await context.close();
  });

  it('the filter bar slices every widget, keeps its filters in the URL, and a link restores them', async () => {
    const context = await browser.newContext();
    const page = await openPortal(context);
    const responses = page.locator('crm-nps-gauge .responses');
    await responses.waitFor({ timeout: 30_000 });
    const all = number(await responses.textContent());
    const region = page.locator('crm-filter-bar [part~="field"] select').first();
    const option = await region.locator('option').nth(1).getAttribute('value');
    await region.selectOption(option);
    await page.locator('crm-filter-bar [part~="chip"]').first().waitFor();
    await page.waitForFunction((before) => Number(document.querySelector('crm-nps-gauge').shadowRoot.querySelector('.responses')?.textContent.replace(/\D/g, '')) < before, all, { timeout: 30_000 });
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('crm.customer.region'), [option]);
    const again = await openPortal(context, url.search);
    await again.locator('crm-filter-bar [part~="chip"]').first().waitFor({ timeout: 30_000 });
    assert.match(await again.locator('crm-filter-bar [part~="chip"]').first().textContent(), new RegExp(option));
    await context.close();
  });

  it('runs the React host page: properties in, events out', async () => {
    const context = await browser.newContext();
    const page = await openPortal(context, 'demo/react/build/index.html');
    const cell = page.locator('crm-segment-matrix [part~="cell"]:not([part~="empty"])').first();
    await cell.waitFor({ timeout: 30_000 });
    await page.locator('crm-nps-gauge [part~="score"]').waitFor();
    await cell.click();
    // A cell's event carries its customer ids, which the engine is asked for on click: it arrives a moment later.
    assert.equal(await settled(() => page.locator('[data-testid="last-event"]').textContent(), 'cell selected'), 'cell selected');
    await page.locator('crm-customer-360 [part~="name"]').waitFor();
    await context.close();
  });

  it('runs under Trusted Types (require-trusted-types-for script; trusted-types crm-widget-kit lit-html), worker included', async () => {
    const context = await browser.newContext();
    const violations = [];
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Trusted Type|Refused to|Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      window.__warnings = [];
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to (CSP) ${event.violatedDirective} ${event.blockedURI}`));
      document.addEventListener('crm-data-warning', (event) => window.__warnings.push(event.detail.kind));
    });
    await page.goto(`${origin}/demo/?trusted-types`);
    await page.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 30_000 });
    await page.locator('crm-segment-matrix [part~="cell"]').first().waitFor({ timeout: 30_000 });
    await page.locator('crm-customer-360 [part~="name"]').waitFor({ timeout: 30_000 });
    // The sample body (about 1.5 MB) is over the worker threshold: the worker ran, through the kit's policy.
    assert.equal(await page.evaluate(() => window.__warnings.includes('worker-unavailable')), false);
    assert.equal(await page.evaluate(() => typeof window.trustedTypes?.createPolicy), 'function');
    assert.deepEqual(violations, []);
    // And Trusted Types are really enforced on that page: a raw HTML sink is refused.
    const sink = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'allowed';
      } catch {
        return 'refused';
      }
    });
    assert.equal(sink, 'refused');
    await context.close();
  });

  it('downloads a chart as PNG and the table as CSV from the host\'s buttons, enabled on crm-render', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await openPortal(context);
    const png = page.locator('.widget:has(crm-lifecycle-funnel) button[data-format="png"]');
    await page.locator('crm-lifecycle-funnel [part~="count"]').first().waitFor({ timeout: 30_000 });
    await png.waitFor();
    assert.equal(await png.isEnabled(), true);
    const [pngFile] = await Promise.all([page.waitForEvent('download'), png.click()]);
    assert.match(pngFile.suggestedFilename(), /^Pipeline-\d{4}-\d{2}-\d{2}\.png$/);
    const pngBytes = await readDownload(pngFile);
    assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await page.selectOption('#language', 'zh-TW');
    const csv = page.locator('.widget:has(crm-customer-360) button[data-format="csv"]');
    await page.locator('crm-customer-360 [part~="name"]').waitFor({ timeout: 30_000 });
    assert.equal(await csv.textContent(), '下載 CSV');
    const [csvFile] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    const csvBytes = await readDownload(csvFile);
    assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csvBytes.subarray(3).toString('utf8').split('\r\n')[0], '指標,數值');
    await context.close();
  });

  it('switches every widget with one class on <html> (themes/dark.css), and speaks zh-TW', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await openPortal(context, '?theme=light&lang=zh-TW');
    await page.locator('crm-nps-gauge [part~="score"]').waitFor({ timeout: 30_000 });
    const backgrounds = () =>
      page.evaluate(() => [...document.querySelectorAll('crm-nps-gauge, crm-lifecycle-funnel, crm-segment-matrix, crm-customer-360')].map((w) => getComputedStyle(w.shadowRoot.querySelector('[part~="base"]')).backgroundColor));
    assert.deepEqual([...new Set(await backgrounds())], ['rgb(255, 255, 255)']);
    await page.selectOption('#theme', 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('crm-theme-dark')), true);
    assert.deepEqual([...new Set(await backgrounds())], ['rgb(13, 17, 23)']);
    assert.equal(await page.locator('crm-nps-gauge [part~="title"]').textContent(), '淨推薦值（NPS）');
    assert.deepEqual(await page.locator('crm-lifecycle-funnel [part~="stage-label"]').allTextContents(), ['線索', '商機', '簽單', '回款']);
    await context.close();
  });

  it('logs no Content-Security-Policy violation on the strict-CSP portal', () => {
    assert.deepEqual(cspViolations, []);
  });
});
