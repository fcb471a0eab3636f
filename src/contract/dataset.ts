import type { Channel, CollectionName, StageDef } from './fields.js';
import type { Texts } from './texts.js';

/**
 * A validated payload in columnar form. Metrics run over typed arrays, which is what
 * makes a million orders cheap; the same shape is cached in IndexedDB and crosses
 * from the worker as transferable buffers.
 *
 * Customers are dictionary-encoded: every `customer` column holds an index into
 * `customerKeys` (-1 when absent). The first `customers.length` keys are the rows of
 * the `customers` collection; keys after that were only referenced (when no
 * `customers` collection was sent).
 */
export interface Dataset {
  schemaVersion: 1;
  /** Epoch ms that anchors every "days ago". */
  asOf: number;
  /** False when the payload had no `asOf` and the load time stood in. */
  asOfFromPayload: boolean;
  currency: string;
  stages: StageDef[];
  /** Which collections the payload carried (an absent one is not the same as an empty one). */
  present: Record<CollectionName, boolean>;
  customerKeys: string[];
  customers: CustomerTable;
  orders: OrderTable;
  interactions: InteractionTable;
  surveys: SurveyTable;
  stageEvents: StageEventTable;
  tickets: TicketTable;
  /** Set only by `filterDataset` on a copy, never by a payload: which customers a query's filters keep. */
  scope?: CustomerScope;
}

/**
 * 1 per customer index a query's filters keep (`customers`), and the wider set RFM ranks
 * among (`ranked`: before the filters that are themselves about scores, segment, cell, NPS).
 */
export interface CustomerScope {
  customers: Uint8Array;
  ranked: Uint8Array;
}

/** Fields the contract does not know, kept column by column. */
export type ExtraColumns = Record<string, unknown[]>;

export interface CustomerTable {
  length: number;
  id: string[];
  name: string[];
  company: (string | null)[];
  segment: (string | null)[];
  region: (string | null)[];
  owner: (string | null)[];
  /** Epoch ms, NaN when unknown. */
  createdAt: Float64Array;
  lifecycleStage: (string | null)[];
  attributes: (Record<string, unknown> | null)[];
  extra: ExtraColumns;
}

export interface OrderTable {
  length: number;
  /** Unique in its table; from Arrow, kept as the column's bytes (texts.ts). */
  id: Texts;
  customer: Int32Array;
  date: Float64Array;
  amount: Float64Array;
  extra: ExtraColumns;
}

export interface InteractionTable {
  length: number;
  /** Unique in its table; from Arrow, kept as the column's bytes (texts.ts). */
  id: Texts;
  customer: Int32Array;
  date: Float64Array;
  /** Index into CHANNELS. */
  channel: Uint8Array;
  extra: ExtraColumns;
}

export interface SurveyTable {
  length: number;
  /** Unique in its table; from Arrow, kept as the column's bytes (texts.ts). */
  id: Texts;
  /** -1 for an anonymous response. */
  customer: Int32Array;
  date: Float64Array;
  score: Uint8Array;
  comment: (string | null)[];
  extra: ExtraColumns;
}

export interface StageEventTable {
  length: number;
  /** Index into `entityKeys`. */
  entity: Int32Array;
  entityKeys: string[];
  customer: Int32Array;
  /** Index into `Dataset.stages`. */
  stage: Uint16Array;
  date: Float64Array;
  extra: ExtraColumns;
}

export interface TicketTable {
  length: number;
  /** Unique in its table; from Arrow, kept as the column's bytes (texts.ts). */
  id: Texts;
  customer: Int32Array;
  openedAt: Float64Array;
  /** NaN when there was no response yet. */
  firstResponseAt: Float64Array;
  resolvedAt: Float64Array;
  extra: ExtraColumns;
}

export type { Channel };
