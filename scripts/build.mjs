#!/usr/bin/env node
// Builds everything a user of the package gets, in order; any failing step fails the build.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
const bin = (name) => resolve(root, 'node_modules/.bin', name);

rmSync(resolve(root, 'dist'), { recursive: true, force: true });
mkdirSync(resolve(root, 'dist'));
for (const mode of ['es', 'cdn', 'bundle', 'worker', 'cli']) run(bin('vite'), ['build', '--mode', mode, '--logLevel', 'warn']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);

// JSON Schema comes from the zod schemas themselves, never written by hand.
const contract = await import(pathToFileURL(resolve(root, 'dist/contract.js')).href);
writeFileSync(resolve(root, 'dist/contract.schema.json'), JSON.stringify(contract.contractJsonSchema(), null, 2) + '\n');
writeFileSync(resolve(root, 'dist/query.schema.json'), JSON.stringify(contract.protocolJsonSchema(), null, 2) + '\n');

// Theme files come from the same token tables as the elements' built-in defaults.
const theme = await import(pathToFileURL(resolve(root, 'dist/theme.js')).href);
mkdirSync(resolve(root, 'dist/themes'));
for (const name of ['light', 'dark']) writeFileSync(resolve(root, `dist/themes/${name}.css`), theme.themeCss(name));

run(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs']);
run(process.execPath, [resolve(root, 'scripts/editor-data.mjs')]);
console.log('build: dist/ ready');
