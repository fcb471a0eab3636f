import { CHANNELS, COLLECTION_NAMES, COLLECTIONS, ID_FIELD, MAX_AMOUNT, MAX_AMOUNT_TEXT, MAX_STAGES, type CollectionName, type FieldSpec, type StageDef } from './fields.js';
import type { Dataset, ExtraColumns } from './dataset.js';
import { describeReceived, rowIssue, type PayloadError, type RowIssue, type RowIssueCode } from './issues.js';
import { envelopeSchema } from './envelope.js';
import { inTimestampRange, parseTimestamp } from './timestamp.js';
import { TIMESTAMP_RANGE_TEXT } from './timestamp-pattern.js';


export interface ValidationOptions {
  /** Stands in for `asOf` when the payload has none (epoch ms). Defaults to now. */
  now?: number;
  /** How many row issues to keep with their messages; all are counted. Default 200. */
  maxIssues?: number;
}

export interface ValidationSummary {
  /** Rows received per collection. */
  received: Record<CollectionName, number>;
  /** Rows set aside per collection. */
  rejected: Record<CollectionName, number>;
  rejectedTotal: number;
  /** The first `maxIssues` reasons, in payload order per collection. */
  issues: RowIssue[];
}

export type ValidationResult =
  | ({ ok: true; dataset: Dataset } & ValidationSummary)
  | { ok: false; error: PayloadError };

type Column = unknown[] | Float64Array | Int32Array | Uint8Array | Uint16Array;

/** Where a collection's values come from: arrays of objects, or one array per field. */
interface Source {
  length: number;
  columnar: boolean;
  /** Rows that are not objects at all (row form only). */
  notObjects: number[];
  column(field: string): ArrayLike<unknown> | undefined;
  /** Fields the contract does not know, as columns over all rows. */
  extraColumns(known: ReadonlySet<string>): ExtraColumns;
}

const zeroCounts = (): Record<CollectionName, number> =>
  Object.fromEntries(COLLECTION_NAMES.map((n) => [n, 0])) as Record<CollectionName, number>;

function expectedFor(spec: FieldSpec, columnar: boolean, stageKeys: string[]): string {
  switch (spec.kind) {
    case 'id':
    case 'ref':
      return 'a non-empty string';
    case 'text':
      return 'a string';
    case 'timestamp':
      return columnar
        ? `an ISO 8601 timestamp with an offset or Z, or epoch milliseconds, from ${TIMESTAMP_RANGE_TEXT}`
        : `an ISO 8601 timestamp with an offset or Z, from ${TIMESTAMP_RANGE_TEXT}`;
    case 'amount':
      return `a number from -${MAX_AMOUNT_TEXT} to ${MAX_AMOUNT_TEXT}`;
    case 'score':
      return 'an integer from 0 to 10';
    case 'channel':
      return `one of ${CHANNELS.join(', ')}`;
    case 'stage':
      return `a stage key (${stageKeys.join(', ') || 'none declared'})`;
    case 'record':
      return 'an object';
  }
}

/**
 * Extra columns are keyed by the payload's own field names, so `__proto__` or `constructor`
 * must be ordinary keys: on a plain object `extra["__proto__"]` is Object.prototype, and
 * writing through it polluted the host page.
 */
const emptyExtra = (): ExtraColumns => Object.create(null) as ExtraColumns;

const isObject = (row: unknown): row is Record<string, unknown> =>
  row !== null && typeof row === 'object' && !Array.isArray(row);

function rowSource(rows: unknown[]): Source {
  const notObjects: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!isObject(rows[i])) notObjects.push(i);
  return {
    length: rows.length,
    columnar: false,
    notObjects,
    column(field) {
      // One pass per field reads the same key from same-shaped objects: a monomorphic loop.
      const values = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = (rows[i] as Record<string, unknown> | null)?.[field];
      return values;
    },
    extraColumns(known) {
      const extra = emptyExtra();
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Record<string, unknown>;
        if (!isObject(row)) continue;
        for (const key in row) if (!known.has(key)) (extra[key] ??= new Array<unknown>(rows.length))[i] = row[key];
      }
      return extra;
    },
  };
}

function columnSource(columns: Record<string, unknown[]>, length: number): Source {
  return {
    length,
    columnar: true,
    notObjects: [],
    column: (field) => columns[field],
    extraColumns(known) {
      const extra = emptyExtra();
      for (const key of Object.keys(columns)) if (!known.has(key)) extra[key] = columns[key]!;
      return extra;
    },
  };
}

