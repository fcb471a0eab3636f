import { expect } from '@open-wc/testing';
import { checkQuery, type QueryFilters } from '../../src/contract/index.js';
import { answerQuery } from '../../src/data/engine/answer-query.js';
import { computeFunnel, computeNps, computeRfm, distinctValues, filterDataset, parsePeriod } from '../../src/metrics/index.js';
import { filterPayload } from './filter-payload.js';
import { dataset } from './fixtures.js';

const payload = () => dataset(filterPayload());

const nps = (filters: QueryFilters) => computeNps(filterDataset(payload(), filters), { minResponses: 0 });
const funnelSteps = (filters: QueryFilters, mode: 'ordered' | 'snapshot' = 'ordered') =>
  computeFunnel(filterDataset(payload(), filters), { mode }).steps.map((s) => s.count);

describe('filterDataset(dataset, filters)', () => {
  it('filterDataset returns the dataset itself without filters, and empty lists restrict nothing', () => {
    const d = payload();
    expect(filterDataset(d, undefined)).to.equal(d);
    expect(filterDataset(d, { customer: { region: [] }, stage: [], time: { kind: 'all' } })).to.equal(d);
  });

  it('filterDataset never mutates the dataset it is given', () => {
    const d = payload();
    filterDataset(d, { time: { kind: 'last-days', days: 90 }, customer: { region: ['East'] } });
    expect(d.surveys.length).to.equal(6);
    expect(d.scope).to.equal(undefined);
  });

  it('a customer filter keeps the surveys of matching customers and drops anonymous ones', () => {
    // East = A and B: 10, 3, 9 → P 2, D 1, N 3; 100 × (2 − 1) / 3 = 33.33.
    expect(nps({ customer: { region: ['East'] } })).to.include({ responses: 3, promoters: 2, passives: 0, detractors: 1 });
    expect(nps({ customer: { region: ['East'] } }).score).to.be.closeTo(33.333, 1e-3);
  });

  it('values of one field are alternatives, fields must all hold', () => {
    // East or West = everyone named: 10, 3, 9, 5, 8 (the anonymous 10 is out) → P 2, Pa 1, D 2.
    expect(nps({ customer: { region: ['East', 'West'] } })).to.include({ responses: 5, promoters: 2, passives: 1, detractors: 2 });
    // East and Li = A: 10, 3.
    expect(nps({ customer: { region: ['East'], owner: ['Li'] } })).to.include({ responses: 2, promoters: 1, detractors: 1 });
    // attributes.tier gold = A; an extra field nobody has matches nobody.
    expect(nps({ customer: { 'attributes.tier': ['gold'] } })).to.include({ responses: 2 });
    expect(nps({ customer: { nickname: ['x'] } })).to.include({ responses: 0 });
  });

  it('a time filter keeps surveys dated in the period, anonymous ones included', () => {
    // Last 90 days: A 10 (10 d), B 9 (20 d), C 5 (30 d), anonymous 10 (5 d) → P 3, D 1; 100 × 2 / 4 = 50.
    expect(nps({ time: { kind: 'last-days', days: 90 } })).to.include({ responses: 4, promoters: 3, detractors: 1, score: 50 });
    // and West: C 5 only.
    expect(nps({ time: { kind: 'last-days', days: 90 }, customer: { region: ['West'] } })).to.include({ responses: 1, detractors: 1 });
  });

  it('a stage filter keeps customers by their lifecycleStage', () => {
    // lead = B, D: 9, 8 → P 1, Pa 1.
    expect(nps({ stage: ['lead'] })).to.include({ responses: 2, promoters: 1, passives: 1, detractors: 0 });
    // Snapshot funnel: stage customer = A, C → lead 0, customer 2.
    expect(funnelSteps({ stage: ['customer'] }, 'snapshot')).to.deep.equal([0, 2]);
  });

  it('an NPS filter keeps customers by the category of their latest response, with all their responses', () => {
    // Latest: A 10 promoter, B 9 promoter, C 5 detractor, D 8 passive. Promoters A, B: 10, 3, 9.
    expect(nps({ nps: ['promoter'] })).to.include({ responses: 3, promoters: 2, detractors: 1 });
    expect(nps({ nps: ['passive', 'detractor'] })).to.include({ responses: 2, passives: 1, detractors: 1 });
  });

  it('a time filter keeps orders in the period and measures recency from its end', () => {
    // 2026-02-01..2026-03-31: only C's 300 on 2026-03-02 (120 days before 2026-06-30; A's 200 on 01-31 is out).
    const d = filterDataset(payload(), { time: parsePeriod('2026-02-01..2026-03-31')! });
    expect(d.asOf).to.equal(Date.parse('2026-04-01T00:00:00Z'));
    const rfm = computeRfm(d);
    expect(rfm.customers.map((c) => [c.customerId, c.monetary, c.recencyDays])).to.deep.equal([['C', 300, 30]]); // 03-02 → 04-01: 30 days
    expect(rfm.unscored).to.equal(3); // A, B, D have no purchase in the period
  });

  it('a time filter keeps stage events in the period: an entity enters the funnel at a step-1 event in it', () => {
    // Unfiltered: lead A, B, C, D; customer A, C.
    expect(funnelSteps({})).to.deep.equal([4, 2]);
    // Last 90 days: A's customer (50 d) but not its lead (100 d); B lead (30 d); D lead (10 d) → lead 2, customer 0.
    expect(funnelSteps({ time: { kind: 'last-days', days: 90 } })).to.deep.equal([2, 0]);
    // West = C, D: lead 2, customer 1.
    expect(funnelSteps({ customer: { region: ['West'] } })).to.deep.equal([2, 1]);
  });

  it('segment and cell filters use scores ranked among the other filters, and RFM is not re-ranked within them', () => {
    // East: A R 5 d, F 2; B R 40 d, F 1. n = 2, score 1 + floor(5 × below / 2):
    // A below 1 on both → R 3, F 3 → need_attention; B below 0 → R 1, F 1 → hibernating.
    const east = { customer: { region: ['East'] } };
    expect(nps({ ...east, segment: ['need_attention'] })).to.include({ responses: 2, promoters: 1, detractors: 1 }); // A: 10, 3
    expect(nps({ ...east, cell: { x: 'r', y: 'f', cell: { x: 1, y: 1 } } })).to.include({ responses: 1, promoters: 1 }); // B: 9
    // A keeps R 3, F 3 in the filtered matrix (alone, ranking afresh would give 1, 1).
    const rfm = computeRfm(filterDataset(payload(), { ...east, segment: ['need_attention'] }));
    expect(rfm.customers.map((c) => [c.customerId, c.r, c.f, c.segment])).to.deep.equal([['A', 3, 3, 'need_attention']]);
    expect(rfm.scored).to.equal(1);
    expect(rfm.unscored).to.equal(0);
  });
});

