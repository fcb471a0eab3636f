/**
 * Filter changes at the issue-18 scale (1,000,000 orders, 100,000 customers): the time the engine
 * (`answerQuery`, the code the worker runs) takes to answer the visible widgets again — NPS gauge,
 * funnel and segment matrix — after a filter changes, and the filter bar's value lists.
 * Arguments: customers orders repeats (defaults 100000 1000000 7), seed 2026.
 *   npx esbuild bench/filters-node.ts --bundle --platform=node --format=esm --outfile=/tmp/filters-node.mjs && node /tmp/filters-node.mjs
 */
import { validatePayload, type QueryFilters } from '../src/contract/index.js';
import { answerQuery } from '../src/data/engine/answer-query.js';
import { distinctValues } from '../src/metrics/index.js';
import { generateSample } from '../src/sample/index.js';

const customers = Number(process.argv[2] ?? 100_000);
const orders = Number(process.argv[3] ?? 1_000_000);
const repeats = Number(process.argv[4] ?? 7);
const validated = validatePayload(generateSample({ seed: 2026, customers, orders, interactions: orders / 2, form: 'columnar', dates: 'epoch' }));
if (!validated.ok) throw new Error(validated.error.message);
const dataset = validated.dataset;

const widgetQueries = (filters: QueryFilters | undefined) => [
  { metric: 'nps', options: { period: { kind: 'last-days', days: 365 }, minResponses: 30 }, filters },
  { metric: 'funnel', options: {}, filters },
  { metric: 'rfm-grid', options: { x: 'r', y: 'f' }, filters },
];
const answerAll = (filters: QueryFilters | undefined) => {
  for (const query of widgetQueries(filters)) answerQuery(dataset, query);
};

const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[runs.length >> 1]!;
/**
 * Wall time and this process's CPU time: on a machine shared with other jobs the wall time
 * includes waiting for a core, the CPU time is the work itself.
 */
function measure(run: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
function report(label: string, runs: { wall: number; cpu: number }[]): void {
  const wall = runs.map((r) => r.wall);
  const cpu = runs.map((r) => r.cpu);
  console.log(`${label.padEnd(40)} wall ${median(wall).toFixed(1).padStart(6)} ms median (max ${Math.max(...wall).toFixed(0)}), cpu ${median(cpu).toFixed(1).padStart(6)} ms median (${runs.length} runs)`);
}

console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${dataset.orders.length} orders, ${dataset.customerKeys.length} customers, ${dataset.surveys.length} surveys, ${dataset.stageEvents.length} stage events`);

// The dashboard as it stands before any filter: unfiltered answers computed (the shared order pass warm).
answerAll(undefined);

const [regions, owners] = distinctValues(dataset, ['region', 'owner']).map((f) => f.values.map((v) => v.value));
const DAY = 86_400_000;
/** A new filter set per run, so no filtered view or memo is reused: each run is a change the user makes. */
const kinds: [string, (i: number) => QueryFilters][] = [
  ['region', (i) => ({ customer: { region: [regions![i % regions!.length]!] } })],
  ['region + owner', (i) => ({ customer: { region: [regions![i % regions!.length]!], owner: [owners![i % owners!.length]!] } })],
  ['last N days', (i) => ({ time: { kind: 'last-days', days: 80 + i } })],
  ['range + region', (i) => ({ time: { kind: 'range', from: dataset.asOf - (200 + i) * DAY, to: dataset.asOf - 20 * DAY }, customer: { region: [regions![i % regions!.length]!] } })],
  ['stage (funnel pick)', (i) => ({ stage: [dataset.stages[i % dataset.stages.length]!.key], customer: { owner: [owners![i % owners!.length]!] } })],
  ['segment (ranked among the others)', (i) => ({ segment: ['champions', 'loyal', 'at_risk'].slice(0, 1 + (i % 3)) as QueryFilters['segment'], customer: { region: [regions![(i + 1) % regions!.length]!] } })],
  ['NPS category (gauge pick)', (i) => ({ nps: [(['promoter', 'passive', 'detractor'] as const)[i % 3]!], time: { kind: 'last-days', days: 300 + i } })],
];
for (const [label, make] of kinds) {
  // One change of this kind first, unmeasured, so the JIT has seen its code paths.
  answerAll(make(repeats));
  const runs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < repeats; i++) {
    const filters = make(i);
    runs.push(measure(() => answerAll(filters)));
  }
  report(`filter change: ${label}`, runs);
}

// The bar's value lists on a dataset the engine has not listed yet (a fresh object: nothing remembered).
const fields = ['region', 'owner', 'segment', 'lifecycleStage', 'company'];
const lists: { wall: number; cpu: number }[] = [];
for (let i = 0; i < repeats; i++) {
  const fresh = { ...dataset };
  lists.push(measure(() => answerQuery(fresh, { metric: 'values', options: { fields } })));
}
report(`value lists (${fields.length} fields)`, lists);
