import { ago, AS_OF } from './fixtures.js';

/**
 * Four customers, two regions, two owners, two stages:
 *   A East Li   B2B customer gold   surveys 10 (10 d ago), 3 (200 d)   orders 100 (5 d), 200 (150 d)
 *   B East Wang B2C lead             survey   9 (20 d)                  order   50 (40 d)
 *   C West Li   B2B customer silver  survey   5 (30 d)                  orders 300 (120 d), 10 (2 d)
 *   D West Wang B2C lead             survey   8 (100 d)                 no orders
 *   and one anonymous survey 10 (5 d ago).
 */
export const filterPayload = () => ({
  schemaVersion: 1,
  asOf: AS_OF,
  stages: [{ key: 'lead' }, { key: 'customer' }],
  customers: [
    { id: 'A', name: 'A', region: 'East', owner: 'Li', segment: 'B2B', lifecycleStage: 'customer', attributes: { tier: 'gold' } },
    { id: 'B', name: 'B', region: 'East', owner: 'Wang', segment: 'B2C', lifecycleStage: 'lead' },
    { id: 'C', name: 'C', region: 'West', owner: 'Li', segment: 'B2B', lifecycleStage: 'customer', attributes: { tier: 'silver' } },
    { id: 'D', name: 'D', region: 'West', owner: 'Wang', segment: 'B2C', lifecycleStage: 'lead' },
  ],
  surveys: [
    { id: 'S1', customerId: 'A', date: ago(10), score: 10 },
    { id: 'S2', customerId: 'A', date: ago(200), score: 3 },
    { id: 'S3', customerId: 'B', date: ago(20), score: 9 },
    { id: 'S4', customerId: 'C', date: ago(30), score: 5 },
    { id: 'S5', customerId: 'D', date: ago(100), score: 8 },
    { id: 'S6', date: ago(5), score: 10 },
  ],
  orders: [
    { id: 'O1', customerId: 'A', date: ago(5), amount: 100 },
    { id: 'O2', customerId: 'A', date: ago(150), amount: 200 },
    { id: 'O3', customerId: 'B', date: ago(40), amount: 50 },
    { id: 'O4', customerId: 'C', date: ago(120), amount: 300 },
    { id: 'O5', customerId: 'C', date: ago(2), amount: 10 },
  ],
  stageEvents: [
    { entityId: 'A', customerId: 'A', stage: 'lead', date: ago(100) },
    { entityId: 'A', customerId: 'A', stage: 'customer', date: ago(50) },
    { entityId: 'B', customerId: 'B', stage: 'lead', date: ago(30) },
    { entityId: 'C', customerId: 'C', stage: 'lead', date: ago(200) },
    { entityId: 'C', customerId: 'C', stage: 'customer', date: ago(150) },
    { entityId: 'D', customerId: 'D', stage: 'lead', date: ago(10) },
  ],
});