describe('distinctValues(dataset, fields)', () => {
  it('distinctValues counts customers per value, most first, then by value', () => {
    expect(distinctValues(payload(), ['region', 'attributes.tier'])).to.deep.equal([
      { field: 'region', values: [{ value: 'East', customers: 2 }, { value: 'West', customers: 2 }], truncated: false },
      // B and D have no tier: not listed.
      { field: 'attributes.tier', values: [{ value: 'gold', customers: 1 }, { value: 'silver', customers: 1 }], truncated: false },
    ]);
  });

  it('distinctValues counts within the filters and cuts at the limit', () => {
    // Li = A, C: East 1, West 1; with limit 1 only East (ties by value).
    expect(distinctValues(filterDataset(payload(), { customer: { owner: ['Li'] } }), ['region'], 1)).to.deep.equal([
      { field: 'region', values: [{ value: 'East', customers: 1 }], truncated: true },
    ]);
  });
});

describe('answerQuery with filters', () => {
  it('answerQuery applies a query\'s filters to every metric and answers values', () => {
    const d = payload();
    const filters = { customer: { region: ['East'] } };
    expect(answerQuery(d, { metric: 'nps', options: { minResponses: 0 }, filters })).to.include({ responses: 3 });
    const grid = answerQuery(d, { metric: 'rfm-grid', options: { x: 'r', y: 'f' }, filters }) as { scored: number; cells: { x: number; y: number; count: number }[] };
    // East: A at R 3, F 3, B at R 1, F 1.
    expect(grid.scored).to.equal(2);
    expect(grid.cells.filter((c) => c.count > 0).map((c) => [c.x, c.y, c.count])).to.deep.equal([[1, 1, 1], [3, 3, 1]]);
    const members = answerQuery(d, { metric: 'rfm-members', options: { x: 'r', y: 'f', cell: { x: 3, y: 3 } }, filters });
    expect(members).to.deep.equal({ customerIds: ['A'] });
    expect(answerQuery(d, { metric: 'values', options: { fields: ['owner'] }, filters })).to.deep.equal({
      fields: [{ field: 'owner', values: [{ value: 'Li', customers: 1 }, { value: 'Wang', customers: 1 }], truncated: false }],
    });
    // The same query without filters still sees everyone: filtered views never leak into the dataset.
    expect(answerQuery(d, { metric: 'nps', options: { minResponses: 0 } })).to.include({ responses: 6 });
  });

  it('checkQuery refuses filters that are not in the contract', () => {
    expect(checkQuery({ metric: 'nps', options: {}, filters: { segment: ['gold'] } }).ok).to.equal(false);
    expect(checkQuery({ metric: 'nps', options: {}, filters: { time: { kind: 'last-days', days: 0 } } }).ok).to.equal(false);
    expect(checkQuery({ metric: 'nps', options: {}, filters: { customer: { region: 'East' } } }).ok).to.equal(false);
    expect(checkQuery({ metric: 'funnel', options: {}, filters: { stage: ['lead'], nps: ['promoter'] } }).ok).to.equal(true);
  });
});
