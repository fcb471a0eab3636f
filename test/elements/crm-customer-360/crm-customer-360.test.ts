import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { putPayload, setMode, uniqueId } from '../../data/test-host.js';
import { forgetLoadedSources } from '../../../src/data/data-source.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { validatePayload, type Dataset } from '../../../src/contract/index.js';
import '../../../src/elements/crm-customer-360/index.js';
import type { CrmCustomer360 } from '../../../src/elements/crm-customer-360/index.js';
import { c360Messages } from '../../../src/elements/crm-customer-360/messages.js';
import { signalEvidence } from '../../../src/elements/crm-customer-360/words.js';
import { CrmSelectEvent } from '../../../src/elements/base/events.js';
import { createFormatter, createTranslator } from '../../../src/i18n/index.js';
import { segmentLabel } from '../../../src/i18n/segments.js';
import '../../../src/locales/zh-TW.js';
// Its pure word functions are checked in zh-CN too: the words are there once the module is imported.
import '../../../src/locales/zh-CN.js';
import { computeRfm, describeCustomer, type Customer360, type Signal } from '../../../src/metrics/index.js';
import { generateSample } from '../../../src/sample/index.js';

const payload = generateSample({ seed: 7, customers: 300 });
const dataset: Dataset = (() => {
  const result = validatePayload(payload);
  if (!result.ok) throw new Error(result.error.message);
  return result.dataset;
})();
const rfm = computeRfm(dataset);
const describe360 = (id: string, timelineLimit = 20) => describeCustomer(dataset, id, { rfm, timelineLimit });
const everyone = dataset.customerKeys.slice(0, dataset.customers.length).map((id) => describe360(id)!);
const pick = (test: (c: Customer360) => boolean) => {
  const found = everyone.find(test);
  if (!found) throw new Error('no such customer in the sample');
  return found;
};
/** Green, no signals, a long history: the healthy card. */
const healthy = pick((c) => c.health.band === 'green' && c.signals.length === 0 && c.timeline.length === 20);
/** Four signals with numbers in their evidence: the at-risk card. */
const atRisk = pick((c) => ['silent', 'spend_drop', 'service', 'under_engaged'].every((k) => c.signals.some((s) => s.kind === k)) && c.signals[0]!.evidence['daysSinceInteraction'] !== null);
const detractor = pick((c) => c.signals.some((s) => s.kind === 'detractor'));
const hostile = pick((c) => c.profile.name.includes('<script>'));

