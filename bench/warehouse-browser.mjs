// Warehouse mode as a user gets it (issue 17 §4): bench/warehouse.html — the four widgets on one
// `<crm-data-source query-src>` (scope "demo"), as in demo/warehouse.html — in headless Chromium
// against `crm-widget-kit serve --db FILE` (the built CLI, its own process), timed from navigation
// start to all four drawn (bench/chromium.mjs). Per run:
//   cold          — a fresh browser context (empty IndexedDB) and a fresh server process (empty result cache);
//   serverCached  — a fresh context, the same server (it answered the same queries once);
//   warm          — the second context again (the kit's IndexedDB query cache), the same server;
//   warmWithinTtl — the same context with cache-ttl="600": the stored results drawn without a request;
//   drill         — on the warm page: a click on the largest matrix cell until its drill-down rows are
//                   drawn, then "next" until the second page's rows are.
// Bytes are counted on the wire by a TCP relay between the browser and the server: everything
// the server sent (status lines, headers, CORS preflights, bodies), and what the browser sent.
// `measureRaw` loads the same data raw instead (`src=` the scope exported in the Arrow form).
// BENCH_BODIES=1 keeps each request's body in the exchanges (which queries a step asked).
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, connect } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import os from 'node:os';
import { samplePeakMemory, WATCH_DRAWN } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const listen = (server) => new Promise((done) => server.listen(0, '127.0.0.1', () => done(server.address().port)));
const round = (v) => (v == null ? null : Math.round(v * 10) / 10);
/** A customer of every generated scope (ids c0 … c<customers − 1>): its 360 card is part of the first paint. */
export const CUSTOMER = 'c123';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.arrow': 'application/vnd.apache.arrow.stream' };

/** The page and the built kit (/dist/…, /bench/warehouse.html) and exported scopes (/raw/<name>/… from `rawDirs`). */
export async function startPageServer(rawDirs = {}) {
  const server = createHttpServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const [, top, name, ...rest] = decodeURIComponent(url.pathname).split('/');
    const base = top === 'raw' ? rawDirs[name] : top === 'dist' ? resolve(root, 'dist') : top === 'bench' ? resolve(root, 'bench') : null;
    const file = base && normalize(join(base, ...(top === 'raw' ? rest : [name, ...rest])));
    const info = file && file.startsWith(base) ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) return res.writeHead(404).end();
    // The kit's files as a CDN serves them (a returning visitor has them in the HTTP cache); the page and the data never cached.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': top === 'dist' ? 'public, max-age=3600' : 'no-store' });
    res.end(await readFile(file));
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) };
}

