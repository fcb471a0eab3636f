// query-src: widgets whose queries a warehouse endpoint answers (the reference server over DuckDB,
// test/sql/browser-endpoint.mjs). The expected numbers come from the in-page engine on the same
// generated payload: an independent implementation of the same definitions.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { validatePayload, type Dataset, type Query } from '../../src/contract/index.js';
import { answerQuery } from '../../src/data/engine/answer-query.js';
import { DataSource, forgetLoadedSources, type ClientSnapshot, type SourceNotice } from '../../src/data/data-source.js';
import { DataError } from '../../src/data/data-error.js';
import type { SourceConfig } from '../../src/data/source-config.js';
import '../../src/elements/crm-nps-gauge/index.js';
import type { CrmNpsGauge } from '../../src/elements/crm-nps-gauge/index.js';
import '../../src/elements/crm-data-source/index.js';
import '../../src/elements/crm-segment-matrix/index.js';
import type { CrmSegmentMatrix } from '../../src/elements/crm-segment-matrix/index.js';
import type { CrmSelectEvent } from '../../src/elements/base/events.js';
import '../../src/elements/crm-customer-360/index.js';
import type { CrmCustomer360 } from '../../src/elements/crm-customer-360/index.js';
import { generatePayload, SCOPES } from '../sql/generate.mjs';
import { clearCache } from '../../src/data/cache-settings.js';
import { setCacheEncryptionKey } from '../../src/data/cache-crypto.js';
import { deleteAllDatabases, dumpIndexedDb, holdsName, textIn } from '../hardening/surface.js';

const ENDPOINT = '/__warehouse/query';
const datasets: Partial<Record<keyof typeof SCOPES, Dataset>> = {};
const dataset = (scope: keyof typeof SCOPES): Dataset => {
  if (!datasets[scope]) {
    const checked = validatePayload(generatePayload(SCOPES[scope]));
    if (!checked.ok) throw new Error(checked.error.message);
    datasets[scope] = checked.dataset;
  }
  return datasets[scope]!;
};

const setMode = (mode: object) => fetch('/__warehouse/mode', { method: 'POST', body: JSON.stringify(mode) });
const stats = async () => (await (await fetch('/__warehouse/stats')).json()) as { requests: number; queries: number; notModified: number; authorization: (string | null)[]; metrics: string[][] };

/** A remote source followed until its info arrives; `notices` collects what it reports. */
async function remote(config: SourceConfig) {
  const source = new DataSource();
  source.configure(config);
  const notices: SourceNotice[] = [];
  let last: ClientSnapshot = source.state;
  await new Promise<void>((done) =>
    source.subscribe((snapshot, arrived) => {
      last = snapshot;
      notices.push(...arrived);
      if (snapshot.status === 'complete' || snapshot.status === 'error') done();
    }),
  );
  return { source, notices, state: () => last };
}

/** Wait for what the engine does behind a drawn copy (a revalidation), failing after `ms`. */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const el360Id = (card: CrmCustomer360) => (card.result as { customerId?: string } | null)?.customerId;

const NPS: Query = { metric: 'nps', options: { dedupe: 'latest' } };
const GRID: Query = { metric: 'rfm-grid', options: { x: 'r', y: 'f' } };
const FUNNEL: Query = { metric: 'funnel', options: { windowDays: 30 } };

