/**
 * Validation (ingest) cost in Node on 1,000,000 orders / 100,000 customers / 500,000 interactions:
 * row JSON, columnar JSON with epoch dates, and the Arrow form (the columnar payload exported as
 * `crm-widget-kit export --format arrow` writes it). CPU time (`process.cpuUsage`, user + system:
 * the machine is shared, wall time is not), median of several runs. JSON payloads are parsed
 * from text once per form, as the worker would receive them; Arrow runs from the bytes.
 * One form per process (the heap a form leaves behind slows the next one's collections):
 *   npx esbuild bench/validate-node.ts --bundle --platform=node --format=esm --outfile=/tmp/validate-node.mjs
 *   for form in rows columnar arrow; do node --expose-gc --max-old-space-size=6000 /tmp/validate-node.mjs $form 7; done
 */
import { tableFromIPC } from '@uwdata/flechette';
import { validatePayload, type ValidationResult } from '../src/contract/index.js';
import { arrowFormOf, validateArrowPayload } from '../src/contract/arrow/index.js';
import { generateSample } from '../src/sample/index.js';

const only = process.argv[2] ?? 'all';
const repeats = Number(process.argv[3] ?? 7);
const sizes = { seed: 2026, orders: 1e6, customers: 1e5, interactions: 5e5 };
const gc = (globalThis as { gc?: () => void }).gc;

function cpuMs(run: () => unknown): number {
  gc?.();
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function measure(label: string, run: () => ValidationResult | void): void {
  const runs: number[] = [];
  let rejected = -1;
  for (let i = 0; i < repeats; i++) {
    runs.push(
      cpuMs(() => {
        const result = run();
        if (result && !result.ok) throw new Error(result.error.message);
        if (result) rejected = result.rejectedTotal;
      }),
    );
  }
  runs.sort((a, b) => a - b);
  const median = runs[repeats >> 1]!;
  const note = rejected >= 0 ? `; ${rejected} set aside` : '';
  console.log(`${label.padEnd(40)} ${median.toFixed(0).padStart(6)} ms CPU (median of ${repeats}; range ${runs[0]!.toFixed(0)}–${runs.at(-1)!.toFixed(0)})${note}`);
}

for (const form of ['rows', 'columnar'] as const) {
  if (only !== 'all' && only !== form) continue;
  const payload = JSON.parse(JSON.stringify(generateSample({ ...sizes, form, dates: 'epoch' })));
  measure(`validatePayload ${form}`, () => validatePayload(payload));
}

if (only === 'all' || only === 'arrow') measureArrow();

function measureArrow(): void {
  const columnar = validatePayload(generateSample({ ...sizes, form: 'columnar', dates: 'epoch' }));
  if (!columnar.ok) throw new Error(columnar.error.message);
  const { envelope, streams } = arrowFormOf(columnar.dataset);
  const megabytes = Object.values(streams).reduce((sum, bytes) => sum + bytes!.byteLength, 0) / 1e6;
  console.log(`Arrow form: ${megabytes.toFixed(1)} MB in ${Object.keys(streams).length} streams`);
  measure('validateArrowPayload', () => validateArrowPayload(envelope, streams));
  // For comparison: flechette's own decoding of the same streams, each dictionary entry by entry, before any check.
  measure('flechette tableFromIPC + toArray (no checks)', () => {
    for (const bytes of Object.values(streams)) for (const column of tableFromIPC(bytes!).children) column.toArray();
  });
}
