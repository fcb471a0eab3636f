import { expect } from '@open-wc/testing';
import { validatePayload, type Dataset } from '../../src/contract/index.js';
import { computeFunnel, computeInsights, computeRfm, rankScores, roundCents, type CustomerInsights } from '../../src/metrics/index.js';
import { medianInPlace } from '../../src/metrics/median.js';
import type { HealthOptions } from '../../src/metrics/types.js';
import { aggregateOrders, orderAggregates } from '../../src/metrics/order-aggregates.js';
import { generateSample } from '../../src/sample/index.js';
import { DAY } from './fixtures.js';

/** A small deterministic generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated dataset with refunds, records after asOf and the sample's edge cases; a new object per call (no shared memo). */
function sample(seed: number): Dataset {
  const result = validatePayload(generateSample({ seed, customers: 400, orders: 6000, interactions: 3000, form: 'columnar', dates: 'epoch' }));
  if (!result.ok) throw new Error(result.error.message);
  return result.dataset;
}

const fresh = (d: Dataset): Dataset => ({ ...d });

/** Ranks straight from the definition: 1 + floor(5 × (values strictly smaller, or larger) / n). */
function naiveRanks(values: ArrayLike<number>, descending = false): number[] {
  const n = values.length;
  return Array.from(values, (v) => {
    let count = 0;
    for (let i = 0; i < n; i++) if (descending ? values[i]! > v : values[i]! < v) count++;
    return 1 + Math.floor((5 * count) / n);
  });
}

/** RFM facts per customer straight from the order rows. */
function naiveRfm(d: Dataset): Map<number, { recencyDays: number; frequency: number; monetary: number }> {
  const { customer, date, amount, length } = d.orders;
  const per = new Map<number, { last: number; frequency: number; net: number }>();
  for (let i = 0; i < length; i++) {
    if (date[i]! > d.asOf) continue;
    const c = customer[i]!;
    const p = per.get(c) ?? { last: -Infinity, frequency: 0, net: 0 };
    p.net += amount[i]!;
    if (amount[i]! > 0) {
      p.frequency++;
      p.last = Math.max(p.last, date[i]!);
    }
    per.set(c, p);
  }
  const out = new Map<number, { recencyDays: number; frequency: number; monetary: number }>();
  for (const [c, p] of per) {
    if (p.frequency > 0) out.set(c, { recencyDays: Math.floor((d.asOf - p.last) / DAY), frequency: p.frequency, monetary: roundCents(p.net) });
  }
  return out;
}

function insightArrays(x: CustomerInsights) {
  return {
    signals: Array.from(x.signals),
    health: Array.from(x.health),
    band: Array.from(x.band),
    stage: Array.from(x.stage),
    value: Object.fromEntries(Object.entries(x.value).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)])),
    activity: Object.fromEntries(Object.entries(x.activity).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)])),
  };
}

describe('medianInPlace (quickselect)', () => {
  it('medianInPlace equals the median of a sorted copy, odd and even counts, with many duplicates', () => {
    const random = rng(1);
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(random() * 120);
      const spread = [2, 10, 1e6][round % 3]!;
      const values = Float64Array.from({ length: length + 5 }, () => Math.floor(random() * spread) - spread / 4);
      const sorted = Array.from(values.subarray(0, length)).sort((a, b) => a - b);
      const mid = length >> 1;
      const expected = length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect(medianInPlace(values, length)).to.equal(expected);
    }
    expect(medianInPlace(new Float64Array(0))).to.equal(null);
    expect(medianInPlace(Float64Array.from([5, 5, 5, 5]))).to.equal(5);
    expect(medianInPlace(Float64Array.from([4, 3, 2, 1]))).to.equal(2.5);
  });
});

