/**
 * The page's filters in words, the one place they are written: the filter bar's chips and every
 * widget's subtitle ("Region: East China · Last 90 days") say them alike, in the bar's catalog of
 * filter words (a locale registered for the bar speaks here too).
 */
import type { QueryFilters } from '../../contract/query.js';
import type { DatasetInfo } from '../../data/engine/wire.js';
import { createTranslator, describePeriod, sharedMessages, stageLabel, type Formatter, type Locale } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import type { RfmSegment } from '../../metrics/types.js';
import { filterBarMessages, type FilterBarKey } from '../crm-filter-bar/messages.js';

/** What the words need of the dataset: its stages, to name a stage key in the page's language. */
export type FilterContext = Pick<DatasetInfo, 'stages'> | null;

/** A customer field's name: known fields in words, `attributes.tier` as `tier`, other fields as written. */
export function filterFieldLabel(field: string, locale: Locale): string {
  const known = `field.${field}` as FilterBarKey;
  return filterBarMessages.en[known] !== undefined ? createTranslator(locale, filterBarMessages)(known) : field.replace(/^attributes\./, '');
}

/** A stage key as the payload names it in this locale; the key itself when the data has no such stage. */
export function filterStageLabel(key: string, context: FilterContext, locale: Locale): string {
  const stage = context?.stages.find((s) => s.key === key);
  return stage ? stageLabel(stage, locale) : key;
}

/** The words of the parts that are not customer fields, value by value (the fields are written by the caller, one per value or grouped). */
function otherParts(filters: QueryFilters, context: FilterContext, locale: Locale, fmt: Formatter, join: (values: string[]) => string[]): string[] {
  const tb = createTranslator(locale, filterBarMessages);
  const out: string[] = [];
  const field = (label: string, values: string[]) => join(values).map((value) => tb('chip.field', { field: label, value }));
  if (filters.stage?.length) out.push(...field(tb('stage'), filters.stage.map((s) => filterStageLabel(s, context, locale))));
  if (filters.segment?.length) out.push(...field(tb('rfm'), filters.segment.map((s) => segmentLabel(s as RfmSegment, locale))));
  if (filters.nps?.length) out.push(...join(filters.nps.map((c) => tb(`nps.${c}`))).map((value) => tb('chip.nps', { value })));
  if (filters.cell) {
    const { x, y, cell } = filters.cell;
    out.push(tb('chip.cell', { x: tb(`axis.${x}`), xScore: fmt.number(cell.x), y: tb(`axis.${y}`), yScore: fmt.number(cell.y) }));
  }
  return out;
}

/**
 * Every active part of some filters in words, one entry per value, the period first ("Period: Last
 * 90 days", "Region: East", "Region: West"): a chip each in the filter bar.
 */
export function filterTexts(filters: QueryFilters, context: FilterContext, locale: Locale, fmt: Formatter): string[] {
  const tb = createTranslator(locale, filterBarMessages);
  const out: string[] = [];
  if (filters.time && filters.time.kind !== 'all') out.push(tb('chip.time', { value: describePeriod(filters.time, createTranslator(locale, sharedMessages), fmt) }));
  for (const [field, values] of Object.entries(filters.customer ?? {})) for (const value of values) out.push(tb('chip.field', { field: filterFieldLabel(field, locale), value }));
  return [...out, ...otherParts(filters, context, locale, fmt, (values) => values)];
}

/**
 * A widget's subtitle parts for the filters it is answered with: each part with its values
 * ("Region: East, West", a list admits any of its values), then the period ("Last 90 days").
 * Nothing when nothing filters. `applies: false` is for a widget the filters do not slice (the
 * 360 card shows one named customer whatever the page is sliced by): it says so instead.
 */
export function filterSubtitle(filters: QueryFilters | undefined, context: FilterContext, locale: Locale, fmt: Formatter, applies = true): string[] {
  if (!filters) return [];
  const tb = createTranslator(locale, filterBarMessages);
  const time = filters.time && filters.time.kind !== 'all' ? filters.time : undefined;
  const customer = Object.entries(filters.customer ?? {}).filter(([, values]) => values.length > 0);
  const grouped = (values: string[]) => (values.length ? [values.join(tb('values.separator'))] : []);
  const parts = [
    ...customer.map(([field, values]) => tb('chip.field', { field: filterFieldLabel(field, locale), value: grouped(values)[0]! })),
    ...otherParts(filters, context, locale, fmt, grouped),
    ...(time ? [describePeriod(time, createTranslator(locale, sharedMessages), fmt)] : []),
  ];
  if (!parts.length) return [];
  return applies ? parts : [tb('subtitle.notApplied')];
}
