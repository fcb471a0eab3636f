import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import {
  deleteAllDatabases,
  dumpIndexedDb,
  holdsName,
  kit,
  mount,
  openTab,
  putPayload,
  recordEvents,
  requestCount,
  setMode,
  sleep,
  textIn,
  textOf,
  uniqueId,
  untilView,
  WIDGETS,
} from './surface.js';

/** A payload whose customer names carry a tag, so a test can look for them on disk. */
function tagged(tag: string, customers = 30) {
  const payload = JSON.parse(JSON.stringify(generateSample({ seed: 17, customers }))) as { customers: { name: string }[] };
  payload.customers.forEach((c, i) => (c.name = `${tag}-Customer-${i}`));
  return payload;
}

const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 }));

describe('shared browsers (hardening #1, #3)', () => {
  beforeEach(() => deleteAllDatabases());

  describe('#1 no request storm', () => {
    it('two widgets with the same src on one page (no <crm-data-source>) make one request', async () => {
      const id = uniqueId();
      const src = await putPayload(id, tagged('storm1'));
      await setMode(id, { noValidators: true });
      const els = [mount('crm-nps-gauge', { src }), mount('crm-lifecycle-funnel', { src })];
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      await sleep(2000);
      expect((await requestCount(id)).count).to.equal(1);
      els.forEach((el) => el.remove());
    });

    it('a widget with src and a <crm-data-source> with the same src share one request', async () => {
      const id = uniqueId();
      const src = await putPayload(id, tagged('storm2'));
      const source = mount('crm-data-source', { id: `src-${id}`, src });
      const named = mount('crm-segment-matrix', { source: `src-${id}` });
      const own = mount('crm-nps-gauge', { src });
      expect(await untilView(named)).to.equal('ready');
      expect(await untilView(own)).to.equal('ready');
      await sleep(500);
      expect((await requestCount(id)).count).to.equal(1);
      [source, named, own].forEach((el) => el.remove());
    });

    it('the same dashboard in two tabs, backend without ETag or Last-Modified: one load per tab, no storm', async () => {
      const id = uniqueId();
      const src = await putPayload(id, tagged('storm3'));
      await setMode(id, { noValidators: true });
      const tabs = [await openTab(), await openTab()];
      const els = tabs.flatMap((tab) => WIDGETS.slice(0, 3).map((tag) => tab.mount(tag, { src })));
      const errors = els.map((el) => recordEvents(el, 'crm-error'));
      for (const [i, el] of els.entries()) expect(await untilView(el), JSON.stringify(errors[i]!.map((e) => e.detail))).to.equal('ready');
      await sleep(3000);
      // One load per tab at most; a tab that hears the other's fresh copy before its own request needs none.
      const { count } = await requestCount(id);
      expect(count).to.be.at.least(1).and.at.most(2);
      tabs.forEach((tab) => tab.close());
    });

    it('a new version in one tab reaches the other through IndexedDB, without a request and without an echo', async () => {
      const id = uniqueId();
      const src = await putPayload(id, generateSample({ seed: 18, customers: 20 }));
      await setMode(id, { noValidators: true });
      const [a, b] = [await openTab(), await openTab()];
      const inA = a.mount('crm-nps-gauge', { src });
      const inB = b.mount('crm-nps-gauge', { src });
      await untilView(inA);
      await untilView(inB);
      await sleep(300);
      // seed 18 with 20 customers: 11 responses up to asOf; seed 19 with 60 customers: 35.
      expect(textOf(inB)).to.contain('11 responses');
      await putPayload(id, generateSample({ seed: 19, customers: 60 }));
      await setMode(id, { noValidators: true });
      await (inA as HTMLElement & { reload(): Promise<void> }).reload();
      expect(textOf(inA)).to.contain('35 responses');
      for (let i = 0; i < 100 && !textOf(inB).includes('35 responses'); i++) await sleep(30);
      expect(textOf(inB)).to.contain('35 responses');
      const score = (el: Element) => el.shadowRoot!.querySelector('[part~="score"]')!.textContent!.trim();
      expect(score(inB)).to.equal(score(inA));
      await sleep(2000);
      // After the new put the server counts afresh: tab A's reload only.
      expect((await requestCount(id)).count).to.equal(1);
      a.close();
      b.close();
    });

    it('with refresh="1", each tab loads once per interval, not more', async () => {
      const id = uniqueId();
      const src = await putPayload(id, tagged('storm5'));
      await setMode(id, { noValidators: true });
      const tabs = [await openTab(), await openTab()];
      const els = tabs.map((tab) => tab.mount('crm-nps-gauge', { src, refresh: 1 }));
      for (const el of els) await untilView(el);
      const start = (await requestCount(id)).count;
      await sleep(3500);
      const during = (await requestCount(id)).count - start;
      // Two tabs, 3.5 s, one poll a second each: at most 2 × 4 polls (timers may round up), never dozens.
      expect(during).to.be.at.least(4).and.at.most(8);
      tabs.forEach((tab) => tab.close());
    });
  });

  describe('#3 clearCache(scope) leaves nothing of the scope behind', () => {
    it('a clear right after the first crm-load wins over the deferred writes; other scopes stay', async () => {
      const srcA = await putPayload(uniqueId(), tagged('TenantAlpha'));
      const srcB = await putPayload(uniqueId(), tagged('TenantBravo'));
      const b = WIDGETS.map((tag) => mount(tag, { src: srcB, scope: 'tenant-b', customerId: 'C000001' }));
      for (const el of b) await untilView(el);
      await idle();
      await sleep(300);
      const a = WIDGETS.map((tag) => mount(tag, { src: srcA, scope: 'tenant-a', customerId: 'C000001' }));
      const loaded = new Promise((resolve) => a[0]!.addEventListener('crm-load', resolve, { once: true }));
      await loaded;
      await kit.clearCache('tenant-a');
      // Let every idle-time write that was scheduled run (or not).
      await idle();
      await sleep(1500);
      const text = (await dumpIndexedDb()).map((record) => textIn(record.key) + textIn(record.value)).join('\n');
      expect(holdsName(text, 'TenantAlpha'), 'tenant-a data on disk after clearCache').to.equal(false);
      expect(text.includes('tenant-a')).to.equal(false);
      expect(holdsName(text, 'TenantBravo'), 'tenant-b data kept').to.equal(true);
      [...a, ...b].forEach((el) => el.remove());
    });

    it('after a clear, a widget mounted on the same page loads the scope afresh', async () => {
      const id = uniqueId();
      const src = await putPayload(id, tagged('TenantCharlie'));
      const first = mount('crm-nps-gauge', { src, scope: 'tenant-c' });
      await untilView(first);
      first.remove();
      await kit.clearCache('tenant-c');
      const second = mount('crm-nps-gauge', { src, scope: 'tenant-c' });
      await untilView(second);
      expect((await requestCount(id)).count).to.equal(2);
      second.remove();
    });
  });
});

