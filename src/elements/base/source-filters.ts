import type { QueryFilters } from '../../contract/query.js';
import { hasFilters, mergeFilters } from '../../metrics/merge-filters.js';
import type { SelectDetail } from './events.js';

const CATEGORY = { promoters: 'promoter', passives: 'passive', detractors: 'detractor' } as const;

/**
 * The filter a user's pick in one widget stands for, for the other widgets of a cross-filtered
 * source: a funnel stage → `stage`, a matrix cell → `cell`, an NPS group → `nps`. Null for a
 * pick that slices nothing (a customer, a trend period, a timeline item).
 */
export function selectionFilters(detail: SelectDetail): QueryFilters | null {
  switch (detail.kind) {
    case 'stage':
      return { stage: [detail.stage] };
    case 'cell':
      return { cell: { x: detail.xAxis, y: detail.yAxis, cell: { x: detail.x, y: detail.y } } };
    case 'nps-category':
      return { nps: [CATEGORY[detail.category]] };
    default:
      return null;
  }
}

/** One widget's pick that filters the others. */
export interface CrossSelection {
  widget: Element;
  detail: SelectDetail;
  filters: QueryFilters;
}

/**
 * The filters of one `<crm-data-source>`: those the host or the bar set (`base`) and, with
 * `cross-filter`, one selection per widget. A widget is answered with the base and every
 * selection but its own, so a pick never filters the widget it was made in.
 */
export class SourceFilters {
  private base: QueryFilters = {};
  private readonly selections = new Map<Element, CrossSelection>();
  private readonly listeners = new Set<() => void>();

  get filters(): QueryFilters {
    return this.base;
  }

  set filters(filters: QueryFilters) {
    this.base = filters;
    this.notify();
  }

  /** The selections in the order they were made. */
  get crossSelections(): CrossSelection[] {
    return [...this.selections.values()];
  }

  /** Record (or replace) a widget's pick; false when it slices nothing. */
  select(widget: Element, detail: SelectDetail): boolean {
    const filters = selectionFilters(detail);
    if (!filters) return false;
    this.selections.delete(widget);
    this.selections.set(widget, { widget, detail, filters });
    this.notify();
    return true;
  }

  /** Drop one widget's pick (or every pick); false when there was none. */
  clearSelection(widget?: Element): boolean {
    const had = widget ? this.selections.delete(widget) : this.selections.size > 0;
    if (!widget) this.selections.clear();
    if (had) this.notify();
    return had;
  }

  /** What `widget` is answered with (everything, when no widget is named); undefined when nothing filters. */
  filtersFor(widget?: Element): QueryFilters | undefined {
    let merged = this.base;
    for (const selection of this.selections.values()) if (selection.widget !== widget) merged = mergeFilters(merged, selection.filters);
    return hasFilters(merged) ? merged : undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
