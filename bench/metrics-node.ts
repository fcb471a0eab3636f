/**
 * Metrics timings in Node on the issue-8 scale (1,000,000 orders, 100,000 customers), after ingest.
 * Arguments: customers orders interactions repeats (defaults 100000 1000000 orders/2 11), seed 2026.
 *   npx esbuild bench/metrics-node.ts --bundle --platform=node --format=esm --outfile=/tmp/metrics-node.mjs && node /tmp/metrics-node.mjs
 */
import { validatePayload } from '../src/contract/index.js';
import { computeFunnel, computeInsights, computeNps, computeRfm } from '../src/metrics/index.js';
import { generateSample } from '../src/sample/index.js';

const customers = Number(process.argv[2] ?? 100_000);
const orders = Number(process.argv[3] ?? 1_000_000);
const interactions = Number(process.argv[4] ?? orders / 2);
const repeats = Number(process.argv[5] ?? 11);
const validated = validatePayload(generateSample({ seed: 2026, customers, orders, interactions, form: 'columnar', dates: 'epoch' }));
if (!validated.ok) throw new Error(validated.error.message);
const dataset = validated.dataset;

function time(label: string, run: () => unknown): number {
  run();
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const median = runs[repeats >> 1]!;
  console.log(`${label.padEnd(28)} ${median.toFixed(1).padStart(7)} ms (median of ${repeats})`);
  return median;
}

console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${dataset.orders.length} orders, ${dataset.customerKeys.length} customers, ${dataset.surveys.length} surveys, ${dataset.interactions.length} interactions, ${dataset.stageEvents.length} stage events`);
// RFM and insights share one pass over the orders, remembered per dataset object. A shallow
// copy is a new object, so `cold` runs every function from scratch, as when called alone;
// `warm` runs on the same dataset again (insights right after RFM, as the dashboard does).
const cold = () => ({ ...dataset });
time('computeNps', () => computeNps(cold()));
time('computeFunnel', () => computeFunnel(cold()));
time('computeRfm (cold)', () => computeRfm(cold()));
time('computeInsights (cold)', () => computeInsights(cold()));
time('computeRfm (warm)', () => computeRfm(dataset));
time('computeInsights (warm)', () => computeInsights(dataset));
time('all four (kitAll)', () => {
  const d = cold();
  computeNps(d, { period: { kind: 'all' }, minResponses: 0, trend: 'none' });
  computeFunnel(d, {});
  computeRfm(d, {});
  computeInsights(d, {});
});
