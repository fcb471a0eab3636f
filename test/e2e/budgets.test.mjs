// Size budgets over the built dist/ (needs `npm run build`), gzip -9, measured as a page downloads the
// kit (scripts/sizes.mjs): a budget a change exceeds fails `npm test`, so later work cannot spend
// the bytes unnoticed. Lower a ceiling when you save bytes; never raise one without saying why in the commit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ELEMENTS, dist, gzipBytes, importsOf, measure, staticClosure } from '../../scripts/sizes.mjs';

const KB = 1024;
const sizes = measure();
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/**
 * Ceilings: what was reached, with a little headroom. The issue's targets are 40 KB for the classic script with
 * what it downloads before anything is drawn, 25 KB for each element alone and a 40 KB goal for the worker; the
 * classic file meets its own, the first downloads do not yet. Measured 2026-12-02 after the self-contained build
 * was minified whole and d3-shape's unused curves dropped: all tags 86.2 KB, elements 40.1–47.7 KB (mostly the
 * elements' own code, the en + zh-CN words, styles and lit), the worker 53.3 KB (flechette, zod, the validator,
 * the metrics and the checks of remote answers), the page engine chunk 52.0 KB. Each commit that lowers a figure
 * says so in its message; git log -p of this file is the history.
 */
const BUDGET = {
  classicScript: 40 * KB,
  classicBeforeDrawn: 87 * KB,
  element: { 'crm-data-source': 17 * KB, 'crm-nps-gauge': 46 * KB, 'crm-lifecycle-funnel': 40.5 * KB, 'crm-segment-matrix': 48 * KB, 'crm-customer-360': 44 * KB },
  worker: 54 * KB,
  laterChunk: 53 * KB,
};

describe('size budgets (gzip -9 over dist/)', () => {
  it(`the classic script dist/crm-widget-kit.js ≤ ${kb(BUDGET.classicScript)}`, () => {
    assert.ok(sizes.classicScript <= BUDGET.classicScript, `crm-widget-kit.js is ${kb(sizes.classicScript)}`);
  });

  it(`the classic script and what it downloads before a page with every tag is drawn ≤ ${kb(BUDGET.classicBeforeDrawn)}`, () => {
    const detail = sizes.beforeDrawnFiles.map((f) => `${f} ${kb(gzipBytes(resolve(dist, f)))}`).join(', ');
    assert.ok(sizes.classicBeforeDrawn <= BUDGET.classicBeforeDrawn, `${kb(sizes.classicBeforeDrawn)}: ${detail}`);
  });

  for (const tag of ELEMENTS) {
    it(`${tag} alone (cdn/elements/${tag}.js and its static imports) ≤ ${kb(BUDGET.element[tag])}`, () => {
      assert.ok(sizes.elements[tag] <= BUDGET.element[tag], `${tag} alone is ${kb(sizes.elements[tag])}`);
    });
  }

  it(`the worker dist/crm-widget-kit.worker.js ≤ ${kb(BUDGET.worker)}`, () => {
    assert.ok(sizes.worker <= BUDGET.worker, `the worker is ${kb(sizes.worker)}`);
  });

  it(`each chunk loaded later (table-core, zh-TW, the page engine) ≤ ${kb(BUDGET.laterChunk)}`, () => {
    const names = sizes.later.map((l) => l.entry).join(' ');
    for (const part of ['table-core', 'zh-TW', 'engine']) assert.match(names, new RegExp(part), `no lazily loaded ${part} chunk`);
    for (const later of sizes.later) assert.ok(later.gzip <= BUDGET.laterChunk, `${later.entry} is ${kb(later.gzip)}`);
  });

  it('d3-shape brings only what is drawn: no curve presets beside the arc and line', () => {
    // Without pure marks on d3-shape's top-level calls (vite.config.ts) every curve and symbol came along (≈ 4 KB gzip).
    for (const file of sizes.beforeDrawnFiles) assert.doesNotMatch(readFileSync(resolve(dist, file), 'utf8'), /this\._(alpha|basis|beta)\b/, `${file} carries d3-shape curves`);
  });

  it('what is loaded later stays out of the first download: no table-core, zod, validator, metrics or engine before drawn', () => {
    for (const file of sizes.beforeDrawnFiles) {
      assert.doesNotMatch(file, /chunks\/(table-core|validate|metrics|engine|zh-TW)-/, `${file} is downloaded before anything is drawn`);
      // table-core's row model, zod's internals: their code, whatever chunk it would land in.
      assert.doesNotMatch(readFileSync(resolve(dist, file), 'utf8'), /_getAllFlatColumnsById|_zod/, `${file} carries code meant to load later`);
    }
  });
});

describe('the self-contained ES build (dist/cdn/)', () => {
  const files = readdirSync(resolve(dist, 'cdn'), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => resolve(dist, 'cdn', f));

  it('has no bare imports: every import is a relative path, so it loads from any host without an import map', () => {
    assert.ok(files.length > 5);
    for (const file of files) {
      // A specifier has no spaces, tags, braces, commas or quotes: text such as a template's `from")}</span>` or a
      // message key's `"migration.from":`Then`` (a keyword after a dot) is not one. The minifier may quote a specifier with backticks.
      const code = readFileSync(file, 'utf8');
      const specifiers = [...code.matchAll(/(?<![\w$.])(?:from|import)\s*\(?\s*["'`]([^"'`\s<>{}(),]+)["'`]/g)].map((m) => m[1]);
      for (const specifier of specifiers) assert.match(specifier, /^\.{1,2}\//, `${file} imports "${specifier}"`);
    }
  });

  it('every file parses as a module (the minifier once joined `1 / /* mark */` into a line comment)', () => {
    for (const file of files) {
      const check = spawnSync(process.execPath, ['--experimental-default-type=module', '--check', file], { encoding: 'utf8' });
      assert.equal(check.status, 0, `${file}: ${check.stderr.split('\n').slice(0, 5).join('\n')}`);
    }
  });

  it('every relative import names a file of the build', () => {
    for (const file of files) for (const target of [...importsOf(file).fixed, ...importsOf(file).lazy]) assert.ok(staticClosure([target]).size > 0 && readFileSync(target), `${file} → ${target}`);
  });
});
