// The host matrix (see README.md): each app installed from the packed kit, type-checked, checked to
// fail on its must-fail fixture, built and rendered in Chromium. Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { checkPage } from './check-page.mjs';

const root = resolve(import.meta.dirname, '../..');
// Hosts run outside the repository: inside it, Node and TypeScript would find the kit's own
// node_modules above each host (React types for the Vue host, and so on) and hide missing dependencies.
const cache = process.env.CRM_HOSTS_DIR ?? resolve(tmpdir(), 'crm-widget-kit-hosts');
const executablePath = chromiumPath();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1', CI: '1' };

/** `serve`: a static build folder to serve, or `start` to run the host's own server (Next.js). */
const HOSTS = {
  vue: { serve: 'dist' },
  react: { serve: 'dist' },
  svelte: { serve: 'dist' },
  next: {
    start: true,
    // customerId, set as a prop on a server-rendered card, applies after hydration.
    async more(page) {
      const card = page.locator('#fixed-customer');
      await card.locator('[part~="name"]').waitFor({ timeout: 10_000 });
      assert.equal(await card.evaluate((el) => el.customerId), 'C000001');
    },
  },
};

const { generateSample } = await import(pathToFileURL(resolve(root, 'dist/sample.js')).href);
const { reportFromPayload } = await import(pathToFileURL(resolve(root, 'dist/metrics.js')).href);
/** The sample every host page shows (README.md), and its score computed here in Node. */
const expectedScore = Math.round(reportFromPayload(generateSample({ seed: 11, customers: 80 })).nps.score * 10) / 10; // drawn to one decimal

const timings = {};
function run(command, args, cwd, { allowFailure = false } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const key = `${cwd.startsWith(cache) ? cwd.slice(cache.length + 1) : 'kit'}: ${[command, ...args].join(' ').replace(cache, '…')}`;
  timings[key] = Date.now() - started;
  const output = `${result.stdout}\n${result.stderr}`;
  if (!allowFailure) assert.equal(result.status, 0, `${key} failed:\n${output}`);
  return { status: result.status, output };
}

let tarball;
let browser;

before(async () => {
  // One pack of the build for every host; named by its content, so npm never mistakes a new build for
  // the one already installed.
  mkdirSync(cache, { recursive: true });
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', cache], root).output.trim().split('\n\n')[0]);
  const packed = resolve(cache, pack.filename);
  const digest = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 12);
  tarball = resolve(cache, `crm-widget-kit-${digest}.tgz`);
  copyFileSync(packed, tarball);
  for (const old of readdirSync(cache)) if (old.endsWith('.tgz') && resolve(cache, old) !== tarball) rmSync(resolve(cache, old));
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  console.log(`host matrix steps (ms):\n${Object.entries(timings).map(([k, ms]) => `  ${String(ms).padStart(6)}  ${k}`).join('\n')}\n  total ${total}`);
});

/** The host's files from test/hosts/<name>, beside the node_modules kept from the last run. */
function copyHost(source, dir) {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) if (entry !== 'node_modules') rmSync(resolve(dir, entry), { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !/\/(node_modules|dist|\.next)(\/|$)/.test(path.slice(source.length)) });
  for (let up = dirname(dir); up !== dirname(up); up = dirname(up)) assert.ok(!existsSync(resolve(up, 'node_modules')), `${up}/node_modules would leak into the ${dir} host`);
}

/**
 * The host's own dependencies from its lockfile (kept while the lockfile is unchanged), then the kit
 * from the tarball, as a user would add it.
 */
function install(dir) {
  const stampFile = resolve(dir, 'node_modules/.crm-host-stamp');
  const stamp = createHash('sha256').update(readFileSync(resolve(dir, 'package.json'))).update(readFileSync(resolve(dir, 'package-lock.json'))).digest('hex');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
    writeFileSync(stampFile, stamp);
  }
  rmSync(resolve(dir, 'node_modules/crm-widget-kit'), { recursive: true, force: true });
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], dir);
  const installed = JSON.parse(readFileSync(resolve(dir, 'node_modules/crm-widget-kit/package.json'), 'utf8'));
  assert.equal(installed.name, 'crm-widget-kit');
}

