import { expect, fixture, html } from '@open-wc/testing';
import { cacheKey, clearCache, configureCache, DataSource, DB_NAME, type ClientSnapshot, type SourceNotice } from '../../src/data/index.js';
import { cacheStore } from '../../src/data/cache.js';
import { forgetLoadedSources } from '../../src/data/data-source.js';
import { configureEngine } from '../../src/data/index.js';

// The cache is tested on the page thread (the same code runs in the worker): tests hand it their own IndexedDB factories.
configureEngine({ worker: false });
import { evictionOrder } from '../../src/data/cache-store.js';
import { generateSample } from '../../src/sample/index.js';
import { putPayload, requestCount, setMode, settled, uniqueId, type TestDataHost } from './test-host.js';
import './test-host.js';

/** Subscribe a source with `config`, resolve at the first snapshot matching `until`. */
function collect(source: DataSource) {
  const seen: { snapshot: ClientSnapshot; notices: SourceNotice[] }[] = [];
  const unsubscribe = source.subscribe((snapshot, notices) => seen.push({ snapshot, notices }));
  return { seen, unsubscribe };
}

/** Each call is a new visit to the page: what an earlier visit loaded is only in the cache. */
async function loadHost(src: string, props: Partial<TestDataHost> = {}, { waitForWrite = true } = {}): Promise<TestDataHost> {
  forgetLoadedSources();
  const el = await fixture<TestDataHost>(
    html`<test-data-host .src=${src} .cache=${props.cache ?? 'indexeddb'} .scope=${props.scope} .cacheTtl=${props.cacheTtl} .workerThreshold=${props.workerThreshold}></test-data-host>`,
  );
  await settled(el);
  if (waitForWrite) await storedAfterPaint(el, src, props.scope);
  return el;
}

/**
 * A fetched copy is written after the paint, so a visit that starts at once may not find it and
 * fetch again (rightly). Tests of what a later visit gets start once that write (and the stored
 * info and its announcement, just after) is done; one test remounts during the write on purpose.
 */
