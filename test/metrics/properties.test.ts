import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { computeFunnel, computeInsights, computeNps, computeRfm, RFM_SEGMENTS, rankScores, segmentOf } from '../../src/metrics/index.js';
import { ago, dataset } from './fixtures.js';

const CUSTOMER_IDS = ['A', 'B', 'C', 'D', 'E', 'F'];
const STAGES = ['s1', 's2', 's3', 's4'];

const payloadArb = fc.record({
  orders: fc.array(
    fc.record({
      customer: fc.constantFrom(...CUSTOMER_IDS),
      days: fc.integer({ min: -20, max: 400 }),
      // Cents, with refunds and ties likely.
      amount: fc.oneof(fc.constantFrom(100, -25.5, 999), fc.integer({ min: -10_000, max: 100_000 }).map((c) => c / 100)),
    }),
    { maxLength: 40 },
  ),
  surveys: fc.array(
    fc.record({ customer: fc.option(fc.constantFrom(...CUSTOMER_IDS)), days: fc.integer({ min: -5, max: 200 }), score: fc.integer({ min: 0, max: 10 }) }),
    { maxLength: 30 },
  ),
  events: fc.array(
    fc.record({ entity: fc.integer({ min: 0, max: 6 }), stage: fc.constantFrom(...STAGES), days: fc.integer({ min: -5, max: 60 }) }),
    { maxLength: 40 },
  ),
});

type Generated = typeof payloadArb extends fc.Arbitrary<infer T> ? T : never;

const toDataset = (g: Generated) =>
  dataset({
    stages: STAGES.map((key) => ({ key })),
    customers: CUSTOMER_IDS.map((id) => ({ id, name: id })),
    orders: g.orders.map((o, i) => ({ id: `o${i}`, customerId: o.customer, date: ago(o.days), amount: o.amount })),
    surveys: g.surveys.map((s, i) => ({ id: `s${i}`, ...(s.customer ? { customerId: s.customer } : {}), date: ago(s.days), score: s.score })),
    stageEvents: g.events.map((e) => ({ entityId: `D${e.entity}`, stage: e.stage, date: ago(e.days) })),
  });

describe('metric invariants (fast-check)', () => {
  it('computeFunnel counts never increase from step to step, with or without a window', () => {
    fc.assert(
      fc.property(payloadArb, fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }), (g, windowDays) => {
        const { steps } = computeFunnel(toDataset(g), { windowDays });
        for (let j = 1; j < steps.length; j++) {
          expect(steps[j]!.count).to.be.at.most(steps[j - 1]!.count);
          expect(steps[j]!.dropOff).to.equal(steps[j - 1]!.count - steps[j]!.count);
        }
      }),
    );
  });

  it('computeNps stays within −100..100 and its counts add up', () => {
    fc.assert(
      fc.property(payloadArb, fc.constantFrom<'all' | 'latest'>('all', 'latest'), fc.constantFrom<'wald' | 'adjusted-wald'>('wald', 'adjusted-wald'), (g, dedupe, interval) => {
        const nps = computeNps(toDataset(g), { minResponses: 0, dedupe, interval, trend: 'week' });
        expect(nps.promoters + nps.passives + nps.detractors).to.equal(nps.responses);
        expect(nps.trend.reduce((sum, p) => sum + p.responses, 0)).to.equal(nps.responses);
        if (nps.responses > 0) {
          expect(nps.score).to.be.within(-100, 100);
          expect(nps.marginOfError).to.be.at.least(0);
        }
      }),
    );
  });

  it('computeRfm puts every scored customer in exactly one segment, with scores 1..5 and sums that match', () => {
    fc.assert(
      fc.property(payloadArb, (g) => {
        const rfm = computeRfm(toDataset(g));
        expect(rfm.customers).to.have.length(rfm.scored);
        expect(rfm.scored + rfm.unscored).to.equal(CUSTOMER_IDS.length);
        const counted = RFM_SEGMENTS.reduce((sum, s) => sum + rfm.segments[s].customers, 0);
        expect(counted).to.equal(rfm.scored);
        expect(rfm.cells.reduce((sum, c) => sum + c.count, 0)).to.equal(rfm.scored);
        for (const c of rfm.customers) {
          for (const score of [c.r, c.f, c.m]) expect(score).to.be.oneOf([1, 2, 3, 4, 5]);
          expect(RFM_SEGMENTS.filter((s) => s === segmentOf(c.r, c.f))).to.have.length(1);
          expect(c.segment).to.equal(segmentOf(c.r, c.f));
        }
      }),
    );
  });

  it('rankScores matches its definition, 1 + floor(5 × strictly smaller / n), for any values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 60 }), fc.boolean(), (values, descending) => {
        const n = values.length;
        const expected = values.map((v) => 1 + Math.floor((5 * values.filter((w) => (descending ? w > v : w < v)).length) / n));
        expect(Array.from(rankScores(Float64Array.from(values), descending))).to.deep.equal(expected);
        const integers = values.map((v) => Math.abs(Math.round(v)) % 50);
        const expectedInt = integers.map((v) => 1 + Math.floor((5 * integers.filter((w) => (descending ? w > v : w < v)).length) / n));
        expect(Array.from(rankScores(Int32Array.from(integers), descending))).to.deep.equal(expectedInt);
      }),
    );
  });

  it('computeInsights keeps every health score within 0..100 and its band consistent', () => {
    fc.assert(
      fc.property(payloadArb, (g) => {
        const insights = computeInsights(toDataset(g));
        insights.health.forEach((score, c) => {
          expect(score).to.be.within(0, 100);
          expect(insights.band[c]).to.equal(score >= 70 ? 0 : score >= 40 ? 1 : 2);
        });
      }),
    );
  });
});
