import { expect } from '@open-wc/testing';
import { computeRfm, rankScores, rfmGrid, segmentOf, type RfmResult } from '../../src/metrics/index.js';
import { ago, customers, dataset } from './fixtures.js';

const order = (id: string, customerId: string, days: number, amount: number) => ({ id, customerId, date: ago(days, 1), amount });

// A: 2 purchases, B: a purchase and a later refund, C: one small, D: three big,
// E: only a refund, F: only an order after asOf, G: nothing.
const data = () =>
  dataset({
    customers: customers('A', 'B', 'C', 'D', 'E', 'F', 'G'),
    orders: [
      order('1', 'A', 10, 100),
      order('2', 'A', 40, 50),
      order('3', 'B', 5, 200),
      order('4', 'B', 3, -50),
      order('5', 'C', 100, 30),
      order('6', 'D', 10, 500),
      order('7', 'D', 20, 500),
      order('8', 'D', 30, 500),
      order('9', 'E', 1, -20),
      order('10', 'F', -3, 80),
    ],
  });
const byId = (rfm: RfmResult) => Object.fromEntries(rfm.customers.map((c) => [c.customerId, c]));

describe('computeRfm(dataset)', () => {
  it('computeRfm measures recency from the last purchase, frequency in purchases, monetary net of refunds', () => {
    const rfm = computeRfm(data());
    const c = byId(rfm);
    expect(Object.keys(c)).to.deep.equal(['A', 'B', 'C', 'D']);
    expect(c.A).to.include({ recencyDays: 10, frequency: 2, monetary: 150 });
    expect(c.B).to.include({ recencyDays: 5, frequency: 1, monetary: 150 });
    expect(c.D).to.include({ recencyDays: 10, frequency: 3, monetary: 1500, customer: 3 });
    expect(rfm.scored).to.equal(4);
    expect(rfm.unscored).to.equal(3);
  });

  it('computeRfm scores ranks with shared ties: 1 + floor(5 × strictly smaller / n), recency by strictly larger', () => {
    const c = byId(computeRfm(data()));
    // F 2,1,1,3 → 3,1,1,4; M 150,150,30,1500 → 2,2,1,4; R 10,5,100,10 → 2,4,1,2.
    expect([c.A!.f, c.B!.f, c.C!.f, c.D!.f]).to.deep.equal([3, 1, 1, 4]);
    expect([c.A!.m, c.B!.m, c.C!.m, c.D!.m]).to.deep.equal([2, 2, 1, 4]);
    expect([c.A!.r, c.B!.r, c.C!.r, c.D!.r]).to.deep.equal([2, 4, 1, 2]);
    expect([c.A!.segment, c.B!.segment, c.C!.segment, c.D!.segment]).to.deep.equal(['at_risk', 'promising', 'hibernating', 'at_risk']);
  });

  it('computeRfm sums segments and the 25 R × F cells', () => {
    const rfm = computeRfm(data());
    expect(rfm.segments.at_risk).to.deep.equal({ customers: 2, monetary: 1650 });
    expect(rfm.segments.promising).to.deep.equal({ customers: 1, monetary: 150 });
    expect(rfm.segments.champions).to.deep.equal({ customers: 0, monetary: 0 });
    expect(rfm.cells).to.have.length(25);
    expect(rfm.cells.filter((cell) => cell.count > 0).map((cell) => [cell.x, cell.y, cell.count, cell.monetary, cell.meanM])).to.deep.equal([
      [1, 1, 1, 30, 1],
      [4, 1, 1, 150, 2],
      [2, 3, 1, 150, 2],
      [2, 4, 1, 1500, 4],
    ]);
    expect(rfm.cells[0]).to.include({ x: 1, y: 1 });
    expect(rfm.cells.find((cell) => cell.count === 0)!.meanM).to.equal(null);
  });

  it('computeRfm gives every customer 1 when all are tied, and when there is one', () => {
    const tied = dataset({ orders: ['A', 'B', 'C'].map((id) => order(id, id, 7, 99.9)) });
    expect(computeRfm(tied).customers.map((c) => [c.r, c.f, c.m, c.segment])).to.deep.equal([
      [1, 1, 1, 'hibernating'],
      [1, 1, 1, 'hibernating'],
      [1, 1, 1, 'hibernating'],
    ]);
    const one = computeRfm(dataset({ orders: [order('1', 'A', 3, 10)] }));
    expect(one.customers.map((c) => [c.r, c.f, c.m])).to.deep.equal([[1, 1, 1]]);
  });

  it('computeRfm of no orders scores nobody', () => {
    const rfm = computeRfm(dataset({ customers: customers('A', 'B') }));
    expect(rfm).to.include({ scored: 0, unscored: 2 });
    expect(rfm.customers).to.deep.equal([]);
    expect(rfm.cells.every((cell) => cell.count === 0)).to.be.true;
  });

  it('computeRfm rounds monetary to cents and filters by a customer field', () => {
    const d = dataset({
      customers: [
        { id: 'A', name: 'A', region: '华东' },
        { id: 'B', name: 'B', region: '华南' },
      ],
      orders: [order('1', 'A', 1, 0.1), order('2', 'A', 2, 0.2), order('3', 'B', 1, 5)],
    });
    expect(computeRfm(d).customers[0]!.monetary).to.equal(0.3);
    const east = computeRfm(d, { filter: { field: 'region', value: '华东' } });
    expect(east.customers.map((c) => c.customerId)).to.deep.equal(['A']);
    expect(east).to.include({ scored: 1, unscored: 0 });
  });
});