function allocate(spec: FieldSpec, n: number, dictionaryEncoded: boolean): Column {
  if (dictionaryEncoded) return new Int32Array(n);
  switch (spec.kind) {
    case 'ref':
      return new Int32Array(n);
    case 'timestamp':
    case 'amount':
      return new Float64Array(n);
    case 'score':
    case 'channel':
      return new Uint8Array(n);
    case 'stage':
      return new Uint16Array(n);
    default:
      return new Array<unknown>(n);
  }
}

function compact<T extends Column | unknown[]>(column: T, bad: Uint8Array, kept: number): T {
  if (kept === column.length) return column;
  if (Array.isArray(column)) {
    const out = new Array<unknown>(kept);
    for (let i = 0, k = 0; i < column.length; i++) if (!bad[i]) out[k++] = column[i];
    return out as T;
  }
  const typed = column as Exclude<Column, unknown[]>;
  const out = new (typed.constructor as new (n: number) => typeof typed)(kept);
  for (let i = 0, k = 0; i < typed.length; i++) if (!bad[i]) out[k++] = typed[i]!;
  return out as T;
}

interface Context {
  stageIndex: Map<string, number>;
  stageKeys: string[];
  customerIndex: Map<string, number>;
  customerKeys: string[];
  /** When the payload lists customers, any other reference is an error. */
  closedCustomers: boolean;
  issues: RowIssue[];
  maxIssues: number;
}

const CHANNEL_INDEX = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
const CODES: RowIssueCode[] = ['missing', 'type', 'range', 'duplicate', 'unknown-customer', 'unknown-stage'];
const code = (c: RowIssueCode) => CODES.indexOf(c) + 1;

interface ReadResult {
  kept: number;
  received: number;
  rejected: number;
  columns: Record<string, Column>;
  extra: ExtraColumns;
  entityKeys: string[];
}

/**
 * Check one field over every row that is still good, writing parsed values into a
 * typed column. Returns nothing: failures are marked in `bad` (the issue code) and
 * `badField`, and a row that failed is skipped by the fields after it, so each row
 * reports its first problem in field order.
 */
function checkField(
  spec: FieldSpec,
  values: ArrayLike<unknown>,
  out: Column,
  n: number,
  bad: Uint8Array,
  badField: Uint8Array,
  fieldIndex: number,
  columnar: boolean,
  ctx: Context,
  dictionary: { index: Map<string, number>; keys: string[] } | null,
): void {
  const fail = (i: number, c: RowIssueCode) => {
    bad[i] = code(c);
    badField[i] = fieldIndex;
  };
  const optional = !spec.required;
  switch (spec.kind) {
    case 'timestamp': {
      const column = out as Float64Array;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        let ms: number;
        if (typeof v === 'string') ms = parseTimestamp(v);
        else if (typeof v === 'number' && columnar) ms = v;
        else if (v === undefined || v === null) {
          if (optional) {
            column[i] = NaN;
            continue;
          }
          fail(i, 'missing');
          continue;
        } else ms = NaN;
        if (ms !== ms) fail(i, 'type');
        else if (!inTimestampRange(ms)) fail(i, 'range');
        else column[i] = ms;
      }
      return;
    }
    case 'amount': {
      const column = out as Float64Array;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'number' && Math.abs(v) <= MAX_AMOUNT) column[i] = v;
        else fail(i, v === undefined || v === null ? 'missing' : typeof v === 'number' ? 'range' : 'type');
      }
      return;
    }
    case 'score': {
      const column = out as Uint8Array;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10) column[i] = v;
        else fail(i, v === undefined || v === null ? 'missing' : typeof v === 'number' ? 'range' : 'type');
      }
      return;
    }
    case 'channel':
    case 'stage': {
      const lookup = spec.kind === 'channel' ? CHANNEL_INDEX : ctx.stageIndex;
      const column = out as Uint8Array | Uint16Array;
      const wrong: RowIssueCode = spec.kind === 'channel' ? 'range' : 'unknown-stage';
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        const index = typeof v === 'string' ? lookup.get(v) : undefined;
        if (index !== undefined) column[i] = index;
        else fail(i, v === undefined || v === null ? 'missing' : wrong);
      }
      return;
    }
    case 'ref': {
      const column = out as Int32Array;
      const { customerIndex, customerKeys } = ctx;
      let lastKey = '';
      let lastIndex = -1;
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v !== 'string' || v.length === 0) {
          if (optional && (v === undefined || v === null)) column[i] = -1;
          else fail(i, v === undefined || v === null ? 'missing' : 'type');
          continue;
        }
        // Rows of one customer often come together; skip the hash lookup then.
        if (v === lastKey) {
          column[i] = lastIndex;
          continue;
        }
        let index = customerIndex.get(v);
        if (index === undefined) {
          if (ctx.closedCustomers) {
            fail(i, 'unknown-customer');
            continue;
          }
          index = customerKeys.length;
          customerIndex.set(v, index);
          customerKeys.push(v);
        }
        column[i] = index;
        lastKey = v;
        lastIndex = index;
      }
      return;
    }
    case 'id':
    case 'text': {
      const needsContent = spec.kind === 'id';
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (typeof v === 'string' && (!needsContent || v.length > 0)) {
          if (dictionary) {
            let index = dictionary.index.get(v);
            if (index === undefined) {
              index = dictionary.keys.length;
              dictionary.index.set(v, index);
              dictionary.keys.push(v);
            }
            (out as Int32Array)[i] = index;
          } else (out as unknown[])[i] = v;
        } else if (v === undefined || v === null) {
          if (optional) (out as unknown[])[i] = null;
          else fail(i, 'missing');
        } else fail(i, 'type');
      }
      return;
    }
    case 'record': {
      const column = out as unknown[];
      for (let i = 0; i < n; i++) {
        if (bad[i]) continue;
        const v = values[i];
        if (isObject(v)) column[i] = v;
        else if (v === undefined || v === null) {
          if (optional) column[i] = null;
          else fail(i, 'missing');
        } else fail(i, 'type');
      }
      return;
    }
  }
}

