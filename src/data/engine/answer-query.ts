import { checkQuery, type Query, type QueryFilters, type QueryOf, type ResultOf } from '../../contract/index.js';
import type { Dataset } from '../../contract/index.js';
import {
  computeFunnel,
  computeInsights,
  computeNps,
  computeRfm,
  describeCustomer,
  distinctValues,
  filterDataset,
  HEALTH_BANDS,
  hasFilters,
  periodWindow,
  segmentMigration,
  rfmGrid,
  type CustomerInsights,
  type RfmAxis,
  type RfmGridCell,
  type RfmOptions,
  type RfmResult,
} from '../../metrics/index.js';
import { drillRowsPage } from '../../metrics/drill-page.js';
import { DataError } from '../data-error.js';
import { stableKey } from '../stable-key.js';

/**
 * What several queries share on one dataset (RFM scores, per-customer insights, the grid on
 * two axes), computed once: the matrix's cells, its drill-down pages and the 360 card's
 * segment all read the same scores.
 */
const shared = new WeakMap<Dataset, Map<string, unknown>>();
function once<T>(dataset: Dataset, key: string, compute: () => T): T {
  let memo = shared.get(dataset);
  if (!memo) shared.set(dataset, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/**
 * The dataset a query's filters leave, kept for the few filter sets in use (a filter bar moves
 * between a handful), so the memo above serves filtered RFM and insights too. A filtered copy of
 * a million orders is tens of megabytes: older ones are let go.
 */
const FILTERED_KEPT = 4;
const filtered = new WeakMap<Dataset, Map<string, Dataset>>();
function filteredView(dataset: Dataset, filters: QueryFilters | undefined): Dataset {
  if (!hasFilters(filters)) return dataset;
  let views = filtered.get(dataset);
  if (!views) filtered.set(dataset, (views = new Map()));
  const key = stableKey(filters);
  let view = views.get(key);
  if (view) views.delete(key);
  // A segment or cell filter scores the customers the other parts keep: the RFM memo of that view
  // (the one the matrix is drawn from) serves it, so a pick in the matrix re-ranks nobody (issue 18 §5).
  else view = filterDataset(dataset, filters, (_, parts) => rfmOf(hasFilters(parts) ? filteredView(dataset, parts) : dataset, {}));
  views.set(key, view);
  if (views.size > FILTERED_KEPT) views.delete(views.keys().next().value!);
  return view;
}

const rfmOptionsOf = (options: RfmOptions): RfmOptions => ({ filter: options.filter, ties: options.ties, thresholds: options.thresholds, frequency: options.frequency });
const rfmOf = (dataset: Dataset, options: RfmOptions): RfmResult => {
  const rfm = rfmOptionsOf(options);
  return once(dataset, `rfm:${stableKey(rfm)}`, () => computeRfm(dataset, rfm));
};
const insightsOf = (dataset: Dataset): CustomerInsights => once(dataset, 'insights', () => computeInsights(dataset));
const gridOf = (dataset: Dataset, options: RfmOptions & { x: RfmAxis; y: RfmAxis }): RfmGridCell[] =>
  once(dataset, `grid:${options.x}${options.y}:${stableKey(rfmOptionsOf(options))}`, () => rfmGrid(rfmOf(dataset, options), options.x, options.y));

function members(dataset: Dataset, options: QueryOf<'rfm-members'>['options']): number[] {
  return gridOf(dataset, options)[(options.cell.y - 1) * 5 + (options.cell.x - 1)]!.members;
}

function drillPage(dataset: Dataset, options: QueryOf<'rfm-page'>['options']): ResultOf<'rfm-page'> {
  const rfm = rfmOf(dataset, options);
  const insights = insightsOf(dataset);
  const { customers } = dataset;
  const rows = members(dataset, options).map((k) => {
    const c = rfm.customers[k]!;
    const known = c.customer < customers.length;
    return {
      customerId: c.customerId,
      name: (known ? customers.name[c.customer] : null) || c.customerId,
      company: (known ? customers.company[c.customer] : null) ?? '',
      recencyDays: c.recencyDays,
      frequency: c.frequency,
      monetary: c.monetary,
      segment: c.segment,
      health: insights.health[c.customer]!,
      band: HEALTH_BANDS[insights.band[c.customer]!]!,
    };
  });
  return drillRowsPage(rows, options);
}

/** The answer to one query from one dataset. A query that is not one (a bug, or a hostile page) is refused. */
export function answerQuery(dataset: Dataset, input: unknown): unknown {
  const checked = checkQuery(input);
  if (!checked.ok) throw new DataError({ kind: 'internal', message: `Not a query: ${checked.message}` });
  const query: Query = checked.query;
  // The 360 card shows one named customer whatever the page is sliced by: it takes no filters.
  if (query.metric === 'customer') {
    const { customerId, timelineLimit, health, actions, rfm } = query.options;
    return describeCustomer(dataset, customerId, { timelineLimit, health, actions, rfm: rfmOf(dataset, rfm ?? {}) });
  }
  if (query.metric === 'rfm-migration') {
    // "As of" two instants over every order up to each: a time filter gives only its end.
    const { time, ...rest } = query.filters ?? {};
    const view = filteredView(dataset, rest);
    const end = time ? periodWindow(time, dataset.asOf).hi : dataset.asOf;
    const { days, ...rfm } = query.options;
    return segmentMigration(end === view.asOf ? view : { ...view, asOf: end }, days, rfmOptionsOf(rfm)) satisfies ResultOf<'rfm-migration'>;
  }
  return answerFiltered(filteredView(dataset, query.filters), query);
}

function answerFiltered(dataset: Dataset, query: Exclude<Query, { metric: 'customer' | 'rfm-migration' }>): unknown {
  switch (query.metric) {
    case 'nps':
      return computeNps(dataset, query.options);
    case 'funnel':
      return computeFunnel(dataset, query.options);
    case 'rfm-grid': {
      const rfm = rfmOf(dataset, query.options);
      const { x, y } = query.options;
      // R × F are the cells RFM itself counts; other axes (and every cell's members, for a drill-down) need the grid pass.
      const cells = x === 'r' && y === 'f' ? rfm.cells.map((cell) => ({ ...cell })) : gridOf(dataset, query.options).map(({ members: _members, ...cell }) => cell);
      return { x: query.options.x, y: query.options.y, cells, segments: rfm.segments, scored: rfm.scored, unscored: rfm.unscored, warnings: rfm.warnings } satisfies ResultOf<'rfm-grid'>;
    }
    case 'rfm-members': {
      const rfm = rfmOf(dataset, query.options);
      return { customerIds: members(dataset, query.options).map((k) => rfm.customers[k]!.customerId) } satisfies ResultOf<'rfm-members'>;
    }
    case 'rfm-page':
      return drillPage(dataset, query.options);
    case 'values':
      return { fields: distinctValues(dataset, query.options.fields, query.options.limit) } satisfies ResultOf<'values'>;
  }
}
