// The package as Node, a backend team and the registry meet it: entries import without a DOM, the
// CLI answers, the packed tarball holds only what users need, and publint and attw find nothing.
// Needs `npm run build` first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const example = resolve(root, 'docs/examples/contract-example.json');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const bin = (name) => resolve(root, 'node_modules/.bin', name);

/** Every import path the package offers: the exports map, with its wildcards spelled out. */
const WILDCARDS = {
  './elements/*': ['crm-customer-360', 'crm-data-source', 'crm-filter-bar', 'crm-lifecycle-funnel', 'crm-nps-gauge', 'crm-segment-matrix'],
  './locales/*': ['zh-CN', 'zh-TW'],
};
const subpaths = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.default)
  .flatMap(([path]) => (WILDCARDS[path] ? WILDCARDS[path].map((name) => path.replace('*', name)) : [path]));
const jsEntries = subpaths.map((path) => path.replace(/^\./, pkg.name));

let packed;
function packedFiles() {
  packed ??= JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString())[0];
  return packed.files.map((f) => f.path);
}

describe('package in Node', () => {
  it('imports every entry without touching a DOM global (server-side rendering)', () => {
    // A fresh Node process where each browser global Node lacks records who reads it while undefined.
    // Lit's Node build reads some to install its SSR shims (the \`customElements\` registry our modules
    // then define their tags in, as Lit SSR needs); the kit's own code must read none of them.
    const trap = `
      const reads = [];
      for (const name of ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB', 'HTMLElement', 'Element', 'Node', 'customElements', 'ResizeObserver', 'matchMedia', 'getComputedStyle', 'requestAnimationFrame', 'requestIdleCallback', 'self']) {
        if (name in globalThis) continue;
        let value;
        Object.defineProperty(globalThis, name, { configurable: true, get() { if (value === undefined) reads.push([name, new Error().stack]); return value; }, set(v) { value = v; } });
      }
      for (const entry of ${JSON.stringify(jsEntries)}) await import(entry);
      const ours = reads.filter(([, stack]) => stack.split('\\n').slice(2).some((line) => line.includes(${JSON.stringify(resolve(root, 'dist'))})) && !/node_modules\\/(lit|lit-html|lit-element|@lit|@lit-labs)\\//.test(stack.split('\\n')[2]));
      console.log(JSON.stringify(ours.map(([name, stack]) => name + ' ' + stack.split('\\n')[2].trim())));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', trap], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop()), []);
  });

  it('computes reports in Node from the metrics and sample entries', async () => {
    const metrics = await import(`${pkg.name}/metrics`);
    const { generateSample } = await import(`${pkg.name}/sample`);
    const report = metrics.reportFromPayload(generateSample({ seed: 1, customers: 50 }));
    assert.ok(report.nps.responses > 0);
    assert.equal(report.funnel.steps.length, 4);
  });

  it('validates and reports on "__proto__", "constructor" and "prototype" keys without touching Object.prototype (hardening #2)', async () => {
    const { validatePayload } = await import(`${pkg.name}/contract`);
    const metrics = await import(`${pkg.name}/metrics`);
    const before = Reflect.ownKeys(Object.prototype).map(String).sort().join();
    const rows = JSON.parse('{"schemaVersion":1,"asOf":"2026-10-31T23:59:59Z","customers":[{"id":"__proto__","name":"a","__proto__":"POLLUTED","constructor":"x","prototype":{"p":1}},{"id":"C2","name":"b"}],"orders":[{"id":"O1","customerId":"__proto__","date":"2026-01-01T00:00:00Z","amount":10}]}');
    const columns = JSON.parse('{"schemaVersion":1,"asOf":"2026-10-31T23:59:59Z","customers":{"columns":{"id":["C1"],"name":["a"],"__proto__":["P"],"constructor":[1]}}}');
    for (const payload of [rows, columns]) {
      const result = validatePayload(payload);
      assert.equal(result.ok, true);
      assert.equal(result.rejectedTotal, 0);
      assert.ok(Object.hasOwn(result.dataset.customers.extra, '__proto__'));
      const report = metrics.computeReport(result.dataset);
      assert.ok(Object.keys(report.health).length >= 1);
    }
    // The customer called "__proto__" is a key of the report like any other.
    assert.ok(Object.hasOwn(metrics.computeReport(validatePayload(rows).dataset).health, '__proto__'));
    assert.equal(Reflect.ownKeys(Object.prototype).map(String).sort().join(), before);
    assert.equal({}[0], undefined);
  });

  it('crm-widget-kit report prints the report JSON and validate exits 1 on rejected rows', () => {
    const report = JSON.parse(execFileSync(process.execPath, [resolve(root, 'dist/cli.js'), 'report', example, '--as-of', '2026-10-31T23:59:59Z']).toString());
    assert.deepEqual(Object.keys(report).sort(), ['absent', 'asOf', 'funnel', 'health', 'measured', 'nps', 'rfm', 'signals'].sort());
    assert.equal(report.nps.responses, 6);
    const ok = spawnSync(process.execPath, [resolve(root, 'dist/cli.js'), 'validate', example]);
    assert.equal(ok.status, 0, ok.stderr.toString());
    const bad = resolve(root, 'node_modules/.cache/bad-payload.json');
    execFileSync(process.execPath, ['-e', `const p=require(${JSON.stringify(example)});p.surveys[0].score=11;require('fs').mkdirSync(require('path').dirname(${JSON.stringify(bad)}),{recursive:true});require('fs').writeFileSync(${JSON.stringify(bad)},JSON.stringify(p))`]);
    const rejected = spawnSync(process.execPath, [resolve(root, 'dist/cli.js'), 'validate', bad]);
    assert.equal(rejected.status, 1);
    assert.match(rejected.stdout.toString(), /surveys\[0\]\.score: expected an integer from 0 to 10, received 11/);
  });
});

describe('published package', () => {
  it('npm pack ships dist, declarations, editor data, docs, README and LICENSE, and no source maps', () => {
    const files = packedFiles();
    const needed = ['README.md', 'LICENSE', 'package.json', 'docs/embedding.md', 'docs/contract.md', 'docs/metrics.md', 'docs/demo.png'];
    needed.push('dist/crm-widget-kit.js', 'dist/crm-widget-kit.worker.js', 'dist/bundle.js', 'dist/react.js', 'dist/metrics.js', 'dist/contract.schema.json');
    needed.push('dist/custom-elements.json', 'dist/vscode.html-custom-data.json', 'dist/web-types.json');
    needed.push('dist/types/index.d.ts', 'dist/types/react/index.d.ts', 'dist/types/vue.d.ts', 'dist/types/svelte.d.ts');
    needed.push('dist/theme.js', 'dist/themes/light.css', 'dist/themes/dark.css', 'dist/locales/zh-CN.js', 'dist/locales/zh-TW.js');
    for (const file of needed) assert.ok(files.includes(file), `${file} missing from the package`);
    assert.deepEqual(files.filter((f) => !/^(dist\/|docs\/|README\.md$|LICENSE$|package\.json$)/.test(f)), [], 'stray files');
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), [], 'source maps');
    // The worker decodes Arrow (flechette), the protocol schema ships, dist/cdn/ (the self-contained ES build, 0.5 MB),
    // and the sixth element (the filter bar) with filters in the protocol, manifest and editor data (+210 KB).
    // 3.71 MB on 2026-12-04 (query-src's stale-while-revalidate in both worker builds, the docs of it): 3.75 MB.
    assert.ok(packed.unpackedSize < 3_750_000, `unpacked ${packed.unpackedSize} bytes`);
  });

  it('every relative link of the README and the shipped docs points at a file in the package', () => {
    const files = new Set(packedFiles());
    for (const doc of ['README.md', ...[...files].filter((f) => /^docs\/.*\.md$/.test(f))]) {
      const text = readFileSync(resolve(root, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const path = resolve(root, dirname(doc), target).slice(root.length + 1);
        assert.ok(files.has(path) || [...files].some((f) => f.startsWith(`${path}/`)), `${doc} links to ${target}, which the package does not ship`);
      }
    }
  });

  it('has the metadata a registry page needs', () => {
    assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
    assert.match(pkg.homepage, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\/.*\/issues$/);
    assert.ok(pkg.keywords.length >= 5);
    assert.ok(pkg.description && pkg.license);
  });

  it('the React entry stays a client component for React Server Components hosts', () => {
    assert.match(readFileSync(resolve(root, 'dist/react.js'), 'utf8'), /^["']use client["'];/);
  });

  it('publint --strict finds nothing', () => {
    const run = spawnSync(bin('publint'), ['--strict'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /All good/);
  });

  it('are-the-types-wrong finds nothing in the ESM-only profile, element and locale entries included', () => {
    const wildcards = subpaths.filter((path) => !(path in pkg.exports));
    const run = spawnSync(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--include-entrypoints', ...wildcards, '--format', 'ascii'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /"crm-widget-kit\/elements\/crm-nps-gauge"/);
  });
});
