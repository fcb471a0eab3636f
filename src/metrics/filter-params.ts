import { NPS_CATEGORIES } from '../contract/nps-categories.js';
import type { QueryFilters } from '../contract/query.js';
import { parsePeriod } from './parse-period.js';
import { RFM_SEGMENTS, type Period, type RfmAxis } from './types.js';

/** Every parameter these helpers write starts with it, so a host's own parameters are left alone. */
const PREFIX = 'crm.';
const CUSTOMER = `${PREFIX}customer.`;
const AXES: readonly string[] = ['r', 'f', 'm'];

/**
 * A period as users and URLs write it (the inverse of `parsePeriod`): `all`, `last-90d`,
 * `2026-01-01..2026-03-31`; a `between` period as `<after>~<through>` in epoch ms.
 */
export function formatPeriod(period: Period): string {
  if (period.kind === 'all') return 'all';
  if (period.kind === 'last-days') return `last-${period.days}d`;
  // Instants, not dates: the period before a `last-days` one, as epoch ms.
  if (period.kind === 'between') return `${period.after}~${period.through}`;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `${day(period.from)}..${day(period.to)}`;
}

/**
 * Write filters into URL search parameters (a copy of `params`, whose other parameters stay):
 * `crm.time=last-90d`, one `crm.customer.<field>=<value>` per value, `crm.stage`, `crm.segment`,
 * `crm.nps` likewise, `crm.cell=r,f,3,3`.
 * @example filtersToSearchParams({ customer: { region: ['华东'] } }).toString() // 'crm.customer.region=%E5%8D%8E%E4%B8%9C'
 */
export function filtersToSearchParams(filters: QueryFilters, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const name of [...out.keys()]) if (name.startsWith(PREFIX)) out.delete(name);
  if (filters.time && filters.time.kind !== 'all') out.set(`${PREFIX}time`, formatPeriod(filters.time));
  for (const [field, values] of Object.entries(filters.customer ?? {})) for (const value of values) out.append(CUSTOMER + field, value);
  for (const stage of filters.stage ?? []) out.append(`${PREFIX}stage`, stage);
  for (const segment of filters.segment ?? []) out.append(`${PREFIX}segment`, segment);
  for (const category of filters.nps ?? []) out.append(`${PREFIX}nps`, category);
  if (filters.cell) out.set(`${PREFIX}cell`, [filters.cell.x, filters.cell.y, filters.cell.cell.x, filters.cell.cell.y].join(','));
  return out;
}

/** Read filters back from URL search parameters; what is not a valid filter is left out, never thrown on. */
export function filtersFromSearchParams(params: URLSearchParams): QueryFilters {
  const filters: QueryFilters = {};
  const time = params.get(`${PREFIX}time`);
  const between = time ? /^(-?\d{1,16})~(-?\d{1,16})$/.exec(time) : null;
  const period: Period | null = between ? { kind: 'between', after: Number(between[1]), through: Number(between[2]) } : time ? parsePeriod(time) : null;
  if (period && period.kind !== 'all') filters.time = period;
  const customer: Record<string, string[]> = {};
  for (const [name, value] of params) {
    if (!name.startsWith(CUSTOMER) || name.length === CUSTOMER.length) continue;
    const field = name.slice(CUSTOMER.length);
    // An own property per field: a parameter named `crm.customer.__proto__` stays a field name.
    if (!Object.hasOwn(customer, field)) Object.defineProperty(customer, field, { value: [], enumerable: true, writable: true, configurable: true });
    customer[field]!.push(value);
  }
  if (Object.keys(customer).length > 0) filters.customer = customer;
  const stage = params.getAll(`${PREFIX}stage`);
  if (stage.length > 0) filters.stage = stage;
  const segment = params.getAll(`${PREFIX}segment`).filter((s): s is (typeof RFM_SEGMENTS)[number] => (RFM_SEGMENTS as readonly string[]).includes(s));
  if (segment.length > 0) filters.segment = segment;
  const nps = params.getAll(`${PREFIX}nps`).filter((s): s is (typeof NPS_CATEGORIES)[number] => (NPS_CATEGORIES as readonly string[]).includes(s));
  if (nps.length > 0) filters.nps = nps;
  const cell = params.get(`${PREFIX}cell`)?.split(',');
  if (cell?.length === 4) {
    const [x, y, cx, cy] = cell as [string, string, string, string];
    const score = (s: string) => (/^[1-5]$/.test(s) ? Number(s) : null);
    const sx = score(cx);
    const sy = score(cy);
    if (AXES.includes(x) && AXES.includes(y) && sx !== null && sy !== null) filters.cell = { x: x as RfmAxis, y: y as RfmAxis, cell: { x: sx, y: sy } };
  }
  return filters;
}
