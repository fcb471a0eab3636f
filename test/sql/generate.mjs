// Generated CRM payloads for the SQL parity tests: seeded, small, and full of what goes wrong in
// real data — ties (equal amounts, equal dates, one-order customers), refunds, rows after asOf,
// out-of-order and duplicated stage events, anonymous survey answers, absent collections.
const DAY = 86_400_000;
export const AS_OF = Date.UTC(2026, 5, 30);

/** Mulberry32: a small seeded generator, so every run tests the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (t) => new Date(t).toISOString();
const STAGES = [
  { key: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } },
  { key: 'opportunity' },
  { key: 'proposal', label: { en: 'Proposal' } },
  { key: 'signed' },
];

/** One payload; `omit` names collections to leave out entirely (absent, not empty). */
/** `shuffle` names collections whose rows are put in random order (ids then appear out of id order). */
export function generatePayload({ seed = 1, customers = 120, omit = [], ties = false, shuffle = [] } = {}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  // Whole days, or noon, or asOf itself: many equal instants so ties are common.
  const when = (maxDays) => AS_OF - int(0, maxDays) * DAY - (rnd() < 0.5 ? 0 : DAY / 2);
  const ids = Array.from({ length: customers }, (_, i) => `c${String(i).padStart(4, '0')}`);
  const payload = { schemaVersion: 1, asOf: iso(AS_OF), currency: 'CNY', stages: STAGES };
  payload.customers = ids.map((id, i) => ({
    id,
    name: i % 7 === 0 ? `客户 ${i}` : `Customer ${i}`,
    ...(i % 5 ? { company: pick(['Acme', 'Globex', '华为', 'Initech']) } : {}),
    ...(i % 3 ? { region: pick(['华东', '华南', 'North', 'South']) } : {}),
    segment: pick(['B2B', 'B2C']),
    ...(i % 4 ? { lifecycleStage: pick(['lead', 'opportunity', 'proposal', 'signed', 'churned']) } : {}),
    createdAt: iso(AS_OF - int(30, 900) * DAY),
    ...(i % 6 === 0 ? { attributes: { tier: pick(['gold', 'silver']) } } : {}),
  }));
  const orders = [];
  ids.forEach((id, i) => {
    // A third buy once (a big tie at F = 1); some only ever refund; amounts repeat (ties in M).
    // `ties`: most customers buy once, on one of three days, at one price: a level's share and more on every axis.
    const count = ties ? (i % 5 === 0 ? int(2, 3) : 1) : i % 3 === 0 ? 1 : i % 11 === 0 ? 0 : int(1, 6);
    for (let k = 0; k < count; k++) {
      const date = ties ? AS_OF - pick([3, 3, 3, 3, 40, 40, 200]) * DAY : when(700);
      const amount = ties ? pick([50, 50, 50, 50, 50, 120.1, 999.99]) : pick([19.99, 50, 50, 120.1, 0.1, 0.2, 999.99, 35.5]);
      orders.push({ id: `o${orders.length}`, customerId: id, date: iso(date), amount });
    }
    if (i % 4 === 1) orders.push({ id: `o${orders.length}`, customerId: id, date: iso(when(200)), amount: -pick([5, 19.99, 0.3]) });
    if (i % 11 === 0) orders.push({ id: `o${orders.length}`, customerId: id, date: iso(when(100)), amount: -10 });
    // After asOf: never counted anywhere.
    if (i % 9 === 0) orders.push({ id: `o${orders.length}`, customerId: id, date: iso(AS_OF + int(1, 30) * DAY), amount: 5000 });
  });
  payload.orders = orders;
  const surveys = [];
  for (let k = 0; k < customers * 2; k++) {
    const anonymous = rnd() < 0.15;
    const date = rnd() < 0.05 ? AS_OF + DAY : when(500);
    surveys.push({ id: `s${k}`, ...(anonymous ? {} : { customerId: pick(ids) }), date: iso(date), score: int(0, 10) });
  }
  // Two answers of one customer at one instant: the later row wins under dedupe "latest".
  surveys.push({ id: 'dup-a', customerId: ids[1], date: iso(AS_OF - 3 * DAY), score: 2 });
  surveys.push({ id: 'dup-b', customerId: ids[1], date: iso(AS_OF - 3 * DAY), score: 10 });
  payload.surveys = surveys;
  const events = [];
  for (let e = 0; e < customers; e++) {
    const entityId = `d${e}`;
    const customerId = rnd() < 0.1 ? undefined : pick(ids);
    let t = AS_OF - int(20, 400) * DAY;
    const depth = int(0, 4);
    for (let j = 0; j < depth; j++) {
      events.push({ entityId, ...(customerId ? { customerId } : {}), stage: STAGES[j].key, date: iso(t) });
      if (rnd() < 0.2) events.push({ entityId, ...(customerId ? { customerId } : {}), stage: STAGES[j].key, date: iso(t + int(0, 3) * DAY) });
      t += int(0, 40) * DAY;
    }
    // Out of order: an opportunity before its lead; a restart; an event after asOf.
    if (e % 7 === 0) events.push({ entityId, stage: 'opportunity', date: iso(AS_OF - int(300, 500) * DAY) });
    if (e % 5 === 0) events.push({ entityId, ...(customerId ? { customerId } : {}), stage: 'lead', date: iso(t + int(1, 10) * DAY) });
    if (e % 13 === 0) events.push({ entityId, stage: 'signed', date: iso(AS_OF + 2 * DAY) });
  }
  const shuffled = (rows) => {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    return rows;
  };
  // Rows in no particular order.
  payload.stageEvents = shuffled(events);
  payload.interactions = ids.slice(0, customers / 2).map((id, k) => ({ id: `i${k}`, customerId: id, date: iso(when(120)), channel: pick(['email', 'phone', 'wechat']) }));
  payload.tickets = ids.slice(0, customers / 4).map((id, k) => ({ id: `t${k}`, customerId: id, openedAt: iso(when(60)) }));
  for (const name of shuffle) shuffled(payload[name]);
  for (const name of omit) delete payload[name];
  return payload;
}

/** The tenants of the parity tests: one database, several scopes, each shaped differently. */
export const SCOPES = {
  full: { seed: 7, customers: 160 },
  'no-surveys': { seed: 11, customers: 60, omit: ['surveys', 'interactions', 'tickets'] },
  'no-stage-events': { seed: 13, customers: 50, omit: ['stageEvents'] },
  'no-orders': { seed: 17, customers: 40, omit: ['orders'] },
  // Orders out of id order: without a customers table the engine lists customers as the facts first name them.
  'no-customers': { seed: 19, customers: 80, omit: ['customers'], shuffle: ['orders'] },
  tiny: { seed: 23, customers: 3 },
  ties: { seed: 29, customers: 90, ties: true },
};
