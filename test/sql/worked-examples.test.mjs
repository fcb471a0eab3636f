// The worked examples of docs/metrics.md, answered by the reference SQL on DuckDB; the expected
// numbers are the hand arithmetic written there (and repeated in the comments below).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sources } from './build.mjs';

const { validatePayload, openDuckDb, loadDataset, scopeContext, answerFromWarehouse } = sources;
const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 5, 30);
const day = (n) => new Date(Date.UTC(2026, 0, 1) + n * DAY).toISOString();
const ago = (n) => new Date(AS_OF - n * DAY).toISOString();

async function answer(payload, query) {
  const checked = validatePayload(payload);
  assert.ok(checked.ok);
  const db = await openDuckDb(':memory:');
  try {
    await loadDataset(db, checked.dataset, 'example');
    return await answerFromWarehouse(db, await scopeContext(db, 'example'), query);
  } finally {
    await db.close();
  }
}

it('funnel: D1…D5 count 4 → 3 → 1 with a 2-day median to opportunity; 4 → 2 → 1 and 1.5 days with a 7-day window', async () => {
  const ev = (entityId, stage, d) => ({ entityId, stage, date: day(d) });
  const payload = {
    schemaVersion: 1,
    asOf: new Date(AS_OF).toISOString(),
    stages: [{ key: 'lead' }, { key: 'opp' }, { key: 'signed' }],
    stageEvents: [
      ev('D1', 'lead', 0), ev('D1', 'opp', 2), ev('D1', 'signed', 5),
      ev('D2', 'opp', 1), ev('D2', 'lead', 3), ev('D2', 'opp', 4),
      ev('D3', 'lead', 0), ev('D3', 'lead', 1), ev('D3', 'signed', 2),
      ev('D4', 'opp', 0),
      ev('D5', 'lead', 0), ev('D5', 'opp', 10),
    ],
  };
  const open = await answer(payload, { metric: 'funnel', options: {} });
  assert.deepEqual(open.steps.map((s) => s.count), [4, 3, 1]);
  // Times to opportunity: D1 2 d, D2 1 d (d3 → d4), D5 10 d: median 2 d. To signed: D1 only, 3 d.
  assert.deepEqual(open.steps.map((s) => s.medianTimeFromPreviousMs), [null, 2 * DAY, 3 * DAY]);
  assert.deepEqual(open.steps.map((s) => s.dropOff), [0, 1, 2]);
  assert.equal(open.steps[2].conversionFromPrevious, 1 / 3);
  const windowed = await answer(payload, { metric: 'funnel', options: { windowDays: 7 } });
  assert.deepEqual(windowed.steps.map((s) => s.count), [4, 2, 1]);
  // median(2 d, 1 d) = 1.5 d
  assert.equal(windowed.steps[1].medianTimeFromPreviousMs, 1.5 * DAY);
});

it('RFM: A…E score F 3, 1, 1, 4, M 2, 2, 1, 4, R 2, 4, 1, 2; E (only a refund) is unscored', async () => {
  const order = (customerId, amount, daysAgo, k) => ({ id: `${customerId}${k}`, customerId, amount, date: ago(daysAgo) });
  const payload = {
    schemaVersion: 1,
    asOf: new Date(AS_OF).toISOString(),
    customers: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, name: id })),
    orders: [
      order('A', 100, 10, 1), order('A', 50, 40, 2),
      order('B', 200, 5, 1), order('B', -50, 3, 2),
      order('C', 30, 100, 1),
      order('D', 500, 10, 1), order('D', 500, 20, 2), order('D', 500, 30, 3),
      order('E', -20, 10, 1),
    ],
  };
  // Axes x = R, y = F: A (2, 3) at_risk, B (4, 1) promising, C (1, 1) hibernating, D (2, 4) at_risk.
  const grid = await answer(payload, { metric: 'rfm-grid', options: { x: 'r', y: 'f' } });
  const cell = (x, y) => grid.cells[(y - 1) * 5 + (x - 1)];
  assert.deepEqual([cell(2, 3).count, cell(4, 1).count, cell(1, 1).count, cell(2, 4).count], [1, 1, 1, 1]);
  // Monetary net of refunds: A 150, B 200 − 50 = 150, C 30, D 1500; M scores A 2, B 2 (tied), C 1, D 4.
  assert.deepEqual([cell(2, 3).monetary, cell(4, 1).monetary, cell(1, 1).monetary, cell(2, 4).monetary], [150, 150, 30, 1500]);
  assert.deepEqual([cell(2, 3).meanM, cell(4, 1).meanM, cell(1, 1).meanM, cell(2, 4).meanM], [2, 2, 1, 4]);
  assert.deepEqual(grid.segments.at_risk, { customers: 2, monetary: 1650 });
  assert.deepEqual(grid.segments.promising, { customers: 1, monetary: 150 });
  assert.deepEqual(grid.segments.hibernating, { customers: 1, monetary: 30 });
  assert.equal(grid.scored, 4);
  assert.equal(grid.unscored, 1);
});