/** Validate one collection field by field into typed columns, then drop the rows that failed. */
function readCollection(name: CollectionName, source: Source, ctx: Context): ReadResult {
  const specs: readonly FieldSpec[] = COLLECTIONS[name];
  const n = source.length;
  const bad = new Uint8Array(n);
  const badField = new Uint8Array(n);
  const SHAPE = 255;
  for (const i of source.notObjects) {
    bad[i] = code('type');
    badField[i] = SHAPE;
  }
  const columns: Record<string, Column> = {};
  const rawValues: ArrayLike<unknown>[] = [];
  const entity = { index: new Map<string, number>(), keys: [] as string[] };
  specs.forEach((spec, fieldIndex) => {
    const dictionaryEncoded = name === 'stageEvents' && spec.name === 'entityId';
    const values = source.column(spec.name) ?? [];
    rawValues.push(values);
    const out = allocate(spec, n, dictionaryEncoded);
    columns[spec.name] = out;
    checkField(spec, values, out, n, bad, badField, fieldIndex, source.columnar, ctx, dictionaryEncoded ? entity : null);
  });

  // Row form promises unique ids; columnar rows may repeat an id (order lines, for instance).
  const idField = source.columnar ? undefined : ID_FIELD[name];
  const firstSeen = new Map<number, number>();
  if (idField) {
    const idIndex = specs.findIndex((s) => s.name === idField);
    const ids = columns[idField] as string[];
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (bad[i]) continue;
      const first = seen.get(ids[i]!);
      if (first === undefined) seen.set(ids[i]!, i);
      else {
        bad[i] = code('duplicate');
        badField[i] = idIndex;
        firstSeen.set(i, first);
      }
    }
  }

  let rejected = 0;
  for (let i = 0; i < n; i++) {
    if (!bad[i]) continue;
    rejected++;
    if (ctx.issues.length >= ctx.maxIssues) continue;
    const issueCode = CODES[bad[i]! - 1]!;
    if (badField[i] === SHAPE) {
      ctx.issues.push(rowIssue(name, i, '', `${name}[${i}]`, issueCode, 'an object', null));
      continue;
    }
    const spec = specs[badField[i]!]!;
    const path = source.columnar ? `${name}.columns.${spec.name}[${i}]` : `${name}[${i}].${spec.name}`;
    const expected =
      issueCode === 'duplicate'
        ? `first at ${name}[${firstSeen.get(i)}]`
        : issueCode === 'unknown-customer'
          ? 'a customer id listed in customers'
          : expectedFor(spec, source.columnar, ctx.stageKeys);
    ctx.issues.push(rowIssue(name, i, spec.name, path, issueCode, expected, rawValues[badField[i]!]![i]));
  }

  const kept = n - rejected;
  for (const key of Object.keys(columns)) columns[key] = compact(columns[key]!, bad, kept);
  const extra = source.extraColumns(new Set(specs.map((s) => s.name)));
  for (const key of Object.keys(extra)) extra[key] = compact(extra[key]!, bad, kept);
  return { kept, received: n, rejected, columns, extra, entityKeys: entity.keys };
}

