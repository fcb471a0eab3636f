/**
 * Validation (ingest) cost in Node on 1,000,000 orders / 100,000 customers / 500,000 interactions,
 * row JSON and columnar JSON with epoch dates, as CPU time (`process.cpuUsage`, user + system:
 * the machine is shared, wall time is not), median of several runs. The payload is parsed from
 * JSON text once per form, as the worker would receive it.
 *   npx esbuild bench/validate-node.ts --bundle --platform=node --format=esm --outfile=/tmp/validate-node.mjs && node --expose-gc /tmp/validate-node.mjs [repeats]
 */
import { validatePayload } from '../src/contract/index.js';
import { generateSample } from '../src/sample/index.js';

const repeats = Number(process.argv[2] ?? 7);
const sizes = { seed: 2026, orders: 1e6, customers: 1e5, interactions: 5e5 };
const gc = (globalThis as { gc?: () => void }).gc;

function cpuMs(run: () => unknown): number {
  gc?.();
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

for (const form of ['rows', 'columnar'] as const) {
  const payload = JSON.parse(JSON.stringify(generateSample({ ...sizes, form, dates: 'epoch' })));
  const runs: number[] = [];
  let rejected = -1;
  for (let i = 0; i < repeats; i++) {
    runs.push(
      cpuMs(() => {
        const result = validatePayload(payload);
        if (!result.ok) throw new Error(result.error.message);
        rejected = result.rejectedTotal;
      }),
    );
  }
  runs.sort((a, b) => a - b);
  const median = runs[repeats >> 1]!;
  console.log(`validatePayload ${form.padEnd(8)} ${median.toFixed(0).padStart(6)} ms CPU (median of ${repeats}; range ${runs[0]!.toFixed(0)}–${runs.at(-1)!.toFixed(0)}); ${rejected} set aside`);
}
