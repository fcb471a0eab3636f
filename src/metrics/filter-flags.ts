import type { QueryFilters } from '../contract/query.js';
import { filtersFromSearchParams } from './filter-params.js';

/**
 * The command-line spelling of a query's `filters` (docs/contract.md, "Filters"), shared by the
 * commands that compute (`report`) or export (`export --db`). Each option is one URL parameter of
 * `filtersFromSearchParams`, so a filter has one reading whether it came from a URL or a shell.
 * A repeated option adds a value (any of them holds); different options must all hold.
 */
export const FILTER_FLAGS = [
  { name: '--filter', value: 'FIELD=VALUE', param: (v: string) => customerParam(v), help: 'only customers whose field (region, owner, segment, attributes.tier …) has the value; repeat for more values' },
  { name: '--period', value: 'PERIOD', param: (v: string) => ['crm.time', v], help: 'only records in the period, asOf moved to its end: last-<N>d or YYYY-MM-DD..YYYY-MM-DD' },
  { name: '--stage', value: 'KEY', param: (v: string) => ['crm.stage', v], help: "only customers whose lifecycleStage is the key; repeat for more" },
  { name: '--rfm-segment', value: 'SEGMENT', param: (v: string) => ['crm.segment', v], help: 'only customers in the RFM segment (champions, at_risk …); repeat for more' },
  { name: '--nps-category', value: 'CATEGORY', param: (v: string) => ['crm.nps', v], help: "only customers whose latest answer is promoter, passive or detractor; repeat for more" },
  { name: '--cell', value: 'X,Y,SX,SY', param: (v: string) => ['crm.cell', v], help: 'only customers in one matrix cell, e.g. r,f,5,5' },
] as const satisfies readonly { name: string; value: string; param: (v: string) => [string, string] | null; help: string }[];

function customerParam(value: string): [string, string] | null {
  const at = value.indexOf('=');
  return at > 0 ? [`crm.customer.${value.slice(0, at)}`, value.slice(at + 1)] : null;
}

/**
 * Add one filter option to `params` (the URL parameters the filters are read from). Returns an
 * error message when the value is not a filter, e.g. `--rfm-segment champs` or `--period 90`.
 */
export function addFilterFlag(params: URLSearchParams, name: string, value: string): string | null {
  const flag = FILTER_FLAGS.find((f) => f.name === name);
  if (!flag) return `unknown filter option ${name}`;
  if (name === '--period' && value === 'all') return null;
  const param = flag.param(value);
  const alone = param ? filtersFromSearchParams(new URLSearchParams([param])) : {};
  if (!param || Object.keys(alone).length === 0) return `expected ${flag.value}, received ${value}`;
  params.append(param[0], param[1]);
  return null;
}

/** The filters the options added; undefined when there were none. */
export function filtersOfFlags(params: URLSearchParams): QueryFilters | undefined {
  const filters = filtersFromSearchParams(params);
  return Object.keys(filters).length ? filters : undefined;
}
