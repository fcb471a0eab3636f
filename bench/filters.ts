// Issue 18 §5 in the browser: the four widgets and a filter bar on one cross-filtered source at
// 1M orders. Times run from the change (the source's `filters` set, or a pick in a widget) until
// every widget has its answers drawn (`taskComplete`), with the longest main-thread task meanwhile
// (PerformanceObserver `longtask`, as the load steps measure it); and the filter bar's value lists.
import '../src/elements/crm-filter-bar/index.js';
import type { QueryFilters } from '../src/contract/query.js';
import { WIDGETS } from './ready.mjs';

const now = () => performance.now();
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? null;

interface Settling extends HTMLElement {
  taskComplete: Promise<void>;
  updateComplete: Promise<boolean>;
}
interface Source extends HTMLElement {
  filters: QueryFilters;
}

/** Every widget's answers drawn: taskComplete until it holds after an update (an answer may ask a follow-up, e.g. the previous period). */
async function settled(widgets: Settling[]): Promise<void> {
  for (let round = 0; round < 4; round++) {
    await Promise.all(widgets.map((el) => el.taskComplete));
    await Promise.all(widgets.map((el) => el.updateComplete));
    if (!widgets.some((el) => (el as unknown as { isUpdatePending: boolean }).isUpdatePending)) return;
  }
}

/**
 * One change: from `change()` until every widget is settled, with the longest main-thread task meanwhile.
 * `applied`: what to wait for before the widgets can know of the change (a pick reaches the source after the engine's answer).
 */
async function timeChange(widgets: Settling[], change: () => void, applied?: Promise<unknown>): Promise<{ ms: number; longestTaskMs: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  // Long animation frames name the scripts that made a long task: where to look when one is over 50 ms.
  const frames = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { scripts?: { invoker: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number }[] })[]) {
      for (const script of entry.scripts ?? []) if (script.duration > 30) slowScripts.push({ script: `${script.invoker} ${script.sourceFunctionName}`.trim(), ms: Math.round(script.duration), layoutMs: Math.round(script.forcedStyleAndLayoutDuration) });
    }
  });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) frames.observe({ type: 'long-animation-frame', buffered: false });
  const start = now();
  change();
  await applied;
  await settled(widgets);
  const ms = now() - start;
  await frame();
  for (const entry of observer.takeRecords()) tasks.push(entry.duration);
  observer.disconnect();
  frames.disconnect();
  return { ms, longestTaskMs: Math.max(0, ...tasks) };
}

/** Scripts over 30 ms inside long animation frames during the measured changes. */
const slowScripts: { script: string; ms: number; layoutMs: number }[] = [];

const summary = (runs: { ms: number; longestTaskMs: number }[]) => ({
  medianMs: median(runs.map((r) => r.ms)),
  maxMs: Math.max(...runs.map((r) => r.ms)),
  longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
  runs: runs.map((r) => Math.round(r.ms)),
});

export async function runFilters(orders: number, customerId: string, repeats = 5) {
  document.body.replaceChildren();
  const host = document.createElement('div');
  host.style.cssText = 'width:1200px;display:grid;grid-template-columns:1fr 1fr;gap:16px';
  document.body.append(host);
  const source = document.createElement('crm-data-source') as unknown as Source;
  source.id = 'bench-filters';
  source.setAttribute('src', `/data?size=${orders}&form=columnar&filters=1`);
  source.setAttribute('cache', 'none');
  source.setAttribute('cross-filter', '');
  const widgets = WIDGETS.map(({ tag }) => {
    const el = document.createElement(tag) as unknown as Settling;
    el.setAttribute('source', source.id);
    if (tag === 'crm-customer-360') el.setAttribute('customer-id', customerId);
    // The gauge over the last year, so a period filter and the previous period have surveys to count.
    if (tag === 'crm-nps-gauge') el.setAttribute('period', 'last-365d');
    return el;
  });
  host.append(source, ...widgets);
  await settled(widgets);

  // The bar's value lists: a bar appended to the loaded source asks the engine for every field's values.
  const bar = document.createElement('crm-filter-bar') as unknown as Settling;
  bar.setAttribute('source', source.id);
  const lists = await timeChange([bar], () => host.prepend(bar));
  const all = [...widgets, bar];
  await settled(all);

  // The values the data holds, as the bar lists them (distinct regions and owners).
  const fieldValues = (index: number) =>
    [...(bar.shadowRoot!.querySelectorAll<HTMLSelectElement>('[part~="field"] select')[index]?.options ?? [])].map((o) => o.value).filter(Boolean);
  const regions = fieldValues(0);
  const owners = fieldValues(1);
  if (!regions.length || !owners.length) throw new Error('filter bar: no region or owner values listed');

  // A new filter set each run (no answer reused): region; region + owner; a period; a period + region.
  const changes: [string, (i: number) => QueryFilters][] = [
    ['region', (i) => ({ customer: { region: [regions[i % regions.length]!] } })],
    ['region + owner', (i) => ({ customer: { region: [regions[i % regions.length]!], owner: [owners[i % owners.length]!] } })],
    ['last N days (with the previous period)', (i) => ({ time: { kind: 'last-days', days: 80 + i } })],
    ['last N days + region', (i) => ({ time: { kind: 'last-days', days: 200 + i }, customer: { region: [regions[(i + 1) % regions.length]!] } })],
  ];
  const figures: Record<string, ReturnType<typeof summary>> = {};
  for (const [label, make] of changes) {
    // One change of this kind first, unmeasured, so the worker's JIT has seen its code paths.
    await timeChange(all, () => (source.filters = make(repeats)));
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await timeChange(all, () => (source.filters = make(i))));
    figures[`source filters: ${label}`] = summary(runs);
  }

  // A cross-filter pick: a matrix cell clicked filters the gauge and the funnel (and the bar's chips) to its
  // customers; the source applies it when the matrix has the cell's members from the engine.
  source.filters = {};
  await settled(all);
  const matrix = widgets.find((el) => el.localName === 'crm-segment-matrix')!;
  const cells = [
    [5, 5], [4, 4], [3, 3], [2, 2], [1, 1], [5, 1], [1, 5], [4, 2], [2, 4], [3, 5], [5, 3],
  ] as const;
  const pickRuns = [];
  for (let i = 0; i <= Math.min(repeats, cells.length - 1); i++) {
    const [x, y] = cells[i]!;
    const cell = matrix.shadowRoot!.querySelector<HTMLElement>(`[part~="cell"][data-x="${x}"][data-y="${y}"]`);
    if (!cell) throw new Error('matrix: no cell to pick');
    const applied = new Promise((resolve) => source.addEventListener('crm-filter-change', resolve, { once: true }));
    const run = await timeChange(all, () => cell.click(), applied);
    // The first pick also fetches table-core (the drill-down's chunk): unmeasured, like the first change of each kind.
    if (i > 0) pickRuns.push(run);
  }
  figures['cross-filter pick: a matrix cell'] = summary(pickRuns);
  host.remove();
  const slowest = [...slowScripts].sort((a, b) => b.ms - a.ms).slice(0, 8);
  return { orders, repeats, slowScripts: slowest, valueListsMs: lists.ms, valueListsLongestTaskMs: lists.longestTaskMs, changes: figures };
}
