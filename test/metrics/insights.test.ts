import { expect } from '@open-wc/testing';
import type { Dataset } from '../../src/contract/index.js';
import { bandOf, computeInsights, customerInsight, signalKinds } from '../../src/metrics/index.js';
import { HOUR, ago, dataset } from './fixtures.js';

const one = (d: Dataset, id: string, options = {}) => {
  const insights = computeInsights(d, options);
  return customerInsight(d, insights, d.customerKeys.indexOf(id));
};

// X: 3 recent interactions, spend halved, latest survey a detractor, one slow ticket.
const xData = () =>
  dataset({
    customers: [
      { id: 'X', name: 'X', createdAt: ago(730) },
      { id: 'Y', name: 'Y', createdAt: ago(30) },
    ],
    orders: [
      { id: 'o1', customerId: 'X', date: ago(10), amount: 100 },
      { id: 'o2', customerId: 'X', date: ago(100), amount: 200 },
    ],
    interactions: [10, 20, 30].map((days, i) => ({ id: `i${i}`, customerId: 'X', date: ago(days), channel: 'phone' })),
    surveys: [
      { id: 's1', customerId: 'X', date: ago(50), score: 10 },
      { id: 's2', customerId: 'X', date: ago(5), score: 4 },
      { id: 's3', customerId: 'X', date: ago(-2), score: 10 },
    ],
    tickets: [{ id: 't1', customerId: 'X', openedAt: ago(3), firstResponseAt: ago(3, -3) }],
  });

