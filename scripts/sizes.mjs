#!/usr/bin/env node
// What a page downloads, measured over the built dist/ (gzip -9): the classic script and what it
// loads before anything is drawn, each element alone, the chunks loaded later, and the worker.
// `node scripts/sizes.mjs` prints the table; test/e2e/budgets.test.mjs holds the budgets.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
export const dist = resolve(root, 'dist');
const cdn = resolve(dist, 'cdn');
export const ELEMENTS = ['crm-data-source', 'crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'];

const gzipCache = new Map();
/** gzip -9 size of one file of dist/. */
export function gzipBytes(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gzipCache.get(file);
}

/** Relative imports of a built ES file: static (`import … from "./x.js"`, `import "./x.js"`) and dynamic (`import("./x.js")`). */
export function importsOf(file) {
  const code = readFileSync(file, 'utf8');
  const at = (specifier) => resolve(dirname(file), specifier);
  // The minifier may quote a specifier with backticks.
  const fixed = [...code.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => at(m[1]));
  const lazy = [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => at(m[1]));
  return { fixed, lazy };
}

/** The files a module needs before it runs: itself and its static imports, transitively. */
export function staticClosure(files, seen = new Set()) {
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    staticClosure(importsOf(file).fixed, seen);
  }
  return seen;
}

/** Chunks the given files may load later (dynamic imports), not already among them. */
export function laterChunks(files) {
  const later = new Map();
  for (const file of files)
    for (const entry of importsOf(file).lazy) {
      const extra = [...staticClosure([entry])].filter((f) => !files.has(f));
      if (extra.length) later.set(entry, extra);
    }
  return later;
}

const sum = (files) => [...files].reduce((total, f) => total + gzipBytes(f), 0);
const name = (file) => relative(dist, file);

export function measure() {
  const loader = resolve(cdn, 'crm-widget-kit.loader.js');
  const classic = resolve(dist, 'crm-widget-kit.js');
  const elementEntry = (tag) => resolve(cdn, 'chunks', readFileSync(resolve(cdn, 'elements', `${tag}.js`), 'utf8').match(/["']\.\.\/chunks\/([^"']+)["']/)[1]);
  // A page with every widget: the classic script, the loader and every element's chunk with its imports.
  const beforeDrawn = staticClosure([loader, ...ELEMENTS.map(elementEntry)]);
  const elements = Object.fromEntries(ELEMENTS.map((tag) => [tag, sum(staticClosure([resolve(cdn, 'elements', `${tag}.js`)]))]));
  const later = [...laterChunks(beforeDrawn)].map(([entry, files]) => ({ entry: name(entry), files: files.map(name), gzip: sum(files) }));
  return {
    classicScript: gzipBytes(classic),
    classicBeforeDrawn: gzipBytes(classic) + sum(beforeDrawn),
    beforeDrawnFiles: [name(classic), ...[...beforeDrawn].map(name)],
    loader: sum(staticClosure([loader])),
    elements,
    later,
    worker: gzipBytes(resolve(dist, 'crm-widget-kit.worker.js')),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measure();
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`classic script (dist/crm-widget-kit.js)            ${kb(m.classicScript)}`);
  console.log(`  + loader and all five elements, before drawn     ${kb(m.classicBeforeDrawn)}`);
  for (const f of m.beforeDrawnFiles) console.log(`      ${f.padEnd(44)} ${kb(gzipBytes(resolve(dist, f)))}`);
  console.log(`loader alone (cdn/crm-widget-kit.loader.js)        ${kb(m.loader)}`);
  for (const [tag, bytes] of Object.entries(m.elements)) console.log(`element alone: ${tag.padEnd(36)} ${kb(bytes)}`);
  for (const l of m.later) console.log(`later: ${l.entry.padEnd(44)} ${kb(l.gzip)}  (${l.files.length} files)`);
  console.log(`worker (crm-widget-kit.worker.js)                  ${kb(m.worker)}`);
  if (process.argv.includes('--write-results')) writeSizeTargets(m);
}

/**
 * `--write-results`: sizes depend on the build alone, not on the machine's load, so they may be
 * refreshed in bench/results.json without a full `npm run bench`; the report says when and at
 * which commit (scripts/perf-table.mjs prints it).
 */
function writeSizeTargets(m) {
  const file = resolve(root, 'bench/results.json');
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const value = { classic: m.classicBeforeDrawn / 1024, file: m.classicScript / 1024, worker: m.worker / 1024 };
  for (const t of report.targets) {
    if (t.target.startsWith('classic script and what it downloads')) t.value = value.classic;
    else if (t.target.startsWith('the classic script file itself')) t.value = value.file;
    else if (t.target.startsWith('worker chunk')) t.value = value.worker;
    else {
      const tag = Object.keys(m.elements).find((name) => t.target.startsWith(`${name} alone`));
      if (!tag) continue;
      t.value = m.elements[tag] / 1024;
    }
    t.pass = t.value <= t.limit;
  }
  report.kitSizes = m;
  report.workerGzipKB = value.worker;
  report.sizesDate = new Date().toISOString();
  try {
    report.sizesCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    // Not a git checkout: no commit named.
  }
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
