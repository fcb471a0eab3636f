import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import { deleteAllDatabases, mount, openTab, putPayload, recordEvents, requestCount, sleep, textOf, uniqueId, untilView, WIDGETS } from './surface.js';

const sample = () => generateSample({ seed: 29, customers: 40 });
const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 }));
const DB = 'crm-widget-kit';

/** Visit the page once so the cache holds a dataset and results, then leave. */
async function warmUp(src: string): Promise<string> {
  const tab = await openTab();
  const el = tab.mount('crm-nps-gauge', { src });
  await untilView(el);
  const text = textOf(el);
  await idle();
  await sleep(500);
  tab.close();
  return text;
}

/** Rewrite every record of the kit's database with `change`, keeping key paths so records stay findable. */
async function corrupt(change: (value: Record<string, unknown>, store: string) => void): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  let changed = 0;
  for (const name of [...db.objectStoreNames]) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(name, 'readwrite');
      const store = tx.objectStore(name);
      const keep = new Set([store.keyPath, ...[...store.indexNames].map((i) => store.index(i).keyPath)].flat().map(String));
      store.openCursor().onsuccess = (event) => {
        const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!cursor) return;
        const original = cursor.value as Record<string, unknown>;
        const value = structuredClone(original);
        change(value, name);
        for (const k of keep) value[k] = original[k];
        cursor.update(value);
        changed++;
        cursor.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return changed;
}

/** Set every nested property called `name` to `value`. */
function setDeep(value: unknown, name: string, to: unknown): void {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === name) (value as Record<string, unknown>)[k] = to;
    else setDeep(v, name, to);
  }
}