describe('rfmGrid(rfm, x, y)', () => {
  it('rfmGrid places customers on any two axes with their indices', () => {
    const rfm = computeRfm(data());
    const grid = rfmGrid(rfm, 'r', 'm');
    expect(grid).to.have.length(25);
    const a = grid.find((cell) => cell.x === 2 && cell.y === 2)!;
    expect(a.members).to.deep.equal([0]);
    expect(a).to.include({ count: 1, monetary: 150, meanM: 2 });
    expect(rfmGrid(rfm, 'r', 'f').map(({ members: _, ...cell }) => cell)).to.deep.equal(rfm.cells);
  });
});

describe('segmentOf(r, f)', () => {
  it('segmentOf follows the standard RFM grid', () => {
    const cases: [number, number, string][] = [
      [1, 1, 'hibernating'], [2, 2, 'hibernating'], [1, 3, 'at_risk'], [2, 4, 'at_risk'], [2, 5, 'cant_lose'],
      [3, 1, 'about_to_sleep'], [3, 2, 'about_to_sleep'], [3, 3, 'need_attention'], [3, 4, 'loyal'], [4, 5, 'loyal'],
      [4, 1, 'promising'], [5, 1, 'new'], [4, 2, 'potential_loyalist'], [5, 3, 'potential_loyalist'], [5, 4, 'champions'], [5, 5, 'champions'],
    ];
    for (const [r, f, segment] of cases) expect(segmentOf(r, f), `${r},${f}`).to.equal(segment);
    expect(() => segmentOf(0, 3)).to.throw(RangeError);
    expect(() => segmentOf(2.5, 3)).to.throw(RangeError);
  });
});

describe('rankScores(values)', () => {
  it('rankScores handles negative values, ties and descending order', () => {
    expect(Array.from(rankScores(Float64Array.from([-5, 0, 0, 3.5, -0.01])))).to.deep.equal([1, 3, 3, 5, 2]);
    expect(Array.from(rankScores(Int32Array.from([1, 1, 2, 40]), true))).to.deep.equal([3, 3, 2, 1]);
  });
});

