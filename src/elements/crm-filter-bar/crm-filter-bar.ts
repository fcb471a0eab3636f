import { html, nothing, type PropertyDeclarations } from 'lit';
import type { QueryFilters } from '../../contract/query.js';
import { describePeriod, stageLabel, type Translate } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import { formatPeriod } from '../../metrics/filter-params.js';
import { parsePeriod } from '../../metrics/parse-period.js';
import { RFM_SEGMENTS, type Period, type RfmSegment } from '../../metrics/types.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import type { DataState } from '../base/data-controller.js';
import { CrmFilterChangeEvent, emit } from '../base/events.js';
import type { CrossSelection, SourceFilters } from '../base/source-filters.js';
import { filterFieldLabel, filterStageLabel, filterTexts } from '../base/filter-subtitle.js';
import { filterBarMessages, type FilterBarKey } from './messages.js';
import { filterBarStyles } from './styles.js';

const CUSTOM = 'custom';
const DAY_MS = 86_400_000;

/** One active filter as a chip: its words and how to take it away. */
interface Chip {
  key: string;
  text: string;
  cross: boolean;
  remove: () => QueryFilters | 'cross';
  selection?: CrossSelection;
}

const listOf = (text: string | undefined, fallback: string[]): string[] => {
  const list = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : fallback;
};

/** A date input's value (`YYYY-MM-DD`) as the UTC midnight a range uses; NaN when empty. */
const dayOf = (value: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN);
const inputDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * @summary The filters of a `<crm-data-source>`: period, customer fields with the values the data
 * holds (and how many customers hold each), lifecycle stage and RFM segment, the active ones as
 * removable chips, cross-filter picks included. Every widget bound to the source follows it.
 *
 * @example
 * <crm-data-source id="crm" src="/api/crm.json" cross-filter></crm-data-source>
 * <crm-filter-bar source="crm" fields="region,owner,segment,attributes.tier"></crm-filter-bar>
 *
 * @csspart controls - The row of controls.
 * @csspart control - One labelled control (also `period`, `field`, `stage`, `rfm`).
 * @csspart select - A drop-down.
 * @csspart range - The custom range: two date inputs and the apply button.
 * @csspart date-input - A date input of the custom range.
 * @csspart apply - The button that applies the custom range.
 * @csspart chips - The list of active filters.
 * @csspart chips-none - The note that no filter is active.
 * @csspart chip - One active filter (also `cross-filter` for a pick in a widget).
 * @csspart chip-remove - The button that removes a chip.
 * @csspart clear - The button that removes every filter.
 *
 * @cssproperty --crm-color-accent - Chips of cross-filter picks and the focus ring.
 * @cssproperty --crm-color-accent-subtle - Chip background.
 *
 * @event crm-filter-change - The user changed the filters here (a control, a chip, Clear all); `detail.filters` in contract terms.
 *
 * @attr fields - Customer fields offered, comma-separated; default `region,owner,segment`. Any customer field, `attributes.<name>` or extra field.
 * @attr periods - Periods offered, comma-separated, in the period vocabulary; default `all,last-30d,last-90d,last-365d` (a custom range is always offered).
 * @attr stage-filter - Offer the lifecycle stage (default on; `stage-filter="false"` hides it).
 * @attr segment-filter - Offer the RFM segment (default on; `segment-filter="false"` hides it).
 */
export class CrmFilterBar extends CrmElement {
  static override properties: PropertyDeclarations = {
    ...CrmElement.properties,
    fields: {},
    periods: {},
    stageFilter: { attribute: 'stage-filter', converter: { fromAttribute: (v: string | null) => v !== 'false' } },
    segmentFilter: { attribute: 'segment-filter', converter: { fromAttribute: (v: string | null) => v !== 'false' } },
    customRange: { state: true, attribute: false },
    rangeError: { state: true, attribute: false },
  };

  static override styles = [CrmElement.styles, filterBarStyles];

