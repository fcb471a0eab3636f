import { expect } from '@open-wc/testing';
import { computeFunnel } from '../../src/metrics/index.js';
import { DAY, ago, dataset } from './fixtures.js';

const STAGES = [
  { key: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } },
  { key: 'opp', label: { en: 'Opportunity', 'zh-CN': '商机' } },
  { key: 'signed' },
];
const ev = (entityId: string, stage: string, daysIn: number, customerId?: string) => ({
  entityId,
  stage,
  date: ago(100 - daysIn),
  ...(customerId ? { customerId } : {}),
});

// D2 arrives out of order (an opp before its lead), D3 repeats its lead and skips opp,
// D4 never enters, D5 converts slowly, D6 enters after asOf.
const EVENTS = [
  ev('D1', 'lead', 0, 'A'),
  ev('D1', 'opp', 2, 'A'),
  ev('D1', 'signed', 5, 'A'),
  ev('D2', 'opp', 1, 'B'),
  ev('D2', 'lead', 3, 'B'),
  ev('D2', 'opp', 4, 'B'),
  ev('D3', 'signed', 2, 'A'),
  ev('D3', 'lead', 1, 'A'),
  ev('D3', 'lead', 0, 'A'),
  ev('D4', 'opp', 0),
  ev('D5', 'lead', 0, 'B'),
  ev('D5', 'opp', 10, 'B'),
  ev('D6', 'lead', 101),
];
const CUSTOMERS = [
  { id: 'A', name: 'A', region: '华东', lifecycleStage: 'lead' },
  { id: 'B', name: 'B', region: '华南', lifecycleStage: 'opp' },
  { id: 'C', name: 'C', region: '华南', lifecycleStage: 'opp' },
  { id: 'E', name: 'E', lifecycleStage: 'churned' },
  { id: 'F', name: 'F' },
];
const data = () => dataset({ stages: STAGES, customers: CUSTOMERS, stageEvents: EVENTS });

