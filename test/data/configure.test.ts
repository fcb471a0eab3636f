// configure(): page-wide defaults for every widget and <crm-data-source>, element attributes winning.
// Against the test server (test/data/data-server.mjs), which counts requests and records their
// Authorization headers; what was stored is read back from IndexedDB as the page sees it.
import { expect } from '@open-wc/testing';
import { configure } from '../../src/configure.js';
import { generateSample } from '../../src/sample/index.js';
import '../../src/bundle.js';
import { dumpIndexedDb, mount, putPayload, requestCount, sleep, textOf, uniqueId, untilView } from '../hardening/surface.js';

const payload = generateSample({ seed: 41, customers: 200 });

/** Cache keys stored for `src` (the key is `v1|<scope>|<absolute url>|…`), once the write after the first paint landed. */
async function storedKeysFor(src: string): Promise<string[]> {
  const url = new URL(src, document.baseURI).href;
  for (let i = 0; i < 100; i++) {
    const keys = (await dumpIndexedDb()).map((r) => String(r.key)).filter((k) => k.includes(`|${url}|`));
    if (keys.length) return keys;
    await sleep(30);
  }
  return [];
}

describe('configure(): page-wide defaults', () => {
  afterEach(() => {
    configure({ scope: undefined, cache: undefined, getHeaders: undefined, locale: undefined });
    for (const el of document.querySelectorAll('crm-nps-gauge, crm-data-source')) el.remove();
  });

  it('scope and an async header hook reach every widget; the hook is asked before the request the worker makes', async () => {
    const id = uniqueId('cfg');
    const src = await putPayload(id, payload);
    const asked: (number | null)[] = [];
    configure({
      scope: 'tenant-page',
      getHeaders: async (failed) => {
        asked.push(failed?.status ?? null);
        await sleep(5);
        return { Authorization: 'Bearer page-token' };
      },
    });
    const el = mount('crm-nps-gauge', { src });
    expect(await untilView(el)).to.equal('ready');
    const counts = await requestCount(id);
    expect(counts.count).to.equal(1);
    expect(counts.authorization).to.deep.equal(['Bearer page-token']);
    expect(asked).to.deep.equal([null]);
    const keys = await storedKeysFor(src);
    expect(keys.length).to.be.greaterThan(0);
    for (const key of keys) expect(key.split('|')[1]).to.equal('tenant-page');
    // The token itself is never stored.
    expect(JSON.stringify(await dumpIndexedDb())).not.to.contain('page-token');
  });

  it('an element’s own scope and header hook win over the page’s', async () => {
    const id = uniqueId('cfg');
    const src = await putPayload(id, payload);
    configure({ scope: 'tenant-page', getHeaders: () => ({ Authorization: 'Bearer page-token' }) });
    const el = mount('crm-nps-gauge', { src, scope: 'tenant-own', getHeaders: () => ({ Authorization: 'Bearer own-token' }) });
    expect(await untilView(el)).to.equal('ready');
    expect((await requestCount(id)).authorization).to.deep.equal(['Bearer own-token']);
    for (const key of await storedKeysFor(src)) expect(key.split('|')[1]).to.equal('tenant-own');
  });

  it('<crm-data-source> takes the defaults too, and cache: none stores nothing', async () => {
    const id = uniqueId('cfg');
    const src = await putPayload(id, payload);
    configure({ cache: 'none', getHeaders: () => ({ Authorization: 'Bearer shared' }) });
    const source = mount('crm-data-source', { id: `src-${id}`, src });
    const gauges = [mount('crm-nps-gauge', { source: source.id }), mount('crm-nps-gauge', { source: source.id })];
    for (const gauge of gauges) expect(await untilView(gauge)).to.equal('ready');
    expect((await requestCount(id)).authorization).to.deep.equal(['Bearer shared']);
    await sleep(300);
    const url = new URL(src, document.baseURI).href;
    expect((await dumpIndexedDb()).filter((r) => String(r.key).includes(url))).to.deep.equal([]);
  });

  it('locale: the page default for widgets without one, below an element’s own locale', async () => {
    const src = await putPayload(uniqueId('cfg'), payload);
    configure({ locale: 'zh-CN' });
    const chinese = mount<HTMLElement & { updateComplete: Promise<boolean> }>('crm-nps-gauge', { src });
    const english = mount('crm-nps-gauge', { src, locale: 'en' });
    expect(await untilView(chinese)).to.equal('ready');
    expect(await untilView(english)).to.equal('ready');
    expect(textOf(chinese)).to.contain('净推荐值');
    expect(textOf(english)).to.contain('Net Promoter Score');
    configure({ locale: undefined });
    await chinese.updateComplete;
    expect(textOf(chinese)).to.contain('Net Promoter Score');
  });
});