async function storedAfterPaint(el: TestDataHost, src: string, scope: string | undefined): Promise<void> {
  const value = el.loader.value;
  if (el.loader.status !== 'complete' || !value || value.fromCache || (el.cache ?? 'indexeddb') !== 'indexeddb') return;
  const store = cacheStore('indexeddb')!;
  for (let i = 0; i < 100; i++) {
    if (await store.getMeta(cacheKey(scope, src)).catch(() => undefined)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
}

describe('IndexedDB cache', () => {
  before(() => configureCache({ dbName: `${DB_NAME}-test`, indexedDB: undefined }));
  beforeEach(() => clearCache());

  it('renders a cache hit within cache-ttl without a request', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 3, customers: 12 }));
    (await loadHost(src, { cacheTtl: 600 })).remove();
    const el = await loadHost(src, { cacheTtl: 600 });
    expect(el.loader.value!.fromCache).to.equal(true);
    expect(el.loader.value!.stale).to.equal(false);
    expect(el.orders).to.equal(60);
    expect((await requestCount(id)).count).to.equal(1);
  });

  it('shows a widget mounted again while the first copy is still being written', async () => {
    // A route change right after the first paint remounts the widget during the write. With the
    // engine on the page, its snapshots once crossed in timers that could overtake each other
    // (ordered-tasks.ts): the widget, shown `pending` last, stayed loading in some of the visits.
    for (let visit = 0; visit < 8; visit++) {
      const src = await putPayload(uniqueId(), generateSample({ seed: 3, customers: 12 }));
      (await loadHost(src, { cacheTtl: 600 })).remove();
      const el = await loadHost(src, { cacheTtl: 600 }, { waitForWrite: false });
      expect(el.loader.status).to.equal('complete');
      expect(el.orders).to.equal(60);
    }
  });

  it('revalidates with If-None-Match and keeps the copy on 304', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 4, customers: 10 }));
    (await loadHost(src)).remove();
    const el = await loadHost(src);
    await el.loader.reload();
    const stats = await requestCount(id);
    expect(stats.count).to.be.at.least(2);
    expect(stats.conditional).to.be.at.least(1);
    expect(el.loader.value!.fromCache).to.equal(true);
    expect(el.loader.value!.stale).to.equal(false);
    expect(el.loader.value!.ageMs).to.equal(0);
  });

  it('shows the copy marked stale, with its age, when the server is down', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 5, customers: 10 }));
    (await loadHost(src)).remove();
    await setMode(id, { status: 503 });
    const warnings: string[] = [];
    const el = document.createElement('test-data-host');
    el.addEventListener('crm-data-warning', (e) => warnings.push(e.detail.kind));
    Object.assign(el, { src, timeout: 5 });
    document.body.append(el);
    // Retries with backoff run before the copy is marked stale.
    for (let i = 0; i < 100 && !warnings.includes('stale'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(warnings).to.include('stale');
    expect(el.loader.status).to.equal('complete');
    expect(el.loader.value!.stale).to.equal(true);
    expect(el.loader.value!.ageMs).to.be.a('number').and.at.least(0);
    expect(el.shadowRoot!.textContent).to.contain('(stale)');
    el.remove();
  });

  it('never serves one scope the data cached for another', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 6, customers: 10 }));
    (await loadHost(src, { scope: 'tenant-a', cacheTtl: 600 })).remove();
    const other = await loadHost(src, { scope: 'tenant-b', cacheTtl: 600 });
    expect(other.loader.value!.fromCache).to.equal(false);
    expect((await requestCount(id)).count).to.equal(2);
    expect(cacheKey('tenant-a', src)).not.to.equal(cacheKey('tenant-b', src));
  });

  it('clearCache(scope) forgets that scope only', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 7, customers: 10 }));
    (await loadHost(src, { scope: 'a', cacheTtl: 600 })).remove();
    (await loadHost(src, { scope: 'b', cacheTtl: 600 })).remove();
    await clearCache('a');
    expect((await loadHost(src, { scope: 'a', cacheTtl: 600 })).loader.value!.fromCache).to.equal(false);
    expect((await loadHost(src, { scope: 'b', cacheTtl: 600 })).loader.value!.fromCache).to.equal(true);
    expect((await requestCount(id)).count).to.equal(3);
  });

  it('discards a corrupted entry and fetches again', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 8, customers: 10 }));
    (await loadHost(src, { cacheTtl: 600 })).remove();
    // Cut a column short behind the cache's back.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(`${DB_NAME}-test`);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const key = cacheKey(undefined, src);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('datasets', 'readwrite');
      const store = tx.objectStore('datasets');
      const get = store.get(key);
      get.onsuccess = () => {
        const record = get.result as { body: { orders: { amount: Float64Array } } };
        record.body.orders.amount = new Float64Array(1);
        store.put(record);
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const el = await loadHost(src, { cacheTtl: 600 });
    expect(el.loader.value!.fromCache).to.equal(false);
    expect(el.orders).to.equal(50);
    expect((await requestCount(id)).count).to.equal(2);
  });

  it('persists answers so a warm load draws them before the dataset', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 9, customers: 10 }));
    const first = await loadHost(src, { cacheTtl: 600 });
    first.responses();
    for (let i = 0; i < 100 && first.responses() === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    // seed 9, 10 customers: 6 survey rows, all up to asOf.
    expect(first.responses()).to.equal(6);
    first.remove();
    await new Promise((r) => setTimeout(r, 1200));
    forgetLoadedSources();
    const source = new DataSource();
    source.configure({ src, cacheTtl: 600 });
    const warm: (number | undefined)[] = [];
    const infos: unknown[] = [];
    const unsubscribe = source.subscribe((snapshot) => {
      // The first snapshot of a warm load is drawn from the stored answers and the dataset's stored info.
      if (snapshot.status === 'complete' && infos.length === 0) {
        infos.push(snapshot.value!.info);
        const answer = source.shared!.query({ metric: 'nps', options: {} });
        void answer.promise.then((value) => warm.push((value as { responses: number }).responses));
      }
    });
    for (let i = 0; i < 100 && warm.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    unsubscribe();
    expect(warm).to.deep.equal([6]);
    expect(infos).to.have.length(1);
    expect(infos[0]).to.include({ currency: 'CNY', asOfFromPayload: true });
  });

  it('announces a changed dataset to other tabs, which re-render', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 10, customers: 10 }));
    const watcher = await loadHost(src);
    const loads: boolean[] = [];
    watcher.addEventListener('crm-load', (e) => loads.push(e.detail.fromCache));
    await putPayload(id, generateSample({ seed: 10, customers: 14 }));
    // A second load of the same URL (another timeout makes it another load) stands in for
    // the other tab: it fetches, stores and announces.
    const other = new DataSource();
    other.configure({ src, timeout: 29 });
    const { seen, unsubscribe } = collect(other);
    for (let i = 0; i < 200 && !seen.some((s) => s.snapshot.status === 'complete'); i++) await new Promise((r) => setTimeout(r, 20));
    unsubscribe();
    for (let i = 0; i < 300 && watcher.orders !== 70; i++) await new Promise((r) => setTimeout(r, 20));
    expect(watcher.orders).to.equal(70);
    expect(loads).to.include(true);
    // The server counts from the second put: the other tab's fetch only. The watcher re-read
    // IndexedDB on the notice; before the hardening it refetched, which is how tabs stormed a backend.
    expect((await requestCount(id)).count).to.equal(1);
  });
});

