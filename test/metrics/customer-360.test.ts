import { expect } from '@open-wc/testing';
import { computeRfm, describeCustomer, monthlyRevenue, nextBestAction, type RfmCustomer, type Signal } from '../../src/metrics/index.js';
import { ago, dataset } from './fixtures.js';

const data = () =>
  dataset({
    stages: [{ key: 'lead' }, { key: 'won' }],
    customers: [
      { id: 'A', name: 'Ann', company: 'Acme', region: '华东', createdAt: ago(400) },
      { id: 'B', name: 'Bo' },
    ],
    orders: [
      { id: 'o1', customerId: 'A', date: ago(3), amount: 120 },
      { id: 'o2', customerId: 'A', date: ago(40), amount: 80 },
      { id: 'o3', customerId: 'B', date: ago(200), amount: 10 },
      { id: 'late', customerId: 'A', date: ago(-1), amount: 999 },
    ],
    interactions: [{ id: 'i1', customerId: 'A', date: ago(2), channel: 'wechat' }],
    surveys: [{ id: 's1', customerId: 'A', date: ago(1), score: 9, comment: '很好' }],
    tickets: [
      { id: 't1', customerId: 'A', openedAt: ago(4), firstResponseAt: ago(4, -1) },
      { id: 't2', customerId: 'A', openedAt: ago(50), firstResponseAt: ago(50, -1), resolvedAt: ago(49) },
    ],
    stageEvents: [{ entityId: 'D1', customerId: 'A', stage: 'won', date: ago(5) }],
  });

describe('describeCustomer(dataset, customerId)', () => {
  it('describeCustomer gathers profile, value, RFM, health, signals, survey and open tickets', () => {
    const view = describeCustomer(data(), 'A')!;
    expect(view.customerId).to.equal('A');
    expect(view.profile).to.include({ name: 'Ann', company: 'Acme', region: '华东', owner: null });
    expect(view.value).to.include({ lifetimeRevenue: 200, orders: 2, averageOrderValue: 100 });
    expect(view.rfm).to.include({ customerId: 'A', frequency: 2, monetary: 200 });
    expect(view.latestSurvey).to.deep.equal({ id: 's1', date: Date.parse(ago(1)), score: 9, comment: '很好' });
    expect(view.openTickets).to.deep.equal([{ id: 't1', openedAt: Date.parse(ago(4)), firstResponseAt: Date.parse(ago(4, -1)) }]);
    expect(view.signals.map((s) => s.kind)).to.deep.equal(['under_engaged']);
    expect(view.health.band).to.be.oneOf(['green', 'yellow', 'red']);
  });

  it('describeCustomer lists the timeline newest first across collections, without records after asOf', () => {
    const view = describeCustomer(data(), 'A')!;
    expect(view.timeline.map((t) => `${t.kind}:${t.id}`)).to.deep.equal([
      'survey:s1',
      'interaction:i1',
      'order:o1',
      'ticket:t1',
      'stage:D1',
      'order:o2',
      'ticket:t2',
    ]);
    expect(view.timeline[1]!.detail).to.deep.equal({ channel: 'wechat' });
    expect(view.timeline[4]!.detail).to.deep.equal({ stage: 'won' });
    expect(describeCustomer(data(), 'A', { timelineLimit: 2 })!.timeline).to.have.length(2);
  });

  it('describeCustomer uses a given RFM result and returns null for an unknown id', () => {
    const d = data();
    const rfm = computeRfm(d);
    expect(describeCustomer(d, 'B', { rfm })!.rfm).to.deep.equal(rfm.customers[1]);
    expect(describeCustomer(d, 'nobody')).to.equal(null);
    // A result that computeRfm did not make (a copy, as a host may pass one): found in its list. By hand: of the
    // two scored customers B has the older purchase, fewer purchases and less money, so 1 + floor(5 × 0 / 2) = 1 on
    // every axis, and R 1 × F 1 is hibernating.
    const b: RfmCustomer = { customer: 1, customerId: 'B', recencyDays: 200, frequency: 1, monetary: 10, r: 1, f: 1, m: 1, segment: 'hibernating' };
    expect(rfm.customers[1]).to.deep.equal(b);
    const copy = { ...rfm, customers: [{ ...b }] };
    expect(describeCustomer(d, 'B', { rfm: copy })!.rfm).to.deep.equal(b);
    expect(describeCustomer(d, 'A', { rfm: copy })!.rfm).to.equal(null);
  });
});

