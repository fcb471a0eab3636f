import type { Dataset } from '../contract/dataset.js';
import type { QueryFilters } from '../contract/query.js';
import { Utf8Texts } from '../contract/texts.js';
import { computeRfm } from './compute-rfm.js';
import type { RfmResult } from './types.js';
import { customerFieldValue } from './customer-field-value.js';
import { DEFAULT_SIGNAL_THRESHOLDS } from './health-defaults.js';
import { DETRACTOR_MAX, PROMOTER_MIN } from './nps-score.js';
import { shareOrderAggregates } from './order-aggregates.js';
import { inWindow, periodWindow, type TimeWindow } from './period-window.js';

type Table = { length: number } & Record<string, unknown>;

/** Columns that are not one value per row (the dictionary of stage-event entities). */
const NOT_ROW_ALIGNED = new Set(['length', 'entityKeys']);

function isRowColumn(value: unknown): value is ArrayLike<unknown> & { constructor: unknown } {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/**
 * A copy of `table` with the rows `keep` lists, every column (extra ones too) cut the same way.
 * Typed columns are cut at once; text columns and extra fields on first read, since most
 * metrics read only numbers (RFM reads no order id).
 */
function takeRows<T extends { length: number }>(table: T, keep: Int32Array, kept: number): T {
  const source = table as unknown as Table;
  const take = (column: ArrayLike<unknown>): unknown => {
    if (Array.isArray(column)) {
      const out = new Array<unknown>(kept);
      for (let k = 0; k < kept; k++) out[k] = column[keep[k]!];
      return out;
    }
    const typed = column as unknown as Float64Array;
    const out = new (typed.constructor as Float64ArrayConstructor)(kept);
    for (let k = 0; k < kept; k++) out[k] = typed[keep[k]!]!;
    return out;
  };
  const out: Table = { length: kept };
  const lazily = (name: string, cut: () => unknown) =>
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = cut();
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
  for (const [name, value] of Object.entries(source)) {
    if (NOT_ROW_ALIGNED.has(name)) {
      if (name !== 'length') out[name] = value;
    } else if (name === 'extra') {
      lazily(name, () => Object.fromEntries(Object.entries(value as Record<string, unknown[]>).map(([field, column]) => [field, take(column)])));
    } else if (value instanceof Utf8Texts) lazily(name, () => value.take(keep, kept));
    else if (Array.isArray(value)) lazily(name, () => take(value));
    else out[name] = isRowColumn(value) ? take(value) : value;
  }
  return out as unknown as T;
}

/** The rows of a table whose date lies in the window; the table itself when all do. */
function inTime<T extends { length: number }>(table: T, dates: Float64Array, window: TimeWindow): T {
  const keep = new Int32Array(table.length);
  let kept = 0;
  for (let i = 0; i < table.length; i++) if (inWindow(dates[i]!, window)) keep[kept++] = i;
  return kept === table.length ? table : takeRows(table, keep, kept);
}

import { hasFilters, some } from './merge-filters.js';

export { hasFilters };

/**
 * The dataset a query's filters leave (docs/contract.md, "Filters"): every metric run on it
 * gives the filtered numbers, so each filter has one definition for all metrics.
 *
 * 1. `time` keeps the orders, interactions, surveys and stage events dated in the period and the
 *    tickets opened in it; `asOf` becomes the period's end, so "days since" and a widget's own
 *    `period` are measured from there.
 * 2. `customer` and `stage` keep the customers whose field holds one of the listed values
 *    (customers only referenced by records, and anonymous surveys, never match).
 * 3. `segment` and `cell` keep the customers whose RFM scores (default options, ranked among the
 *    customers of 1–2) match; `nps` those whose latest response in the period has the category.
 *
 * Customers are not renumbered: the kept ones are marked in `scope`, which every metric applies
 * where it applies a customer filter. Never mutates `dataset`; returns it unchanged without filters.
 *
 * `scoresOf` gives the RFM scores (default options) of the view the `time`, `customer` and `stage`
 * parts leave, named by those parts: an engine that already holds them (the matrix scored that view)
 * passes its memo, so a segment or cell pick does not score every customer again.
 */
export function filterDataset(
  dataset: Dataset,
  filters: QueryFilters | undefined,
  scoresOf: (view: Dataset, parts: Pick<QueryFilters, 'time' | 'customer' | 'stage'>) => RfmResult = (view) => computeRfm(view),
): Dataset {
  if (!hasFilters(filters)) return dataset;
  // A fresh object owned here: tables cut by time are copied on first read (a filter change
  // that only the funnel and the gauge read never copies the million orders), and `scope` is set
  // once the customers are known.
  const view: Dataset = { ...dataset };
  const time = filters.time;
  if (time && time.kind !== 'all') {
    const window = periodWindow(time, dataset.asOf);
    // An open end excludes `hi` itself, so `hi` can stand as the new inclusive `asOf`.
    view.asOf = window.hi;
    const lazily = <K extends 'orders' | 'interactions' | 'surveys' | 'stageEvents' | 'tickets'>(name: K, dates: (table: Dataset[K]) => Float64Array) => {
      Object.defineProperty(view, name, {
        enumerable: true,
        configurable: true,
        get() {
          const table = inTime(dataset[name], dates(dataset[name]), window);
          Object.defineProperty(view, name, { value: table, enumerable: true, writable: true, configurable: true });
          return table;
        },
      });
    };
    lazily('orders', (t) => t.date);
    lazily('interactions', (t) => t.date);
    lazily('surveys', (t) => t.date);
    lazily('stageEvents', (t) => t.date);
    lazily('tickets', (t) => t.openedAt);
  } else shareOrderAggregates(dataset, view, DEFAULT_SIGNAL_THRESHOLDS.windowDays);

  const n = dataset.customerKeys.length;
  const fields: [string, Set<string>][] = Object.entries(filters.customer ?? {})
    .filter(([, values]) => values.length > 0)
    .map(([field, values]) => [field, new Set(values)]);
  if (some(filters.stage)) fields.push(['lifecycleStage', new Set(filters.stage)]);
  const byScores = some(filters.segment) || filters.cell !== undefined || some(filters.nps);
  if (fields.length === 0 && !byScores) return view;

  const ranked = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    let keep = 1;
    for (const [field, values] of fields) {
      const value = customerFieldValue(dataset, c, field);
      if (value === null || !values.has(value)) {
        keep = 0;
        break;
      }
    }
    ranked[c] = keep;
  }
  view.scope = { customers: ranked, ranked };
  if (!byScores) return view;

  const customers = ranked.slice();
  if (some(filters.segment) || filters.cell) {
    const scored = new Uint8Array(n);
    const segments = some(filters.segment) ? new Set<string>(filters.segment) : null;
    const cell = filters.cell;
    // Scored on the view itself (its scope is still the ranked customers), so the pass over its orders is shared with the metrics.
    for (const row of scoresOf(view, { time: filters.time, customer: filters.customer, stage: filters.stage }).customers) {
      if (segments && !segments.has(row.segment)) continue;
      if (cell && (row[cell.x] !== cell.cell.x || row[cell.y] !== cell.cell.y)) continue;
      scored[row.customer] = 1;
    }
    for (let c = 0; c < n; c++) customers[c]! &= scored[c]!;
  }
  if (some(filters.nps)) {
    const wanted = new Set<string>(filters.nps);
    const latest = new Int32Array(n).fill(-1);
    const { customer, date, score, length } = view.surveys;
    const asOf = view.asOf;
    for (let i = 0; i < length; i++) {
      const c = customer[i]!;
      // The later row wins a tie, as in `computeNps` with `dedupe: 'latest'`.
      if (c >= 0 && date[i]! <= asOf && (latest[c]! < 0 || date[i]! >= date[latest[c]!]!)) latest[c] = i;
    }
    for (let c = 0; c < n; c++) {
      const i = latest[c]!;
      const s = i < 0 ? -1 : score[i]!;
      const category = s < 0 ? null : s >= PROMOTER_MIN ? 'promoter' : s <= DETRACTOR_MAX ? 'detractor' : 'passive';
      if (category === null || !wanted.has(category)) customers[c] = 0;
    }
  }
  view.scope = { customers, ranked };
  return view;
}
