#!/usr/bin/env node
// What each module costs, gzip: `node scripts/module-costs.mjs [entry.ts …]`. Bundles the entries with
// esbuild (minified, code-split at dynamic imports, as the browser build splits), then lists the
// gzip size of what an entry downloads before it runs (its static imports) and of each chunk it
// loads later, and inside those, each module's share (its minified bytes × the chunk's gzip ratio).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const entries = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const byFile = process.argv.includes('--files');
const result = await build({
  entryPoints: entries.length ? entries : ['src/bundle.ts'],
  absWorkingDir: root,
  bundle: true,
  minify: true,
  splitting: true,
  format: 'esm',
  outdir: '/virtual',
  write: false,
  metafile: true,
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const code = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
const outputs = result.metafile.outputs;
const gz = (path) => gzipSync(code.get(resolve(root, path)) ?? code.get(path), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(6);

function staticClosure(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  for (const i of outputs[path].imports) if (i.kind === 'import-statement') staticClosure(i.path, seen);
  return seen;
}
function modules(paths) {
  const groups = {};
  for (const path of paths) {
    const ratio = gz(path) / Math.max(1, outputs[path].bytes);
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      let group = input.replace(/^node_modules\/(@[^/]+\/[^/]+|[^/]+).*/, '$1');
      if (group === input && !byFile) group = input.split('/').slice(0, 3).join('/');
      groups[group] = (groups[group] ?? 0) + bytesInOutput * ratio;
    }
  }
  return Object.entries(groups).sort((a, b) => b[1] - a[1]);
}
for (const [path, output] of Object.entries(outputs)) {
  if (!output.entryPoint || path.endsWith('.map')) continue;
  const first = staticClosure(path);
  const total = [...first].reduce((sum, p) => sum + gz(p), 0);
  console.log(`\n${output.entryPoint}: ${kb(total)} KB gzip before it runs (${first.size} files)`);
  for (const [group, bytes] of modules(first).slice(0, 30)) console.log(`    ${group.padEnd(56)} ${kb(bytes)} KB`);
  const later = new Set();
  for (const p of first) for (const i of outputs[p].imports) if (i.kind === 'dynamic-import') for (const q of staticClosure(i.path)) if (!first.has(q)) later.add(q);
  for (const p of later) {
    const names = modules([p]).slice(0, 3).map(([g, b]) => `${g} ${kb(b).trim()}`).join(', ');
    console.log(`  later: ${kb(gz(p))} KB gzip  ${names}`);
  }
}
