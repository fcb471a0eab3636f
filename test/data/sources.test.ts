import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { decodeDataset, fetchPayload, DataError } from '../../src/data/index.js';
import '../../src/elements/crm-data-source/index.js';
import { generateSample } from '../../src/sample/index.js';
import { putPayload, requestCount, setMode, settled, uniqueId, type TestDataHost } from './test-host.js';
import './test-host.js';
import { ClientSource } from '../../src/data/client/client-source.js';
import type { EngineClient } from '../../src/data/client/engine-client.js';

const errorOf = async (url: string, options = {}) => {
  try {
    await fetchPayload(url, { retries: 0, ...options }).then((r) => !r.notModified && decodeDataset(r.bytes, url, r.contentType));
  } catch (error) {
    return (error as DataError).detail;
  }
  throw new Error('expected a failure');
};

describe('<crm-data-source>', () => {
  it('serves four widgets naming it with one request and one dataset', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 20, customers: 15 }));
    const root = await fixture<HTMLElement>(html`<div>
      <test-data-host source="shared-a"></test-data-host>
      <test-data-host source="shared-a"></test-data-host>
      <crm-data-source id="shared-a" .src=${src} cache="none">
        <test-data-host></test-data-host>
        <test-data-host></test-data-host>
      </crm-data-source>
    </div>`);
    const hosts = [...root.querySelectorAll('test-data-host')];
    for (const host of hosts) await settled(host);
    const versions = new Set(hosts.map((h) => h.loader.value!.version));
    expect(versions.size).to.equal(1);
    expect(hosts.map((h) => h.orders)).to.deep.equal([75, 75, 75, 75]);
    expect((await requestCount(id)).count).to.equal(1);
  });

  it('reports not-found when no source has the id', async () => {
    const el = await fixture<TestDataHost>(html`<test-data-host source="nowhere"></test-data-host>`);
    await settled(el);
    expect(el.loader.error!.kind).to.equal('not-found');
  });
});

describe('a shared load (ClientSource)', () => {
  // The 1M bench: the worker, busy with the previous load, answered "open" after the widgets'
  // 3 s grace period, and all four said "No data source" for a source that was loading.
  it('is pending from the moment it is opened, before the engine has answered', () => {
    const posted: unknown[] = [];
    const silentEngine = { post: (message: unknown) => void posted.push(message), absolute: (url: string) => url } as unknown as EngineClient;
    const shared = new ClientSource(silentEngine, 'silent', { src: '/never-answered.json' });
    const first: string[] = [];
    const second: string[] = [];
    shared.subscribe((snapshot) => first.push(snapshot.status));
    shared.subscribe((snapshot) => second.push(snapshot.status));
    expect(posted.map((m) => (m as { type: string }).type)).to.deep.equal(['open']);
    expect(shared.state.status).to.equal('pending');
    expect(first).to.deep.equal(['pending']);
    expect(second).to.deep.equal(['pending']);
  });
});

describe('DataController(host) loads', () => {
  it('aborts the old request when src changes', async () => {
    const slow = uniqueId();
    const fast = uniqueId();
    const slowSrc = await putPayload(slow, generateSample({ seed: 21, customers: 30 }));
    const fastSrc = await putPayload(fast, generateSample({ seed: 21, customers: 5 }));
    await setMode(slow, { delayMs: 800 });
    const el = await fixture<TestDataHost>(html`<test-data-host cache="none" .src=${slowSrc}></test-data-host>`);
    await new Promise((r) => setTimeout(r, 100));
    el.src = fastSrc;
    await settled(el);
    await new Promise((r) => setTimeout(r, 900));
    expect(el.orders).to.equal(25);
    expect(el.loader.value!.sourceLabel).to.equal(fastSrc);
  });

  it('fires crm-data-warning rows-set-aside with the first issues', async () => {
    const payload = generateSample({ seed: 22, customers: 5 });
    (payload.surveys as { score: number }[])[0]!.score = 11;
    const el = document.createElement('test-data-host');
    el.data = payload;
    const warning = oneEvent(el, 'crm-data-warning');
    document.body.append(el);
    const { detail } = await warning;
    expect(detail.kind).to.equal('rows-set-aside');
    expect(detail.rejected).to.equal(1);
    expect(detail.issues![0]!.path).to.equal('surveys[0].score');
    el.remove();
  });

  it('fires crm-error for a rejected payload and never throws', async () => {
    const el = document.createElement('test-data-host');
    el.data = { schemaVersion: 2 };
    const failed = oneEvent(el, 'crm-error');
    document.body.append(el);
    expect((await failed).detail.kind).to.equal('payload');
    el.remove();
  });

  it('asks getHeaders() before each request', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 23, customers: 5 }));
    let token = 0;
    const el = await fixture<TestDataHost>(
      html`<test-data-host cache="none" .src=${src} .getHeaders=${async () => ({ authorization: `Bearer t${++token}` })}></test-data-host>`,
    );
    await settled(el);
    await el.loader.reload();
    expect((await requestCount(id)).authorization).to.deep.equal(['Bearer t1', 'Bearer t2']);
  });
});

describe('fetchPayload(url)', () => {
  it('says what a 4xx means', async () => {
    const detail = await errorOf('/__data/status/401');
    expect(detail.kind).to.equal('http');
    expect(detail.status).to.equal(401);
    expect(detail.message).to.contain('not authorized');
  });

  it('tells an HTML page from JSON', async () => {
    const detail = await errorOf('/__data/html');
    expect(detail.kind).to.equal('html');
    expect(detail.message).to.contain('"Sign in"');
  });

  it('says where broken JSON starts', async () => {
    const detail = await errorOf('/__data/text');
    expect(detail.kind).to.equal('not-json');
    expect(detail.message).to.contain('{\\"schemaVersion\\": 1, oops');
  });

  it('stops reading a body over max-bytes', async () => {
    const detail = await errorOf('/__data/big?bytes=5000', { maxBytes: 1000 });
    expect(detail.kind).to.equal('too-large');
  });

  it('times out a slow answer', async () => {
    const detail = await errorOf('/__data/slow?ms=2000', { timeoutMs: 200 });
    expect(detail.kind).to.equal('timeout');
  });

  it('retries a 5xx with backoff and then succeeds', async () => {
    const id = uniqueId();
    const src = await putPayload(id, generateSample({ seed: 24, customers: 5 }));
    await setMode(id, { status: 503, times: 2 });
    const result = await fetchPayload(src, { retries: 2, backoffMs: 10 });
    expect(result.notModified).to.equal(false);
    expect((await requestCount(id)).count).to.equal(3);
  });
});