describe('computeInsights(dataset)', () => {
  it('computeInsights raises spend_drop, detractor, service and under_engaged with their evidence', () => {
    const { signals } = one(xData(), 'X');
    expect(signals).to.deep.equal([
      { kind: 'spend_drop', evidence: { recentRevenue: 100, previousRevenue: 200, change: -0.5, windowDays: 90 } },
      { kind: 'detractor', evidence: { score: 4, surveyId: 's2', daysSinceSurvey: 5 } },
      { kind: 'service', evidence: { slowTickets: 1, unanswered: 0, tickets: 1, ticketId: 't1', worstWaitHours: 3, thresholdHours: 2 } },
      { kind: 'under_engaged', evidence: { interactions: 3, minimum: 6, windowDays: 90 } },
    ]);
  });

  it('computeInsights scores health as the weighted mean of its five components', () => {
    const { health } = one(xData(), 'X');
    expect(health.components.recency).to.be.closeTo(100 * (1 - 10 / 180), 1e-9);
    expect(health.components).to.include({ spendTrend: 50, nps: 40, engagement: 50, service: 0 });
    // (30 × 94.44 + 25 × 50 + 15 × 40 + 20 × 50 + 10 × 0) / 100 = 56.83
    expect(health).to.include({ score: 57, band: 'yellow', stage: 'declining' });
  });

  it('computeInsights values a customer: lifetime revenue, AOV, orders per year and CLV', () => {
    // Tenure 730 whole days: 2 × 365 / 730 = 1 order a year; AOV 300 / 2 = 150; CLV 150 × 1 × 3 = 450.
    expect(one(xData(), 'X').value).to.deep.equal({ lifetimeRevenue: 300, orders: 2, averageOrderValue: 150, ordersPerYear: 1, clv: 450, clvStatus: 'projected' });
    expect(one(xData(), 'X', { lifespanYears: 5 }).value.clv).to.equal(750);
  });

  it('computeInsights treats a customer with no activity as silent, under-engaged, red and exploring', () => {
    const { signals, health, value } = one(xData(), 'Y');
    expect(signals.map((s) => s.kind)).to.deep.equal(['silent', 'under_engaged']);
    expect(signals[0]!.evidence).to.deep.equal({ daysSinceInteraction: null, thresholdDays: 90 });
    // (30 × 0 + 25 × 50 + 15 × 50 + 20 × 0 + 10 × 100) / 100 = 30
    expect(health).to.include({ score: 30, band: 'red', stage: 'exploring' });
    expect(value).to.deep.equal({ lifetimeRevenue: 0, orders: 0, averageOrderValue: null, ordersPerYear: null, clv: null, clvStatus: 'no-purchase' });
  });

  it('computeInsights returns typed arrays indexed like customerKeys', () => {
    const d = xData();
    const insights = computeInsights(d);
    expect(insights.health).to.be.instanceOf(Uint8Array);
    expect(Array.from(insights.health)).to.deep.equal([57, 30]);
    expect(signalKinds(insights.signals[1]!)).to.deep.equal(['silent', 'under_engaged']);
    expect(insights.value.averageOrderValue[1]).to.be.NaN;
  });

  it('computeInsights flags a ticket unanswered for more than 2 h at asOf, but not one opened an hour ago or answered in time', () => {
    const d = dataset({
      customers: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }, { id: 'C', name: 'C' }],
      tickets: [
        { id: 'late', customerId: 'A', openedAt: ago(0, 3) },
        { id: 'answeredAfterAsOf', customerId: 'B', openedAt: ago(0, 2.5), firstResponseAt: ago(-1) },
        { id: 'fresh', customerId: 'C', openedAt: ago(0, 1) },
        { id: 'quick', customerId: 'C', openedAt: ago(9), firstResponseAt: new Date(Date.parse(ago(9)) + 2 * HOUR).toISOString() },
      ],
    });
    const insights = computeInsights(d);
    const service = (id: string) => customerInsight(d, insights, d.customerKeys.indexOf(id)).signals.find((s) => s.kind === 'service');
    expect(service('A')!.evidence).to.include({ unanswered: 1, ticketId: 'late', worstWaitHours: 3 });
    expect(service('B')!.evidence).to.include({ unanswered: 1, ticketId: 'answeredAfterAsOf' });
    expect(service('C')).to.equal(undefined);
  });

  it('computeInsights does not measure what an absent collection would feed, and re-weights health over the rest', () => {
    // Only customers and orders: no interactions, surveys or tickets in the payload.
    const d = dataset({
      customers: [{ id: 'A', name: 'A', createdAt: ago(730) }],
      orders: [
        { id: 'o1', customerId: 'A', date: ago(10), amount: 100 },
        { id: 'o2', customerId: 'A', date: ago(100), amount: 200 },
      ],
    });
    const insights = computeInsights(d);
    expect(insights.measured).to.deep.equal({ absent: ['interactions', 'surveys', 'stageEvents', 'tickets'], signals: ['spend_drop'], components: ['recency', 'spendTrend'] });
    const { signals, health } = customerInsight(d, insights, 0);
    // silent and under_engaged are not measured, so they never fire; spend 100 < 0.7 × 200 does.
    expect(signals.map((s) => s.kind)).to.deep.equal(['spend_drop']);
    expect(health.components).to.deep.equal({ recency: 100 * (1 - 10 / 180), spendTrend: 50, nps: null, engagement: null, service: null });
    expect(health.measured).to.deep.equal(['recency', 'spendTrend']);
    // (30 × 94.444 + 25 × 50) / (30 + 25) = 4,083.33 / 55 = 74.24 → 74, green
    // (it was (30 × 94.44 + 25 × 50 + 15 × 50 + 20 × 0 + 10 × 100) / 100 = 58, yellow, with engagement read as 0).
    expect(health).to.include({ score: 74, band: 'green' });
  });

  it('computeInsights counts a present but empty collection as a fact about the customer', () => {
    const d = dataset({
      customers: [{ id: 'A', name: 'A', createdAt: ago(730) }],
      orders: [
        { id: 'o1', customerId: 'A', date: ago(10), amount: 100 },
        { id: 'o2', customerId: 'A', date: ago(100), amount: 200 },
      ],
      interactions: [],
      surveys: [],
    });
    const insights = computeInsights(d);
    expect(insights.measured.absent).to.deep.equal(['stageEvents', 'tickets']);
    const { signals, health } = customerInsight(d, insights, 0);
    expect(signals.map((s) => s.kind)).to.deep.equal(['silent', 'spend_drop', 'under_engaged']);
    // Engagement 0 and the neutral 50 of "no survey" count; service is not measured:
    // (30 × 94.444 + 25 × 50 + 15 × 50 + 20 × 0) / 90 = 4,833.33 / 90 = 53.70 → 54, yellow.
    expect(health.components).to.include({ nps: 50, engagement: 0, service: null });
    expect(health).to.include({ score: 54, band: 'yellow' });
  });

  it('computeInsights honours thresholds and weights as options', () => {
    const d = xData();
    const relaxed = one(d, 'X', { minInteractions: 3, spendDropRatio: 0.5, serviceResponseHours: 4, detractorMax: 3 });
    expect(relaxed.signals).to.deep.equal([]);
    const recencyOnly = one(d, 'X', { weights: { recency: 1, spendTrend: 0, nps: 0, engagement: 0, service: 0 } });
    expect(recencyOnly.health.score).to.equal(94);
  });
});

