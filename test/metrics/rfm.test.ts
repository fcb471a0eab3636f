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
