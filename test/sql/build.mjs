// Bundle the TypeScript sources the SQL tests need into one Node module (esbuild, as the CLI
// tests do); database drivers stay external.
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
// One bundle per checkout: worktrees that share node_modules would otherwise test each other's sources.
const out = resolve(root, `node_modules/.cache/sql-test/entry-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.mjs`);
mkdirSync(resolve(out, '..'), { recursive: true });
buildSync({
  entryPoints: [resolve(import.meta.dirname, 'entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  external: ['@duckdb/node-api', 'pg'],
  logLevel: 'warning',
});
export const sources = await import(pathToFileURL(out).href);

/** The dataset of a generated payload, validated as the engine would (a payload that is not a contract fails the test). */
export function datasetOf(payload) {
  const checked = sources.validatePayload(payload);
  if (!checked.ok) throw new Error(`a generated payload is not a contract: ${checked.error.message}`);
  return checked.dataset;
}