/** `crm-widget-kit serve --db FILE` in its own process (a fresh one has an empty result cache). */
export async function startServe(file, cors) {
  const child = spawn(process.execPath, [resolve(root, 'dist/cli.js'), 'serve', '--db', file, '--port', '0', '--cors', cors, '--cache-seconds', '3600'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`crm-widget-kit serve exited (${code})`)));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /crm-widget-kit serve: (http:\/\/\S+)/.exec(out);
      if (match) ok(match[1]);
    });
  });
  const exited = new Promise((done) => child.once('exit', done));
  return {
    url,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

/** A TCP relay in front of `target` (an http URL) counting the bytes each way. */
async function startRelay(target, rttMs = 0) {
  // A network farther than loopback (`--rtt-ms`): each chunk waits half the round trip each way, in order.
  const later = rttMs > 0 ? (write) => setTimeout(write, rttMs / 2) : (write) => write();
  const { hostname, port: targetPort, pathname } = new URL(target);
  const counts = { down: 0, up: 0, connections: 0 };
  // When each request went out and its response came back (epoch ms), read off the HTTP/1.1
  // stream: a chunk the browser sends that starts with a method starts a request; the metrics
  // it asks are read from its JSON body.
  let exchanges = [];
  const sockets = new Set();
  const server = createTcpServer((client) => {
    counts.connections++;
    const upstream = connect(Number(targetPort), hostname);
    sockets.add(client).add(upstream);
    const open = [];
    client.on('data', (chunk) => {
      counts.up += chunk.length;
      const text = chunk.toString('latin1');
      const method = /^(POST|OPTIONS|GET) /.exec(text)?.[1];
      if (method) {
        open.push({ method, sentAt: Date.now(), metrics: [], down: 0 });
        exchanges.push(open.at(-1));
      }
      const current = open.at(-1);
      if (current && process.env.BENCH_BODIES) current.body = (current.body ?? '') + (method ? text.slice(text.indexOf('\r\n\r\n') + 4) : text);
      if (current) current.metrics.push(...[...text.matchAll(/"metric":"([^"]+)"/g)].map((m) => m[1]), ...(text.includes('"info":true') ? ['info'] : []));
      later(() => upstream.write(chunk));
    });
    upstream.on('data', (chunk) => {
      counts.down += chunk.length;
      if (chunk.toString('latin1', 0, 9) === 'HTTP/1.1 ' && open[0]?.firstByteAt) open.shift();
      const current = open[0];
      if (current) {
        current.firstByteAt ??= Date.now();
        current.lastByteAt = Date.now();
        current.down += chunk.length;
      }
      later(() => client.write(chunk));
    });
    const end = () => (client.destroy(), upstream.destroy(), sockets.delete(client), sockets.delete(upstream));
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    /** The counts since the last take; `origin` (the page's performance.timeOrigin) makes the exchanges' times page times. */
    take(origin) {
      const taken = { ...counts, requests: exchanges.map((e) => ({ method: e.method, metrics: e.metrics, sentMs: round(e.sentAt - origin), answeredMs: e.lastByteAt ? round(e.lastByteAt - origin) : null, bytes: e.down, ...(e.body ? { body: e.body } : {}) })) };
      Object.assign(counts, { down: 0, up: 0, connections: 0 });
      exchanges = [];
      return taken;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(done));
    },
  };
}

/** Opens `url` in `context`, resolves when all four widgets are drawn and the trailing work (results stored) is over. */
async function openUntilDrawn(context, url, { settleMs = 1500, timeoutMs = 300_000 } = {}) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => window.__drawn.done, null, { timeout: timeoutMs, polling: 50 });
  const drawn = await page.evaluate(() => ({
    ...window.__drawn,
    timeOrigin: performance.timeOrigin,
    // Same-origin downloads (the kit's files, a raw payload): when each started and ended.
    resources: performance.getEntriesByType('resource').map((r) => ({ name: new URL(r.name).pathname, startMs: r.startTime, endMs: r.responseEnd, bytes: r.transferSize })),
  }));
  // The kit stores the results after it draws: the next visit of this context reads them.
  await page.waitForTimeout(settleMs);
  const ready = Object.values(drawn.ready);
  return {
    page,
    timeOrigin: drawn.timeOrigin,
    figures: {
      allDrawnMs: drawn.error || ready.length < 4 ? null : round(Math.max(...ready)),
      drawnMs: Object.fromEntries(Object.entries(drawn.ready).map(([tag, at]) => [tag, round(at)])),
      // From mount: what the kit itself takes once its elements are defined.
      fromMountMs: drawn.error || ready.length < 4 || drawn.definedAt == null ? null : round(Math.max(...ready) - drawn.definedAt),
      definedMs: round(drawn.definedAt),
      loadedMs: round(drawn.loadedAt),
      kitFiles: { count: drawn.resources.filter((r) => r.name.startsWith('/dist/')).length, lastEndMs: round(Math.max(0, ...drawn.resources.filter((r) => r.name.startsWith('/dist/')).map((r) => r.endMs))) },
      ...(drawn.resources.some((r) => r.name.startsWith('/raw/')) ? { rawFiles: drawn.resources.filter((r) => r.name.startsWith('/raw/')).map((r) => ({ ...r, startMs: round(r.startMs), endMs: round(r.endMs) })) } : {}),
      ...(drawn.error ? { error: drawn.error, errorAtMs: round(drawn.allAt) } : {}),
      ...(pageErrors.length ? { pageErrors: pageErrors.slice(0, 5) } : {}),
    },
  };
}

/** In the page: open the matrix's largest cell, then the drill-down's next page; each until its rows are drawn. */
async function drill(page) {
  return page.evaluate(async () => {
    const matrix = document.querySelector('crm-segment-matrix').shadowRoot;
    const until = (test, timeoutMs = 120_000) =>
      new Promise((ok, fail) => {
        const start = performance.now();
        const poll = setInterval(() => {
          const value = test();
          if (value || performance.now() - start > timeoutMs) clearInterval(poll);
          if (value) ok(performance.now());
          else if (performance.now() - start > timeoutMs) fail(new Error(`drill-down not drawn after ${timeoutMs} ms`));
        }, 2);
      });
    const firstRow = () => matrix.querySelector('[part~="drill-row"]')?.getAttribute('data-customer');
    // The cell with the most customers (R 5 × F 5 in the generated data), as a user picks the big one.
    const cells = [...matrix.querySelectorAll('[part~="cell"]')];
    const count = (cell) => Number(cell.querySelector('[part~="cell-count"]')?.textContent.replace(/\D/g, '') || 0);
    const cell = cells.reduce((a, b) => (count(b) > count(a) ? b : a));
    const t0 = performance.now();
    cell.click();
    const t1 = await until(firstRow);
    const first = firstRow();
    const t2start = performance.now();
    matrix.querySelector('button[data-page="next"]').click();
    const t2 = await until(() => firstRow() && firstRow() !== first);
    return { cell: { x: Number(cell.dataset.x), y: Number(cell.dataset.y), customers: count(cell) }, clickedAtMs: Math.round(t0), firstPageMs: t1 - t0, secondPageMs: t2 - t2start, rows: matrix.querySelectorAll('[part~="drill-row"]').length };
  });
}