const root = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => root(el).querySelector(`[part~="${name}"]`);
const text = (el: Element, selector: string) => root(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const money = (n: number | null, locale = 'en') => (n === null ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(n));
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Wait until the element leaves the loading view. */
/** The widget after everything it asked the engine is answered and drawn. */
async function idle(el: CrmCustomer360): Promise<void> {
  await el.updateComplete;
  await el.taskComplete;
  await el.updateComplete;
}

async function settled<T extends CrmCustomer360>(el: T): Promise<T> {
  await idle(el);
  return el;
}

const card = async (template: ReturnType<typeof html>) => settled(await fixture<CrmCustomer360>(template));

describe('<crm-customer-360>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  describe('numbers', () => {
    it('shows describeCustomer(dataset, customerId): profile, value, health, stage and RFM', async () => {
      const c = healthy;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(el.result).to.deep.equal(c);
      expect(text(el, '[part~=name]')).to.equal(c.profile.name);
      expect(text(el, '[data-field=owner]')).to.equal(c.profile.owner);
      expect(text(el, '[data-field=since]')).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(c.profile.createdAt!));
      expect(text(el, '[part~=health-score]')).to.equal(String(c.health.score));
      expect(text(el, '[part~=band]')).to.equal('Healthy');
      expect(text(el, '[data-figure=lifetimeRevenue]')).to.equal(money(c.value.lifetimeRevenue));
      expect(text(el, '[data-figure=orders]')).to.equal(c.value.orders.toLocaleString('en'));
      expect(text(el, '[data-figure=averageOrderValue]')).to.equal(money(c.value.averageOrderValue));
      expect(text(el, '[data-figure=ordersPerYear]')).to.equal(new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(c.value.ordersPerYear!));
      expect(text(el, '[data-figure=clv]')).to.equal(money(c.value.clv));
      expect(text(el, '[part~=rfm]')).to.equal(`R ${c.rfm!.r} · F ${c.rfm!.f} · M ${c.rfm!.m} · ${segmentLabel(c.rfm!.segment, 'en')}`);
      expect(text(el, '[part~=stage]')).to.equal(createTranslator('en', c360Messages)(`stage.${c.health.stage}`));
    });

    it('shows the same key figures in the table view', async () => {
      const c = atRisk;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      const rows = new Map([...root(el).querySelectorAll('tbody tr')].map((tr) => [tr.children[0]!.textContent!.trim(), tr.children[1]!.textContent!.trim()]));
      expect(rows.get('Lifetime revenue')).to.equal(money(c.value.lifetimeRevenue));
      expect(rows.get('Customer lifetime value')).to.equal(money(c.value.clv));
      expect(rows.get('Health score')).to.equal(`${c.health.score} of 100 · ${createTranslator('en', c360Messages)(`band.${c.health.band}`)}`);
      expect(rows.get('Gone quiet')).to.equal(`no interaction for ${c.signals[0]!.evidence['daysSinceInteraction']} days`);
      expect(rows.get('Customer id')).to.equal(c.customerId);
      await expect(el).to.be.accessible();
    });

    it('shows the latest NPS answer and the open tickets', async () => {
      const c = pick((x) => x.latestSurvey !== null && x.openTickets.length > 0);
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(text(el, '.nps-answer')).to.equal(`Scored ${c.latestSurvey!.score} on ${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(c.latestSurvey!.date)}`);
      expect([...root(el).querySelectorAll('[data-ticket]')].map((li) => li.getAttribute('data-ticket'))).to.deep.equal(c.openTickets.map((t) => t.id));
    });
  });

  describe('signals', () => {
    const words = (locale: 'en' | 'zh-CN') => ({ tc: createTranslator(locale, c360Messages), fmt: createFormatter(locale, 'CNY'), locale });
    const examples: Signal[] = [
      { kind: 'silent', evidence: { daysSinceInteraction: 124, thresholdDays: 90 } },
      { kind: 'spend_drop', evidence: { recentRevenue: 58, previousRevenue: 100, change: -0.42, windowDays: 90 } },
      { kind: 'detractor', evidence: { score: 4, surveyId: 'S1', daysSinceSurvey: 3 } },
      { kind: 'service', evidence: { slowTickets: 1, unanswered: 0, tickets: 2, ticketId: 'T12', worstWaitHours: 5, thresholdHours: 2 } },
      { kind: 'under_engaged', evidence: { interactions: 3, minimum: 6, windowDays: 90 } },
    ];

    it('signalEvidence(signal) puts each of the five signals into words in en', () => {
      expect(examples.map((s) => signalEvidence(s, words('en')))).to.deep.equal([
        'no interaction for 124 days',
        'spend down 42.0% on the previous 90 days',
        'latest survey scored 4',
        'ticket T12 waited 5 h for a first response',
        '3 interactions in 90 days (fewer than 6)',
      ]);
    });

    it('signalEvidence(signal) puts each of the five signals into words in zh-CN', () => {
      expect(examples.map((s) => signalEvidence(s, words('zh-CN')))).to.deep.equal([
        '已 124 天没有互动',
        '近 90 天消费比前 90 天下降 42.0%',
        '最近一次问卷评分 4',
        '工单 T12 等待首次响应 5 小时',
        '近 90 天仅 3 次互动（少于 6 次）',
      ]);
    });

    it('lists all five signals, the fired ones with their evidence from describeCustomer', async () => {
      const c = atRisk;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(root(el).querySelectorAll('[part~=signal]').length).to.equal(5);
      const fired = [...root(el).querySelectorAll('[part~=signal][part~=fired]')].map((li) => li.getAttribute('data-signal'));
      expect(fired).to.deep.equal(c.signals.map((s) => s.kind));
      const evidence = (kind: string) => text(el, `[data-signal=${kind}] .evidence`);
      const e = (kind: string) => c.signals.find((s) => s.kind === kind)!.evidence;
      expect(evidence('silent')).to.equal(`no interaction for ${e('silent')['daysSinceInteraction']} days`);
      expect(evidence('spend_drop')).to.equal(
        `spend down ${new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(-(e('spend_drop')['change'] as number))} on the previous 90 days`,
      );
      expect(evidence('service')).to.match(new RegExp(`^ticket ${e('service')['ticketId']} waited [\\d.]+ h for a first response`));
      expect(evidence('under_engaged')).to.equal(`${e('under_engaged')['interactions']} interactions in 90 days (fewer than 6)`);
      for (const kind of ['silent', 'spend_drop', 'detractor', 'service', 'under_engaged'].filter((k) => !fired.includes(k))) {
        expect(evidence(kind)).to.equal('not detected');
      }
      // Not colour only: a fired signal has its own icon (a warning triangle), a clear one a check.
      expect(root(el).querySelector('[data-signal=silent] [part~=signal-icon] .icon-fill')).to.exist;
      const clear = ['silent', 'spend_drop', 'detractor', 'service', 'under_engaged'].find((k) => !fired.includes(k))!;
      expect(root(el).querySelector(`[data-signal=${clear}] [part~=signal-icon] .icon-fill`)).to.equal(null);
    });

    it('shows the detractor signal with the latest survey score', async () => {
      const c = detractor;
      const score = c.signals.find((s) => s.kind === 'detractor')!.evidence['score'];
      const el = await card(html`<crm-customer-360 locale="zh-CN" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(text(el, '[data-signal=detractor] .evidence')).to.equal(`最近一次问卷评分 ${score}`);
      expect(text(el, '[data-signal=detractor] .signal-name')).to.equal('贬损者');
    });
  });

  describe('what was not measured', () => {
    // Orders only: no interactions, surveys or tickets in the payload.
    const ordersOnly = {
      schemaVersion: 1,
      asOf: '2026-06-30T00:00:00Z',
      customers: [
        { id: 'A', name: 'Ann', createdAt: '2024-06-30T00:00:00Z' },
        { id: 'N', name: 'Nia', createdAt: '2026-05-01T00:00:00Z' },
      ],
      orders: [
        { id: 'o1', customerId: 'A', date: '2026-06-20T00:00:00Z', amount: 100 },
        { id: 'o2', customerId: 'A', date: '2026-03-22T00:00:00Z', amount: 200 },
        { id: 'o3', customerId: 'N', date: '2026-06-01T00:00:00Z', amount: 58_000 },
      ],
    };

    it('marks signals that need an absent collection "not measured", never fired, in the card and the table', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id="A" .data=${ordersOnly}></crm-customer-360>`);
      const state = (kind: string) => root(el).querySelector(`[data-signal=${kind}]`)!;
      for (const [kind, collection] of [['silent', 'interactions'], ['under_engaged', 'interactions'], ['detractor', 'surveys'], ['service', 'tickets']]) {
        expect(state(kind!).getAttribute('part')).to.equal('signal not-measured');
        expect(text(el, `[data-signal=${kind}] .evidence`)).to.equal(`not measured: the data has no ${collection}`);
      }
      // spend 100 in the last 90 days against 200 before: spend_drop fires.
      expect(state('spend_drop').getAttribute('part')).to.equal('signal fired');
      // (30 × (100 × (1 − 10 / 180)) + 25 × 50) / 55 = 74.24 → 74 over the two measured components.
      expect(text(el, '[part~=health-score]')).to.equal('74');
      expect(text(el, '[data-partial]')).to.equal('Computed over recency and spend trend; not measured: NPS, engagement, and service.');
      (root(el).querySelector('[part~=table-toggle]') as HTMLButtonElement).click();
      await idle(el);
      const table = text(el, '[part~=table]');
      expect(table).to.contain('Gone quiet not measured: the data has no interactions');
      expect(table).to.contain('not measured: NPS, engagement, and service');
      (root(el).querySelector('[part~=details-toggle]') as HTMLButtonElement).click();
      await idle(el);
      // Collections in the reader's words (the contract's stageEvents is "stage events").
      expect(text(el, '[data-absent]')).to.equal('Not in the data, so not measured: interactions, surveys, stage events, and tickets');
    });

    it('shows CLV as "not enough history" under 90 days, and projects it with min-history-days="0"', async () => {
      // Nia: 60 days of history. With the guard off: 58,000 × (365 / 90) × 3 = 705,666.67.
      const el = await card(html`<crm-customer-360 locale="en" customer-id="N" .data=${ordersOnly}></crm-customer-360>`);
      expect(text(el, '[data-figure=clv]')).to.equal('not enough history (under 90 days)');
      el.locale = 'zh-CN';
      await idle(el);
      expect(text(el, '[data-figure=clv]')).to.equal('历史数据不足（不到 90 天）');
      expect(text(el, '[data-signal=silent] .evidence')).to.equal('未计量：数据中没有互动');
      const open = await card(html`<crm-customer-360 locale="en" customer-id="N" min-history-days="0" .data=${ordersOnly}></crm-customer-360>`);
      expect(text(open, '[data-figure=clv]')).to.equal(money(705_666.67));
    });

    it('passes the RFM scoring attributes to computeRfm, as the matrix does', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${healthy.customerId} ties="dense" f-thresholds="1,2,3,5,10" .data=${payload}></crm-customer-360>`);
      const expected = describeCustomer(dataset, healthy.customerId, { rfm: computeRfm(dataset, { ties: 'dense', thresholds: { f: [1, 2, 3, 5, 10] } }) })!;
      expect(el.result!.rfm).to.deep.equal(expected.rfm);
    });
  });

  describe('next best action', () => {
    it('shows the tier action for a healthy customer and the remedy with its reason for one at risk', async () => {
      const tc = createTranslator('en', c360Messages);
      const good = await card(html`<crm-customer-360 locale="en" customer-id=${healthy.customerId} .data=${payload}></crm-customer-360>`);
      expect(text(good, '.action-text')).to.equal(tc(`action.${healthy.nextBestAction.action}` as 'action.dedicated_advisor'));
      expect(text(good, '[data-tier]')).to.equal(tc(`tier.${healthy.nextBestAction.tier}`));
      const bad = await card(html`<crm-customer-360 locale="en" customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360>`);
      expect(root(bad).querySelector('.action-text')!.getAttribute('data-action')).to.equal(atRisk.nextBestAction.action);
      expect(text(bad, '[data-because]')).to.equal(`because: ${tc(`signal.${atRisk.nextBestAction.because!}`)}`);
    });

    it('follows actionRules given as a property', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360>`);
      el.actionRules = { redSignals: [], tierActions: { high_value: 'call_the_ceo', potential: 'call_the_ceo', ordinary: 'call_the_ceo' } };
      await idle(el);
      // A custom action key without a translation shows as given.
      expect(text(el, '.action-text')).to.equal('call_the_ceo');
      expect(root(el).querySelector('[data-because]')).to.equal(null);
    });
  });

  describe('states', () => {
    it('shows a skeleton shaped like the card while loading', async () => {
      const el = await fixture<CrmCustomer360>(html`<crm-customer-360 customer-id="C000001"></crm-customer-360>`);
      expect(root(el).querySelector('.skeleton-health')).to.exist;
      expect(root(el).querySelector('.skeleton-timeline')).to.exist;
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    });

    it('asks to choose a customer when customer-id is not set', async () => {
      const el = await card(html`<crm-customer-360 locale="en" .data=${payload}></crm-customer-360>`);
      expect(text(el, '[part~=empty] .state-title')).to.equal('Choose a customer');
      // The matrix is named as its own title names it, in every language (客户分层, 客戶分群).
      const zh = await card(html`<crm-customer-360 locale="zh-CN" .data=${payload}></crm-customer-360>`);
      expect(text(zh, '[part~=empty] .state-text')).to.contain('客户分层');
      expect(part(el, 'menu')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says the customer was not found, naming the id, in en and zh-CN', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id="NOPE-1" .data=${payload}></crm-customer-360>`);
      expect(text(el, '[part~=empty] .state-title')).to.equal('Customer not found');
      expect(text(el, '[part~=empty] .state-text')).to.contain('“NOPE-1”');
      expect(el.result).to.equal(null);
      // What to do: check the id, or load again (a real button).
      expect(text(el, '[part~=empty-hint]')).to.equal('Check the id, or load again if the customer was only just added.');
      expect([part(el, 'empty-action')!.tagName, text(el, '[part~=empty-action]')]).to.deep.equal(['BUTTON', 'Load again']);
      await expect(el).to.be.accessible();
      el.locale = 'zh-CN';
      await idle(el);
      expect(text(el, '[part~=empty] .state-title')).to.equal('未找到客户');
      expect(text(el, '[part~=empty] .state-text')).to.equal('当前数据中没有 ID 为“NOPE-1”的客户。');
    });

    it('shows the error view with details behind a toggle', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id="C000001" .data=${{ schemaVersion: 1, surveys: 'nope' }}></crm-customer-360>`);
      expect(text(el, '[part~=error]')).to.contain('The data could not be loaded');
      expect((part(el, 'error-details') as HTMLDetailsElement).open).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows the stale badge when only a cached copy could be shown', async () => {
      const id = uniqueId();
      const src = await putPayload(id, payload);
      const restore = () => undefined;
      try {
        const first = await card(html`<crm-customer-360 cache="memory" customer-id=${healthy.customerId} src=${src}></crm-customer-360>`);
        expect(part(first, 'health-score')).to.exist;
        first.remove();
        // A second visit to the page: what the first loaded is only in the memory cache.
        forgetLoadedSources();
      } finally {
        restore();
      }
      // The backend is down now: connections are cut, the kit retries, then shows the copy it has.
      await setMode(id, { down: true });
      try {
        const el = await card(html`<crm-customer-360 locale="en" cache="memory" customer-id=${healthy.customerId} src=${src}></crm-customer-360>`);
        for (let i = 0; i < 300 && !part(el, 'stale-badge'); i++) {
          await new Promise((r) => setTimeout(r, 20));
          await idle(el);
        }
        expect(text(el, '[part~=stale-badge]')).to.match(/^Stale · /);
        expect(text(el, '[part~=health-score]')).to.equal(String(healthy.health.score));
        await expect(el).to.be.accessible();
      } finally {
        restore();
      }
    });

    it('renders names and comments with HTML as text', async () => {
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${hostile.customerId} .data=${payload}></crm-customer-360>`);
      expect(root(el).querySelector('[part~=name]')!.textContent).to.equal(hostile.profile.name);
      expect(root(el).querySelector('[part~=name]')!.children.length).to.equal(0);
      expect(root(el).querySelector('script, img, b')).to.equal(null);
      expect(text(el, '[part~=summary]')).to.contain(hostile.profile.name);
      // Strict CSP blocks style attributes: the card styles itself through classes only.
      expect(root(el).querySelectorAll('[style]').length).to.equal(0);
    });
  });

  describe('timeline', () => {
    const items = (el: Element) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~=timeline-item]')];

    it('lists orders, interactions, surveys, tickets and stage events newest first, 20 by default', async () => {
      const c = healthy;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(el.timelineLimit).to.equal(20);
      const shown = items(el);
      expect(shown.map((b) => [b.dataset['kind'], b.dataset['id']])).to.deep.equal(c.timeline.map((i) => [i.kind, i.id]));
      expect(shown.length).to.equal(20);
      const dates = shown.map((b) => Date.parse(b.querySelector('time')!.getAttribute('datetime')!));
      expect(dates).to.deep.equal([...dates].sort((a, b) => b - a));
      expect(describeCustomer(dataset, c.customerId, { rfm, timelineLimit: 1000 })!.timeline.length).to.be.above(20);
    });

    it('shows only timeline-limit items', async () => {
      const c = describe360(healthy.customerId, 5)!;
      const el = await card(html`<crm-customer-360 customer-id=${c.customerId} timeline-limit="5" .data=${payload}></crm-customer-360>`);
      expect(items(el).map((b) => b.dataset['id'])).to.deep.equal(c.timeline.map((i) => i.id));
    });

    it('fires crm-select with the timeline item on click', async () => {
      const c = healthy;
      const el = await card(html`<crm-customer-360 customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      setTimeout(() => items(el)[2]!.click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      const item = c.timeline[2]!;
      expect(event.detail).to.deep.equal({ kind: 'timeline-item', customerId: c.customerId, item: { kind: item.kind, id: item.id, date: new Date(item.date).toISOString() } });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('fires no crm-select on programmatic changes', async () => {
      const events: Event[] = [];
      const el = await card(html`<crm-customer-360 customer-id=${healthy.customerId} .data=${payload} @crm-select=${(e: Event) => events.push(e)}></crm-customer-360>`);
      el.customerId = atRisk.customerId;
      el.timelineLimit = 3;
      await settled(el);
      expect(items(el).length).to.equal(3);
      expect(events).to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    it('moves along the timeline with arrow keys, Home and End, and selects with Enter and Space', async () => {
      const c = healthy;
      const el = await card(html`<crm-customer-360 customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      const focused = () => (root(el).activeElement as HTMLElement | null)?.dataset['index'];
      expect(root(el).querySelectorAll('[part~=timeline-item][tabindex="0"]').length).to.equal(1);
      (root(el).querySelector('[part~=timeline-item][tabindex="0"]') as HTMLElement).focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused()).to.equal('2');
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const enter = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(enter.detail.kind === 'timeline-item' && enter.detail.item.id).to.equal(c.timeline[2]!.id);
      await sendKeys({ press: 'End' });
      expect(focused()).to.equal(String(c.timeline.length - 1));
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowUp' });
      expect(focused()).to.equal('0');
      setTimeout(() => void sendKeys({ press: 'Space' }));
      const space = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(space.detail.kind === 'timeline-item' && space.detail.item.id).to.equal(c.timeline[0]!.id);
      // One tab stop: the list is a single stop in the page's tab order.
      expect(root(el).querySelectorAll('[part~=timeline-item][tabindex="0"]').length).to.equal(1);
    });

    it('shows a visible focus ring on a focused timeline item', async () => {
      const el = await card(html`<crm-customer-360 customer-id=${healthy.customerId} .data=${payload}></crm-customer-360>`);
      (part(el, 'details-toggle') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.getAttribute('part')).to.equal('timeline-item');
      const style = getComputedStyle(root(el).activeElement!);
      expect(style.outlineStyle).to.equal('solid');
    });
  });

  describe('follow-selection', () => {
    const pickCustomer = (from: Element, customerId: string) => from.dispatchEvent(new CrmSelectEvent({ kind: 'customer', customerId }));

    it('shows the customer picked by a sibling, and ignores other selections', async () => {
      const wrap = await fixture<HTMLElement>(html`<div>
        <div class="matrix"></div>
        <crm-customer-360 locale="en" follow-selection .data=${payload}></crm-customer-360>
      </div>`);
      const el = await settled(wrap.querySelector('crm-customer-360')!);
      expect(text(el, '[part~=empty] .state-title')).to.equal('Choose a customer');
      // The matrix is named as its own title names it, in every language (客户分层, 客戶分群).
      const zh = await card(html`<crm-customer-360 locale="zh-CN" .data=${payload}></crm-customer-360>`);
      expect(text(zh, '[part~=empty] .state-text')).to.contain('客户分层');
      pickCustomer(wrap.querySelector('.matrix')!, atRisk.customerId);
      await idle(el);
      expect(el.customerId).to.equal(atRisk.customerId);
      expect(text(el, '[part~=name]')).to.equal(atRisk.profile.name);
      wrap.querySelector('.matrix')!.dispatchEvent(new CrmSelectEvent({ kind: 'cell', x: 1, y: 1, xAxis: 'r', yAxis: 'f', count: 1, customerIds: [healthy.customerId] }));
      await idle(el);
      expect(el.customerId).to.equal(atRisk.customerId);
    });

    it('does not react to its own events', async () => {
      const el = await card(html`<crm-customer-360 follow-selection customer-id=${healthy.customerId} .data=${payload}></crm-customer-360>`);
      pickCustomer(el, atRisk.customerId);
      await idle(el);
      expect(el.customerId).to.equal(healthy.customerId);
    });

    it('does not listen without follow-selection, and stops listening when removed or switched off', async () => {
      const plain = await card(html`<crm-customer-360 customer-id=${healthy.customerId} .data=${payload}></crm-customer-360>`);
      pickCustomer(document.body, atRisk.customerId);
      expect(plain.customerId).to.equal(healthy.customerId);

      const removed = await card(html`<crm-customer-360 follow-selection .data=${payload}></crm-customer-360>`);
      removed.remove();
      pickCustomer(document.body, atRisk.customerId);
      expect(removed.customerId).to.equal(undefined);

      const off = await card(html`<crm-customer-360 follow-selection .data=${payload}></crm-customer-360>`);
      off.followSelection = false;
      await off.updateComplete;
      pickCustomer(document.body, atRisk.customerId);
      expect(off.customerId).to.equal(undefined);
      off.followSelection = true;
      await off.updateComplete;
      pickCustomer(document.body, atRisk.customerId);
      expect(off.customerId).to.equal(atRisk.customerId);
    });
  });

  describe('accessibility', () => {
    it('has an accessible name, a one-sentence summary and no axe violations', async () => {
      const c = atRisk;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      expect(part(el, 'base')!.getAttribute('aria-labelledby')).to.equal('title');
      expect(text(el, '#title')).to.equal('Customer 360');
      const summary = text(el, '[part~=summary]');
      expect(summary).to.match(/^.+: health \d+ of 100 \(.+\), .+\.$/);
      expect(summary).to.contain(`health ${c.health.score} of 100`);
      expect(summary).to.contain(`${c.signals.length} warning signals`);
      expect(summary).to.contain(money(c.value.lifetimeRevenue));
      expect(part(el, 'health')!.getAttribute('aria-label')).to.contain(String(c.health.score));
      await expect(el).to.be.accessible();
    });
  });

  describe('locales', () => {
    it('segmentLabel(segment, locale) names an RFM segment from the one segment catalogue', () => {
      expect(['en', 'zh-CN', 'zh-TW'].map((locale) => segmentLabel('cant_lose', locale))).to.deep.equal(['Can’t lose them', '重要挽留客户', '重要挽留客戶']);
    });

    it('speaks zh-CN: title, band, stage, segment, figures and timeline', async () => {
      const c = atRisk;
      const el = await card(html`<crm-customer-360 locale="zh-CN" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      const tc = createTranslator('zh-CN', c360Messages);
      expect(text(el, '#title')).to.equal('客户 360 视图');
      expect(text(el, '[part~=band]')).to.equal(tc(`band.${c.health.band}`));
      expect(text(el, '[part~=stage]')).to.equal(tc(`stage.${c.health.stage}`));
      if (c.rfm) expect(text(el, '.rfm-segment')).to.equal(segmentLabel(c.rfm.segment, 'zh-CN'));
      expect(text(el, '[data-figure=lifetimeRevenue]')).to.equal(money(c.value.lifetimeRevenue, 'zh-CN'));
      expect(text(el, '[data-signal=silent] .evidence')).to.equal(`已 ${c.signals[0]!.evidence['daysSinceInteraction']} 天没有互动`);
      expect(text(el, '[part~=footer]')).to.contain('数据来源：页面传入');
      expect(text(el, '[part~=summary]')).to.contain(`健康分 ${c.health.score}`);
      await expect(el).to.be.accessible();
    });
  });

  describe('themes', () => {
    const shapeFill = (el: Element) => getComputedStyle(root(el).querySelector('[part~=band] .shape')!).fill;
    const surface = (el: Element) => getComputedStyle(part(el, 'base')!).backgroundColor;

    it('uses the light and dark defaults, and marks the band with a shape as well as colour', async () => {
      const light = await card(html`<crm-customer-360 theme="light" customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360>`);
      const dark = await card(html`<crm-customer-360 theme="dark" customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360>`);
      expect(surface(light)).to.equal('rgb(255, 255, 255)');
      expect(surface(dark)).to.equal('rgb(13, 17, 23)');
      expect(shapeFill(light)).to.not.equal(shapeFill(dark));
      // Not colour only: the band has a label and a shape of its own (circle, diamond, triangle).
      expect(text(light, '.band-label')).to.equal(createTranslator('en', c360Messages)(`band.${atRisk.health.band}`));
      expect(root(light).querySelector('[part~=band] .shape')!.firstElementChild!.tagName).to.equal(atRisk.health.band === 'green' ? 'circle' : 'path');
      await expect(dark).to.be.accessible();
    });

    it('draws the last 12 months of revenue as a sparkline named for screen readers', async () => {
      const c = healthy;
      const el = await card(html`<crm-customer-360 locale="en" customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
      const spark = part(el, 'revenue-spark')!;
      expect(spark.getAttribute('role')).to.equal('img');
      // The total is the sum of the 12 months the engine answered, formatted as every amount is.
      const total = c.revenueByMonth.reduce((sum, m) => sum + m.revenue, 0);
      expect(text(el, '.revenue-total')).to.equal(money(total));
      expect(spark.getAttribute('aria-label')).to.contain(money(total));
      expect(spark.querySelector('.revenue-line')!.getAttribute('d')).to.match(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){11}$/);
    });

    it('gives the health score its band token in every band (good, neutral, bad), never the accent', async () => {
      const token = { green: '--crm-color-good', yellow: '--crm-color-neutral', red: '--crm-color-bad' } as const;
      const bands = (['green', 'yellow', 'red'] as const).flatMap((band) => {
        const c = everyone.find((x) => x.health.band === band);
        return c ? [[band, c] as const] : [];
      });
      expect(bands.length, 'the sample has customers in every band').to.equal(3);
      for (const [band, c] of bands) {
        const el = await card(html`<crm-customer-360 customer-id=${c.customerId} .data=${payload}></crm-customer-360>`);
        el.style.setProperty(token[band], 'rgb(1, 2, 3)');
        el.style.setProperty('--crm-color-accent', 'rgb(9, 9, 9)');
        expect(getComputedStyle(part(el, 'health-score')!).color, band).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(part(el, 'meter')!.querySelector('.meter-fill')!).fill, band).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(part(el, 'band')!.querySelector('.shape')!).fill, band).to.equal('rgb(1, 2, 3)');
      }
    });

    it('follows prefers-color-scheme and --crm-* overrides', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await card(html`<crm-customer-360 customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360>`);
      expect(surface(el)).to.equal('rgb(13, 17, 23)');
      // The score takes its band's token (good / neutral / bad), not the accent.
      const token = { green: '--crm-color-good', yellow: '--crm-color-neutral', red: '--crm-color-bad' }[atRisk.health.band];
      el.style.setProperty(token, 'rgb(1, 2, 3)');
      el.style.setProperty('--crm-color-accent', 'rgb(9, 9, 9)');
      expect(getComputedStyle(part(el, 'health-score')!).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'meter')!.querySelector('.meter-fill')!).fill).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('sizes', () => {
    it('fits 280 px: narrow, stacked, nothing overflows', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 280px"><crm-customer-360 customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360></div>`);
      const el = await settled(wrap.querySelector('crm-customer-360')!);
      await frames();
      await idle(el);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('narrow');
      expect(part(el, 'base')!.scrollWidth).to.be.at.most(280);
      expect(getComputedStyle(part(el, 'layout')!).gridTemplateColumns.split(' ').length).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('lays the two columns side by side when wide', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 1000px"><crm-customer-360 customer-id=${atRisk.customerId} .data=${payload}></crm-customer-360></div>`);
      const el = await settled(wrap.querySelector('crm-customer-360')!);
      await frames();
      await idle(el);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('wide');
      expect(getComputedStyle(part(el, 'layout')!).gridTemplateColumns.split(' ').length).to.equal(2);
    });
  });
});
