import { expect } from '@open-wc/testing';
import { answerQuery } from '../../src/data/engine/answer-query.js';
import { changeOf, computeNps, filterDataset, parsePeriod, previousPeriod, segmentMigration } from '../../src/metrics/index.js';
import { filterPayload } from './filter-payload.js';
import { AS_OF_MS, DAY, dataset } from './fixtures.js';

const payload = () => dataset(filterPayload());

describe('previousPeriod(period, asOf)', () => {
  it('previousPeriod of last N days is the N days before them, as instants', () => {
    expect(previousPeriod({ kind: 'last-days', days: 90 }, AS_OF_MS)).to.deep.equal({ kind: 'between', after: AS_OF_MS - 180 * DAY, through: AS_OF_MS - 90 * DAY });
  });

  it('previousPeriod of a range of dates is as many dates before it', () => {
    // 2026-04-01..2026-06-30 is 91 dates; 91 days before April 1 is 2025-12-31, before June 30 is March 31.
    expect(previousPeriod(parsePeriod('2026-04-01..2026-06-30')!, AS_OF_MS)).to.deep.equal(parsePeriod('2025-12-31..2026-03-31'));
    // and of the period before: the same span again.
    expect(previousPeriod({ kind: 'between', after: 100, through: 160 }, AS_OF_MS)).to.deep.equal({ kind: 'between', after: 40, through: 100 });
    expect(previousPeriod({ kind: 'all' }, AS_OF_MS)).to.equal(null);
  });

  it('the NPS of the previous period and its change', () => {
    const d = payload();
    const period = { kind: 'last-days', days: 90 } as const;
    // Last 90 days: A 10, B 9, C 5, anonymous 10 → 100 × (3 − 1) / 4 = 50.
    const now = computeNps(d, { period, minResponses: 0 });
    // The 90 days before (asOf − 180 d, asOf − 90 d]: D 8 only → 0 (A's 3 at 200 days is earlier still).
    const before = computeNps(d, { period: previousPeriod(period, d.asOf)!, minResponses: 0 });
    expect([now.score, before.score, before.responses]).to.deep.equal([50, 0, 1]);
    expect(changeOf(now.score, before.score)).to.equal(50);
    expect(changeOf(now.score, null)).to.equal(null);
    // As a time filter too: the same responses.
    expect(computeNps(filterDataset(d, { time: previousPeriod(period, d.asOf)! }), { minResponses: 0 }).responses).to.equal(1);
  });
});

describe('segmentMigration(dataset, days)', () => {
  it('segmentMigration counts customers from their segment days ago to their segment now', () => {
    // 100 days ago: orders up to then are A 200 (150 d ago → 50 d before then) and C 300 (20 d before then).
    // n = 2: R C 3, A 1; F both 1 → C about_to_sleep, A hibernating; B, D not scored.
    // Now: C R 4 F 2 potential_loyalist, A R 2 F 2 hibernating, B R 1 F 1 hibernating.
    const migration = segmentMigration(payload(), 100);
    expect(migration.flows).to.deep.equal([
      { from: null, to: 'hibernating', customers: 1 },
      { from: 'about_to_sleep', to: 'potential_loyalist', customers: 1 },
      { from: 'hibernating', to: 'hibernating', customers: 1 },
    ]);
    expect([migration.customers, migration.stayed, migration.to - migration.from]).to.deep.equal([3, 1, 100 * DAY]);
  });

  it('the rfm-migration query applies customer filters and takes only the end of a time filter', () => {
    const d = payload();
    // East = A, B: 100 days ago only A is scored (alone: R 1, F 1, hibernating); now A R 3 F 3 need_attention, B hibernating.
    const east = answerQuery(d, { metric: 'rfm-migration', options: { days: 100 }, filters: { customer: { region: ['East'] } } });
    expect(east).to.deep.include({
      flows: [
        { from: null, to: 'hibernating', customers: 1 },
        { from: 'hibernating', to: 'need_attention', customers: 1 },
      ],
      customers: 2,
      stayed: 0,
    });
    // With a time filter 2026-01-01..2026-03-31, "now" is its end, 2026-04-01 00:00; its start does not apply.
    const earlier = answerQuery(d, { metric: 'rfm-migration', options: { days: 10 }, filters: { time: parsePeriod('2026-01-01..2026-03-31')! } }) as { to: number };
    expect(earlier.to).to.equal(Date.parse('2026-04-01T00:00:00Z'));
  });
});