  /** Customer fields offered, comma-separated (`region,owner,segment` by default). */
  declare fields?: string;
  /** Periods offered, comma-separated, in the period vocabulary (`all,last-30d,last-90d,last-365d` by default). */
  declare periods?: string;
  /** Offer the lifecycle stage. */
  declare stageFilter: boolean;
  /** Offer the RFM segment. */
  declare segmentFilter: boolean;
  /** The custom-range inputs are open. */
  protected declare customRange: boolean;
  protected declare rangeError: boolean;

  /** The bar lists what the whole dataset holds, so it asks without the filters it sets. */
  readonly unfiltered = true;

  constructor() {
    super();
    this.stageFilter = true;
    this.segmentFilter = true;
    this.customRange = false;
    this.rangeError = false;
  }

  /** The customer fields offered, read from `fields`. */
  get fieldList(): string[] {
    return listOf(this.fields, ['region', 'owner', 'segment']);
  }

  /** The periods offered, read from `periods` (unreadable ones left out). */
  get periodList(): Period[] {
    return listOf(this.periods, ['all', 'last-30d', 'last-90d', 'last-365d'])
      .map(parsePeriod)
      .filter((p): p is Period => p !== null);
  }

  /** The filters of the bound source, or none yet. */
  get filters(): QueryFilters {
    return this.sourceFilters?.filters ?? {};
  }

  private get sourceFilters(): SourceFilters | undefined {
    return this.loader.sourceFilters;
  }

  private get tb(): Translate<FilterBarKey> {
    return this.translator(filterBarMessages);
  }

  protected defaultLabel(): string {
    return this.tb('title');
  }

  // ------------------------------------------------------------ changes (user actions only)

  private change(next: QueryFilters): void {
    const source = this.sourceFilters;
    if (!source) return;
    source.filters = next;
    emit(this, new CrmFilterChangeEvent({ filters: source.filtersFor() ?? {}, cause: 'bar' }));
  }

  private clearSelection(selection?: CrossSelection): void {
    const source = this.sourceFilters;
    if (source?.clearSelection(selection?.widget)) emit(this, new CrmFilterChangeEvent({ filters: source.filtersFor() ?? {}, cause: 'clear' }));
  }

  private onPeriod(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (value === CUSTOM) {
      this.customRange = true;
      return;
    }
    this.customRange = false;
    const period = parsePeriod(value);
    const { time: _time, ...rest } = this.filters;
    this.change(period && period.kind !== 'all' ? { ...rest, time: period } : rest);
  }

  private applyRange(): void {
    const from = dayOf(this.renderRoot.querySelector<HTMLInputElement>('[name=from]')?.value ?? '');
    const to = dayOf(this.renderRoot.querySelector<HTMLInputElement>('[name=to]')?.value ?? '');
    this.rangeError = !(from <= to);
    if (this.rangeError) return;
    this.change({ ...this.filters, time: { kind: 'range', from, to } });
  }

  /** Add a value to a list part of the filters (a customer field, the stage, the segment), then reset the drop-down. */
  private addValue(event: Event, add: (filters: QueryFilters, value: string) => QueryFilters): void {
    const select = event.target as HTMLSelectElement;
    const value = select.value;
    select.value = '';
    if (value) this.change(add(this.filters, value));
  }

