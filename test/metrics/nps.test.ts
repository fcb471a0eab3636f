import { expect } from '@open-wc/testing';
import { computeNps, npsMarginOfError } from '../../src/metrics/index.js';
import { ago, dataset } from './fixtures.js';

const surveys = (scores: number[], extra: Record<string, unknown> = {}) =>
  scores.map((score, i) => ({ id: `S${i}`, date: ago(i + 1), score, ...extra }));

describe('computeNps(dataset)', () => {
  it('computeNps counts promoters ≥ 9, passives 7–8, detractors ≤ 6 and scores 100 × (P − D) / N', () => {
    const result = computeNps(dataset({ surveys: surveys([10, 10, 9, 7, 2]) }), { minResponses: 0 });
    expect(result).to.include({ responses: 5, promoters: 3, passives: 1, detractors: 1, score: 40, enough: true });
    // Wald: 1.96 × √((4/5 − (2/5)²) / 5) × 100 = 1.96 × √0.128 × 100
    expect(result.marginOfError).to.be.closeTo(70.1231, 1e-4);
  });

  it('computeNps gives the adjusted-Wald margin with N + 3 and P, D + 0.75', () => {
    const d = dataset({ surveys: surveys([10, 9, 8, 7, 6, 0, 10, 3, 9, 5]) });
    const wald = computeNps(d, { minResponses: 0 });
    expect(wald.score).to.equal(0);
    expect(wald.marginOfError).to.be.closeTo(55.4372, 1e-4); // 196 × √(0.8 / 10)
    const adjusted = computeNps(d, { minResponses: 0, interval: 'adjusted-wald' });
    expect(adjusted.score).to.equal(0);
    expect(adjusted.interval).to.equal('adjusted-wald');
    expect(adjusted.marginOfError).to.be.closeTo(46.4702, 1e-4); // 196 × √((9.5 / 13) / 13)
  });

  it('npsMarginOfError is 0 under Wald when everyone is a promoter, but not under adjusted Wald', () => {
    expect(npsMarginOfError(5, 0, 5)).to.equal(0);
    expect(npsMarginOfError(5, 0, 5, 'adjusted-wald')).to.be.greaterThan(0);
    expect(npsMarginOfError(0, 0, 0)).to.equal(null);
  });

  it('computeNps keeps the counts but no score below the minimum responses (default 30)', () => {
    const result = computeNps(dataset({ surveys: surveys([10, 10, 3]) }));
    expect(result).to.include({ responses: 3, promoters: 2, detractors: 1, score: null, marginOfError: null, enough: false, minResponses: 30 });
  });

  it('computeNps of no surveys is empty, not an error', () => {
    const result = computeNps(dataset({}), { minResponses: 0 });
    expect(result).to.include({ responses: 0, score: null, marginOfError: null });
    expect(result.trend).to.deep.equal([]);
  });

  it('computeNps ignores surveys after asOf', () => {
    const d = dataset({ surveys: [...surveys([10, 2]), { id: 'late', date: ago(-1), score: 0 }] });
    expect(computeNps(d, { minResponses: 0 })).to.include({ responses: 2, detractors: 1, score: 0 });
  });

  it('computeNps with period last-30d keeps (asOf − 30 d, asOf]', () => {
    const d = dataset({
      surveys: [
        { id: 'a', date: ago(30), score: 0 },
        { id: 'b', date: ago(29, 23), score: 10 },
        { id: 'c', date: ago(0), score: 9 },
      ],
    });
    expect(computeNps(d, { minResponses: 0, period: { kind: 'last-days', days: 30 } })).to.include({ responses: 2, score: 100 });
  });

  it("computeNps with dedupe 'latest' counts each customer's latest response once and every anonymous one", () => {
    const d = dataset({
      customers: [{ id: 'A', name: 'A' }],
      surveys: [
        { id: 'old', customerId: 'A', date: ago(20), score: 0 },
        { id: 'new', customerId: 'A', date: ago(2), score: 10 },
        { id: 'anon1', date: ago(3), score: 5 },
        { id: 'anon2', date: ago(4), score: 5 },
      ],
    });
    expect(computeNps(d, { minResponses: 0 })).to.include({ responses: 4, detractors: 3 });
    expect(computeNps(d, { minResponses: 0, dedupe: 'latest' })).to.include({ responses: 3, promoters: 1, detractors: 2 });
  });

  it('computeNps trend by month fills empty months and keeps counts under the minimum', () => {
    const d = dataset({
      surveys: [
        { id: 'a', date: '2026-04-10T00:00:00Z', score: 10 },
        { id: 'b', date: '2026-04-30T23:59:59Z', score: 0 },
        { id: 'c', date: '2026-06-01T00:00:00Z', score: 9 },
      ],
    });
    const { trend } = computeNps(d, { minResponses: 2 });
    expect(trend.map((p) => [p.period, p.responses, p.score])).to.deep.equal([
      ['2026-04', 2, 0],
      ['2026-05', 0, null],
      ['2026-06', 1, null],
    ]);
  });

  it('computeNps trend by ISO week splits at Monday 00:00 UTC', () => {
    const d = dataset({
      surveys: [
        { id: 'a', date: '2026-06-21T23:59:59Z', score: 10 }, // Sunday, W25
        { id: 'b', date: '2026-06-22T00:00:00Z', score: 0 }, // Monday, W26
      ],
    });
    const { trend } = computeNps(d, { minResponses: 0, trend: 'week' });
    expect(trend.map((p) => [p.period, p.promoters, p.detractors])).to.deep.equal([
      ['2026-W25', 1, 0],
      ['2026-W26', 0, 1],
    ]);
    expect(computeNps(d, { trend: 'none' }).trend).to.deep.equal([]);
  });

  it('computeNps breaks down by a customer field and filters by one', () => {
    const d = dataset({
      customers: [
        { id: 'A', name: 'A', region: '华东' },
        { id: 'B', name: 'B', region: '华南' },
        { id: 'C', name: 'C', region: '华东' },
      ],
      surveys: [
        { id: '1', customerId: 'A', date: ago(1), score: 10 },
        { id: '2', customerId: 'C', date: ago(1), score: 3 },
        { id: '3', customerId: 'C', date: ago(2), score: 9 },
        { id: '4', customerId: 'B', date: ago(1), score: 8 },
        { id: '5', date: ago(1), score: 8 },
      ],
    });
    const result = computeNps(d, { minResponses: 0, breakdown: 'region' });
    expect(result.breakdown.map((b) => [b.key, b.responses, b.score])).to.deep.equal([
      ['华东', 3, (100 * (2 - 1)) / 3],
      ['', 1, 0],
      ['华南', 1, 0],
    ]);
    expect(computeNps(d, { minResponses: 0, filter: { field: 'region', value: '华东' } })).to.include({ responses: 3, promoters: 2 });
  });
});
