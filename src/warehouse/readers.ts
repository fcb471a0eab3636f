import { int, nullableNumber } from './sql.js';

/** Warehouse rows back as the contract's records (row form): ISO times, currency amounts from cents. */
const iso = (ms: unknown): string | undefined => (ms === null || ms === undefined ? undefined : new Date(int(ms)).toISOString());
const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** Only the fields that have a value: the contract leaves optional fields out rather than null. */
const record = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

export const READERS: Record<string, (row: Record<string, unknown>) => Record<string, unknown>> = {
  customers: (r) =>
    record({
      id: text(r.id),
      name: text(r.name),
      company: text(r.company),
      segment: text(r.segment),
      region: text(r.region),
      owner: text(r.owner),
      createdAt: iso(r.created_at_ms),
      lifecycleStage: text(r.lifecycle_stage),
      attributes: r.attributes ? (JSON.parse(String(r.attributes)) as unknown) : undefined,
    }),
  orders: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), amount: int(r.amount_cents) / 100 }),
  interactions: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), channel: text(r.channel) }),
  surveys: (r) => record({ id: text(r.id), customerId: text(r.customer_id), date: iso(r.date_ms), score: nullableNumber(r.score), comment: text(r.comment) }),
  stageEvents: (r) => record({ entityId: text(r.entity_id), customerId: text(r.customer_id), stage: text(r.stage), date: iso(r.date_ms) }),
  tickets: (r) => record({ id: text(r.id), customerId: text(r.customer_id), openedAt: iso(r.opened_at_ms), firstResponseAt: iso(r.first_response_at_ms), resolvedAt: iso(r.resolved_at_ms) }),
};

