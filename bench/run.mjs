#!/usr/bin/env node
// `npm run bench`: measures the kit in headless Chromium against peers on the same data in the
// same run, prints a table and writes bench/results.json. Traffic stays on 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { resolve, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { build } from 'esbuild';
import { launchChromium, samplePeakMemory } from './chromium.mjs';
import { measureDemo } from './demo-longtask.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'node_modules/.cache/bench');
await mkdir(out, { recursive: true });
const args = new Set(process.argv.slice(2));
// --only-5m: just the 5M-order Arrow step, merged into the last results.json (npm run bench:5m).
const ONLY_5M = args.has('--only-5m');
// --only-filters: just the issue-18 filter step at 1M orders, merged into the last results.json (npm run bench:filters).
const ONLY_FILTERS = args.has('--only-filters');
const FIVE_M = 5_000_000;
// --size=N: that size alone (a step to look into); its report goes to node_modules/.cache/bench, not bench/results.json.
const ONLY_SIZE = Number([...args].find((a) => a.startsWith('--size='))?.slice(7)) || null;
const SIZES = ONLY_SIZE ? [ONLY_SIZE] : ONLY_5M || ONLY_FILTERS ? [] : args.has('--quick') ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
// The demo-page long-task step loads 1M orders; it runs in the full run, or with --demo.
const DEMO = !ONLY_FILTERS && !ONLY_SIZE && !args.has('--no-demo') && (args.has('--demo') || SIZES.includes(1_000_000));
const pkg = async (name) => {
  const file = name === '../' ? resolve(root, 'package.json') : resolve(root, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')).version ?? null) : null;
};

// ---------------------------------------------------------------- bundle sizes (one tool for all: esbuild, minified, gzip -9)
async function bundleSize(label, contents, resolveDir = root) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { label, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
const elementNames = ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'].filter((n) =>
  existsSync(resolve(root, 'src/elements', n, 'index.ts')),
);
// Measured from the built package, as a user would import it (dist/ entries are the ones marked with side effects).
const sizes = [await bundleSize('crm-widget-kit.js (all elements, single file)', `import './dist/crm-widget-kit.js';`)];
for (const name of elementNames) sizes.push(await bundleSize(`${name} alone (ES entry + its dependencies)`, `import './dist/elements/${name}.js';`));
sizes.push(await bundleSize('Chart.js (chart.js/auto)', `import Chart from 'chart.js/auto'; console.log(Chart);`));
sizes.push(await bundleSize('ECharts (full)', `import * as echarts from 'echarts'; console.log(echarts);`));

// ---------------------------------------------------------------- data, generated once per size with the kit's own generator
await build({
  entryPoints: [resolve(root, 'src/sample/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: resolve(out, 'sample.mjs'),
  logLevel: 'silent',
});
const { generateSample } = await import(pathToFileURL(resolve(out, 'sample.mjs')).href);
const payloads = new Map();
function payload(size, form) {
  const key = `${size}-${form}`;
  if (!payloads.has(key)) {
    const options = { seed: 2026, orders: size, customers: Math.max(100, size / 10), interactions: size / 2 };
    const data = form === 'rows' ? generateSample(options) : generateSample({ ...options, form: 'columnar', dates: 'epoch' });
    payloads.set(key, Buffer.from(JSON.stringify(data)));
  }
  return payloads.get(key);
}

// The Arrow form of the same data, written by the kit's exporter (dist/arrow.js, as `export --format arrow`
// writes it): an envelope and one IPC stream per collection.
const { validatePayload } = await import(pathToFileURL(resolve(root, 'dist/contract.js')).href);
const { arrowFormOf } = await import(pathToFileURL(resolve(root, 'dist/arrow.js')).href);
const arrowForms = new Map();
function arrowForm(size) {
  if (!arrowForms.has(size)) {
    // 5M orders as JSON text would pass V8's string limit: that size is generated as columns and validated directly.
    const options = { seed: 2026, orders: size, customers: Math.max(100, size / 10), interactions: size / 2 };
    const checked = validatePayload(size > 1_000_000 ? generateSample({ ...options, form: 'columnar', dates: 'epoch' }) : JSON.parse(payload(size, 'rows').toString('utf8')));
    if (!checked.ok) throw new Error(checked.error.message);
    const { envelope, streams } = arrowFormOf(checked.dataset);
    for (const name of Object.keys(streams)) envelope[name] = { arrow: `/arrow?size=${size}&collection=${name}` };
    arrowForms.set(size, { envelope: Buffer.from(JSON.stringify(envelope)), streams, firstCustomer: checked.dataset.customerKeys[0] });
  }
  return arrowForms.get(size);
}

// Generate every payload before timing anything, so fetch times measure transfer only.
for (const size of SIZES) {
  for (const form of ['rows', 'columnar']) payload(size, form);
  arrowForm(size);
}
// The filter step (issue 18 §5) runs at 1M orders in the full run, or alone with --only-filters.
const FILTERS = ONLY_FILTERS || (!ONLY_SIZE && SIZES.includes(1_000_000));
if (ONLY_FILTERS) {
  process.stdout.write('bench: generating 1,000,000 orders … ');
  payload(1_000_000, 'columnar');
  console.log('done');
}
if (ONLY_5M) {
  process.stdout.write('bench: generating 5,000,000 orders in the Arrow form … ');
  arrowForm(FIVE_M);
  console.log('done');
}

// ---------------------------------------------------------------- the page
await build({
  entryPoints: [resolve(root, 'bench/browser.ts')],
  bundle: true,
  format: 'esm',
  outfile: resolve(out, 'browser.js'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
  sourcemap: false,
  plugins: [
    {
      // esbuild does not bundle `new Worker(new URL(…))`: the bench page uses the built dataset worker.
      name: 'bench-dataset-worker',
      setup(b) {
        b.onResolve({ filter: /\/worker-url\.js$/ }, (a) => (a.importer.includes('/src/data/') ? { path: resolve(root, 'bench/worker-url.bench.ts') } : undefined));
      },
    },
  ],
});
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (url.pathname === '/arrow') {
      const body = arrowForm(Number(url.searchParams.get('size'))).streams[url.searchParams.get('collection')];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      return res.end(body);
    }
    if (url.pathname === '/data') {
      const size = Number(url.searchParams.get('size'));
      const form = url.searchParams.get('form');
      const body = form === 'arrow' ? arrowForm(size).envelope : payload(size, form);
      // An ETag like the demo backend's, so a cached copy revalidates with a 304; no-store keeps the
      // browser's HTTP cache out of the cold figures.
      const etag = `"bench-${size}-${form}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-store' }).end();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length, ETag: etag, 'Cache-Control': 'no-store' });
      return res.end(body);
    }
    const file =
      url.pathname === '/' ? resolve(root, 'bench/page.html')
      : url.pathname === '/browser.js' ? resolve(out, 'browser.js')
      : url.pathname.startsWith('/duckdb/') ? resolve(root, 'node_modules/@duckdb/duckdb-wasm/dist', url.pathname.slice(8))
      : url.pathname.startsWith('/dist/') || url.pathname.startsWith('/demo/') ? resolve(root, url.pathname.slice(1))
      : null;
    if (!file || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
const browserVersion = browser.version();
const results = [];
let demo = null;
let fiveMillion = null;
let filters = null;

/** All four widgets on 5M orders / 500k customers from Arrow: time to drawn, longest task, peak renderer memory. */
async function measureFiveMillion() {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  await page.goto(origin + '/');
  process.stdout.write('bench: 5,000,000 orders from Arrow, all four widgets … ');
  const memory = samplePeakMemory();
  try {
    const figures = await page.evaluate(({ orders, customerId }) => window.benchArrowOnly(orders, customerId), { orders: FIVE_M, customerId: arrowForm(FIVE_M).firstCustomer });
    const peakRendererMB = Math.round(await memory.stop());
    // After the measured load and outside its memory peak: the same streams fetched with nothing else.
    const floor = await page.evaluate((orders) => window.benchFetchFloor(orders), FIVE_M);
    console.log(`done (fetch floor ${(floor.fetchFloorMs / 1000).toFixed(2)} s for ${floor.megabytes.toFixed(0)} MB in ${floor.streams} streams)`);
    return { orders: FIVE_M, customers: FIVE_M / 10, ...figures, peakRendererMB, ...floor };
  } catch (error) {
    console.log(`failed: ${error}`);
    return { orders: FIVE_M, error: String(error), peakRendererMB: Math.round(await memory.stop()) };
  } finally {
    await memory.stop();
    await page.close();
  }
}
/** Issue 18 §5: filter changes, a cross-filter pick and the bar's value lists at 1M orders, on a fresh page. */
async function measureFilters() {
  const size = 1_000_000;
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('favicon') && console.error('[page]', m.text()));
  await page.goto(origin + '/');
  process.stdout.write('bench: filters at 1,000,000 orders … ');
  try {
    const customerId = JSON.parse(payload(size, 'columnar').toString('utf8')).customers.columns.id[0];
    // --profile: a CPU profile of the page's main thread over the step, its heaviest functions printed (why a task is long).
    const cdp = args.has('--profile') ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const loadBefore = os.loadavg()[0];
    const figures = await page.evaluate(({ orders, customerId }) => window.benchFilters(orders, customerId), { orders: size, customerId });
    // Two cores shared with other work: the load average says how much of a figure is waiting for a core.
    figures.loadAverage = { before: loadBefore, after: os.loadavg()[0], cpus: os.cpus().length };
    console.log('done');
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(resolve(out, 'filters.cpuprofile'), JSON.stringify(profile));
      const self = new Map();
      const dt = new Map();
      profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
      for (const node of profile.nodes) {
        const { functionName, url, lineNumber } = node.callFrame;
        const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
        self.set(name, (self.get(name) ?? 0) + (dt.get(node.id) ?? 0));
      }
      console.log(`  main thread, self time (profile in ${resolve(out, 'filters.cpuprofile')}):`);
      for (const [name, msSelf] of [...self].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${msSelf.toFixed(0).padStart(7)} ms  ${name}`);
    }
    return figures;
  } catch (error) {
    console.log(`failed: ${error}`);
    return { orders: size, error: String(error) };
  } finally {
    await page.close();
  }
}
try {
  for (const size of SIZES) {
    // A fresh page per size, so heap and IndexedDB start empty.
    const page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.text().startsWith('bench:')) && !m.text().includes('favicon') && console.error('[page]', m.text()));
    await page.goto(origin + '/');
    process.stdout.write(`bench: ${size.toLocaleString('en')} orders … `);
    const result = await page.evaluate((s) => window.runBench(s), size);
    process.stdout.write('metrics, peers; IndexedDB … ');
    result.storage = await page.evaluate(() => window.benchStorage());
    process.stdout.write('widgets … ');
    result.render = await page.evaluate((s) => window.benchRender(s), size);
    result.peakHeapMB = await page.evaluate(() => window.benchHeap());
    result.notes.push(...result.render.notes);
    console.log('done');
    results.push(result);
    await page.close();
  }
  if (ONLY_5M) fiveMillion = await measureFiveMillion();
  if (FILTERS) filters = await measureFilters();
  if (DEMO && !ONLY_5M) {
    process.stdout.write('bench: demo page, 1,000,000 orders, cold … ');
    try {
      demo = await measureDemo(browser, root, { log: (m) => process.stdout.write(`\n  ${m}\n  `) });
      console.log('done');
    } catch (error) {
      demo = { error: String(error) };
      console.log(`failed: ${error}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
} catch {
  // Not a git checkout: the report just has no commit.
}
const report = {
  date: new Date().toISOString(),
  commit,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.arch()}` },
  versions: { node: process.version, chromium: browserVersion, kit: await pkg('../'), arquero: await pkg('arquero'), duckdb: await pkg('@duckdb/duckdb-wasm'), lit: await pkg('lit'), zod: await pkg('zod') },
  sizes,
  targets: [],
  runs: results,
  demo,
};
// ---------------------------------------------------------------- ratios against peers in the same run, and the targets of issue 8
for (const run of results) {
  const t = run.timings;
  run.ratios = [
    ...run.comparisons.map((c) => ({ figure: c.task, peer: c.peer, kitMs: c.kitMs, peerMs: c.peerMs, ratio: c.ratio })),
    { figure: 'metrics, all four widgets', peer: 'floor pass (one pass per column)', kitMs: t['metrics: all four widgets'], peerMs: t['floor: one pass per column, same typed arrays'], ratio: t['ratio: metrics all four / floor pass'] },
    ...run.storage.ratios.map((r) => ({ figure: r.task.split(':')[0], peer: r.task.split('/ ')[1], kitMs: r.kitMs, peerMs: r.peerMs, ratio: r.ratio })),
    { figure: 'warm load to all four drawn', peer: 'cold load, same widgets and source (cache="none", columnar)', kitMs: run.render.warmAllMs, peerMs: run.render.coldAllColumnarMs, ratio: run.render.warmAllMs / run.render.coldAllColumnarMs },
  ];
}
const at1M = results.find((r) => r.orders === 1_000_000);
const target = (name, value, limit, unit = 'ms', extra = {}) => ({
  target: name,
  value: value ?? null,
  unit,
  limit,
  pass: value == null ? null : value <= limit,
  ...(value == null ? { note: extra.note ?? 'not measured in this run (1,000,000 orders runs without --quick)' } : {}),
  ...extra,
});
const arrowDuck = (r) => r.comparisons.find((c) => c.peer === 'DuckDB-WASM' && c.task.startsWith('cold from Arrow'));
const longest = (r, key) => r?.render.longestTaskMs?.[key];
const workerGzip = existsSync(resolve(root, 'dist/crm-widget-kit.worker.js')) ? gzipSync(await readFile(resolve(root, 'dist/crm-widget-kit.worker.js')), { level: 9 }).length / 1024 : null;
report.workerGzipKB = workerGzip;
const { measure } = await import(pathToFileURL(resolve(root, 'scripts/sizes.mjs')).href);
const kitSizes = measure();
report.kitSizes = kitSizes;
report.targets = [
  // Issue 12 (the query engine): cold loads end to end, default cache on, at 1M orders / 100k customers.
  target('cold load to all four drawn ≤ 0.8 s at 1M, Arrow (default cache)', at1M?.render.coldDefaultCacheMs.arrow, 800),
  target('cold load to all four drawn ≤ 1.5 s at 1M, columnar JSON (default cache)', at1M?.render.coldDefaultCacheMs.columnar, 1500),
  target('cold load to all four drawn ≤ 2.5 s at 1M, row JSON (default cache)', at1M?.render.coldDefaultCacheMs.rows, 2500),
  target('warm load (cached) to all four drawn ≤ 100 ms at 1M', at1M?.render.warmAllMs, 100),
  target('no main-thread task over 50 ms, cold load at 1M, Arrow', longest(at1M, 'coldArrow'), 50),
  target('no main-thread task over 50 ms, cold load at 1M, columnar JSON', longest(at1M, 'coldColumnar'), 50),
  target('no main-thread task over 50 ms, warm load at 1M', longest(at1M, 'warm'), 50),
  target('no main-thread task over 50 ms while 1M orders load (demo page, cold, columnar)', demo && !demo.error ? demo.longestTaskMs : null, 50, 'ms', demo?.error ? { note: `demo step failed: ${demo.error}` } : DEMO ? {} : { note: 'demo step not run (full run or --demo)' }),
  // Sizes as a page downloads the kit (scripts/sizes.mjs, the same measure as test/e2e/budgets.test.mjs).
  target('classic script and what it downloads before a page with every tag is drawn ≤ 40 KB gzip', kitSizes.classicBeforeDrawn / 1024, 40, 'KB gzip'),
  target('the classic script file itself ≤ 40 KB gzip', kitSizes.classicScript / 1024, 40, 'KB gzip'),
  ...Object.entries(kitSizes.elements).filter(([tag]) => tag !== 'crm-data-source').map(([tag, bytes]) => target(`${tag} alone ≤ 25 KB gzip`, bytes / 1024, 25, 'KB gzip')),
  target('worker chunk (goal ≤ 40 KB gzip)', kitSizes.worker / 1024, 40, 'KB gzip'),
  ...results.map((r) => {
    const worst = r.comparisons.filter((c) => c.peer === 'Arquero').reduce((a, c) => (c.ratio > a.ratio ? c : a), { ratio: 0 });
    return target(`≥ 5× faster than Arquero at ${r.orders.toLocaleString('en')} (worst aggregation: ${worst.task}; kit/Arquero ≤ 0.2)`, worst.ratio, 0.2, 'ratio');
  }),
  ...results.map((r) => target(`cold from Arrow ≥ 2× faster than DuckDB-WASM at ${r.orders.toLocaleString('en')} (kit/DuckDB ≤ 0.5)`, arrowDuck(r)?.ratio, 0.5, 'ratio', arrowDuck(r) ? {} : { note: 'DuckDB-WASM did not run' })),
  // Kept from issue 8: the metrics themselves.
  target('metrics, all four widgets ≤ 100 ms at 1M orders / 100k customers', at1M?.timings['metrics: all four widgets'], 100),
];
if (ONLY_5M || fiveMillion) {
  // The 5M step runs alone (npm run bench:5m): merged into the last full run's report.
  const previous = ONLY_5M && existsSync(resolve(root, 'bench/results.json')) ? JSON.parse(await readFile(resolve(root, 'bench/results.json'), 'utf8')) : null;
  if (previous) Object.assign(report, { ...previous, fiveMillion, fiveMillionDate: report.date });
  else report.fiveMillion = fiveMillion;
  report.targets = report.targets.filter((t) => !t.target.startsWith('5M orders'));
  report.targets.push(
    target('5M orders / 500k customers from Arrow: all four drawn ≤ 3 s', fiveMillion?.allDrawnMs, 3000, 'ms', fiveMillion?.error ? { note: fiveMillion.error } : {}),
    target('5M orders from Arrow: peak renderer memory ≤ 1.5 GB', fiveMillion?.peakRendererMB, 1536, 'MB'),
  );
}

if (FILTERS) {
  // Alone (--only-filters), the step is merged into the last full run's report.
  const previous = ONLY_FILTERS && existsSync(resolve(root, 'bench/results.json')) ? JSON.parse(await readFile(resolve(root, 'bench/results.json'), 'utf8')) : null;
  if (previous) Object.assign(report, { ...previous, filters, filtersDate: report.date, filtersCommit: commit });
  else report.filters = filters;
  const changes = Object.values(filters?.changes ?? {});
  const sourceChanges = Object.entries(filters?.changes ?? {}).filter(([label]) => label.startsWith('source filters'));
  const worst = (list, key) => (list.length ? Math.max(...list.map((c) => c[key])) : null);
  const note = filters?.error ? { note: filters.error } : {};
  report.targets = report.targets.filter((t) => !t.target.startsWith('filter change') && !t.target.startsWith('filter bar'));
  report.targets.push(
    target('filter change (source filters) re-answers all visible widgets ≤ 150 ms at 1M (worst kind, median)', worst(sourceChanges.map(([, c]) => c), 'medianMs'), 150, 'ms', note),
    target('filter change (cross-filter pick in the matrix) re-answers the others ≤ 150 ms at 1M (median)', filters?.changes?.['cross-filter pick: a matrix cell']?.medianMs, 150, 'ms', note),
    target('filter change: no main-thread task over 50 ms at 1M', worst(changes, 'longestTaskMs'), 50, 'ms', note),
    target('filter bar value lists ≤ 100 ms at 1M', filters?.valueListsMs, 100, 'ms', note),
  );
}

const reportFile = ONLY_SIZE ? resolve(out, `results-${ONLY_SIZE}.json`) : resolve(root, 'bench/results.json');
await writeFile(reportFile, JSON.stringify(report, null, 2) + '\n');

// ---------------------------------------------------------------- table
const ms = (v) => (v == null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const kb = (v) => (v / 1024).toFixed(1);
console.log('\nBundle sizes (esbuild --minify, gzip -9)');
for (const s of sizes) console.log(`  ${s.label.padEnd(44)} ${kb(s.minified).padStart(8)} KB min  ${kb(s.gzip).padStart(7)} KB gzip`);
for (const run of results) {
  console.log(`\n${run.orders.toLocaleString('en')} orders / ${run.customers.toLocaleString('en')} customers (ms unless noted)`);
  for (const [label, value] of Object.entries(run.timings)) console.log(`  ${label.padEnd(52)} ${ms(value).padStart(9)}`);
  for (const c of run.comparisons) {
    console.log(`  ${('vs ' + c.peer + ': ' + c.task).padEnd(52)} kit ${ms(c.kitMs)} / peer ${ms(c.peerMs)} = ${c.ratio == null ? '—' : c.ratio.toFixed(3)}  (${c.peerMs && c.kitMs ? (c.peerMs / c.kitMs).toFixed(1) + '× faster' : 'n/a'}) ${c.equal ? 'answers equal' : 'ANSWERS DIFFER'}`);
  }
  for (const [label, value] of Object.entries(run.storage.timings)) console.log(`  ${label.padEnd(52)} ${ms(value).padStart(9)}`);
  console.log(`  ${'  (dataset: kit counts MB / typed arrays MB / row objects)'.padEnd(52)} ${run.storage.datasetMB.toFixed(0)} MB / ${run.storage.typedArrayMB.toFixed(0)} MB / ${run.storage.rowObjects.toLocaleString('en')} rows`);
  for (const [label, value] of Object.entries(run.render.timings)) console.log(`  ${label.padEnd(52)} ${ms(value).padStart(9)}`);
  console.log('  ratios (kit / peer in this run; below 1 = kit faster)');
  for (const r of run.ratios) console.log(`    ${(r.figure + ' vs ' + r.peer).slice(0, 86).padEnd(86)} ${ms(r.kitMs).padStart(7)} / ${ms(r.peerMs).padStart(7)} = ${r.ratio == null ? '—' : r.ratio.toFixed(3)}`);
  console.log(`  peak JS heap (MB) by phase: ${Object.entries(run.peakHeapMB).map(([k, v]) => `${k} ${v}`).join('; ')}`);
  for (const note of run.notes) console.log(`  note: ${note}`);
}
if (demo) {
  console.log('\nDemo page /demo/?mode=large, cold (fresh context, empty IndexedDB), 1,000,000 orders');
  if (demo.error) console.log(`  error: ${demo.error}`);
  if (demo.allFourDrawnMs != null) {
    console.log(`  payload requested at ${ms(demo.payloadRequestStartMs)} ms, downloaded ${ms(demo.payloadDownloadedMs)} ms, crm-load ${ms(demo.crmLoadMs)} ms, all four drawn ${ms(demo.allFourDrawnMs)} ms (from navigation)`);
    console.log(`  long tasks: ${demo.tasksOver50} over 50 ms, ${demo.totalLongTaskMs} ms in total; longest ${ms(demo.longestTaskMs)} ms`);
    for (const t of demo.longTasks.slice(0, 6)) {
      console.log(`    ${ms(t.duration).padStart(6)} ms at ${ms(t.start)} ms — ${t.phase}${t.work.length ? ': ' + t.work.map((w) => `${w.name} ${ms(w.ms)}`).join(', ') : ''}`);
    }
  }
}
if (filters && !filters.error) {
  console.log('\nFilters at 1,000,000 orders (four widgets and a filter bar on one cross-filtered source; ms)');
  console.log(`  load average ${filters.loadAverage?.before.toFixed(1)} → ${filters.loadAverage?.after.toFixed(1)} on ${filters.loadAverage?.cpus} cores`);
  console.log(`  filter bar value lists ${ms(filters.valueListsMs)} (longest task ${ms(filters.valueListsLongestTaskMs)})`);
  for (const s of filters.slowScripts ?? []) console.log(`  long-frame script ${s.script}: ${s.ms} ms`);
  for (const [label, c] of Object.entries(filters.changes)) console.log(`  ${label.padEnd(52)} median ${ms(c.medianMs).padStart(6)}  max ${ms(c.maxMs).padStart(6)}  longest task ${ms(c.longestTaskMs).padStart(5)}  runs ${c.runs.join(', ')}`);
}
console.log('\nTargets (issue 12; metrics from issue 8)');
for (const t of report.targets) {
  const value = typeof t.value === 'number' ? `${t.unit === 'ratio' ? t.value.toFixed(3) : ms(t.value)} ${t.unit === 'ratio' ? '' : t.unit}` : (t.value ?? '—');
  const verdict = t.pass == null ? 'n/a ' : t.pass ? 'PASS' : 'MISS';
  const by = t.pass === false && typeof t.value === 'number' ? ` (${t.unit === 'ratio' ? `${(1 / t.value).toFixed(1)}× faster, needs ${(1 / t.limit).toFixed(0)}×` : `${(t.value / t.limit).toFixed(1)}× the limit`})` : '';
  console.log(`  ${verdict}  ${t.target.padEnd(100)} ${value}${by}${t.note ? `  [${t.note}]` : ''}`);
}
const differ = results.flatMap((r) => r.comparisons).filter((c) => !c.equal);
if (differ.length) {
  console.error(`\nbench: ${differ.length} peer answers differ from the kit's`);
  process.exitCode = 1;
}
console.log(`\nwrote ${reportFile}`);
