/**
 * The Arrow form of a row-form payload, written by an implementation independent of the kit
 * (apache-arrow, the reference JavaScript library), with its own reading of the JSON: dates
 * through Date.parse, customer rows through a Map. Variants cover each encoding the contract
 * allows, so every one is read back against the JSON it came from.
 */
import * as arrow from 'apache-arrow';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName, type Payload } from '../../src/contract/index.js';

export interface ArrowVariant {
  /** `dictionary`: utf8 ids through a dictionary; `rows`: int32 row numbers into customers. */
  customers?: 'dictionary' | 'rows';
  /** Timestamp columns as timestamp[ms, UTC], int32 epoch seconds, date64, or timestamp[us]. */
  dates?: 'timestamp-ms' | 'int32-seconds' | 'date64' | 'timestamp-us';
  /** `float64` amounts, or `cents`: an int64 `amountCents` column. */
  amounts?: 'float64' | 'cents';
  /** Rows per record batch (several batches per stream when smaller than the collection). */
  batchRows?: number;
}

type Row = Record<string, unknown>;

const utf8Dictionary = () => new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());

function dateColumn(values: unknown[], dates: NonNullable<ArrowVariant['dates']>): arrow.Vector {
  const ms = values.map((v) => (typeof v === 'string' ? Date.parse(v) : null));
  switch (dates) {
    case 'timestamp-ms':
      return arrow.vectorFromArray(ms, new arrow.TimestampMillisecond('UTC'));
    case 'timestamp-us':
      // apache-arrow takes milliseconds and stores the unit's integers.
      return arrow.vectorFromArray(ms, new arrow.TimestampMicrosecond());
    case 'date64':
      return arrow.vectorFromArray(ms.map((v) => (v === null ? null : new Date(v))), new arrow.DateMillisecond());
    case 'int32-seconds':
      return arrow.vectorFromArray(ms.map((v) => (v === null ? null : v / 1000)), new arrow.Int32());
  }
}

/** One collection as an Arrow table, column by column from the contract's fields plus any extra keys. */
function tableOf(name: CollectionName, rows: Row[], customerRow: Map<string, number>, variant: Required<ArrowVariant>): arrow.Table {
  const vectors: Record<string, arrow.Vector> = {};
  for (const spec of COLLECTIONS[name]) {
    const values = rows.map((row) => (row[spec.name] === undefined ? null : row[spec.name]));
    if (values.every((v) => v === null) && !spec.required) continue;
    switch (spec.kind) {
      case 'timestamp':
        vectors[spec.name] = dateColumn(values, variant.dates);
        break;
      case 'amount':
        if (variant.amounts === 'cents') vectors.amountCents = arrow.vectorFromArray(values.map((v) => (v === null ? null : BigInt(Math.round((v as number) * 100)))), new arrow.Int64());
        else vectors[spec.name] = arrow.vectorFromArray(values, new arrow.Float64());
        break;
      case 'score':
        vectors[spec.name] = arrow.vectorFromArray(values, new arrow.Int8());
        break;
      case 'ref':
        vectors[spec.name] =
          variant.customers === 'rows' ? arrow.vectorFromArray(values.map((v) => (v === null ? null : (customerRow.get(v as string) ?? -1))), new arrow.Int32()) : arrow.vectorFromArray(values, utf8Dictionary());
        break;
      case 'channel':
      case 'stage':
        vectors[spec.name] = arrow.vectorFromArray(values, utf8Dictionary());
        break;
      case 'record':
        break;
      default:
        vectors[spec.name] = arrow.vectorFromArray(values, new arrow.Utf8());
    }
  }
  const table = new arrow.Table(vectors);
  if (rows.length <= variant.batchRows) return table;
  const batches: arrow.RecordBatch[] = [];
  for (let start = 0; start < rows.length; start += variant.batchRows) batches.push(...table.slice(start, start + variant.batchRows).batches);
  return new arrow.Table(batches);
}

/** The envelope and one IPC stream per collection. */
export function arrowFormOf(payload: Payload, options: ArrowVariant = {}): { envelope: Record<string, unknown>; streams: Record<string, Uint8Array> } {
  const variant: Required<ArrowVariant> = { customers: 'dictionary', dates: 'timestamp-ms', amounts: 'float64', batchRows: Infinity, ...options };
  const { schemaVersion, asOf, currency, stages } = payload;
  const envelope: Record<string, unknown> = { schemaVersion, asOf, currency, stages };
  const streams: Record<string, Uint8Array> = {};
  const customerRow = new Map(((payload.customers ?? []) as Row[]).map((row, i) => [row.id as string, i]));
  for (const name of COLLECTION_NAMES) {
    const rows = payload[name] as Row[] | undefined;
    if (!rows) continue;
    envelope[name] = { arrow: `${name}.arrow` };
    streams[name] = arrow.tableToIPC(tableOf(name, rows, customerRow, variant), 'stream');
  }
  return { envelope, streams };
}

/** A stream of the given columns, for hostile and edge-case tests. */
export function streamOf(columns: Record<string, arrow.Vector>): Uint8Array {
  return arrow.tableToIPC(new arrow.Table(columns), 'stream');
}

export { arrow };