/** Lines marked `must fail` announce an error on the next line; the checker must report each one. */
function expectedFailures(dir) {
  const expected = [];
  const folder = resolve(dir, 'must-fail');
  for (const file of readdirSync(folder).filter((f) => !f.endsWith('.json'))) {
    readFileSync(resolve(folder, file), 'utf8')
      .split('\n')
      .forEach((line, i) => line.includes('must fail') && expected.push({ file, line: i + 2, why: line.trim() }));
  }
  return expected;
}

/**
 * Errors and warnings as `file(12,5): error …` (tsc, vue-tsc) or `ERROR "file" 12:5 …` / `WARNING …`
 * (svelte-check machine output), with 1-based lines.
 */
function reportedProblems(output) {
  const problems = [];
  for (const match of output.matchAll(/([\w./-]+)\((\d+),\d+\): error .*/g)) problems.push({ path: match[1], line: Number(match[2]), text: match[0] });
  for (const match of output.matchAll(/(?:ERROR|WARNING) "([^"]+)" (\d+):\d+ .*/g)) problems.push({ path: match[1], line: Number(match[2]), text: match[0] });
  return problems.map((p) => ({ ...p, file: p.path.split('/').pop(), inFixture: /(^|\/)must-fail\//.test(p.path) }));
}

async function serveStatic(dir) {
  const server = createServer((request, response) => {
    let file = resolve(dir, `.${decodeURIComponent(new URL(request.url, 'http://x').pathname)}`);
    if (!file.startsWith(dir)) return response.writeHead(403).end();
    if (!existsSync(file) || file === dir) file = resolve(dir, 'index.html');
    if (!existsSync(file)) return response.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type });
    response.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() };
}

async function startServer(dir) {
  const port = 5100 + (process.pid % 400);
  const child = spawn('npm', ['run', 'start', '--', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return { url, log: () => log, stop: () => process.kill(-child.pid) };
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  process.kill(-child.pid);
  throw new Error(`${dir}: server did not start:\n${log}`);
}

for (const [name, host] of Object.entries(HOSTS)) {
  const dir = resolve(cache, name);
  describe(`${name} host`, () => {
    it('installs the packed kit', () => {
      copyHost(resolve(import.meta.dirname, name), dir);
      install(dir);
    });

    // One checker run over the app and must-fail/ together (half the time of two): the app must be clean,
    // and every line marked in the fixture must be reported.
    let check;
    it('type-checks the app strictly, without any other framework installed', () => {
      for (const other of Object.keys(HOSTS).filter((n) => n !== name && !(name === 'next' && n === 'react'))) {
        assert.ok(!existsSync(resolve(dir, 'node_modules', other)), `${other} is installed in the ${name} host`);
      }
      check = run('npm', ['run', '--silent', 'typecheck:must-fail'], dir, { allowFailure: true });
      const inApp = reportedProblems(check.output).filter((p) => !p.inFixture);
      assert.deepEqual(inApp.map((p) => p.text), [], 'the app itself has type errors');
      assert.match(check.output, /MustFail/, 'the checker read the fixture');
    });

    it('fails its type check on every line of the must-fail fixture', () => {
      assert.ok(check, 'the type check ran');
      assert.notEqual(check.status, 0, `the must-fail fixture type-checked:\n${check.output}`);
      const reported = reportedProblems(check.output).filter((p) => p.inFixture);
      for (const { file, line, why } of expectedFailures(dir)) {
        assert.ok(reported.some((e) => e.file === file && e.line === line), `${file}:${line} (${why}) reported no error:\n${check.output}`);
      }
    });

    it('builds and renders in Chromium: numbers, data as a property, crm-select, follow-selection, clean console', async () => {
      run('npm', ['run', '--silent', 'build'], dir);
      const server = host.start ? await startServer(dir) : await serveStatic(resolve(dir, host.serve));
      try {
        if (name === 'next') {
          // Server-rendered HTML: element properties are not serialized into attributes.
          const html = await (await fetch(server.url)).text();
          assert.match(html, /<crm-customer-360[\s>]/);
          assert.doesNotMatch(html, /customerid=|followselection=|data="\[object/i);
        }
        await checkPage(browser, server.url, { expectedScore, more: host.more });
      } finally {
        server.stop();
      }
    });
  });
}
