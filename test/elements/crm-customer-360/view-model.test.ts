import { expect } from '@open-wc/testing';
import { createFormatter } from '../../../src/i18n/index.js';
import type { Customer360 } from '../../../src/metrics/index.js';
import { c360View, type C360ReadyView } from '../../../src/elements/crm-customer-360/view-model.js';
import { revenueSpark } from '../../../src/elements/crm-customer-360/revenue-spark.js';
// The view models are pure: zh-CN's words are there once its module is imported, as in Node.
import '../../../src/locales/zh-CN.js';

const DAY = 86_400_000;
const asOf = Date.UTC(2026, 5, 30);

/** 王芳 of 华星科技: health 30 (red), spend down 42 %, a refund of ¥197.33 and an order of ¥1,204. */
const wang: Customer360 = {
  customer: 0,
  customerId: 'C1',
  profile: { name: '王芳', company: '华星科技', segment: 'B2B', region: '华东', owner: '李雷', createdAt: Date.UTC(2024, 2, 1) },
  value: { lifetimeRevenue: 48210, orders: 40, averageOrderValue: 1205.25, ordersPerYear: 17.5, clv: null, clvStatus: 'short-history' },
  rfm: { customer: 0, customerId: 'C1', recencyDays: 12, frequency: 40, monetary: 48210, r: 2, f: 5, m: 5, segment: 'at_risk' },
  health: { score: 30, band: 'red', stage: 'declining', components: { recency: 50, spendTrend: 10, nps: null, engagement: null, service: null }, measured: ['recency', 'spendTrend'] },
  signals: [{ kind: 'spend_drop', evidence: { recentRevenue: 58, previousRevenue: 100, change: -0.42, windowDays: 90 } }],
  measured: { absent: ['surveys', 'interactions', 'tickets'], signals: ['spend_drop'], components: ['recency', 'spendTrend'] },
  latestSurvey: null,
  openTickets: [],
  timeline: [
    { kind: 'order', id: 'O3076', date: asOf - DAY, detail: { amount: -197.33 } },
    { kind: 'order', id: 'O3001', date: asOf - 10 * DAY, detail: { amount: 1204 } },
  ],
  nextBestAction: { tier: 'potential', action: 'win_back', because: 'spend_drop' },
} as unknown as Customer360;

const options = { customerId: 'C1', minHistoryDays: 90, stages: [] };
const ready = (locale: 'en' | 'zh-CN'): C360ReadyView => {
  const view = c360View(wang, options, locale, createFormatter(locale, 'CNY'));
  if (view.kind !== 'ready') throw new Error('expected a ready view');
  return view;
};

describe('c360View(customer, options, locale, fmt)', () => {
  it('gives the health score its band, meter fill and words', () => {
    const { health } = ready('en');
    expect([health.score, health.of, health.band, health.bandText]).to.deep.equal(['30', 'of 100', 'red', 'At risk of churn']);
    // 30 of 100 fills 0.3 of the meter.
    expect(health.fill).to.equal(0.3);
    expect(health.partial).to.contain('not measured');
    expect(ready('zh-CN').health.bandText).to.equal('流失风险');
  });

  it('formats the value figures in the payload currency and says when CLV needs more history', () => {
    expect(ready('en').figures.map((f) => [f.key, f.value])).to.deep.equal([
      ['lifetimeRevenue', 'CN¥48,210.00'],
      ['orders', '40'],
      ['averageOrderValue', 'CN¥1,205.25'],
      ['ordersPerYear', '17.5'],
      ['clv', 'not enough history (under 90 days)'],
    ]);
  });

  it('gives the last 12 months of revenue a total, a spoken summary and a sparkline', () => {
    // Ten quiet months, CN¥1,204 in May, a −CN¥197.33 refund in June: 1,204 − 197.33 = 1,006.67.
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((month) => ({ month, revenue: 0 }));
    const withMonths = { ...wang, revenueByMonth: [...months, { month: '2026-05', revenue: 1204 }, { month: '2026-06', revenue: -197.33 }] };
    const view = c360View(withMonths, options, 'en', createFormatter('en', 'CNY'));
    if (view.kind !== 'ready') throw new Error('expected a ready view');
    expect([view.revenue!.label, view.revenue!.total]).to.deep.equal(['Last 12 months', 'CN¥1,006.67']);
    expect(view.revenue!.aria).to.equal('Revenue by month over the last 12 months: CN¥1,006.67 in all, \u2212CN¥197.33 in the latest month.');
    const zh = c360View(withMonths, options, 'zh-CN', createFormatter('zh-CN', 'CNY'));
    expect(zh.kind === 'ready' && zh.revenue!.label).to.equal('近 12 个月');
    // An answer without monthly revenue (an older engine) draws no sparkline.
    expect(ready('en').revenue).to.equal(null);
  });

  it('revenueSpark(revenue) places the months in a 120 × 28 box with 0 always in the y domain', () => {
    // x: 0, 1, 2 → 2, 60, 118 (pad 2, (118 − 2) / 2 = 58 apart); y: 0 → 26, 100 → 2, 50 → 26 − 24 × 0.5 = 14.
    expect(revenueSpark([0, 100, 50])).to.deep.equal({ line: 'M2,26L60,2L118,14', area: 'M2,26L60,2L118,14L118,26L2,26Z', last: { x: 118, y: 14 }, zeroY: 26 });
    // A refund month below zero: domain −50..50, so 0 sits at the middle, 26 − 24 × 0.5 = 14.
    expect(revenueSpark([-50, 50])!.zeroY).to.equal(14);
    expect(revenueSpark([5])).to.equal(null);
  });

  it('writes a refund with a real minus sign', () => {
    const [refund, order] = ready('en').timeline;
    expect([refund!.kindText, refund!.what]).to.deep.equal(['Refund', 'O3076: \u2212CN¥197.33']);
    expect([order!.kindText, order!.what]).to.deep.equal(['Order', 'O3001: CN¥1,204.00']);
    expect(refund!.select).to.deep.equal({ kind: 'timeline-item', customerId: 'C1', item: { kind: 'order', id: 'O3076', date: '2026-06-29T00:00:00.000Z' } });
  });

  it('lists the five signals: fired with evidence, the rest not measured', () => {
    const signals = ready('en').signals;
    expect(signals.map((s) => s.state)).to.deep.equal(['not-measured', 'fired', 'not-measured', 'not-measured', 'not-measured']);
    // |−0.42| as a whole percentage: 42 %.
    expect(signals[1]!.evidence).to.equal('spend down 42.0% on the previous 90 days');
    expect(ready('en').signalsFired).to.equal('1 of 5 fired');
  });

  it('names the next best action and why', () => {
    const { action } = ready('en');
    expect([action.tierText, action.becauseText]).to.deep.equal(['Potential customer', 'because: Spending down']);
  });

  it('asks for a customer without an id and says when the id is unknown', () => {
    expect(c360View(undefined, { ...options, customerId: undefined }, 'en', createFormatter('en')).kind).to.equal('empty');
    const unknown = c360View(null, { ...options, customerId: 'X9' }, 'en', createFormatter('en'));
    expect(unknown.kind === 'empty' && unknown.text).to.contain('X9');
  });
});
