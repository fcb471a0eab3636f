// The package as Node and a backend team meet it: entries import without a DOM, the CLI
// answers, and the packed tarball holds only what users need. Needs `npm run build` first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const example = resolve(root, 'docs/examples/contract-example.json');

describe('package in Node', () => {
  it('imports every entry without window or document (server-side rendering)', async () => {
    assert.equal(typeof globalThis.window, 'undefined');
    const entries = ['index.js', 'contract.js', 'metrics.js', 'data.js', 'sample.js', 'theme.js', 'locales/zh-TW.js', ...readdirSync(resolve(root, 'dist/elements')).filter((f) => f.endsWith('.js')).map((f) => `elements/${f}`)];
    for (const entry of entries) await import(pathToFileURL(resolve(root, 'dist', entry)).href);
    const metrics = await import(pathToFileURL(resolve(root, 'dist/metrics.js')).href);
    const { generateSample } = await import(pathToFileURL(resolve(root, 'dist/sample.js')).href);
    const report = metrics.reportFromPayload(generateSample({ seed: 1, customers: 50 }));
    assert.ok(report.nps.responses > 0);
    assert.equal(report.funnel.steps.length, 4);
  });

  it('validates and reports on "__proto__", "constructor" and "prototype" keys without touching Object.prototype (hardening #2)', async () => {
    const { validatePayload } = await import(pathToFileURL(resolve(root, 'dist/contract.js')).href);
    const metrics = await import(pathToFileURL(resolve(root, 'dist/metrics.js')).href);
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

  it('npm pack ships dist, declarations, manifest, JSON Schema, README and LICENSE only', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    const files = pack.files.map((f) => f.path);
    for (const needed of ['README.md', 'LICENSE', 'package.json', 'dist/crm-widget-kit.js', 'dist/crm-widget-kit.worker.js', 'dist/contract.schema.json', 'dist/custom-elements.json', 'dist/vscode.html-custom-data.json', 'dist/types/index.d.ts', 'dist/types/frameworks.d.ts', 'dist/metrics.js', 'dist/themes/light.css', 'dist/themes/dark.css', 'dist/locales/zh-TW.js']) {
      assert.ok(files.includes(needed), `${needed} missing from the package`);
    }
    const stray = files.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f));
    assert.deepEqual(stray, []);
  });
});