  private removeChip(chip: Chip, index: number): void {
    const next = chip.remove();
    if (next === 'cross') this.clearSelection(chip.selection);
    else this.change(next);
    // Focus stays in the chip list (the next chip, else the previous), or goes to the first control.
    void this.updateComplete.then(() => {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~=chip-remove]')];
      (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('select'))?.focus();
    });
  }

  // ------------------------------------------------------------ words

  private fieldLabel(field: string): string {
    return filterFieldLabel(field, this.resolvedLocale);
  }

  private periodText(period: Period): string {
    return describePeriod(period, this.t, this.fmt);
  }

  private stageText(key: string, state: DataState): string {
    return filterStageLabel(key, state.info, this.resolvedLocale);
  }

  private crossText(selection: CrossSelection, state: DataState): string {
    const tb = this.tb;
    const widgetKey = `widget.${selection.widget.localName}` as FilterBarKey;
    const widget = tb(filterBarMessages.en[widgetKey] !== undefined ? widgetKey : 'widget.other');
    const what = this.partsText(selection.filters, state).join(', ');
    return `${what} · ${tb('chip.cross', { widget })}`;
  }

  private partsText(filters: QueryFilters, state: DataState): string[] {
    return filterTexts(filters, state.info, this.resolvedLocale, this.fmt);
  }

  /** The chips: the bar's own filters value by value, then each cross-filter pick. */
  private chipsOf(state: DataState): Chip[] {
    const filters = this.filters;
    const tb = this.tb;
    const chips: Chip[] = [];
    const without = <P extends keyof QueryFilters>(part: P): QueryFilters => {
      const next = { ...filters };
      delete next[part];
      return next;
    };
    if (filters.time && filters.time.kind !== 'all') chips.push({ key: 'time', text: tb('chip.time', { value: this.periodText(filters.time) }), cross: false, remove: () => without('time') });
    for (const [field, values] of Object.entries(filters.customer ?? {})) {
      for (const value of values) {
        chips.push({
          key: `customer:${field}:${value}`,
          text: tb('chip.field', { field: this.fieldLabel(field), value }),
          cross: false,
          remove: () => {
            const rest = values.filter((v) => v !== value);
            const customer = { ...filters.customer };
            if (rest.length) customer[field] = rest;
            else delete customer[field];
            return Object.keys(customer).length ? { ...filters, customer } : without('customer');
          },
        });
      }
    }
    const listChips = <P extends 'stage' | 'segment' | 'nps'>(part: P, text: (value: string) => string) => {
      const values = (filters[part] ?? []) as string[];
      for (const value of values) {
        chips.push({
          key: `${part}:${value}`,
          text: text(value),
          cross: false,
          remove: () => {
            const rest = values.filter((v) => v !== value);
            return rest.length ? { ...filters, [part]: rest } : without(part);
          },
        });
      }
    };
    listChips('stage', (value) => tb('chip.field', { field: tb('stage'), value: this.stageText(value, state) }));
    listChips('segment', (value) => tb('chip.field', { field: tb('rfm'), value: segmentLabel(value as RfmSegment, this.resolvedLocale) }));
    listChips('nps', (value) => tb('chip.nps', { value: tb(`nps.${value as 'promoter'}`) }));
    if (filters.cell) chips.push({ key: 'cell', text: this.partsText({ cell: filters.cell }, state)[0]!, cross: false, remove: () => without('cell') });
    for (const selection of this.sourceFilters?.crossSelections ?? []) {
      chips.push({ key: `cross:${selection.widget.localName}`, text: this.crossText(selection, state), cross: true, remove: () => 'cross', selection });
    }
    return chips;
  }

  private statusText(count: number): string {
    return count === 0 ? this.tb('status.none') : this.tb('status.count', { n: this.fmt.number(count), count });
  }

  // ------------------------------------------------------------ view

  protected renderSkeleton() {
    return html`<div class="controls">
      ${[0, 1, 2, 3].map(() => html`<span class="skeleton skeleton-control" part="skeleton"></span>`)}
    </div>`;
  }

  protected renderView(state: DataState): WidgetView {
    const tb = this.tb;
    const fields = this.fieldList;
    const values = this.loader.query('values', { fields });
    const chips = this.chipsOf(state);
    const filters = this.filters;
    const time = filters.time;
    const periods = this.periodList;
    const periodValue = this.customRange || time?.kind === 'range' ? CUSTOM : time ? formatPeriod(time) : 'all';
    const known = periods.some((p) => formatPeriod(p) === periodValue);
    const rangeShown = this.customRange || time?.kind === 'range';
    const asOf = state.info?.asOf ?? null;
    const stages = state.info?.stages ?? [];
    const status = this.statusText(chips.length);
    const select = (part: string, label: string, options: { value: string; text: string }[], onChange: (e: Event) => void, value = '') =>
      html`<label class="control" part="control ${part}">
        <span class="label">${label}</span>
        <select part="select" .value=${value} @change=${onChange}>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.text}</option>`)}
        </select>
      </label>`;
    const body = html`<div class="bar">
      <div class="controls" part="controls">
        ${select(
          'period',
          tb('period'),
          [
            ...periods.map((p) => ({ value: formatPeriod(p), text: this.periodText(p) })),
            ...(known || periodValue === CUSTOM ? [] : [{ value: periodValue, text: this.periodText(time!) }]),
            { value: CUSTOM, text: tb('period.custom') },
          ],
          (e) => this.onPeriod(e),
          periodValue,
        )}
        ${rangeShown
          ? html`<div class="range" part="range" role="group" aria-label=${tb('period.custom')}>
              <label class="control"><span class="label">${tb('from')}</span>
                <input type="date" name="from" part="date-input" .value=${time?.kind === 'range' ? inputDay(time.from) : asOf !== null ? inputDay(asOf - 89 * DAY_MS) : ''}
              /></label>
              <label class="control"><span class="label">${tb('to')}</span>
                <input type="date" name="to" part="date-input" .value=${time?.kind === 'range' ? inputDay(time.to) : asOf !== null ? inputDay(asOf) : ''}
              /></label>
              <button part="apply" @click=${() => this.applyRange()}>${tb('apply')}</button>
              ${this.rangeError ? html`<span class="error" role="alert">${tb('range.invalid')}</span>` : nothing}
            </div>`
          : nothing}
        ${fields.map((field, i) => {
          const list = values?.fields[i]?.values ?? [];
          const chosen = new Set(filters.customer?.[field] ?? []);
          return select(
            'field',
            this.fieldLabel(field),
            [{ value: '', text: tb('add') }, ...list.filter((v) => !chosen.has(v.value)).map((v) => ({ value: v.value, text: tb('option', { value: v.value, count: this.fmt.number(v.customers) }) }))],
            (e) => this.addValue(e, (f, value) => ({ ...f, customer: { ...f.customer, [field]: [...(f.customer?.[field] ?? []), value] } })),
          );
        })}
        ${this.stageFilter && stages.length
          ? select(
              'stage',
              tb('stage'),
              [{ value: '', text: tb('add') }, ...stages.filter((s) => !filters.stage?.includes(s.key)).map((s) => ({ value: s.key, text: stageLabel(s, this.resolvedLocale) }))],
              (e) => this.addValue(e, (f, value) => ({ ...f, stage: [...(f.stage ?? []), value] })),
            )
          : nothing}
        ${this.segmentFilter
          ? select(
              'rfm',
              tb('rfm'),
              [{ value: '', text: tb('add') }, ...RFM_SEGMENTS.filter((s) => !filters.segment?.includes(s)).map((s) => ({ value: s, text: segmentLabel(s, this.resolvedLocale) }))],
              (e) => this.addValue(e, (f, value) => ({ ...f, segment: [...(f.segment ?? []), value as RfmSegment] })),
            )
          : nothing}
      </div>
      <div class="active">
        ${chips.length
          ? html`<ul class="chips" part="chips" aria-label=${tb('chips')}>
                ${chips.map(
                  (chip, index) =>
                    html`<li class="chip ${chip.cross ? 'cross' : ''}" part="chip${chip.cross ? ' cross-filter' : ''}" data-key=${chip.key}>
                      <span>${chip.text}</span>
                      <button part="chip-remove" aria-label=${tb('chip.remove', { filter: chip.text })} @click=${() => this.removeChip(chip, index)}>×</button>
                    </li>`,
                )}
              </ul>
              <button part="clear" class="clear" @click=${() => this.clearAll()}>${tb('clear')}</button>`
          : html`<p class="none" part="chips-none">${tb('chips.none')}</p>`}
        <span class="visually-hidden" role="status">${status}</span>
      </div>
    </div>`;
    return {
      kind: 'ready',
      body,
      summary: chips.length ? tb('summary', { status, list: chips.map((c) => c.text).join('; ') }) : status,
      table: {
        caption: tb('table.caption'),
        columns: [{ label: tb('table.filter') }],
        rows: chips.map((c) => [c.text]),
      },
    };
  }

  private clearAll(): void {
    const source = this.sourceFilters;
    if (!source) return;
    this.customRange = false;
    source.clearSelection();
    this.change({});
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('select')?.focus());
  }
}