describe('cache fallbacks', () => {
  afterEach(() => configureCache({ dbName: `${DB_NAME}-test`, indexedDB: undefined }));

  /** A new visit to the page (what the last one loaded is only in the cache) with the warnings it hears. */
  async function warningsFor(src: string): Promise<{ el: TestDataHost; warnings: string[] }> {
    forgetLoadedSources();
    const warnings: string[] = [];
    const el = document.createElement('test-data-host');
    el.addEventListener('crm-data-warning', (e) => warnings.push(e.detail.kind));
    el.src = src;
    document.body.append(el);
    await settled(el);
    // The copy is stored after the first paint: a write that fails says so a moment later.
    await new Promise((r) => setTimeout(r, 300));
    return { el, warnings };
  }

  it('falls back to memory once, with one warning, when IndexedDB is missing', async () => {
    configureCache({ indexedDB: null });
    const src = await putPayload(uniqueId(), generateSample({ seed: 11, customers: 5 }));
    const first = await warningsFor(src);
    const second = await warningsFor(src);
    expect(first.warnings).to.deep.equal(['cache-unavailable']);
    expect(second.warnings).to.deep.equal([]);
    expect(second.el.loader.value!.fromCache).to.equal(true);
    first.el.remove();
    second.el.remove();
  });

  it('falls back to memory when the database upgrade is blocked', async () => {
    const blocking: IDBFactory = {
      open(name: string, version?: number) {
        const request = indexedDB.open(name, version);
        queueMicrotask(() => request.dispatchEvent(new Event('blocked')));
        return request;
      },
      deleteDatabase: (name: string) => indexedDB.deleteDatabase(name),
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
      databases: () => indexedDB.databases(),
    };
    configureCache({ indexedDB: blocking, dbName: `${DB_NAME}-blocked-${uniqueId()}` });
    const { el, warnings } = await warningsFor(await putPayload(uniqueId(), generateSample({ seed: 12, customers: 5 })));
    expect(warnings).to.deep.equal(['cache-unavailable']);
    expect(el.loader.status).to.equal('complete');
    el.remove();
  });

  it('falls back to memory when a write exceeds the quota', async () => {
    configureCache({ dbName: `${DB_NAME}-quota-${uniqueId()}` });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const src = await putPayload(uniqueId(), generateSample({ seed: 13, customers: 5 }));
      const { el, warnings } = await warningsFor(src);
      expect(warnings).to.deep.equal(['cache-unavailable']);
      expect(el.loader.status).to.equal('complete');
      el.remove();
      const again = await warningsFor(src);
      expect(again.el.loader.value!.fromCache).to.equal(true);
      again.el.remove();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});

describe('evictionOrder(entries, budget)', () => {
  const entry = (key: string, accessedAt: number, mb: number) => ({ key, accessedAt, bytes: mb * 1_048_576 });

  it('evicts least recently used first until the rest fits', () => {
    const entries = [entry('b', 2, 20), entry('a', 1, 20), entry('c', 3, 20)];
    expect(evictionOrder(entries, 45 * 1_048_576)).to.deep.equal(['a']);
    expect(evictionOrder(entries, 15 * 1_048_576)).to.deep.equal(['a', 'b']);
    expect(evictionOrder(entries, 60 * 1_048_576)).to.deep.equal([]);
  });

  it('keeps the most recently used entry even when it alone is over the budget', () => {
    expect(evictionOrder([entry('old', 1, 10), entry('big', 5, 100)], 50 * 1_048_576)).to.deep.equal(['old']);
    expect(evictionOrder([entry('big', 5, 100)], 50 * 1_048_576)).to.deep.equal([]);
  });
});