describe('query-src (remote queries)', () => {
  beforeEach(async () => {
    forgetLoadedSources();
    await clearCache();
    await setMode({ reset: true });
  });
  after(() => setMode({ reset: true }));

  it('answers the protocol queries from the endpoint with the engine’s numbers, in one batched request', async () => {
    const { source, state } = await remote({ querySrc: ENDPOINT, scope: 'full', cache: 'memory' });
    expect(state().status).to.equal('complete');
    expect(state().value!.info!.asOf).to.equal(dataset('full').asOf);
    expect(state().value!.info!.stages.map((s) => s.key)).to.deep.equal(dataset('full').stages.map((s) => s.key));
    const before = (await stats()).requests;
    // Three queries asked in one task: one POST.
    const answers = [NPS, GRID, FUNNEL].map((query) => source.shared!.query(query).promise);
    const results = await Promise.all(answers);
    expect((await stats()).requests - before).to.equal(1);
    [NPS, GRID, FUNNEL].forEach((query, i) => expect(results[i]).to.deep.equal(answerQuery(dataset('full'), query)));
  });

  it('keeps scopes apart and says which collections a scope lacks', async () => {
    const { source, notices } = await remote({ querySrc: ENDPOINT, scope: 'no-surveys', cache: 'memory' });
    const load = notices.find((n) => n.type === 'load');
    expect(load && load.type === 'load' && load.detail.absent).to.include('surveys');
    expect(await source.shared!.query(GRID).promise).to.deep.equal(answerQuery(dataset('no-surveys'), GRID));
  });

  it('draws a widget from query-src', async () => {
    const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="en" query-src=${ENDPOINT} scope="full" cache="memory"></crm-nps-gauge>`);
    await el.taskComplete;
    await el.updateComplete;
    const expected = answerQuery(dataset('full'), { metric: 'nps', options: { minResponses: 30 } }) as { score: number; responses: number };
    const text = (selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text('[part~=score]')).to.equal(new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(expected.score).replace('-', '\u2212'));
    expect(text('.responses')).to.equal(`${expected.responses.toLocaleString('en')} responses`);
  });

  it('opens the matrix’s drill-down from query-src: the cell’s customers page by page, as the engine pages them', async () => {
    const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix locale="en" page-size="5" query-src=${ENDPOINT} scope="full" cache="memory"></crm-segment-matrix>`);
    const idle = async () => {
      await el.updateComplete;
      await el.taskComplete;
      await el.updateComplete;
    };
    await idle();
    const grid = answerQuery(dataset('full'), GRID) as { cells: { x: number; y: number; count: number }[] };
    const cell = grid.cells.reduce((a, b) => (b.count > a.count ? b : a));
    el.shadowRoot!.querySelector<HTMLElement>(`[part~="cell"][data-x="${cell.x}"][data-y="${cell.y}"]`)!.click();
    await idle();
    const page = (offset: number) => answerQuery(dataset('full'), { metric: 'rfm-page', options: { x: 'r', y: 'f', cell: { x: cell.x, y: cell.y }, offset, limit: 5 } }) as { rows: { customerId: string }[] };
    const shown = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="drill-row"]')].map((tr) => tr.dataset['customer']);
    expect(shown()).to.deep.equal(page(0).rows.map((r) => r.customerId));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-page=next]')!.click();
    await idle();
    expect(shown()).to.deep.equal(page(5).rows.map((r) => r.customerId));
    expect(el.shadowRoot!.querySelector('[part~="drill"] [part~="error"]')).to.equal(null);
  });

  it('asks a clicked cell’s ids in a request of their own after its first page, and reports the same ids in crm-select', async () => {
    const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix locale="en" page-size="5" query-src=${ENDPOINT} scope="full" cache="memory"></crm-segment-matrix>`);
    await el.updateComplete;
    await el.taskComplete;
    await el.updateComplete;
    const grid = answerQuery(dataset('full'), GRID) as { cells: { x: number; y: number; count: number }[] };
    const cell = grid.cells.reduce((a, b) => (b.count > a.count ? b : a));
    const before = (await stats()).metrics.length;
    setTimeout(() => el.shadowRoot!.querySelector<HTMLElement>(`[part~="cell"][data-x="${cell.x}"][data-y="${cell.y}"]`)!.click());
    const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
    const members = answerQuery(dataset('full'), { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: cell.x, y: cell.y } } }) as { customerIds: string[] };
    expect(event.detail).to.deep.equal({ kind: 'cell', x: cell.x, y: cell.y, xAxis: 'r', yAxis: 'f', count: cell.count, customerIds: members.customerIds });
    // The page's request went first and without the ids; the ids alone after it.
    expect((await stats()).metrics.slice(before)).to.deep.equal([['rfm-page'], ['rfm-members']]);
  });

  it('warehouse mode as the demo runs it: a drill-down row’s customer on the 360 card beside, both from the endpoint', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <crm-data-source id="wh" query-src=${ENDPOINT} scope="full" cache="memory"></crm-data-source>
      <crm-segment-matrix locale="en" source="wh"></crm-segment-matrix>
      <crm-customer-360 locale="en" source="wh" follow-selection></crm-customer-360>
    </div>`);
    const matrix = page.querySelector<CrmSegmentMatrix>('crm-segment-matrix')!;
    const card = page.querySelector<CrmCustomer360>('crm-customer-360')!;
    const idle = async (el: CrmSegmentMatrix | CrmCustomer360) => {
      await el.updateComplete;
      await el.taskComplete;
      await el.updateComplete;
    };
    await idle(matrix);
    matrix.shadowRoot!.querySelector<HTMLElement>('[part~="cell"][data-x="5"][data-y="5"]')!.click();
    await idle(matrix);
    const row = matrix.shadowRoot!.querySelector<HTMLElement>('[part~="drill-row"]')!;
    const customerId = row.dataset['customer']!;
    row.click();
    await idle(card);
    expect(el360Id(card)).to.equal(customerId);
    expect(card.result).to.deep.equal(answerQuery(dataset('full'), { metric: 'customer', options: { customerId } }));
  });

  it('draws the 360 card from query-src with the engine’s description of the customer', async () => {
    const el = await fixture<CrmCustomer360>(html`<crm-customer-360 locale="en" customer-id="c0001" query-src=${ENDPOINT} scope="full" cache="memory"></crm-customer-360>`);
    await el.updateComplete;
    await el.taskComplete;
    await el.updateComplete;
    expect(el.result).to.deep.equal(answerQuery(dataset('full'), { metric: 'customer', options: { customerId: 'c0001' } }));
    expect(el.shadowRoot!.querySelector('[part~="name"]')?.textContent?.trim()).to.equal('Customer 1');
  });

  it('stores results in IndexedDB and revalidates them by ETag on the next load', async () => {
    const scope = `full`;
    const first = await remote({ querySrc: ENDPOINT, scope });
    const value = await first.source.shared!.query(GRID).promise;
    forgetLoadedSources();
    const before = await stats();
    const second = await remote({ querySrc: ENDPOINT, scope });
    expect(await second.source.shared!.query(GRID).promise).to.deep.equal(value);
    await until(async () => (await stats()).notModified - before.notModified === 1, 'the ETag revalidation');
  });

  it('draws a visit within cache-ttl from the stored results without a request, as src does; reload asks again', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 600 });
    const value = await first.source.shared!.query(GRID).promise;
    forgetLoadedSources();
    const before = (await stats()).requests;
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 600 });
    expect(second.state().value!.fromCache).to.equal(true);
    expect(second.state().value!.stale).to.equal(false);
    expect(await second.source.shared!.query(GRID).promise).to.deep.equal(value);
    expect((await stats()).requests - before).to.equal(0);
    // A query it never stored still goes to the endpoint.
    expect(await second.source.shared!.query(NPS).promise).to.deep.equal(answerQuery(dataset('tiny'), NPS));
    expect((await stats()).requests - before).to.equal(1);
    // A reload asks for the info, then about both results drawn, by their ETags, in one request.
    const confirmedBefore = (await stats()).notModified;
    await second.source.reload();
    await until(async () => (await stats()).notModified - confirmedBefore === 2, 'both results revalidated');
    expect((await stats()).requests - before).to.equal(3);
  });

  it('revalidates by ETag once cache-ttl has passed', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    const value = await first.source.shared!.query(GRID).promise;
    forgetLoadedSources();
    await new Promise((r) => setTimeout(r, 1100));
    const before = await stats();
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    expect(second.state().value!.fromCache).to.equal(true);
    expect(await second.source.shared!.query(GRID).promise).to.deep.equal(value);
    await until(async () => (await stats()).notModified - before.notModified === 1, 'the ETag revalidation');
    expect((await stats()).requests - before.requests).to.equal(2); // the info, then the revalidation
    await until(() => second.state().value!.stale === false, 'the copy confirmed');
  });

  it('past cache-ttl, draws the stored copies at once and asks the endpoint behind them', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    const grid = await first.source.shared!.query(GRID).promise;
    const nps = await first.source.shared!.query(NPS).promise;
    forgetLoadedSources();
    await new Promise((r) => setTimeout(r, 1100));
    await setMode({ hold: true });
    const before = await stats();
    // Every request is held: what is drawn can only come from the stored copies.
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    expect(second.state().value!.fromCache).to.equal(true);
    expect(second.state().value!.stale).to.equal(true);
    expect(await second.source.shared!.query(GRID).promise).to.deep.equal(grid);
    expect(await second.source.shared!.query(NPS).promise).to.deep.equal(nps);
    expect((await stats()).notModified).to.equal(before.notModified);
    await setMode({});
    await until(async () => (await stats()).notModified - before.notModified === 2, 'both results revalidated');
    expect(second.state().value!.stale).to.equal(false);
    expect((await stats()).requests - before.requests).to.equal(2); // the info, then one batch of both ETags
  });

  it('past cache-ttl, a new version replaces the drawn copies: the widgets ask again and draw the new numbers', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    expect(await first.source.shared!.query(GRID).promise).to.deep.equal(answerQuery(dataset('tiny'), GRID));
    forgetLoadedSources();
    await new Promise((r) => setTimeout(r, 1100));
    // The endpoint now holds other data for the scope (here: full's), under another version.
    await setMode({ scopeAs: 'full' });
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    const drawn = second.state().value!.version;
    expect(second.state().value!.fromCache).to.equal(true);
    await until(() => second.state().value!.version !== drawn, 'the new version');
    expect(second.state().value!.fromCache).to.equal(false);
    expect(await second.source.shared!.query(GRID).promise).to.deep.equal(answerQuery(dataset('full'), GRID));
  });

  it('past cache-ttl, a result the endpoint changed within the version is drawn again when it arrives, from memory', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    const nps = (await first.source.shared!.query(NPS).promise) as { minResponses: number };
    forgetLoadedSources();
    await new Promise((r) => setTimeout(r, 1100));
    await setMode({ renew: 'nps' });
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    const drawn = second.state().value!.version;
    expect(await second.source.shared!.query(NPS).promise).to.deep.equal(nps);
    await until(() => second.state().value!.version !== drawn, 'the changed result announced');
    expect(second.state().value!.version).to.equal(`${drawn}+1`);
    const requests = (await stats()).requests;
    const renewed = (await second.source.shared!.query(NPS).promise) as { minResponses: number };
    expect(renewed).to.deep.equal({ ...nps, minResponses: nps.minResponses + 1 });
    expect((await stats()).requests).to.equal(requests);
  });

  it('a warm load the endpoint refuses past cache-ttl ends in the error, not the stored copy', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1 });
    await first.source.shared!.query(NPS).promise;
    forgetLoadedSources();
    await new Promise((r) => setTimeout(r, 1100));
    // This viewer's token is refused now (twice: the retry too): the endpoint may have withdrawn access.
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny', cacheTtl: 1, getHeaders: () => ({ authorization: 'Bearer expired' }) });
    await until(() => second.state().status === 'error', 'the refusal');
    expect(second.state().error!.status).to.equal(401);
    expect(second.notices.some((n) => n.type === 'error')).to.equal(true);
  });

  it('shows a stored copy, marked stale, when the endpoint is down; fails what it never stored', async () => {
    const first = await remote({ querySrc: ENDPOINT, scope: 'tiny' });
    const value = await first.source.shared!.query(NPS).promise;
    forgetLoadedSources();
    await setMode({ down: true });
    const second = await remote({ querySrc: ENDPOINT, scope: 'tiny' });
    expect(second.state().value!.stale).to.equal(true);
    await until(() => second.notices.some((n) => n.type === 'warning' && n.detail.kind === 'stale'), 'the stale warning');
    expect(await second.source.shared!.query(NPS).promise).to.deep.equal(value);
    const never = await second.source.shared!.query(FUNNEL).promise.then(
      () => null,
      (error: unknown) => error,
    );
    expect(never).to.be.instanceOf(DataError);
    expect((never as DataError).detail.kind).to.equal('http');
    expect((never as DataError).detail.status).to.equal(503);
  });

  it('asks getHeaders again after a 401 and retries once with the fresh token', async () => {
    const asked: (number | undefined)[] = [];
    const getHeaders = (context?: { status: number }) => {
      asked.push(context?.status);
      return { authorization: context?.status === 401 ? 'Bearer fresh' : 'Bearer expired' };
    };
    const { state } = await remote({ querySrc: ENDPOINT, scope: 'tiny', cache: 'none', getHeaders });
    expect(state().status).to.equal('complete');
    expect(asked).to.deep.equal([undefined, 401]);
    expect((await stats()).authorization.slice(-2)).to.deep.equal(['Bearer expired', 'Bearer fresh']);
  });

  it('refuses results outside the protocol’s schemas, as it refuses a bad payload', async () => {
    const { source } = await remote({ querySrc: ENDPOINT, scope: 'tiny', cache: 'none' });
    await setMode({ corrupt: true });
    const error = await source.shared!.query(GRID).promise.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect((error as DataError).detail.kind).to.equal('payload');
    expect((error as DataError).detail.message).to.match(/outside the query protocol: response\.results\.0: rfm-grid result/);
  });

  // The same guarantees as for payloads (hardening #3 and encryption at rest): a query endpoint's
  // results are cached data of the scope too.
  describe('stored results follow the cache’s rules', () => {
    beforeEach(() => deleteAllDatabases());

    it('clearCache(scope) forgets the scope’s stored results, and only that scope’s', async () => {
      for (const scope of ['tiny', 'full']) {
        const { source } = await remote({ querySrc: ENDPOINT, scope });
        await source.shared!.query(NPS).promise;
      }
      await clearCache('tiny');
      forgetLoadedSources();
      await setMode({ down: true });
      // Nothing of tiny is left to show: the endpoint's failure is the answer.
      const cleared = await remote({ querySrc: ENDPOINT, scope: 'tiny' });
      expect(cleared.state().status).to.equal('error');
      expect(cleared.state().error!.status).to.equal(503);
      // full keeps its copy, shown stale.
      const kept = await remote({ querySrc: ENDPOINT, scope: 'full' });
      expect(kept.state().value!.stale).to.equal(true);
      expect(await kept.source.shared!.query(NPS).promise).to.deep.equal(answerQuery(dataset('full'), NPS));
    });

    it('stores a keyed scope’s results as ciphertext', async () => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      setCacheEncryptionKey('full', key);
      try {
        const { source } = await remote({ querySrc: ENDPOINT, scope: 'full' });
        const nps = (await source.shared!.query(NPS).promise) as Record<string, unknown>;
        expect(nps).to.have.property('promoters');
        await new Promise((resolve) => setTimeout(resolve, 500));
        const records = await dumpIndexedDb();
        expect(records.length).to.be.greaterThan(0);
        const text = records.map((record) => textIn(record.key) + textIn(record.value)).join('\n');
        // The result's field names and the scope's stage keys would be there in plain form.
        expect(holdsName(text, 'promoters')).to.equal(false);
        for (const stage of dataset('full').stages) expect(text.includes(`key\n${stage.key}\n`), stage.key).to.equal(false);
      } finally {
        setCacheEncryptionKey('full', null);
      }
    });
  });
});
