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
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'node_modules/.cache/bench');
await mkdir(out, { recursive: true });
const args = new Set(process.argv.slice(2));
const SIZES = args.has('--quick') ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
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

// Generate every payload before timing anything, so fetch times measure transfer only.
for (const size of SIZES) for (const form of ['rows', 'columnar']) payload(size, form);

// ---------------------------------------------------------------- the page
await build({
  entryPoints: [resolve(root, 'bench/browser.ts')],
  bundle: true,
  format: 'esm',
  outfile: resolve(out, 'browser.js'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
  sourcemap: false,
});
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (url.pathname === '/data') {
      const body = payload(Number(url.searchParams.get('size')), url.searchParams.get('form'));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
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

const executablePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const browserVersion = browser.version();
const results = [];
try {
  for (const size of SIZES) {
    // A fresh page per size, so heap and IndexedDB start empty.
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('favicon') && console.error('[page]', m.text()));
    await page.goto(origin + '/');
    process.stdout.write(`bench: ${size.toLocaleString('en')} orders … `);
    const result = await page.evaluate((s) => window.runBench(s), size);
    console.log('done');
    results.push(result);
    await page.close();
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
  runs: results,
};
await writeFile(resolve(root, 'bench/results.json'), JSON.stringify(report, null, 2) + '\n');

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
  if (run.peakHeapMB != null) console.log(`  peak JS heap: ${run.peakHeapMB.toFixed(0)} MB`);
  for (const note of run.notes) console.log(`  note: ${note}`);
}
const differ = results.flatMap((r) => r.comparisons).filter((c) => !c.equal);
if (differ.length) {
  console.error(`\nbench: ${differ.length} peer answers differ from the kit's`);
  process.exitCode = 1;
}
console.log(`\nwrote bench/results.json`);