describe('rankScores paths', () => {
  it('rankScores gives the definition on wide-range integers (radix), small ranges (histogram), negatives and fractions', () => {
    const random = rng(2);
    for (let round = 0; round < 75; round++) {
      const n = 1 + Math.floor(random() * 300);
      const kind = round % 5;
      const values = Float64Array.from({ length: n }, () => {
        if (kind === 0) return Math.floor(random() * 5e9) - 1e9; // wider than 2^32: IEEE-754 radix
        if (kind === 4) return Math.floor(random() * 4.2e9) - 2e9; // cents up to 2^32 wide: every pass of the integer radix
        if (kind === 1) return Math.floor(random() * 40) - 20; // small range with negatives: histogram
        if (kind === 2) return Math.floor(random() * 4) * 1e7; // few distinct values far apart: radix with ties
        return Math.round(random() * 1e4) / 7; // fractions: IEEE-754 radix
      });
      expect(Array.from(rankScores(values)), `kind ${kind}`).to.deep.equal(naiveRanks(values));
      expect(Array.from(rankScores(values, true)), `kind ${kind} descending`).to.deep.equal(naiveRanks(values, true));
      const ints = Int32Array.from(values, (v) => Math.trunc(v) % 2 ** 30);
      expect(Array.from(rankScores(ints))).to.deep.equal(naiveRanks(ints));
    }
  });

  it('rankScores gives every tied customer the same score', () => {
    expect(Array.from(rankScores(Float64Array.from([3e9, 3e9, 3e9])))).to.deep.equal([1, 1, 1]);
    expect(Array.from(rankScores(Float64Array.from([-3e9, 3e9, 3e9]), true))).to.deep.equal([4, 1, 1]);
  });
});

describe('shared order aggregates (RFM and insights)', () => {
  it('computeRfm gives the definition from the order rows, alone, after insights, and after insights with another window', () => {
    for (const seed of [3, 4]) {
      const d = sample(seed);
      const expected = naiveRfm(d);
      const alone = computeRfm(fresh(d));
      const afterInsights = (() => {
        const x = fresh(d);
        computeInsights(x);
        return computeRfm(x);
      })();
      const afterOtherWindow = (() => {
        const x = fresh(d);
        computeInsights(x, { windowDays: 30 });
        return computeRfm(x);
      })();
      expect(alone.customers.length).to.equal(expected.size);
      for (const row of alone.customers) {
        const { customer, recencyDays, frequency, monetary } = row;
        expect({ recencyDays, frequency, monetary }, d.customerKeys[customer]).to.deep.equal(expected.get(customer));
      }
      expect(naiveRanks(alone.customers.map((c) => c.recencyDays), true)).to.deep.equal(alone.customers.map((c) => c.r));
      expect(naiveRanks(alone.customers.map((c) => c.frequency))).to.deep.equal(alone.customers.map((c) => c.f));
      expect(naiveRanks(alone.customers.map((c) => c.monetary))).to.deep.equal(alone.customers.map((c) => c.m));
      expect(afterInsights).to.deep.equal(alone);
      expect(afterOtherWindow).to.deep.equal(alone);
    }
  });

  it('computeInsights gives the same arrays alone, after RFM, and on a dataset whose memo holds another window', () => {
    const d = sample(5);
    const alone = insightArrays(computeInsights(fresh(d)));
    const x = fresh(d);
    computeRfm(x);
    expect(insightArrays(computeInsights(x))).to.deep.equal(alone);
    const y = fresh(d);
    const other = insightArrays(computeInsights(y, { windowDays: 30 }));
    expect(insightArrays(computeInsights(y))).to.deep.equal(alone);
    expect(insightArrays(computeInsights(fresh(d), { windowDays: 30 }))).to.deep.equal(other);
  });

  it('the windowed revenue of the shared pass matches the definition, records after asOf left out', () => {
    const d = sample(6);
    const activity = computeInsights(fresh(d), { windowDays: 45 }).activity;
    const { customer, date, amount, length } = d.orders;
    const recent = new Float64Array(d.customerKeys.length);
    const previous = new Float64Array(d.customerKeys.length);
    const first = new Float64Array(d.customerKeys.length).fill(Infinity);
    let after = 0;
    for (let i = 0; i < length; i++) {
      const t = date[i]!;
      if (t > d.asOf) {
        after++;
        continue;
      }
      const c = customer[i]!;
      first[c] = Math.min(first[c]!, t);
      if (t > d.asOf - 45 * DAY) recent[c]! += amount[i]!;
      else if (t > d.asOf - 90 * DAY) previous[c]! += amount[i]!;
    }
    expect(after, 'the sample has orders after asOf').to.be.greaterThan(0);
    expect(Array.from(activity.recentRevenue)).to.deep.equal(Array.from(recent));
    expect(Array.from(activity.previousRevenue)).to.deep.equal(Array.from(previous));
    expect(Array.from(activity.firstOrder)).to.deep.equal(Array.from(first));
  });

  it('one customer (only) reads the same as the full computation', () => {
    const d = sample(7);
    const full = computeInsights(fresh(d));
    for (const c of [0, 17, 123]) {
      const one = computeInsights(fresh(d), {}, c);
      expect([one.signals[c], one.health[c], one.stage[c], one.value.lifetimeRevenue[c], one.activity.purchases[c]]).to.deep.equal([
        full.signals[c],
        full.health[c],
        full.stage[c],
        full.value.lifetimeRevenue[c],
        full.activity.purchases[c],
      ]);
    }
  });

  it('the memo is recomputed when asOf or the order columns change, and is never handed out', () => {
    const d = sample(8);
    const first = orderAggregates(d, 90, 90);
    expect(orderAggregates(d, undefined, 90).record).to.equal(first.record);
    const later = { ...d, asOf: d.asOf - 30 * DAY };
    expect(orderAggregates(later, 90, 90).record).to.deep.equal(aggregateOrders(later, 90).record);
    const activity = computeInsights(d).activity;
    activity.net.fill(0);
    expect(computeInsights(d).activity.net).to.deep.equal(computeInsights(fresh(d)).activity.net);
  });
});