describe('bandOf(score)', () => {
  it('bandOf is green from 70, yellow from 40, red below (docs/metrics.md)', () => {
    expect([100, 70, 69, 40, 39, 0].map(bandOf)).to.deep.equal(['green', 'green', 'yellow', 'yellow', 'red', 'red']);
  });

  it('computeInsights bands every customer by that rule: X scores 57 (yellow), Y 30 (red)', () => {
    const d = xData();
    const insights = computeInsights(d);
    // Worked out above: X (30 × 94.44 + 25 × 50 + 15 × 40 + 20 × 50 + 10 × 0) / 100 = 56.83 → 57; Y 30.
    expect([...insights.health]).to.deep.equal([57, 30]);
    expect([...insights.band]).to.deep.equal([1, 2]);
  });
});

describe('lifecycle stage', () => {
  const stageOf = (createdDays: number, orders: [number, number][], options = {}) => {
    const d = dataset({
      customers: [{ id: 'A', name: 'A', createdAt: ago(createdDays) }],
      orders: orders.map(([days, amount], i) => ({ id: `o${i}`, customerId: 'A', date: ago(days), amount })),
    });
    return one(d, 'A', options).health.stage;
  };

  it('computeInsights calls a steady customer of more than a year mature', () => {
    expect(stageOf(400, [[10, 100], [100, 100]])).to.equal('mature');
  });

  it('computeInsights calls a young buyer or a rising spender growing', () => {
    expect(stageOf(200, [[10, 100], [100, 100]])).to.equal('growing');
    expect(stageOf(400, [[10, 150], [100, 100]])).to.equal('growing');
  });

  it('computeInsights calls a customer exploring before 90 days or before any purchase', () => {
    expect(stageOf(30, [[10, 100]])).to.equal('exploring');
    expect(stageOf(400, [])).to.equal('exploring');
  });

  it('computeInsights calls a falling or lapsed spender declining', () => {
    expect(stageOf(400, [[10, 60], [100, 100]])).to.equal('declining');
    expect(stageOf(400, [[200, 100]])).to.equal('declining');
    expect(stageOf(400, [[10, 60], [100, 100]], { lifecycle: { declineRatio: 0.5 } })).to.equal('mature');
  });

  it('computeInsights counts refunds in value, uses at least 90 days of tenure for the yearly rate and withholds CLV under 90 days of history', () => {
    const d = dataset({
      customers: [{ id: 'A', name: 'A', createdAt: ago(30) }],
      orders: [
        { id: '1', customerId: 'A', date: ago(20), amount: 100 },
        { id: '2', customerId: 'A', date: ago(10), amount: 100 },
        { id: '3', customerId: 'A', date: ago(5), amount: -50 },
      ],
    });
    const { value } = one(d, 'A');
    expect(value).to.include({ lifetimeRevenue: 150, orders: 2, averageOrderValue: 75 });
    expect(value.ordersPerYear).to.be.closeTo((2 * 365) / 90, 1e-9);
    // 30 days of history: not enough to project a lifetime.
    expect(value).to.include({ clv: null, clvStatus: 'short-history' });
    // Without the guard: 75 × (2 × 365 / 90) × 3 = 75 × 8.111 × 3 = 1,825.00.
    expect(one(d, 'A', { minHistoryDays: 0 }).value).to.include({ clv: 1825, clvStatus: 'projected' });
  });

  it('computeInsights counts tenure for CLV in whole days', () => {
    // Created 12:00Z, asOf 180.5 days later, one order of 100: floor(180.5) = 180 days;
    // 365 / 180 = 2.027778 orders a year; CLV = 100 × 2.027778 × 3 = 608.33 (fractional days gave 606.65).
    const d = dataset({
      customers: [{ id: 'A', name: 'A', createdAt: ago(180, 12) }],
      orders: [{ id: '1', customerId: 'A', date: ago(10), amount: 100 }],
    });
    const { value } = one(d, 'A');
    expect(value.ordersPerYear).to.be.closeTo(365 / 180, 1e-12);
    expect(value).to.include({ clv: 608.33, clvStatus: 'projected' });
  });
});
