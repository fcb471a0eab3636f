import { expect } from '@open-wc/testing';
import { computeNps, npsInterval, npsMarginOfError, Z_95 } from '../../src/metrics/index.js';
import { ago, dataset } from './fixtures.js';

const surveys = (scores: number[], extra: Record<string, unknown> = {}) =>
  scores.map((score, i) => ({ id: `S${i}`, date: ago(i + 1), score, ...extra }));

describe('computeNps(dataset)', () => {
  it('computeNps counts promoters ≥ 9, passives 7–8, detractors ≤ 6 and scores 100 × (P − D) / N', () => {
    const result = computeNps(dataset({ surveys: surveys([10, 10, 9, 7, 2]) }), { minResponses: 0 });
    expect(result).to.include({ responses: 5, promoters: 3, passives: 1, detractors: 1, score: 40, enough: true });
    // Wald: √((4/5 − (2/5)²) / 5) = √0.128 = 0.3577709; × 1.959964 × 100 = 70.1218.
    expect(result.marginOfError).to.be.closeTo(70.1218, 1e-4);
    // Centred on the score: 40 − 70.1218 = −30.1218; 40 + 70.1218 = 110.12, clamped to 100.
    expect(result.lower).to.be.closeTo(-30.1218, 1e-4);
    expect(result.upper).to.equal(100);
  });

  it('computeNps centres the adjusted-Wald interval on (P − D)/(N + 3), with P and D each + 0.75', () => {
    const result = computeNps(dataset({ surveys: surveys([10, 10, 9, 7, 2]) }), { minResponses: 0, interval: 'adjusted-wald' });
    // The score stays the raw NPS.
    expect(result.score).to.equal(40);
    // N' = 8, P' = 3.75, D' = 1.75: p = 0.46875, d = 0.21875; (0.6875 − 0.25²) / 8 = 0.078125;
    // √0.078125 = 0.2795085; × 1.959964 × 100 = 54.7827. Centre 100 × (3.75 − 1.75) / 8 = 25.
    expect(result.marginOfError).to.be.closeTo(54.7827, 1e-4);
    expect(result.lower).to.be.closeTo(25 - 54.7827, 1e-4);
    expect(result.upper).to.be.closeTo(25 + 54.7827, 1e-4);
  });

  it('computeNps gives the adjusted-Wald margin with N + 3 and P, D + 0.75', () => {
    const d = dataset({ surveys: surveys([10, 9, 8, 7, 6, 0, 10, 3, 9, 5]) });
    const wald = computeNps(d, { minResponses: 0 });
    expect(wald.score).to.equal(0);
    expect(wald.marginOfError).to.be.closeTo(55.4362, 1e-4); // 195.9964 × √(0.8 / 10) = 195.9964 × 0.2828427
    const adjusted = computeNps(d, { minResponses: 0, interval: 'adjusted-wald' });
    expect(adjusted.score).to.equal(0);
    expect(adjusted.interval).to.equal('adjusted-wald');
    expect(adjusted.marginOfError).to.be.closeTo(46.4693, 1e-4); // 195.9964 × √((9.5 / 13) / 13) = 195.9964 × 0.2370929
    // P' = D' = 4.75: the adjusted centre is 0 too, so the bounds are ±46.4693.
    expect(adjusted.lower).to.be.closeTo(-46.4693, 1e-4);
    expect(adjusted.upper).to.be.closeTo(46.4693, 1e-4);
  });

  it('npsMarginOfError is 0 under Wald when everyone is a promoter, but not under adjusted Wald', () => {
    expect(npsMarginOfError(5, 0, 5)).to.equal(0);
    expect(npsMarginOfError(5, 0, 5, 'adjusted-wald')).to.be.greaterThan(0);
    expect(npsMarginOfError(0, 0, 0)).to.equal(null);
    // All five promoters, adjusted: centre 100 × (5.75 − 0.75) / 8 = 62.5; the upper bound is clamped at 100.
    expect(npsInterval(5, 0, 5, 'adjusted-wald')).to.include({ upper: 100 });
    expect(npsInterval(5, 0, 5, 'adjusted-wald')!.lower).to.be.closeTo(62.5 - npsMarginOfError(5, 0, 5, 'adjusted-wald')!, 1e-9);
    expect(Z_95).to.equal(1.959964);
  });

  it('computeNps gives the score below the minimum responses (default 30) with enough false and the interval', () => {
    // 12 responses: 7 promoters, 2 passives, 3 detractors. NPS = 100 × 4 / 12 = 33.333.
    const result = computeNps(dataset({ surveys: surveys([10, 10, 10, 10, 9, 9, 9, 8, 7, 3, 3, 3]) }));
    expect(result).to.include({ responses: 12, promoters: 7, passives: 2, detractors: 3, enough: false, minResponses: 30 });
    expect(result.score).to.be.closeTo(33.3333, 1e-4);
    // Wald: (10/12 − (4/12)²) / 12 = 0.7222222 / 12 = 0.0601852; √ = 0.2453267; × 195.9964 = 48.0831.
    expect(result.marginOfError).to.be.closeTo(48.0831, 1e-4);
    expect(result.lower).to.be.closeTo(33.3333 - 48.0831, 1e-3);
    expect(result.upper).to.be.closeTo(33.3333 + 48.0831, 1e-3);
  });

  it('computeNps of no surveys is empty, not an error', () => {
    const result = computeNps(dataset({}), { minResponses: 0 });
    expect(result).to.include({ responses: 0, score: null, marginOfError: null, lower: null, upper: null, enough: false });
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
    expect(trend.map((p) => [p.period, p.responses, p.score, p.enough])).to.deep.equal([
      ['2026-04', 2, 0, true],
      ['2026-05', 0, null, false],
      ['2026-06', 1, 100, false],
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
