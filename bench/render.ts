// First render of each widget, cold and from the IndexedDB cache, and the warm load of all four
// on one shared source. Times run from appending the elements to the moment the widget's ready
// content (its score, step count, cell count or health score) is in its shadow root.
import '../src/elements/crm-data-source/index.js';
import '../src/elements/crm-nps-gauge/index.js';
import '../src/elements/crm-lifecycle-funnel/index.js';
import '../src/elements/crm-segment-matrix/index.js';
import '../src/elements/crm-customer-360/index.js';
import type { Dataset } from '../src/contract/index.js';
import { cacheKey, cacheStore, clearCache, configureCache } from '../src/data/cache.js';
import { DEFAULT_BUDGET_BYTES } from '../src/data/cache-store.js';
import { forgetLoadedSources, type DataSource } from '../src/data/data-source.js';
import { WIDGETS } from './ready.mjs';

const now = () => performance.now();
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

type Tag = (typeof WIDGETS)[number]['tag'];

/** Resolves with performance.now() when `selector` is in the element's shadow root; rejects on the error view. */
function whenReady(el: HTMLElement, selector: string, timeoutMs = 120_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const root = el.shadowRoot;
    if (!root) return reject(new Error(`${el.localName}: no shadow root`));
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => finish(new Error(`${el.localName}: not ready after ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error) => {
      const at = now();
      observer.disconnect();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(at);
    };
    const check = () => {
      if (root.querySelector(selector)) return finish(), true;
      const failed = root.querySelector('[part~="error"]');
      if (failed) return finish(new Error(`${el.localName}: ${failed.textContent?.trim().slice(0, 200)}`)), true;
      return false;
    };
    if (check()) return;
    observer.observe(root, { childList: true, subtree: true });
  });
}

/** `d` for the 360 card's customer: the dataset, or just the customer's id. */
function widget(tag: Tag, d: Dataset | string, attrs: Record<string, string> = {}): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('cache', 'none');
  if (tag === 'crm-customer-360') el.setAttribute('customer-id', typeof d === 'string' ? d : d.customerKeys[0]!);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

let stage: HTMLElement;
function freshStage(): HTMLElement {
  stage?.remove();
  stage = document.createElement('div');
  stage.style.cssText = 'width:1200px;display:grid;grid-template-columns:1fr 1fr;gap:16px';
  document.body.append(stage);
  return stage;
}

let sourceCount = 0;
let resultsPersisted: string[] = [];
/** A `<crm-data-source>` and the given widgets on it; resolves with each widget's ready time after append. */
async function mountShared(src: string, cache: 'none' | 'indexeddb', tags: readonly Tag[], d: Dataset | string) {
  // Each load starts as on a new page: the engine keeps an unused source for minutes (a widget that
  // mounts again finds it), so without this every later "cold" load ran beside the earlier datasets
  // and parsed in a heap several times larger, which made its figures vary two-fold.
  forgetLoadedSources();
  await frame();
  const host = freshStage();
  const id = `bench-source-${++sourceCount}`;
  const source = document.createElement('crm-data-source') as HTMLElement & { dataSource?: DataSource };
  source.id = id;
  source.setAttribute('src', src);
  source.setAttribute('cache', cache);
  source.setAttribute('scope', 'bench');
  const widgets = tags.map((tag) => {
    const el = widget(tag, d, { source: id });
    el.removeAttribute('cache');
    return el;
  });
  let loadedAt: number | undefined;
  widgets[0]!.addEventListener('crm-load', () => (loadedAt ??= now()), { once: true });
  // Every main-thread task over 50 ms from the append until all four are drawn and settled.
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const start = now();
  host.append(source, ...widgets);
  const ready = await Promise.all(widgets.map((el, i) => whenReady(el, WIDGETS.find((w) => w.tag === tags[i])!.ready)));
  const times = Object.fromEntries(tags.map((tag, i) => [tag, ready[i]! - start])) as Record<Tag, number>;
  const all = Math.max(...ready) - start;
  // Let the source finish (dataset read back, revalidation) before the next measurement starts.
  await Promise.all(widgets.map((el) => (el as unknown as { taskComplete: Promise<void> }).taskComplete));
  await frame();
  for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
  observer.disconnect();
  return { times, all, loadedMs: loadedAt === undefined ? null : loadedAt - start, longestTaskMs: Math.max(0, ...longTasks), longTasks: longTasks.length };
}

export interface RenderFigures {
  timings: Record<string, number | null>;
  warmAllMs: number | null;
  coldAllColumnarMs: number;
  coldAllRowsMs: number;
  coldAllArrowMs: number;
  /** Cold loads with the default cache (IndexedDB, default budget): what a first visit costs. */
  coldDefaultCacheMs: { arrow: number; columnar: number; rows: number };
  /** The longest main-thread task (ms) during each load, from PerformanceObserver `longtask`. */
  longestTaskMs: { coldArrow: number; coldColumnar: number; coldRows: number; warm: number | null };
  notes: string[];
  /** Names of the results the populating load left in IndexedDB (what a warm load can draw from). */
  resultsPersisted: string[];
}

export async function runRender(orders: number, d: Dataset, sample: () => void): Promise<RenderFigures> {
  const timings: Record<string, number | null> = {};
  const notes: string[] = [];
  const columnar = `/data?size=${orders}&form=columnar`;
  const text = await (await fetch(columnar)).text();

  // Cold, one widget at a time, the payload handed over through the `data` property
  // (already parsed: the time is validate + metrics + render). A fresh object each, so nothing is memoized.
  for (const { tag, ready } of WIDGETS) {
    const el = widget(tag, d) as HTMLElement & { data?: unknown };
    el.data = JSON.parse(text);
    const host = freshStage();
    const start = now();
    host.append(el);
    timings[`first render, cold, data property: ${tag}`] = (await whenReady(el, ready)) - start;
    sample();
    await frame();
  }

  // Cold, all four on a fresh source with cache="none": fetch + worker decode + metrics + render.
  const coldCols = await mountShared(columnar, 'none', WIDGETS.map((w) => w.tag), d);
  sample();
  const coldRows = await mountShared(`/data?size=${orders}&form=rows`, 'none', WIDGETS.map((w) => w.tag), d);
  sample();
  const coldArrow = await mountShared(`/data?size=${orders}&form=arrow`, 'none', WIDGETS.map((w) => w.tag), d);
  sample();
  timings['cold load to all four drawn, fresh source, columnar epoch'] = coldCols.all;
  timings['cold load to all four drawn, fresh source, row JSON'] = coldRows.all;
  timings['cold load to all four drawn, fresh source, Arrow'] = coldArrow.all;

  // Cold with the default cache (IndexedDB, default budget), each on a key nothing is cached under.
  const coldDefault = { arrow: 0, columnar: 0, rows: 0 };
  for (const form of ['arrow', 'columnar', 'rows'] as const) {
    const load = await mountShared(`/data?size=${orders}&form=${form}&first-visit=1`, 'indexeddb', WIDGETS.map((w) => w.tag), d);
    coldDefault[form] = load.all;
    timings[`cold load to all four drawn, default cache, ${form}`] = load.all;
    timings[`longest main-thread task, cold default cache, ${form}`] = load.longestTaskMs;
    sample();
  }

  // Populate the cache: the same load with cache="indexeddb" (dataset and results written).
  // The 50 MB default budget would evict a large dataset at once, so the bench lifts it (see notes).
  configureCache({ budgetBytes: 4 * 2 ** 30 });
  await clearCache();
  const warmSrc = `${columnar}&cache=1`;
  const populate = await mountShared(warmSrc, 'indexeddb', WIDGETS.map((w) => w.tag), d);
  sample();
  timings['cold load to all four drawn, cache="indexeddb" (writes the cache)'] = populate.all;
  const store = cacheStore('indexeddb')!;
  const key = cacheKey('bench', warmSrc);
  // Results are persisted fire-and-forget: wait until the stored set stops growing (300 ms unchanged).
  const waitStart = now();
  let persisted: string[] = [];
  for (let stable = 0; stable < 6 && now() - waitStart < 30_000; ) {
    await new Promise((r) => setTimeout(r, 50));
    const keys = [...(await store.getResults(key)).keys()].map((k) => k.split('\u0000')[0]!);
    stable = keys.length === persisted.length && keys.length > 0 ? stable + 1 : 0;
    persisted = keys;
  }
  resultsPersisted = persisted.sort();
  const meta = await store.getMeta(key);
  if (!meta) notes.push('cache entry missing after the populating load: warm figures are not from cache');
  if (meta && meta.bytes > DEFAULT_BUDGET_BYTES) {
    notes.push(`cached dataset counts ${(meta.bytes / 2 ** 20).toFixed(0)} MB against the LRU budget; with the default ${DEFAULT_BUDGET_BYTES / 2 ** 20} MB budget it is evicted as soon as it is written, so a warm load needs configureCache({ budgetBytes }) raised`);
  }

  // From cache, one widget per fresh source (a new DataSource: nothing in memory).
  for (const { tag } of WIDGETS) {
    const warm = await mountShared(warmSrc, 'indexeddb', [tag], d);
    timings[`first render, from cache: ${tag}`] = warm.times[tag];
    sample();
  }
  // Warm load: all four on one shared source, from cache.
  const warmAll = await mountShared(warmSrc, 'indexeddb', WIDGETS.map((w) => w.tag), d);
  sample();
  timings['warm load to all four drawn (cached results)'] = warmAll.all;
  timings['warm load: dataset read back from IndexedDB (crm-load)'] = warmAll.loadedMs;
  timings['longest main-thread task, warm load'] = warmAll.longestTaskMs;
  freshStage();
  await clearCache();
  configureCache({ budgetBytes: DEFAULT_BUDGET_BYTES });
  return {
    timings,
    warmAllMs: warmAll.all,
    coldAllColumnarMs: coldCols.all,
    coldAllRowsMs: coldRows.all,
    coldAllArrowMs: coldArrow.all,
    coldDefaultCacheMs: coldDefault,
    longestTaskMs: { coldArrow: coldArrow.longestTaskMs, coldColumnar: coldCols.longestTaskMs, coldRows: coldRows.longestTaskMs, warm: warmAll.longestTaskMs },
    notes,
    resultsPersisted,
  };
}

/**
 * The floor under a load's fetch: the envelope and its streams fetched side by side into array
 * buffers, nothing else (no engine, no decoding): the server and the browser's network stack alone.
 */
export async function fetchFloor(src: string) {
  const start = now();
  const envelope = (await (await fetch(src)).json()) as Record<string, unknown>;
  const urls = Object.values(envelope).flatMap((value) => (value && typeof value === 'object' && typeof (value as { arrow?: unknown }).arrow === 'string' ? [(value as { arrow: string }).arrow] : []));
  const sizes = await Promise.all(urls.map(async (url) => (await (await fetch(url)).arrayBuffer()).byteLength));
  return { fetchFloorMs: now() - start, streams: urls.length, megabytes: sizes.reduce((a, b) => a + b, 0) / 1_048_576 };
}

/** The four widgets on one source in the Arrow form, no cache: the 5M-order step (nothing else runs on the page). */
export async function runArrowOnly(orders: number, customerId: string) {
  const load = await mountShared(`/data?size=${orders}&form=arrow`, 'none', WIDGETS.map((w) => w.tag), customerId);
  freshStage();
  return { allDrawnMs: load.all, longestTaskMs: load.longestTaskMs, longTasks: load.longTasks };
}