describe('computeRfm ties, thresholds and frequency', () => {
  // CDNOW-like: 100 customers, 51 % bought once. Frequencies: 51 × 1, 19 × 2, 10 × 3, 8 × 4, 5 × 5, 4 × 6, 3 × 8.
  const SPREAD: [frequency: number, customers: number][] = [
    [1, 51],
    [2, 19],
    [3, 10],
    [4, 8],
    [5, 5],
    [6, 4],
    [8, 3],
  ];
  const cdnowLike = () => {
    const orders: ReturnType<typeof order>[] = [];
    const ids: string[] = [];
    for (const [frequency, count] of SPREAD) {
      for (let k = 0; k < count; k++) {
        const id = `F${frequency}-${k}`;
        ids.push(id);
        for (let j = 0; j < frequency; j++) orders.push(order(`${id}-${j}`, id, 1 + 3 * j, 10));
      }
    }
    return dataset({ customers: customers(...ids), orders });
  };
  /** Customers per F score 1..5. */
  const levels = (rfm: RfmResult) => [1, 2, 3, 4, 5].map((s) => rfm.customers.filter((c) => c.f === s).length);

  it("computeRfm with ties 'low' leaves F = 2 empty when 51 % are tied at one order, and warns", () => {
    // below(F=2) = 51 → 1 + floor(255 / 100) = 3; below(F=3) = 70 → 4; below(F=4) = 80 → 5; F ≥ 4 all 5.
    const rfm = computeRfm(cdnowLike());
    expect(levels(rfm)).to.deep.equal([51, 0, 19, 10, 20]);
    expect(rfm.warnings.filter((w) => w.axis === 'f')).to.deep.equal([
      { axis: 'f', score: 2, rule: 'ranks', tie: { value: 1, customers: 51, share: 0.51 }, range: null },
    ]);
    expect(computeRfm(cdnowLike(), { ties: 'low' })).to.deep.equal(rfm);
  });

  it("computeRfm with ties 'dense' gives the big tie its score and spreads the rest over the remaining levels", () => {
    // 51 at F = 1 hold ≥ 100 / 5: score 1. The other 49 over 2..5: 19 at F = 2 hold ≥ 49 / 4 = 12.25: score 2.
    // The other 30 over 3..5: 10 at F = 3 hold ≥ 30 / 3: score 3. The last 20 over 4..5, none holds 10:
    // by rank among themselves, F = 4 (below 0) → 4, F = 5 (below 8, 4 + floor(16 / 20)) → 4,
    // F = 6 (below 13, 4 + floor(26 / 20)) → 5, F = 8 (below 17) → 5.
    const rfm = computeRfm(cdnowLike(), { ties: 'dense' });
    expect(levels(rfm)).to.deep.equal([51, 19, 10, 13, 7]);
    expect(rfm.warnings.filter((w) => w.axis === 'f')).to.deep.equal([]);
    // Equal values still score equally.
    const byFrequency = new Map<number, Set<number>>();
    for (const c of rfm.customers) byFrequency.set(c.frequency, (byFrequency.get(c.frequency) ?? new Set()).add(c.f));
    expect([...byFrequency.values()].every((scores) => scores.size === 1)).to.equal(true);
  });

  it('computeRfm with fixed F thresholds 1,2,3,5,10 scores F = 1, 2, 3–4, 5–9, ≥ 10', () => {
    // 51 → 1; 19 → 2; 10 + 8 = 18 → 3; 5 + 4 + 3 = 12 → 4; nobody has 10 orders → F = 5 empty.
    const rfm = computeRfm(cdnowLike(), { thresholds: { f: [1, 2, 3, 5, 10] } });
    expect(levels(rfm)).to.deep.equal([51, 19, 18, 12, 0]);
    expect(rfm.warnings.filter((w) => w.axis === 'f')).to.deep.equal([
      { axis: 'f', score: 5, rule: 'thresholds', tie: { value: 1, customers: 51, share: 0.51 }, range: { from: 10, to: null } },
    ]);
  });

  it('computeRfm with fixed R thresholds in days and M thresholds in currency', () => {
    const d = dataset({
      customers: customers('A', 'B', 'C', 'D'),
      orders: [order('1', 'A', 10, 99.99), order('2', 'B', 90, 100), order('3', 'C', 100, 1000), order('4', 'D', 400, 20_000)],
    });
    const rfm = computeRfm(d, { thresholds: { r: [30, 90, 180, 365, 730], m: [0, 100, 500, 1000, 5000] } });
    // R: 10 ≤ 30 → 5; 90 ≤ 90 → 4; 100 ≤ 180 → 3; 400 > 365 → 1.
    // M: 99.99 < 100 → 1; 100 ≥ 100 → 2; 1000 ≥ 1000 → 4; 20,000 ≥ 5000 → 5.
    expect(rfm.customers.map((c) => [c.customerId, c.r, c.m])).to.deep.equal([
      ['A', 5, 1],
      ['B', 4, 2],
      ['C', 3, 4],
      ['D', 1, 5],
    ]);
    // Nobody at R = 2 (180 < days ≤ 365) or M = 3 (500 ≤ M < 1000).
    expect(rfm.warnings.filter((w) => w.axis !== 'f').map((w) => [w.axis, w.score, w.range])).to.deep.equal([
      ['r', 2, { from: 180, to: 365 }],
      ['m', 3, { from: 500, to: 1000 }],
    ]);
  });

  it("computeRfm with frequency 'days' counts purchase days, not orders", () => {
    const d = dataset({
      customers: customers('A', 'B'),
      orders: [
        { id: '1', customerId: 'A', date: ago(5, 15), amount: 10 }, // d5 09:00
        { id: '2', customerId: 'A', date: ago(5, 9), amount: 10 }, // d5 15:00: the same UTC day
        { id: '3', customerId: 'A', date: ago(9), amount: 10 },
        { id: '4', customerId: 'A', date: ago(8), amount: -10 }, // a refund is not a purchase day
        { id: '5', customerId: 'B', date: ago(2), amount: 10 },
      ],
    });
    expect(byId(computeRfm(d)).A!.frequency).to.equal(3);
    const days = byId(computeRfm(d, { frequency: 'days' }));
    expect([days.A!.frequency, days.B!.frequency]).to.deep.equal([2, 1]);
    // n = 2: A has one customer below → F = 1 + floor(5 × 1 / 2) = 3; B → 1.
    expect([days.A!.f, days.B!.f]).to.deep.equal([3, 1]);
  });

  it('computeRfm with three customers leaves levels empty and says so without blaming a tie', () => {
    const d = dataset({ customers: customers('A', 'B', 'C'), orders: [order('1', 'A', 1, 10), order('2', 'B', 1, 10), order('3', 'B', 2, 10), order('4', 'C', 1, 10), order('5', 'C', 2, 10), order('6', 'C', 3, 10)] });
    // F = 1, 2, 3: below 0, 1, 2 of n = 3 → 1, 1 + floor(5 / 3) = 2, 1 + floor(10 / 3) = 4.
    for (const ties of ['low', 'dense'] as const) {
      const rfm = computeRfm(d, { ties });
      expect(rfm.customers.map((c) => c.f), ties).to.deep.equal([1, 2, 4]);
      expect(rfm.warnings.filter((w) => w.axis === 'f').map((w) => [w.score, w.tie])).to.deep.equal([
        [3, null],
        [5, null],
      ]);
    }
  });
});
