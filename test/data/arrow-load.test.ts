/**
 * Widgets loading the Arrow form by URL: an envelope (JSON) naming one Arrow stream per
 * collection, written by apache-arrow (an implementation independent of the kit) and served
 * by the test server. Counted on the server side, read on the page side: numbers, events,
 * error views.
 */
import { expect } from '@open-wc/testing';
import type { Payload } from '../../src/contract/index.js';
import { serveArrow, surveyPayload } from './arrow-serve.js';
import { generateSample } from '../../src/sample/index.js';
import { deleteAllDatabases, mount, recordEvents, requestCount, textOf, untilView } from '../hardening/surface.js';

describe('Arrow form by URL', () => {
  before(deleteAllDatabases);
  afterEach(() => {
    for (const el of document.querySelectorAll('[data-arrow-test]')) el.remove();
  });

  it('draws the numbers of its streams: NPS (3 − 1) / 5 = 40 from five Arrow survey rows', async () => {
    const { src } = await serveArrow(surveyPayload, { customers: 'rows', dates: 'int32-seconds', amounts: 'cents' });
    const gauge = mount<HTMLElement & { result?: { score: number | null; promoters: number; passives: number; detractors: number }; taskComplete: Promise<void> }>('crm-nps-gauge', { src, cache: 'none' });
    gauge.dataset.arrowTest = '';
    const events = recordEvents(gauge, 'crm-load', 'crm-error');
    const view = await untilView(gauge);
    expect(view, JSON.stringify(events.map((e) => e.detail))).to.equal('ready');
    await gauge.taskComplete;
    expect(gauge.result).to.include({ promoters: 3, passives: 1, detractors: 1, score: 40 });
    const load = events.find((event) => event.type === 'crm-load')!;
    expect(load.detail.rows).to.include({ customers: 2, orders: 2, surveys: 5 });
    expect(load.detail.rejected).to.equal(0);
  });

  it('is one load for four widgets: the envelope once and each stream once', async () => {
    const payload = generateSample({ seed: 5, customers: 60 });
    const { src, ids } = await serveArrow(payload, { batchRows: 40 });
    const widgets = ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'].map((tag) => {
      const el = mount<HTMLElement & { taskComplete: Promise<void> }>(tag, { src, cache: 'none', ...(tag === 'crm-customer-360' ? { customerId: (payload.customers as { id: string }[])[0]!.id } : {}) });
      el.dataset.arrowTest = '';
      return el;
    });
    for (const el of widgets) expect(await untilView(el)).to.equal('ready');
    await Promise.all(widgets.map((el) => el.taskComplete));
    const counts = await Promise.all(ids.map(requestCount));
    expect(counts.map((c) => c.count)).to.deep.equal(ids.map(() => 1));
  });

  it('shows what JSON of the same data shows: the matrix reads the same RFM grid from either form', async () => {
    const payload = generateSample({ seed: 9, customers: 120 });
    const { src } = await serveArrow(payload, { dates: 'timestamp-us', customers: 'rows' });
    type Matrix = HTMLElement & { grid?: unknown; taskComplete: Promise<void> };
    const fromArrow = mount<Matrix>('crm-segment-matrix', { src, cache: 'none' });
    const fromJson = mount<Matrix>('crm-segment-matrix', { data: payload });
    for (const el of [fromArrow, fromJson]) el.dataset.arrowTest = '';
    await Promise.all([untilView(fromArrow), untilView(fromJson)]);
    await Promise.all([fromArrow.taskComplete, fromJson.taskComplete]);
    expect(fromArrow.grid).to.not.equal(undefined);
    expect(fromArrow.grid).to.deep.equal(fromJson.grid);
  });

  it('sets aside a bad Arrow row as it does a JSON row, and says how many', async () => {
    const bad = structuredClone(surveyPayload) as unknown as { surveys: { score: number }[] };
    bad.surveys[4]!.score = 11;
    const { src } = await serveArrow(bad as unknown as Payload);
    const gauge = mount<HTMLElement & { result?: { responses: number } }>('crm-nps-gauge', { src, cache: 'none' });
    gauge.dataset.arrowTest = '';
    const events = recordEvents(gauge, 'crm-load', 'crm-data-warning');
    expect(await untilView(gauge)).to.equal('ready');
    expect(gauge.result?.responses).to.equal(4);
    expect(events.find((event) => event.type === 'crm-load')!.detail.rejected).to.equal(1);
  });

  it('refuses a stream cut short with an error that names its collection', async () => {
    const { src } = await serveArrow(surveyPayload, {}, 'surveys');
    const gauge = mount('crm-nps-gauge', { src, cache: 'none' });
    gauge.dataset.arrowTest = '';
    const events = recordEvents(gauge, 'crm-error');
    expect(await untilView(gauge)).to.equal('error');
    expect(events).to.have.length(1);
    expect(events[0]!.detail.message).to.contain('surveys.arrow');
    expect(textOf(gauge)).to.contain('surveys.arrow');
  });

  it('revalidates by the envelope: reload() asks for it again (304) and fetches no stream twice', async () => {
    const { src, ids } = await serveArrow(surveyPayload);
    const gauge = mount<HTMLElement & { taskComplete: Promise<void>; reload(): Promise<void> }>('crm-nps-gauge', { src, cache: 'none' });
    gauge.dataset.arrowTest = '';
    expect(await untilView(gauge)).to.equal('ready');
    await gauge.taskComplete;
    await gauge.reload();
    const [envelope, ...streams] = await Promise.all(ids.map(requestCount));
    expect(envelope).to.include({ count: 2, conditional: 1 });
    expect(streams.map((c) => c.count)).to.deep.equal(streams.map(() => 1));
  });
});