describe('one customer\'s rows, found once per customer', () => {
  it('describeCustomer reads each customer\'s own rows in turn, and a replaced collection afresh', () => {
    const d = data();
    expect(describeCustomer(d, 'A')!.value).to.include({ lifetimeRevenue: 200, orders: 2 });
    const b = describeCustomer(d, 'B')!;
    expect(b.value).to.include({ lifetimeRevenue: 10, orders: 1 });
    expect(b.timeline.map((t) => t.id)).to.deep.equal(['o3']);
    expect(b.openTickets).to.deep.equal([]);
    expect(b.latestSurvey).to.equal(null);
    expect(describeCustomer(d, 'A')!.timeline).to.have.length(7);
    // The same dataset object with its orders swapped for B's alone: A has none left.
    const onlyB = { ...d.orders, customer: Int32Array.from([1]), date: d.orders.date.slice(2, 3), amount: d.orders.amount.slice(2, 3), length: 1 };
    onlyB.id = { at: (i: number) => (i === 0 ? 'o3' : undefined) } as typeof d.orders.id;
    d.orders = onlyB;
    const a = describeCustomer(d, 'A')!;
    expect(a.value).to.include({ lifetimeRevenue: 0, orders: 0 });
    expect(a.timeline.filter((t) => t.kind === 'order')).to.deep.equal([]);
    expect(a.revenueByMonth.every((m) => m.revenue === 0)).to.equal(true);
  });
});

describe('nextBestAction(rfm, signals)', () => {
  const rfm = (segment: RfmCustomer['segment'], m = 3): RfmCustomer => ({
    customer: 0, customerId: 'A', recencyDays: 1, frequency: 1, monetary: 1, r: 3, f: 3, m, segment,
  });
  const signal = (kind: Signal['kind']): Signal => ({ kind, evidence: {} });

  it('nextBestAction picks the tier action when no red signal fires', () => {
    expect(nextBestAction(rfm('champions'), [])).to.deep.equal({ tier: 'high_value', action: 'dedicated_advisor', because: null });
    expect(nextBestAction(rfm('hibernating', 5), [])).to.include({ tier: 'high_value' });
    expect(nextBestAction(rfm('potential_loyalist'), [signal('under_engaged')])).to.deep.equal({ tier: 'potential', action: 'community_content', because: null });
    expect(nextBestAction(rfm('hibernating'), [])).to.include({ tier: 'ordinary', action: 'automated_templates' });
    expect(nextBestAction(null, [])).to.include({ tier: 'ordinary', action: 'automated_templates' });
  });

  it('nextBestAction lets the most urgent red signal choose its remedy', () => {
    expect(nextBestAction(rfm('champions'), [signal('silent'), signal('service')])).to.deep.equal({
      tier: 'high_value',
      action: 'remedy_service',
      because: 'service',
    });
    expect(nextBestAction(rfm('new'), [signal('spend_drop')])).to.include({ action: 'remedy_spend_drop', because: 'spend_drop' });
  });

  it('nextBestAction follows custom rules', () => {
    const rules = { redSignals: ['under_engaged' as const], remedies: { under_engaged: 'call_now' }, tierActions: { ordinary: 'newsletter' } };
    expect(nextBestAction(rfm('hibernating'), [signal('under_engaged')], rules)).to.include({ action: 'call_now', because: 'under_engaged' });
    expect(nextBestAction(rfm('hibernating'), [signal('silent')], rules)).to.include({ action: 'newsletter', because: null });
  });
});

describe('monthlyRevenue(dataset, customer)', () => {
  it('monthlyRevenue(dataset, customer) sums net order amounts per UTC month for the 12 months ending with asOf', () => {
    // asOf 2026-06-30T00:00Z. ago(3) = 06-27 (120), ago(40) = 05-21 (80), ago(36) = 05-25 (−30 refund),
    // ago(380) = 2025-06-15 (outside: the window starts 2025-07), ago(-1) = after asOf (ignored), B's order not A's.
    const months = monthlyRevenue(
      dataset({
        customers: [{ id: 'A', name: 'Ann' }, { id: 'B', name: 'Bo' }],
        orders: [
          { id: 'o1', customerId: 'A', date: ago(3), amount: 120 },
          { id: 'o2', customerId: 'A', date: ago(40), amount: 80 },
          { id: 'r1', customerId: 'A', date: ago(36), amount: -30 },
          { id: 'old', customerId: 'A', date: ago(380), amount: 50 },
          { id: 'late', customerId: 'A', date: ago(-1), amount: 999 },
          { id: 'b1', customerId: 'B', date: ago(3), amount: 7 },
        ],
      }),
      0,
    );
    const zero = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((month) => ({ month, revenue: 0 }));
    // 2026-05: 80 − 30 = 50; 2026-06: 120.
    expect(months).to.deep.equal([...zero, { month: '2026-05', revenue: 50 }, { month: '2026-06', revenue: 120 }]);
  });

  it('describeCustomer carries revenueByMonth: 12 months, summing to the revenue dated in them', () => {
    // Ann's orders: 120 (06-27) and 80 (05-21); B's 10 at ago(200) is not hers.
    const view = describeCustomer(data(), 'A')!;
    expect(view.revenueByMonth).to.have.length(12);
    expect(view.revenueByMonth.slice(-2)).to.deep.equal([{ month: '2026-05', revenue: 80 }, { month: '2026-06', revenue: 120 }]);
  });
});