/**
 * Signals, health, stage and value of one customer straight from docs/metrics.md and the raw
 * rows: an independent reading of the definitions, one customer at a time, no shared code.
 */
function naiveInsight(d: Dataset, c: number, options: HealthOptions) {
  const W = options.windowDays ?? 90;
  const silentDays = options.silentDays ?? 90;
  const minInteractions = options.minInteractions ?? 6;
  const weights = { recency: 30, spendTrend: 25, engagement: 20, nps: 15, service: 10, ...options.weights };
  const life = { exploringDays: 90, matureDays: 365, growthRatio: 1.2, declineRatio: 0.7, ...options.lifecycle };
  const asOf = d.asOf;
  const days = (t: number) => Math.floor((asOf - t) / DAY);
  let net = 0;
  let bought = 0;
  let first = Infinity;
  let last = -Infinity;
  let recent = 0;
  let previous = 0;
  for (let i = 0; i < d.orders.length; i++) {
    const t = d.orders.date[i]!;
    if (d.orders.customer[i] !== c || t > asOf) continue;
    const amount = d.orders.amount[i]!;
    net += amount;
    first = Math.min(first, t);
    if (amount > 0) {
      bought++;
      last = Math.max(last, t);
    }
    if (t > asOf - W * DAY) recent += amount;
    else if (t > asOf - 2 * W * DAY) previous += amount;
  }
  let touched = -Infinity;
  let interactions = 0;
  for (let i = 0; i < d.interactions.length; i++) {
    const t = d.interactions.date[i]!;
    if (d.interactions.customer[i] !== c || t > asOf) continue;
    touched = Math.max(touched, t);
    if (t > asOf - W * DAY) interactions++;
  }
  let survey = -1;
  for (let i = 0; i < d.surveys.length; i++) {
    if (d.surveys.customer[i] === c && d.surveys.date[i]! <= asOf && (survey < 0 || d.surveys.date[i]! >= d.surveys.date[survey]!)) survey = i;
  }
  let tickets = 0;
  let slow = 0;
  for (let i = 0; i < d.tickets.length; i++) {
    const opened = d.tickets.openedAt[i]!;
    if (d.tickets.customer[i] !== c || opened > asOf) continue;
    tickets++;
    const response = d.tickets.firstResponseAt[i]!;
    const wait = (response <= asOf ? response : asOf) - opened;
    if (wait > (options.serviceResponseHours ?? 2) * 3_600_000) slow++;
  }
  const present = d.present;
  const fired = {
    silent: present.interactions && !(touched > asOf - silentDays * DAY),
    spend_drop: present.orders && previous > 0 && recent < (options.spendDropRatio ?? 0.7) * previous,
    detractor: present.surveys && survey >= 0 && d.surveys.score[survey]! <= (options.detractorMax ?? 6),
    service: present.tickets && slow > 0,
    under_engaged: present.interactions && interactions < minInteractions,
  };
  const signals = Object.values(fired).reduce((bits, on, k) => bits | (on ? 1 << k : 0), 0);
  const lastTouch = Math.max(last, touched);
  const clamp = (x: number) => Math.min(100, Math.max(0, x));
  const parts: [keyof typeof weights, boolean, number][] = [
    ['recency', present.orders || present.interactions, lastTouch === -Infinity ? 0 : clamp(100 * (1 - days(lastTouch) / (2 * W)))],
    ['spendTrend', present.orders, previous > 0 ? clamp((100 * recent) / previous) : recent > 0 ? 100 : 50],
    ['nps', present.surveys, survey >= 0 ? d.surveys.score[survey]! * 10 : 50],
    ['engagement', present.interactions, minInteractions > 0 ? clamp((100 * interactions) / minInteractions) : 100],
    ['service', present.tickets, tickets > 0 ? 100 * (1 - slow / tickets) : 100],
  ];
  const measured = parts.filter(([, on]) => on);
  const total = measured.reduce((sum, [name]) => sum + weights[name], 0);
  const health = total > 0 ? Math.round(measured.reduce((sum, [name, , value]) => sum + weights[name] * value, 0) / total) : 0;
  const created = c < d.customers.length ? d.customers.createdAt[c]! : NaN;
  const start = Number.isNaN(created) ? first : Math.min(created, first);
  const tenure = start === Infinity ? 0 : Math.max(0, days(start));
  let stage: number;
  if ((previous > 0 && recent < life.declineRatio * previous) || (bought > 0 && last <= asOf - 2 * W * DAY)) stage = 3;
  else if (bought === 0 || tenure < life.exploringDays) stage = 0;
  else stage = tenure < life.matureDays || (previous > 0 ? recent >= life.growthRatio * previous : recent > 0) ? 1 : 2;
  const perYear = bought > 0 ? (bought * 365) / Math.max(options.minTenureDays ?? 90, tenure) : NaN;
  const clv = bought > 0 && tenure >= (options.minHistoryDays ?? 90) ? roundCents((net / bought) * perYear * (options.lifespanYears ?? 3)) : NaN;
  return {
    signals,
    health,
    band: health >= 70 ? 0 : health >= 40 ? 1 : 2,
    stage,
    value: [roundCents(net), bought > 0 ? roundCents(net / bought) : NaN, perYear, clv],
  };
}

