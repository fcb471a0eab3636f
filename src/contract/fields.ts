/**
 * The contract's collections, described once. The zod schemas, the JSON Schema
 * and the fast validator are all derived from these specs, so they cannot drift.
 */

export const CONTRACT_VERSION = 1 as const;

/**
 * More stages than any real pipeline has; the cap keeps per-stage work bounded (a list of
 * 70,000 stages once blocked a page for 37 s).
 */
export const MAX_STAGES = 100;

/**
 * The largest amount in either direction: a quadrillion, more than any order, and small
 * enough that sums over millions of orders stay finite (a single 1e308 made revenue Infinity).
 */
export const MAX_AMOUNT = 1e15;
export const MAX_AMOUNT_TEXT = '1e15';

export const CHANNELS = ['email', 'phone', 'wechat', 'sms', 'meeting', 'visit', 'chat', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export type FieldKind =
  | 'id' // non-empty string
  | 'ref' // non-empty string naming a customer
  | 'text' // any string
  | 'timestamp' // ISO 8601 with offset or Z; epoch ms also allowed in columnar form
  | 'amount' // finite number, negative allowed (refund / credit)
  | 'score' // integer 0..10
  | 'channel' // one of CHANNELS
  | 'stage' // a key of payload.stages
  | 'record'; // free-form object

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description: string;
}

const f = <N extends string, K extends FieldKind, R extends boolean>(name: N, kind: K, required: R, description: string) => ({
  name,
  kind,
  required,
  description,
});

export const COLLECTIONS = {
  customers: [
    f('id', 'id', true, 'Unique customer id.'),
    f('name', 'text', true, 'Display name (person or account).'),
    f('company', 'text', false, 'Company the customer belongs to.'),
    f('segment', 'text', false, 'Business segment, e.g. B2B or B2C.'),
    f('region', 'text', false, 'Sales region, e.g. 华东.'),
    f('owner', 'text', false, 'Account owner (sales or CSM).'),
    f('createdAt', 'timestamp', false, 'When the customer relationship started.'),
    f('lifecycleStage', 'text', false, 'Current stage key, used by the funnel snapshot mode.'),
    f('attributes', 'record', false, 'Any extra fields the backend wants to expose for breakdowns.'),
  ],
  orders: [
    f('id', 'id', true, 'Order id.'),
    f('customerId', 'ref', true, 'Customer who placed the order.'),
    f('date', 'timestamp', true, 'Order date.'),
    f('amount', 'amount', true, 'Order amount in the payload currency, at most 1e15 either way; negative for a refund or credit.'),
  ],
  interactions: [
    f('id', 'id', true, 'Interaction id.'),
    f('customerId', 'ref', true, 'Customer contacted.'),
    f('date', 'timestamp', true, 'When it happened.'),
    f('channel', 'channel', true, `One of ${CHANNELS.join(', ')}.`),
  ],
  surveys: [
    f('id', 'id', true, 'Survey response id.'),
    f('customerId', 'ref', false, 'Respondent, when known.'),
    f('date', 'timestamp', true, 'When the response was given.'),
    f('score', 'score', true, 'Likelihood to recommend, integer 0..10.'),
    f('comment', 'text', false, 'Free-text comment.'),
  ],
  stageEvents: [
    f('entityId', 'id', true, 'The deal or lead moving through the stages.'),
    f('customerId', 'ref', false, 'Customer the entity belongs to.'),
    f('stage', 'stage', true, 'A key of the payload stages.'),
    f('date', 'timestamp', true, 'When the entity entered the stage.'),
  ],
  tickets: [
    f('id', 'id', true, 'Ticket id.'),
    f('customerId', 'ref', true, 'Customer who opened it.'),
    f('openedAt', 'timestamp', true, 'When it was opened.'),
    f('firstResponseAt', 'timestamp', false, 'First response by the service team.'),
    f('resolvedAt', 'timestamp', false, 'When it was resolved.'),
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** Collections whose rows carry their own unique `id`. */
export const ID_FIELD: Partial<Record<CollectionName, string>> = {
  customers: 'id',
  orders: 'id',
  interactions: 'id',
  surveys: 'id',
  tickets: 'id',
};

interface KindType {
  id: string;
  ref: string;
  text: string;
  timestamp: string;
  amount: number;
  score: number;
  channel: Channel;
  stage: string;
  record: Record<string, unknown>;
}
type Specs<N extends CollectionName> = (typeof COLLECTIONS)[N][number];

/** One row of a collection in row form, typed from its specs. */
export type RowOf<N extends CollectionName> = {
  [S in Extract<Specs<N>, { required: true }> as S['name']]: KindType[S['kind']];
} & {
  [S in Extract<Specs<N>, { required: false }> as S['name']]?: KindType[S['kind']] | null;
} & Record<string, unknown>;

/** A collection in columnar form: one array per field; timestamps may be epoch ms. */
export type ColumnsOf<N extends CollectionName> = {
  columns: {
    [S in Extract<Specs<N>, { required: true }> as S['name']]: Array<
      S['kind'] extends 'timestamp' ? string | number : KindType[S['kind']]
    >;
  } & {
    [S in Extract<Specs<N>, { required: false }> as S['name']]?: Array<
      (S['kind'] extends 'timestamp' ? string | number : KindType[S['kind']]) | null
    >;
  };
};

export interface StageDef {
  key: string;
  label?: Record<string, string>;
  [extra: string]: unknown;
}

/** The JSON payload a backend sends. Every collection is optional. */
export interface Payload {
  schemaVersion: typeof CONTRACT_VERSION;
  asOf?: string;
  currency?: string;
  stages?: StageDef[];
  customers?: RowOf<'customers'>[] | ColumnsOf<'customers'>;
  orders?: RowOf<'orders'>[] | ColumnsOf<'orders'>;
  interactions?: RowOf<'interactions'>[] | ColumnsOf<'interactions'>;
  surveys?: RowOf<'surveys'>[] | ColumnsOf<'surveys'>;
  stageEvents?: RowOf<'stageEvents'>[] | ColumnsOf<'stageEvents'>;
  tickets?: RowOf<'tickets'>[] | ColumnsOf<'tickets'>;
  [extra: string]: unknown;
}
export type Customer = RowOf<'customers'>;
export type Order = RowOf<'orders'>;
export type Interaction = RowOf<'interactions'>;
export type Survey = RowOf<'surveys'>;
export type StageEvent = RowOf<'stageEvents'>;
export type Ticket = RowOf<'tickets'>;