describe('failing storage (hardening #8, #10, #11, #15)', () => {
  beforeEach(() => deleteAllDatabases());

  describe('#8 corrupted cache records are discarded and loaded again', () => {
    const cases: [string, (value: Record<string, unknown>, store: string) => void][] = [
      ['every field of every record the wrong type', (value) => {
        for (const k of Object.keys(value)) value[k] = 'corrupted';
      }],
      ['a cached stages list of [null, 5]', (value) => setDeep(value, 'stages', [null, 5])],
      ['results records rewritten', (value, store) => {
        if (!/result/i.test(store)) return;
        for (const k of Object.keys(value)) if (typeof value[k] === 'object') value[k] = { rows: 'not a result', score: 'x' };
      }],
      ['metadata records rewritten', (value, store) => {
        if (/result|dataset/i.test(store)) return;
        for (const k of Object.keys(value)) if (typeof value[k] === 'number') value[k] = 'yesterday';
      }],
    ];
    for (const [what, change] of cases) {
      it(`${what}: the widgets show the data, one warning, one new request`, async () => {
        const id = uniqueId();
        const src = await putPayload(id, sample());
        const expected = await warmUp(src);
        expect(await corrupt(change)).to.be.greaterThan(0);
        const tab = await openTab();
        const uncaught: string[] = [];
        tab.window.addEventListener('error', (e) => uncaught.push(String(e.message)));
        tab.window.addEventListener('unhandledrejection', (e) => uncaught.push(String(e.reason)));
        const els = WIDGETS.map((tag) => tab.mount(tag, { src, customerId: 'C000001' }));
        const warnings = recordEvents(tab.document, 'crm-data-warning');
        for (const el of els) expect(await untilView(el), el.localName).to.equal('ready');
        await sleep(300);
        const scoreOf = (text: string) => /\d+ responses/.exec(text)?.[0];
        expect(scoreOf(textOf(els[0]!))).to.equal(scoreOf(expected));
        expect(warnings.filter((w) => w.detail.kind === 'cache-discarded').length).to.be.at.least(1);
        expect(uncaught).to.deep.equal([]);
        expect((await requestCount(id)).count).to.be.at.most(2);
        tab.close();
      });
    }
  });

  describe('#10 an IndexedDB open that never settles', () => {
    it('times out after a few seconds; the widgets load from the network with one cache-unavailable warning', async () => {
      // Another "tab" holds an upgrade of the kit's database open and never lets it finish:
      // every other open of that database queues behind it.
      let hold = true;
      let upgrade: IDBTransaction | undefined;
      const blocker = indexedDB.open(DB, 9999);
      blocker.onupgradeneeded = () => {
        upgrade = blocker.transaction!;
        const store = upgrade.db.objectStoreNames.length ? upgrade.objectStore(upgrade.db.objectStoreNames[0]!) : upgrade.db.createObjectStore('hold');
        const spin = () => {
          if (hold) store.count().onsuccess = spin;
        };
        spin();
      };
      await sleep(100);
      try {
        const id = uniqueId();
        const src = await putPayload(id, sample());
        const tab = await openTab();
        const source = tab.mount('crm-data-source', { id: 'hung', src });
        const els = WIDGETS.map((tag) => tab.mount(tag, { source: 'hung', customerId: 'C000001' }));
        const warnings = recordEvents(tab.document, 'crm-data-warning');
        for (const el of els) expect(await untilView(el, ['ready', 'error'], 12_000)).to.equal('ready');
        const unavailable = warnings.filter((w) => w.detail.kind === 'cache-unavailable');
        expect(unavailable).to.have.length(1);
        expect(unavailable[0]!.detail.message).to.match(/did not open within 3 s/);
        source.remove();
        tab.close();
      } finally {
        hold = false;
        try {
          upgrade?.abort();
        } catch {
          // already finished
        }
        blocker.onsuccess = () => blocker.result.close();
      }
    });
  });

  describe('#11 a worker that cannot start', () => {
    it('blocked by worker-src: the main thread decodes, with a warning naming why', async () => {
      const id = uniqueId();
      const src = await putPayload(id, generateSample({ seed: 30, customers: 900 }));
      const tab = await openTab(`<meta http-equiv="Content-Security-Policy" content="worker-src 'none'">`);
      const el = tab.mount('crm-segment-matrix', { src });
      const warnings = recordEvents(tab.document, 'crm-data-warning');
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el, ['ready', 'error'], 15_000)).to.equal('ready');
      expect(errors).to.deep.equal([]);
      const worker = warnings.filter((w) => w.detail.kind === 'worker-unavailable');
      expect(worker).to.have.length(1);
      expect(worker[0]!.detail.message).to.match(/worker could not start/);
      tab.close();
    });

    it('the built kit deployed without its worker file (404): the main thread decodes, with a warning', async () => {
      const id = uniqueId();
      const src = await putPayload(id, generateSample({ seed: 31, customers: 900 }));
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><html lang="en"><head><script src="/__data/kit/crm-widget-kit.js"></script></head><body></body></html>`;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow as Window & { CrmWidgetKit?: unknown };
      for (let i = 0; i < 300 && !win.CrmWidgetKit; i++) await sleep(20);
      expect(win.CrmWidgetKit, 'the built bundle (npm run build) loads').to.exist;
      const el = mount('crm-nps-gauge', { src }, frame.contentDocument!.body);
      const warnings = recordEvents(frame.contentDocument!, 'crm-data-warning');
      expect(await untilView(el, ['ready', 'error'], 15_000)).to.equal('ready');
      expect(warnings.filter((w) => w.detail.kind === 'worker-unavailable')).to.have.length(1);
      frame.remove();
    });
  });

  describe('#15 cache warnings: once per page, always with a reason', () => {
    it('a quota error with an empty message (as Chromium raises it) still gives a reason', async () => {
      // Chromium aborts an over-quota IndexedDB write with a QuotaExceededError whose message is "".
      // The stand-in patches the page's IndexedDB, so the engine runs on the page for this test.
      const tab = await openTab(`<script type="module">import { configureEngine } from '/src/data/index.ts'; configureEngine({ worker: false });</script><script>
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
          if (this.name !== 'entries' && this.transaction.mode === 'readwrite') throw new DOMException('', 'QuotaExceededError');
          return put.apply(this, args);
        };
      </script>`);
      const src = await putPayload(uniqueId(), sample());
      const warnings = recordEvents(tab.document, 'crm-data-warning');
      const els = WIDGETS.map((tag) => tab.mount(tag, { src, customerId: 'C000001', workerThreshold: 1e9 }));
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      await sleep(300);
      const unavailable = warnings.filter((w) => w.detail.kind === 'cache-unavailable');
      expect(unavailable).to.have.length(1);
      expect(unavailable[0]!.detail.message).to.match(/storage quota is exceeded/);
      expect(unavailable[0]!.detail.message).not.to.contain('()');
      tab.close();
    });

    it('indexedDB getter that throws: one warning for five elements, with the reason', async () => {
      const tab = await openTab(`<script>Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });</script>`);
      const src = await putPayload(uniqueId(), sample());
      const warnings = recordEvents(tab.document, 'crm-data-warning');
      tab.mount('crm-data-source', { id: 'denied', src });
      const els = WIDGETS.map((tag) => tab.mount(tag, { source: 'denied', customerId: 'C000001' }));
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      await sleep(300);
      const unavailable = warnings.filter((w) => w.detail.kind === 'cache-unavailable');
      expect(unavailable).to.have.length(1);
      expect(unavailable[0]!.detail.message).to.contain('denied permission');
      tab.close();
    });

    it('five widgets with their own src on one page: still one warning', async () => {
      const tab = await openTab(`<script>Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('', 'SecurityError'); } });</script>`);
      const src = await putPayload(uniqueId(), sample());
      const other = await putPayload(uniqueId(), sample());
      const warnings = recordEvents(tab.document, 'crm-data-warning');
      const els = [...WIDGETS.map((tag) => tab.mount(tag, { src, customerId: 'C000001' })), tab.mount('crm-nps-gauge', { src: other })];
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      await sleep(300);
      const unavailable = warnings.filter((w) => w.detail.kind === 'cache-unavailable');
      expect(unavailable).to.have.length(1);
      expect(unavailable[0]!.detail.message).to.match(/IndexedDB is blocked \(SecurityError\)/);
      tab.close();
    });
  });
});