describe('computeInsights for everyone', () => {
  it('computeInsights equals a direct per-customer reading of the definitions, under default and custom options', () => {
    const d = sample(10);
    const variants: HealthOptions[] = [
      {},
      { windowDays: 30, silentDays: 10, minInteractions: 0, spendDropRatio: 0.9, detractorMax: 8, lifespanYears: 5, minTenureDays: 10, minHistoryDays: 400 },
      { weights: { recency: 0, spendTrend: 0, nps: 0, engagement: 0, service: 0 } },
      { weights: { recency: 1, nps: 3 }, lifecycle: { exploringDays: 10, matureDays: 50, growthRatio: 1, declineRatio: 0.95 } },
    ];
    // The same data as if the payload had no interactions and no tickets: not measured, re-weighted.
    const withoutSome: Dataset = {
      ...d,
      present: { ...d.present, interactions: false, tickets: false },
      interactions: { ...d.interactions, length: 0 },
      tickets: { ...d.tickets, length: 0 },
    };
    const cases: [Dataset, HealthOptions][] = [...variants.map((o) => [d, o] as [Dataset, HealthOptions]), [withoutSome, {}]];
    for (const [data, options] of cases) {
      const x = computeInsights(fresh(data), options);
      const expected = [];
      const actual = [];
      for (let c = 0; c < data.customerKeys.length; c++) {
        expected.push(naiveInsight(data, c, options));
        actual.push({
          signals: x.signals[c]!,
          health: x.health[c]!,
          band: x.band[c]!,
          stage: x.stage[c]!,
          value: [x.value.lifetimeRevenue[c]!, x.value.averageOrderValue[c]!, x.value.ordersPerYear[c]!, x.value.clv[c]!],
        });
      }
      expect(actual, JSON.stringify(options)).to.deep.equal(expected);
      expect(new Set(actual.map((a) => a.signals)).size, 'several signal combinations occur').to.be.greaterThan(2);
      expect(new Set(actual.map((a) => a.stage)).size, 'several stages occur').to.be.greaterThan(1);
    }
  });
});