function toSource(name: CollectionName, raw: unknown): Source | PayloadError {
  if (Array.isArray(raw)) return rowSource(raw);
  const columns = (raw as { columns: Record<string, unknown[]> }).columns;
  const specs: readonly FieldSpec[] = COLLECTIONS[name];
  let length = -1;
  let lengthFrom = '';
  for (const spec of specs) {
    const column = columns[spec.name];
    if (column === undefined) {
      if (spec.required) {
        return { path: `${name}.columns.${spec.name}`, message: `${name}.columns.${spec.name}: required column is missing` };
      }
      continue;
    }
    if (length < 0) {
      length = column.length;
      lengthFrom = spec.name;
    } else if (column.length !== length) {
      return {
        path: `${name}.columns.${spec.name}`,
        message: `${name}.columns.${spec.name}: expected ${length} values like ${name}.columns.${lengthFrom}, received ${column.length}`,
      };
    }
  }
  return columnSource(columns, Math.max(length, 0));
}

function describeZodPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Check a payload against contract v1. Rows that break the contract are set aside
 * and reported one by one; only a payload whose top level is wrong fails whole.
 */
export function validatePayload(input: unknown, options: ValidationOptions = {}): ValidationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const got = Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input;
    return { ok: false, error: { path: '', message: `payload: expected a JSON object, received ${got}` } };
  }
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) {
    const first = envelope.error.issues[0]!;
    const path = describeZodPath(first.path) || 'payload';
    // Everything is measured from asOf: say what arrived, so an impossible one is easy to find.
    const received = path === 'asOf' ? `, received ${describeReceived((input as Record<string, unknown>).asOf)}` : '';
    return { ok: false, error: { path, message: `${path}: ${first.message}${received}` } };
  }
  const payload = input as Record<string, unknown>;
  const asOfText = payload.asOf as string | undefined;
  const asOf = asOfText === undefined ? (options.now ?? Date.now()) : parseTimestamp(asOfText);
  if (!inTimestampRange(asOf)) {
    // Everything is measured from asOf: an impossible one would silently empty every period.
    const what = asOf !== asOf ? 'an ISO 8601 timestamp with an offset or Z' : `a date from ${TIMESTAMP_RANGE_TEXT}`;
    const from = asOfText === undefined ? 'the load time' : describeReceived(asOfText);
    return { ok: false, error: { path: 'asOf', message: `asOf: expected ${what}, received ${from}` } };
  }

  let stages = (payload.stages as StageDef[] | undefined) ?? [];
  if (stages.length > MAX_STAGES) {
    return { ok: false, error: { path: 'stages', message: `stages: expected at most ${MAX_STAGES} stages, received ${stages.length}` } };
  }
  const stageIndex = new Map<string, number>();
  for (const [i, stage] of stages.entries()) {
    if (stageIndex.has(stage.key)) {
      return { ok: false, error: { path: `stages[${i}].key`, message: `stages[${i}].key: duplicate stage key "${stage.key}"` } };
    }
    stageIndex.set(stage.key, i);
  }
  if (stages.length === 0) {
    stages = inferStages(payload.stageEvents, stageIndex);
    if (stages.length > MAX_STAGES) {
      const message = `stageEvents: expected at most ${MAX_STAGES} distinct stage keys (no stages list was sent), received ${stages.length}`;
      return { ok: false, error: { path: 'stageEvents', message } };
    }
  }

  const sources = {} as Record<CollectionName, Source>;
  for (const name of COLLECTION_NAMES) {
    if (payload[name] === undefined) continue;
    const source = toSource(name, payload[name]);
    if ('message' in source) return { ok: false, error: source };
    sources[name] = source;
  }

  const ctx: Context = {
    stageIndex,
    stageKeys: stages.map((s) => s.key),
    customerIndex: new Map(),
    customerKeys: [],
    closedCustomers: false,
    issues: [],
    maxIssues: options.maxIssues ?? 200,
  };
  const received = zeroCounts();
  const rejected = zeroCounts();
  const read = {} as Record<CollectionName, ReadResult>;
  // Customers first: their ids form the dictionary every other collection refers to.
  for (const name of COLLECTION_NAMES) {
    const source = sources[name];
    const result = source ? readCollection(name, source, ctx) : readCollection(name, rowSource([]), ctx);
    read[name] = result;
    received[name] = result.received;
    rejected[name] = result.rejected;
    if (name === 'customers') {
      const ids = result.columns.id as string[];
      ctx.customerKeys = ids.slice();
      ctx.customerIndex = new Map(ids.map((id, i) => [id, i]));
      ctx.closedCustomers = sources.customers !== undefined;
    }
  }

  const c = read.customers.columns;
  const o = read.orders.columns;
  const it = read.interactions.columns;
  const s = read.surveys.columns;
  const e = read.stageEvents.columns;
  const t = read.tickets.columns;
  const dataset: Dataset = {
    schemaVersion: 1,
    asOf,
    asOfFromPayload: asOfText !== undefined,
    currency: (payload.currency as string | undefined) ?? 'CNY',
    stages,
    present: Object.fromEntries(COLLECTION_NAMES.map((n) => [n, sources[n] !== undefined])) as Record<CollectionName, boolean>,
    customerKeys: ctx.customerKeys,
    customers: {
      length: read.customers.kept,
      id: c.id as string[],
      name: c.name as string[],
      company: c.company as (string | null)[],
      segment: c.segment as (string | null)[],
      region: c.region as (string | null)[],
      owner: c.owner as (string | null)[],
      createdAt: c.createdAt as Float64Array,
      lifecycleStage: c.lifecycleStage as (string | null)[],
      attributes: c.attributes as (Record<string, unknown> | null)[],
      extra: read.customers.extra,
    },
    orders: {
      length: read.orders.kept,
      id: o.id as string[],
      customer: o.customerId as Int32Array,
      date: o.date as Float64Array,
      amount: o.amount as Float64Array,
      extra: read.orders.extra,
    },
    interactions: {
      length: read.interactions.kept,
      id: it.id as string[],
      customer: it.customerId as Int32Array,
      date: it.date as Float64Array,
      channel: it.channel as Uint8Array,
      extra: read.interactions.extra,
    },
    surveys: {
      length: read.surveys.kept,
      id: s.id as string[],
      customer: s.customerId as Int32Array,
      date: s.date as Float64Array,
      score: s.score as Uint8Array,
      comment: s.comment as (string | null)[],
      extra: read.surveys.extra,
    },
    stageEvents: {
      length: read.stageEvents.kept,
      entity: e.entityId as Int32Array,
      entityKeys: read.stageEvents.entityKeys,
      customer: e.customerId as Int32Array,
      stage: e.stage as Uint16Array,
      date: e.date as Float64Array,
      extra: read.stageEvents.extra,
    },
    tickets: {
      length: read.tickets.kept,
      id: t.id as string[],
      customer: t.customerId as Int32Array,
      openedAt: t.openedAt as Float64Array,
      firstResponseAt: t.firstResponseAt as Float64Array,
      resolvedAt: t.resolvedAt as Float64Array,
      extra: read.tickets.extra,
    },
  };
  const rejectedTotal = COLLECTION_NAMES.reduce((sum, n) => sum + rejected[n], 0);
  return { ok: true, dataset, received, rejected, rejectedTotal, issues: ctx.issues };
}

/** Without a `stages` list, stage order is the order in which keys first appear. */
function inferStages(raw: unknown, stageIndex: Map<string, number>): StageDef[] {
  const stages: StageDef[] = [];
  const keys: unknown[] = Array.isArray(raw)
    ? raw.map((row) => (row !== null && typeof row === 'object' ? (row as Record<string, unknown>).stage : undefined))
    : ((raw as { columns?: { stage?: unknown[] } } | undefined)?.columns?.stage ?? []);
  for (const key of keys) {
    if (typeof key === 'string' && key.length > 0 && !stageIndex.has(key)) {
      stageIndex.set(key, stages.length);
      stages.push({ key });
      if (stages.length > MAX_STAGES) break;
    }
  }
  return stages;
}