/**
 * The warehouse page at one size, `runs` times: cold, server-cached, warm and the drill-down, each
 * with the bytes on the wire. Each run starts a fresh server process (so the next cold run is cold).
 */
export async function measureWarehouseBrowser(browser, { file, runs = 1, rttMs = 0, log = () => {} }) {
  const pages = await startPageServer();
  const out = { method: 'bench/warehouse.html in headless Chromium, navigation start to all four drawn; bytes: every byte the server sent / received on its TCP connections (headers, CORS preflights, bodies)', customer: CUSTOMER, ...(rttMs ? { rttMs, rttNote: 'the relay in front of the query endpoint delays each direction by half of rttMs (the kit\'s files come from the page server, undelayed)' } : {}), runs: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const serve = await startServe(file, pages.origin);
      const relay = await startRelay(serve.url, rttMs);
      const url = `${pages.origin}/bench/warehouse.html?endpoint=${encodeURIComponent(relay.url)}&customer=${CUSTOMER}`;
      const row = { loadAverage: os.loadavg()[0] };
      const contexts = [];
      try {
        const step = async (name, context, extra = '') => {
          const { page, figures, timeOrigin } = await openUntilDrawn(context, url + extra);
          row[name] = { ...figures, wire: relay.take(timeOrigin) };
          page.timeOrigin = timeOrigin;
          log(`${name} ${figures.allDrawnMs ?? figures.error} ms from navigation (${figures.fromMountMs} ms from mount), ${row[name].wire.down} B down`);
          return page;
        };
        const fresh = async () => {
          const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
          await context.addInitScript(WATCH_DRAWN);
          contexts.push(context);
          return context;
        };
        await (await step('cold', await fresh())).close();
        const second = await fresh();
        await (await step('serverCached', second)).close();
        const warmPage = await step('warm', second);
        try {
          row.drill = { ...(await drill(warmPage)), wire: relay.take(warmPage.timeOrigin) };
          for (const key of ['firstPageMs', 'secondPageMs']) row.drill[key] = round(row.drill[key]);
          log(`drill first page ${row.drill.firstPageMs} ms, second ${row.drill.secondPageMs} ms`);
        } catch (error) {
          row.drill = { error: String(error) };
        }
        await warmPage.close();
        // The same profile once more, with cache-ttl: a visit within it sends no request (src's rule).
        await (await step('warmWithinTtl', second, '&cache-ttl=600')).close();
      } finally {
        for (const context of contexts) await context.close();
        await relay.close();
        await serve.stop();
      }
      row.loadAverageAfter = os.loadavg()[0];
      out.runs.push(row);
    }
  } finally {
    await pages.close();
  }
  return out;
}

/**
 * The same data raw in the browser: the scope exported in the Arrow form (`crm-widget-kit export`)
 * as `src` of the same page, a fresh context, until all four are drawn or one fails. The peak
 * resident memory of the renderers is sampled, as bench/run.mjs does for 5M orders.
 */
export async function measureRaw(browser, { dir, maxBytes, timeoutMs = 300_000 }) {
  const pages = await startPageServer({ scope: dir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript(WATCH_DRAWN);
  const src = `${pages.origin}/raw/scope/contract.json`;
  const url = `${pages.origin}/bench/warehouse.html?src=${encodeURIComponent(src)}&customer=${CUSTOMER}${maxBytes ? `&max-bytes=${maxBytes}` : ''}`;
  const files = {};
  for (const name of ['contract.json', 'customers.arrow', 'orders.arrow', 'interactions.arrow', 'surveys.arrow', 'stageEvents.arrow', 'tickets.arrow']) files[name] = (await stat(join(dir, name)).catch(() => null))?.size ?? null;
  const bytes = Object.values(files).reduce((a, b) => a + (b ?? 0), 0);
  const head = { src: 'the scope exported in the Arrow form (crm-widget-kit export --db)', ...(maxBytes ? { maxBytes } : {}), bytes, files, loadAverage: os.loadavg()[0] };
  const memory = samplePeakMemory(200);
  try {
    const { page, figures } = await openUntilDrawn(context, url, { settleMs: 0, timeoutMs });
    await page.close();
    return { ...head, ...figures, peakRendererMB: Math.round(await memory.stop()) };
  } catch (error) {
    return { ...head, error: String(error).split('\n')[0], peakRendererMB: Math.round(await memory.stop()) };
  } finally {
    await memory.stop();
    await context.close();
    await pages.close();
  }
}
