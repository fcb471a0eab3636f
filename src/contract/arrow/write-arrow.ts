/**
 * A validated dataset written in the Arrow form: the envelope and one Arrow IPC stream per
 * collection the payload carried, in the encodings docs/contract.md recommends — customer
 * references and other repeated strings dictionary-encoded, dates as timestamp[ms, UTC],
 * amounts as float64, scores as uint8. Fields the contract does not know keep their values,
 * with the Arrow type flechette infers from them.
 */
import { TimeUnit, columnFromArray, dictionary, float64, int32, tableFromColumns, tableToIPC, timestamp, uint8, utf8, type Column } from '@uwdata/flechette';
import type { ArrowEnvelope } from '../arrow-envelope.js';
import type { Dataset, ExtraColumns } from '../dataset.js';
import { textsToArray } from '../texts.js';
import { CHANNELS, COLLECTION_NAMES, COLLECTIONS, type CollectionName, type FieldSpec } from '../fields.js';
import { CENTS_SUFFIX } from './arrow-source.js';

export interface ArrowForm {
  envelope: ArrowEnvelope;
  /** The stream of each collection, under the file name its envelope entry gives. */
  streams: Partial<Record<CollectionName, Uint8Array>>;
  /** Extra fields left out because no Arrow type holds their values (mixed types, for instance). */
  skipped: string[];
}

const text = (values: readonly (string | null)[]) => columnFromArray(values as (string | null)[], utf8());
const repeated = (values: readonly (string | null)[]) => columnFromArray(values as (string | null)[], dictionary(utf8(), int32()));
const byIndex = (indices: Int32Array | Uint8Array | Uint16Array, keys: readonly string[]) =>
  repeated(Array.from(indices, (i) => (i < 0 ? null : keys[i]!)));
const instants = (values: Float64Array) => columnFromArray(Array.from(values, (v) => (v === v ? v : null)), timestamp(TimeUnit.MILLISECOND, 'UTC'));

/** The contract's columns of one collection. */
function columnsOf(dataset: Dataset, name: CollectionName): Record<string, Column<unknown>> {
  const keys = dataset.customerKeys;
  switch (name) {
    case 'customers': {
      const c = dataset.customers;
      return {
        id: text(c.id),
        name: text(c.name),
        company: repeated(c.company),
        segment: repeated(c.segment),
        region: repeated(c.region),
        owner: repeated(c.owner),
        createdAt: instants(c.createdAt),
        lifecycleStage: repeated(c.lifecycleStage),
        ...(c.attributes.some((a) => a !== null) ? { attributes: columnFromArray(c.attributes) } : {}),
      };
    }
    case 'orders': {
      const o = dataset.orders;
      return { id: text(textsToArray(o.id)), customerId: byIndex(o.customer, keys), date: instants(o.date), amount: columnFromArray(o.amount, float64()) };
    }
    case 'interactions': {
      const it = dataset.interactions;
      return { id: text(textsToArray(it.id)), customerId: byIndex(it.customer, keys), date: instants(it.date), channel: byIndex(it.channel, CHANNELS) };
    }
    case 'surveys': {
      const s = dataset.surveys;
      return { id: text(textsToArray(s.id)), customerId: byIndex(s.customer, keys), date: instants(s.date), score: columnFromArray(s.score, uint8()), comment: text(s.comment) };
    }
    case 'stageEvents': {
      const e = dataset.stageEvents;
      const stageKeys = dataset.stages.map((stage) => stage.key);
      return { entityId: byIndex(e.entity, e.entityKeys), customerId: byIndex(e.customer, keys), stage: byIndex(e.stage, stageKeys), date: instants(e.date) };
    }
    case 'tickets': {
      const t = dataset.tickets;
      return { id: text(textsToArray(t.id)), customerId: byIndex(t.customer, keys), openedAt: instants(t.openedAt), firstResponseAt: instants(t.firstResponseAt), resolvedAt: instants(t.resolvedAt) };
    }
  }
}

function extraColumns(extra: ExtraColumns, length: number, skipped: string[], collection: CollectionName): Record<string, Column<unknown>> {
  const columns: Record<string, Column<unknown>> = Object.create(null) as Record<string, Column<unknown>>;
  for (const key of Object.keys(extra)) {
    // Read back, an extra `amountCents` would stand for the amount itself.
    if (key.endsWith(CENTS_SUFFIX) && (COLLECTIONS[collection] as readonly FieldSpec[]).some((spec) => spec.kind === 'amount' && spec.name + CENTS_SUFFIX === key)) {
      skipped.push(`${collection}.${key}`);
      continue;
    }
    const values = Array.from({ length }, (_, i) => extra[key]![i] ?? null);
    try {
      columns[key] = columnFromArray(values);
    } catch {
      skipped.push(`${collection}.${key}`);
    }
  }
  return columns;
}

/**
 * The Arrow form of a dataset: stream file names are `<collection>.arrow`, beside the envelope.
 *
 * @example
 * const result = validatePayload(payload);
 * if (result.ok) { const { envelope, streams } = arrowFormOf(result.dataset); … }
 */
export function arrowFormOf(dataset: Dataset): ArrowForm {
  const envelope: ArrowEnvelope = { schemaVersion: 1, currency: dataset.currency, stages: dataset.stages };
  // The load time stood in for a missing asOf: the exported form leaves it out as the payload did.
  if (dataset.asOfFromPayload) envelope.asOf = new Date(dataset.asOf).toISOString();
  const streams: ArrowForm['streams'] = {};
  const skipped: string[] = [];
  for (const name of COLLECTION_NAMES) {
    if (!dataset.present[name]) continue;
    const table = dataset[name];
    const columns = { ...columnsOf(dataset, name), ...extraColumns(table.extra, table.length, skipped, name) };
    streams[name] = tableToIPC(tableFromColumns(columns), { format: 'stream' })!;
    envelope[name] = { arrow: `${name}.arrow` };
  }
  return { envelope, streams, skipped };
}
