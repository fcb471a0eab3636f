#!/usr/bin/env node
// Prints the README's performance section from bench/results.json (`npm run bench` writes it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const results = JSON.parse(readFileSync(resolve(import.meta.dirname, '../bench/results.json'), 'utf8'));
const fmt = (t) =>
  typeof t.value !== 'number' ? (t.value ?? '—') : t.unit === 'ms' ? `${Math.round(t.value).toLocaleString('en')} ms` : t.unit === 'ratio' ? `${t.value.toFixed(2)} (${(1 / t.value).toFixed(1)}× faster)` : `${t.value.toFixed(1)} ${t.unit}`;
const limit = (t) => (t.limit == null ? '' : t.unit === 'ratio' ? `≤ ${t.limit}` : `≤ ${t.limit.toLocaleString('en')} ${t.unit}`);
const lines = [
  `Measured by \`npm run bench\` on ${results.machine.cpus} cores (${results.machine.cpuModel}), Chromium ${results.versions.chromium}, ${results.date.slice(0, 10)}, commit ${results.commit}. Every peer answer was checked equal to the kit's.${results.fiveMillion ? ` The 5M-order step (\`npm run bench:5m\`) ran ${results.fiveMillionDate?.slice(0, 10) ?? ''}.` : ''}${results.filters?.loadAverage ? ` The filter step (\`npm run bench:filters\`, issue 18) ran ${(results.filtersDate ?? results.date).slice(0, 10)} at commit ${results.filtersCommit ?? results.commit}, load average ${results.filters.loadAverage.before.toFixed(1)} on ${results.filters.loadAverage.cpus} shared cores: its times include waiting for a core.` : ''}${results.sizesDate ? ` Sizes were measured again ${results.sizesDate.slice(0, 10)} at commit ${results.sizesCommit} (\`npm run size -- --write-results\`: they depend on the build, not on the machine).` : ''}`,
  '',
  '| target (issue 12; metrics: issue 8) | measured | target | |',
  '| --- | --- | --- | --- |',
  ...results.targets.map((t) => `| ${t.target} | ${fmt(t)} | ${limit(t)} | ${t.pass == null ? 'not measured' : t.pass ? 'pass' : '**miss**'} |`),
];
console.log(lines.join('\n'));