describe('funnel on generated data', () => {
  it('computeFunnel matches a direct reading of the definition, with and without a window, first and any attempts', () => {
    const d = sample(9);
    const { entity, entityKeys, stage, date, length } = d.stageEvents;
    for (const windowDays of [undefined, 20]) {
      const window = windowDays === undefined ? Infinity : windowDays * DAY;
      const S = d.stages.length;
      const perEntity: { step: number; t: number }[][] = entityKeys.map(() => []);
      for (let i = 0; i < length; i++) if (date[i]! <= d.asOf) perEntity[entity[i]!]!.push({ step: stage[i]!, t: date[i]! });
      /** Steps reached from one anchor: each the earliest event of its stage at or after the previous, within the window. */
      const path = (events: { step: number; t: number }[], anchor: number): number[] => {
        const times = [anchor];
        for (let j = 1; j < S; j++) {
          const next = events.filter((e) => e.step === j && e.t >= times[j - 1]! && e.t <= anchor + window).map((e) => e.t);
          if (next.length === 0) break;
          times.push(Math.min(...next));
        }
        return times;
      };
      const counts = new Array<number>(S).fill(0);
      const gaps: number[][] = Array.from({ length: S }, () => []);
      const anyCounts = new Array<number>(S).fill(0);
      const anyGaps: number[][] = Array.from({ length: S }, () => []);
      for (const events of perEntity) {
        const leads = events.filter((e) => e.step === 0).map((e) => e.t);
        if (leads.length === 0) continue;
        const tally = (times: number[], into: number[], gapsInto: number[][]) =>
          times.forEach((t, j) => {
            into[j]!++;
            if (j > 0) gapsInto[j]!.push(t - times[j - 1]!);
          });
        tally(path(events, Math.min(...leads)), counts, gaps);
        // Any attempt: the furthest path, the latest lead on a tie.
        const best = leads.map((anchor) => path(events, anchor)).reduce((a, b) => (b.length > a.length || (b.length === a.length && b[0]! > a[0]!) ? b : a));
        tally(best, anyCounts, anyGaps);
      }
      const median = (xs: number[]) => {
        if (xs.length === 0) return null;
        const s = [...xs].sort((a, b) => a - b);
        const m = s.length >> 1;
        return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
      };
      const result = computeFunnel(d, windowDays === undefined ? {} : { windowDays });
      expect(result.steps.map((s) => s.count)).to.deep.equal(counts);
      expect(result.steps.map((s) => s.medianTimeFromPreviousMs)).to.deep.equal(gaps.map((g, j) => (j === 0 ? null : median(g))));
      const any = computeFunnel(d, { ...(windowDays === undefined ? {} : { windowDays }), attempts: 'any' });
      expect(any.steps.map((s) => s.count)).to.deep.equal(anyCounts);
      expect(any.steps.map((s) => s.medianTimeFromPreviousMs)).to.deep.equal(anyGaps.map((g, j) => (j === 0 ? null : median(g))));
    }
  });
});