describe('encryption at rest', () => {
  beforeEach(() => deleteAllDatabases());
  const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

  it('stores datasets and results of a keyed scope as AES-GCM ciphertext', async () => {
    const key = await newKey();
    kit.setCacheEncryptionKey('tenant-secret', key);
    try {
      const src = await putPayload(uniqueId(), tagged('SecretTenant'));
      const els = WIDGETS.map((tag) => mount(tag, { src, scope: 'tenant-secret', customerId: 'C000001' }));
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      expect(textOf(els[3]!)).to.contain('SecretTenant-Customer-1');
      await idle();
      await sleep(1000);
      const records = await dumpIndexedDb();
      expect(records.length).to.be.greaterThan(2);
      const text = records.map((record) => textIn(record.key) + textIn(record.value)).join('\n');
      expect(holdsName(text, 'SecretTenant')).to.equal(false);
      expect(holdsName(text, '华东') || holdsName(text, 'Acme Corp')).to.equal(false);
      els.forEach((el) => el.remove());
    } finally {
      kit.setCacheEncryptionKey('tenant-secret', null);
    }
  });

  it('the same key on the next page load is a warm load; another key or none is a refetch with one warning', async () => {
    const key = await newKey();
    const id = uniqueId();
    const src = await putPayload(id, tagged('WarmTenant'));
    const visit = async (withKey: CryptoKey | null) => {
      const tab = await openTab();
      if (withKey) tab.kit.setCacheEncryptionKey('tenant-w', withKey);
      const el = tab.mount('crm-customer-360', { src, scope: 'tenant-w', customerId: 'C000002', cacheTtl: 600 });
      const events = recordEvents(el, 'crm-data-warning', 'crm-error', 'crm-load');
      expect(await untilView(el)).to.equal('ready');
      await sleep(800);
      const result = { text: textOf(el), events: events.map((e) => [e.type, e.detail.kind ?? e.detail.fromCache]) };
      tab.close();
      return result;
    };
    const first = await visit(key);
    expect(first.text).to.contain('WarmTenant-Customer-2');
    expect((await requestCount(id)).count).to.equal(1);
    const warm = await visit(key);
    expect(warm.text).to.contain('WarmTenant-Customer-2');
    expect(warm.events).to.deep.include(['crm-load', true]);
    expect((await requestCount(id)).count, 'warm load makes no request within cache-ttl').to.equal(1);

    const otherKey = await visit(await newKey());
    expect(otherKey.text).to.contain('WarmTenant-Customer-2');
    expect(otherKey.events.filter(([type, kind]) => type === 'crm-data-warning' && kind === 'cache-discarded')).to.have.length(1);
    expect(otherKey.events.some(([type]) => type === 'crm-error')).to.equal(false);
    expect((await requestCount(id)).count).to.equal(2);

    const noKey = await visit(null);
    expect(noKey.text).to.contain('WarmTenant-Customer-2');
    expect(noKey.events.filter(([type, kind]) => type === 'crm-data-warning' && kind === 'cache-discarded')).to.have.length(1);
    expect((await requestCount(id)).count).to.equal(3);
  });
});
