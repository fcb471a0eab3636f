import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import { deleteAllDatabases, mount, openTab, putPayload, recordEvents, requestCount, setMode, sleep, textOf, uniqueId, untilView, viewOf, WIDGETS } from './surface.js';

type Reloadable = HTMLElement & { reload(): Promise<void> };
const sample = () => generateSample({ seed: 23, customers: 30 });

describe('failing networks (hardening #4, #9, #13, #16)', () => {
  beforeEach(() => deleteAllDatabases());

  describe('#4 connection reset mid-body', () => {
    it('is a network fault, retried like one, then the error view with kind network', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      await setMode(id, { resetMidBody: true });
      const el = mount('crm-nps-gauge', { src, cache: 'none' });
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el, ['error'], 20_000)).to.equal('error');
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['network']);
      // The first attempt and two retries.
      expect((await requestCount(id)).count).to.equal(3);
      el.remove();
    });

    it('with a cached copy from an earlier visit: the stale copy with its age', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      const first = await openTab();
      await untilView(first.mount('crm-nps-gauge', { src }));
      await sleep(300);
      first.close();
      await setMode(id, { resetMidBody: true });
      const second = await openTab();
      const el = second.mount('crm-nps-gauge', { src });
      const warnings = recordEvents(el, 'crm-data-warning');
      for (let i = 0; i < 200 && !warnings.some((w) => w.detail.kind === 'stale'); i++) await sleep(20);
      expect(viewOf(el)).to.equal('ready');
      expect(el.shadowRoot!.querySelector('[part~="stale-badge"]')!.textContent).to.match(/Stale/);
      expect(warnings.find((w) => w.detail.kind === 'stale')!.detail.message).to.match(/connection was lost/);
      second.close();
    });

    it('never replaces data on screen with the error view', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      const els = WIDGETS.map((tag) => mount<Reloadable>(tag, { src, customerId: 'C000001' }));
      for (const el of els) expect(await untilView(el)).to.equal('ready');
      await setMode(id, { resetMidBody: true });
      const warnings = recordEvents(document, 'crm-data-warning');
      await els[0]!.reload();
      for (const el of els) {
        expect(viewOf(el)).to.equal('ready');
        expect(el.shadowRoot!.querySelector('[part~="stale-badge"]'), el.localName).to.exist;
      }
      expect(warnings.some((w) => w.detail.kind === 'stale')).to.equal(true);
      els.forEach((el) => el.remove());
    });

    it('a payload broken in its next version does not replace the copy on screen either', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      const el = mount<Reloadable>('crm-nps-gauge', { src });
      expect(await untilView(el)).to.equal('ready');
      await putPayload(id, '{"schemaVersion": 2}');
      const errors = recordEvents(el, 'crm-error');
      await el.reload();
      expect(viewOf(el)).to.equal('ready');
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['payload']);
      expect(el.shadowRoot!.querySelector('[part~="stale-badge"]')).to.exist;
      el.remove();
    });
  });

  describe('#9 a 304 to an unconditional request', () => {
    it('is asked once more without conditions, then is a clear http error', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      await setMode(id, { always304: true });
      const el = mount('crm-lifecycle-funnel', { src, cache: 'none' });
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el, ['error'], 10_000)).to.equal('error');
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail).to.include({ kind: 'http', status: 304 });
      expect(errors[0]!.detail.message).to.match(/304 Not Modified to a request without If-None-Match/);
      expect(await requestCount(id)).to.include({ count: 2, conditional: 0 });
      el.remove();
    });
  });

  describe('#13 reload() on every widget', () => {
    it('each widget has reload(), which asks the server again', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      for (const [i, tag] of WIDGETS.entries()) {
        const el = mount<Reloadable>(tag, { src, customerId: 'C000001' });
        expect(await untilView(el)).to.equal('ready');
        expect(typeof el.reload, tag).to.equal('function');
        await el.reload();
        // One load shared by the page, then one reload per widget.
        expect((await requestCount(id)).count, tag).to.equal(2 + i);
        el.remove();
      }
    });
  });

  describe('#16 429 with Retry-After', () => {
    it('waits out a Retry-After of 1 s once, then loads', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      await setMode(id, { status: 429, times: 1, retryAfter: 1 });
      const started = performance.now();
      const el = mount('crm-nps-gauge', { src, cache: 'none' });
      expect(await untilView(el, ['ready', 'error'], 10_000)).to.equal('ready');
      expect(performance.now() - started).to.be.at.least(950);
      expect((await requestCount(id)).count).to.equal(2);
      el.remove();
    });

    it('a second 429 in a row is the error', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      await setMode(id, { status: 429, times: 2, retryAfter: 1 });
      const el = mount('crm-nps-gauge', { src, cache: 'none' });
      const errors = recordEvents(el, 'crm-error');
      expect(await untilView(el, ['ready', 'error'], 10_000)).to.equal('error');
      expect(errors[0]!.detail).to.include({ kind: 'http', status: 429 });
      expect((await requestCount(id)).count).to.equal(2);
      el.remove();
    });

    it('a Retry-After beyond 30 s is not waited for', async () => {
      const id = uniqueId();
      const src = await putPayload(id, sample());
      await setMode(id, { status: 429, times: 1, retryAfter: 3600 });
      const el = mount('crm-nps-gauge', { src, cache: 'none' });
      expect(await untilView(el, ['ready', 'error'], 5_000)).to.equal('error');
      expect(textOf(el)).to.contain('429');
      expect((await requestCount(id)).count).to.equal(1);
      el.remove();
    });
  });
});