describe('computeFunnel(dataset)', () => {
  it('computeFunnel enters at the earliest step-1 event and takes each next step at or after the previous one', () => {
    const result = computeFunnel(data());
    expect(result.mode).to.equal('ordered');
    expect(result.steps.map((s) => s.count)).to.deep.equal([4, 3, 1]);
    expect(result.steps.map((s) => s.conversionFromPrevious)).to.deep.equal([null, 0.75, 1 / 3]);
    expect(result.steps.map((s) => s.conversionFromFirst)).to.deep.equal([1, 0.75, 0.25]);
    expect(result.steps.map((s) => s.dropOff)).to.deep.equal([0, 1, 2]);
    // opp: D1 2 d, D2 1 d, D5 10 d → median 2 d; signed: D1 3 d.
    expect(result.steps.map((s) => s.medianTimeFromPreviousMs)).to.deep.equal([null, 2 * DAY, 3 * DAY]);
    expect(result.overallConversion).to.equal(0.25);
    expect(result.ignoredEvents).to.equal(0);
    expect(result.steps[0]!.label).to.deep.equal({ en: 'Lead', 'zh-CN': '线索' });
    expect(result.steps[2]).not.to.have.property('label');
  });

  describe("attempts: 'first' | 'any'", () => {
    // R1: lead d0, lead d20, opp d22 (the case). R2: lead d0, opp d3, lead d28, opp d30, signed d32.
    const retries = () =>
      dataset({
        stages: STAGES,
        stageEvents: [
          ev('R1', 'lead', 0),
          ev('R1', 'opp', 22),
          ev('R1', 'lead', 20),
          ev('R2', 'signed', 32),
          ev('R2', 'lead', 28),
          ev('R2', 'opp', 30),
          ev('R2', 'lead', 0),
          ev('R2', 'opp', 3),
        ],
      });
    const counts = (r: ReturnType<typeof computeFunnel>) => r.steps.map((s) => s.count);
    const medians = (r: ReturnType<typeof computeFunnel>) => r.steps.map((s) => s.medianTimeFromPreviousMs);

    it("computeFunnel with attempts 'first' anchors on the earliest lead: within 7 days R1 never converts", () => {
      // R1: d0 + 7 < d22, so no opp. R2: opp d3 (3 d), no signed by d7. Counts 2 → 1 → 0.
      const result = computeFunnel(retries(), { windowDays: 7 });
      expect(counts(result)).to.deep.equal([2, 1, 0]);
      expect(medians(result)).to.deep.equal([null, 3 * DAY, null]);
      expect(computeFunnel(retries(), { windowDays: 7, attempts: 'first' })).to.deep.equal(result);
    });

    it("computeFunnel with attempts 'any' lets each lead start an attempt and times from the latest lead before the step", () => {
      // R1: the attempt from d20 reaches opp at d22 (2 d). R2: the attempt from d28 goes furthest:
      // opp d30 (2 d), signed d32 (2 d); the one from d0 stops at opp. Counts 2 → 2 → 1, medians 2 d, 2 d.
      const result = computeFunnel(retries(), { windowDays: 7, attempts: 'any' });
      expect(counts(result)).to.deep.equal([2, 2, 1]);
      expect(medians(result)).to.deep.equal([null, 2 * DAY, 2 * DAY]);
    });

    it('computeFunnel without a window counts the same in both modes but times differ', () => {
      // first: R1 opp 22 d; R2 opp 3 d, signed d32 − d3 = 29 d → medians 12.5 d and 29 d.
      // any: both attempts of each entity get as far; the later start wins → 2 d, 2 d and 2 d.
      const first = computeFunnel(retries());
      const any = computeFunnel(retries(), { attempts: 'any' });
      expect(counts(first)).to.deep.equal([2, 2, 1]);
      expect(counts(any)).to.deep.equal([2, 2, 1]);
      expect(medians(first)).to.deep.equal([null, 12.5 * DAY, 29 * DAY]);
      expect(medians(any)).to.deep.equal([null, 2 * DAY, 2 * DAY]);
    });

    it("computeFunnel with attempts 'any' equals 'first' where no later lead gets further (D3's second lead reaches nothing more)", () => {
      expect(computeFunnel(data(), { attempts: 'any', windowDays: 7 }).steps).to.deep.equal(computeFunnel(data(), { windowDays: 7 }).steps);
    });
  });

  describe('events grouped by entity or interleaved', () => {
    // Grouped events are read where they lie; interleaved ones (a log in time order) are sorted into
    // runs first. Both layouts must give the hand-worked answers above.
    const byDate = <T extends { date: string }>(events: T[]): T[] => [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const regions = (r: ReturnType<typeof computeFunnel>) => r.groups.map((g) => [g.key, g.steps.map((s) => s.count)]);

    it('computeFunnel over the events in time order (entities interleaved) answers as over them grouped', () => {
      const interleaved = dataset({ stages: STAGES, customers: CUSTOMERS, stageEvents: byDate(EVENTS) });
      const result = computeFunnel(interleaved);
      expect(result.steps.map((s) => s.count)).to.deep.equal([4, 3, 1]);
      expect(result.steps.map((s) => s.medianTimeFromPreviousMs)).to.deep.equal([null, 2 * DAY, 3 * DAY]);
      expect(computeFunnel(interleaved, { stages: ['lead', 'signed'] }).ignoredEvents).to.equal(5);
      expect(regions(computeFunnel(interleaved, { breakdown: 'region' }))).to.deep.equal([
        ['华东', [2, 1, 1]],
        ['华南', [2, 2, 0]],
        ['', [0, 0, 0]],
      ]);
    });

    it("computeFunnel with attempts 'any' over interleaved events keeps the furthest attempt, timed from the latest lead", () => {
      const events = [ev('R1', 'lead', 0), ev('R1', 'opp', 22), ev('R1', 'lead', 20), ev('R2', 'signed', 32), ev('R2', 'lead', 28), ev('R2', 'opp', 30), ev('R2', 'lead', 0), ev('R2', 'opp', 3)];
      const result = computeFunnel(dataset({ stages: STAGES, stageEvents: byDate(events) }), { windowDays: 7, attempts: 'any' });
      expect(result.steps.map((s) => s.count)).to.deep.equal([2, 2, 1]);
      expect(result.steps.map((s) => s.medianTimeFromPreviousMs)).to.deep.equal([null, 2 * DAY, 2 * DAY]);
    });

    it('computeFunnel skips events after asOf inside a run: they reach no step and name no customer', () => {
      // D5 signs 30 days after asOf; D7 is first seen after asOf for B, then (before asOf) for A: it is A's lead.
      const events = [...EVENTS.slice(0, 12), ev('D5', 'signed', 130, 'B'), ev('D7', 'lead', 120, 'B'), ev('D7', 'lead', 50, 'A'), EVENTS[12]!];
      for (const stageEvents of [events, byDate(events)]) {
        const result = computeFunnel(dataset({ stages: STAGES, customers: CUSTOMERS, stageEvents }), { breakdown: 'region' });
        expect(result.steps.map((s) => s.count)).to.deep.equal([5, 3, 1]);
        expect(regions(result)).to.deep.equal([
          ['华东', [3, 1, 1]],
          ['华南', [2, 2, 0]],
          ['', [0, 0, 0]],
        ]);
      }
    });
  });

  it('computeFunnel with windowDays drops steps reached too long after step 1; the median of an even count is the mean of the middle two', () => {
    const result = computeFunnel(data(), { windowDays: 7 });
    expect(result.steps.map((s) => s.count)).to.deep.equal([4, 2, 1]);
    expect(result.steps[1]!.medianTimeFromPreviousMs).to.equal(1.5 * DAY);
  });

  it('computeFunnel over a subset of stages reports the other events as ignored', () => {
    const result = computeFunnel(data(), { stages: ['lead', 'signed'] });
    expect(result.steps.map((s) => s.stage)).to.deep.equal(['lead', 'signed']);
    expect(result.steps.map((s) => s.count)).to.deep.equal([4, 2]);
    expect(result.ignoredEvents).to.equal(5);
  });

  it('computeFunnel breaks down and filters by the customer of each entity', () => {
    const result = computeFunnel(data(), { breakdown: 'region' });
    expect(result.groups.map((g) => [g.key, g.steps.map((s) => s.count)])).to.deep.equal([
      ['华东', [2, 1, 1]],
      ['华南', [2, 2, 0]],
      ['', [0, 0, 0]],
    ]);
    const filtered = computeFunnel(data(), { filter: { field: 'region', value: '华南' } });
    expect(filtered.steps.map((s) => s.count)).to.deep.equal([2, 2, 0]);
    expect(filtered.overallConversion).to.equal(0);
  });

  it('computeFunnel in snapshot mode counts customers by lifecycleStage', () => {
    const result = computeFunnel(data(), { mode: 'snapshot' });
    expect(result.mode).to.equal('snapshot');
    expect(result.steps.map((s) => s.count)).to.deep.equal([1, 2, 0]);
    expect(result.steps.every((s) => s.conversionFromPrevious === null && s.medianTimeFromPreviousMs === null)).to.be.true;
    expect(result.ignoredEvents).to.equal(1);
    const byRegion = computeFunnel(data(), { mode: 'snapshot', breakdown: 'region' });
    expect(byRegion.groups.map((g) => [g.key, g.steps.map((s) => s.count)])).to.deep.equal([
      ['华东', [1, 0, 0]],
      ['华南', [0, 2, 0]],
    ]);
  });

  it('computeFunnel of no events has zero counts and null rates', () => {
    const result = computeFunnel(dataset({ stages: STAGES }));
    expect(result.steps.map((s) => s.count)).to.deep.equal([0, 0, 0]);
    expect(result.steps.map((s) => s.conversionFromFirst)).to.deep.equal([null, null, null]);
    expect(result.steps[1]!.conversionFromPrevious).to.equal(null);
    expect(result.overallConversion).to.equal(null);
    expect(computeFunnel(dataset({})).steps).to.deep.equal([]);
  });
});
