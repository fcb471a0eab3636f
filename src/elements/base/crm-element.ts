import { LitElement, html, nothing, render, svg, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  createFormatter,
  createTranslator,
  localePending,
  onLocalesChange,
  resolveLocale,
  sharedMessages,
  type Catalog,
  type Formatter,
  type Locale,
  type SharedKey,
  type Translate,
} from '../../i18n/index.js';
import type { CacheMode } from '../../data/index.js';
import { loadShippedLocale } from '../../locales/load-locale.js';
import { absentCollections } from '../../metrics/measured.js';
import { frameStyles, tokenStyles } from '../../theme/index.js';
import { cssProps } from './css-props.js';
import { DataController, type DataState } from './data-controller.js';
import { renderTable, type TableSpec } from './data-table.js';
import { CrmErrorEvent, CrmRenderEvent, emit, type ErrorDetail } from './events.js';
import { csvBlob, exportFileName, saveFile, tableToCsv, type ExportFormat } from './export.js';
import type { ExportFigure } from './figure.js';
import { ViewStates } from './view-states.js';
import { SizeController, type SizeClass } from './size.js';
import { collectionName, renderEmpty, renderError, renderIssues, renderNoSource, type IssueContext } from './states.js';

/** A widget with data to show: its chart, the one-sentence summary, the same numbers as a table. */
export interface ReadyView {
  kind: 'ready';
  body: TemplateResult;
  /** One sentence that says what the chart says; the chart's accessible description. */
  summary: string;
  table: TableSpec;
  /** Facts about the numbers for the details panel: interval bounds, empty scores, what was not measured. */
  notes?: string[];
}

/** Loaded, but nothing to show for the current selection. */
export interface EmptyView {
  kind: 'empty';
  title?: string;
  text?: string;
  extra?: TemplateResult;
}

export type WidgetView = ReadyView | EmptyView;

/** The label the data layer gives data handed over through the `data` property. */
const INLINE_SOURCE = 'data property';

interface Tip {
  text: string;
  x: number;
  y: number;
}

/**
 * The base of every widget: data loading through `DataController`, locale, theme,
 * size class, and the frame that every widget shares (title row, body, footer) with
 * its state views (loading skeleton, empty, error, stale, ready), table view and
 * details panel. A widget supplies its name, a skeleton of its layout and a view of
 * the loaded data; it never handles loading or errors itself.
 *
 * @csspart base - The outer wrapper.
 * @csspart header - The title row.
 * @csspart title - The widget's title.
 * @csspart subtitle - Period and "as of" date.
 * @csspart badge - A badge in the title row (the stale badge also has `stale-badge`).
 * @csspart menu - The view options.
 * @csspart menu-button - A button of the view options (`table-toggle`, `details-toggle`).
 * @csspart body - The widget's content.
 * @csspart chart - The chart, when the table view is off.
 * @csspart summary - The one-sentence summary (visually hidden).
 * @csspart table - The table view.
 * @csspart details - The details panel: rows used, collections absent from the data, notes on the numbers, why rows were set aside.
 * @csspart notes - The widget's notes in the details panel.
 * @csspart issues - A list of row issues.
 * @csspart footer - Source, freshness and rows set aside.
 * @csspart state - A state view (also `empty`, `error` or `loading`).
 * @csspart error-details - The technical details of an error.
 * @csspart retry - The retry button of the error view.
 * @csspart empty-hint - What to do about an empty view.
 * @csspart empty-action - The empty view's button (widen the selection, or load again).
 * @csspart skeleton - A placeholder shape while loading.
 * @csspart tooltip - The tooltip over a mark.
 *
 * @cssproperty --crm-color-text - Text colour.
 * @cssproperty --crm-color-muted - Labels and secondary text.
 * @cssproperty --crm-color-surface - Background.
 * @cssproperty --crm-color-surface-alt - Table headers.
 * @cssproperty --crm-color-track - Empty bars and placeholders.
 * @cssproperty --crm-color-border - Hairlines and the outer border.
 * @cssproperty --crm-color-border-strong - Inputs and empty cells.
 * @cssproperty --crm-color-accent - Links, pressed buttons, the score; the first series and the focus ring follow it.
 * @cssproperty --crm-color-accent-subtle - Selected and hovered rows.
 * @cssproperty --crm-color-good - Good (promoters, healthy).
 * @cssproperty --crm-color-neutral - Neutral (passives).
 * @cssproperty --crm-color-bad - Bad (detractors, at risk).
 * @cssproperty --crm-focus-ring-color - Focus ring colour.
 * @cssproperty --crm-focus-ring-width - Focus ring width; default 2px.
 * @cssproperty --crm-focus-ring-offset - Focus ring offset; default 2px.
 * @cssproperty --crm-font-sans - Font; default a system sans stack with PingFang SC, Microsoft YaHei and Noto Sans CJK SC for Chinese (set `inherit` to take the page's).
 * @cssproperty --crm-font-numeric - Font of figures (always with tabular digits); default the sans font.
 * @cssproperty --crm-font-mono - Technical details.
 * @cssproperty --crm-font-size - Base font size; default 0.875rem.
 * @cssproperty --crm-space - Base spacing (0.75rem); `--crm-space-xs`, `-s`, `-l` derive from it.
 * @cssproperty --crm-radius - Corner radius; `--crm-radius-s` and `--crm-radius-full` beside it.
 * @cssproperty --crm-color-scheme - `light` or `dark`, for form controls inside the widget.
 *
 * @event crm-load - Data loaded (from the network or the cache).
 * @event crm-render - The widget drew its data for the first time and is interactive (once).
 * @event crm-error - Data could not be loaded, or the widget has no data source.
 *
 * @cssstate loading - Waiting for data (the skeleton shows).
 * @cssstate ready - Data drawn.
 * @cssstate empty - Loaded, with nothing to show for the selection.
 * @cssstate stale - Beside `ready` or `empty`: a cached copy the server did not confirm.
 * @cssstate error - The data could not be loaded, or there is no data source.
 * @event crm-data-warning - Rows were set aside, the cache was unavailable, the copy is stale or `asOf` was missing.
 */
export abstract class CrmElement extends LitElement {
  static override properties: PropertyDeclarations = {
    locale: { reflect: true },
    theme: { reflect: true },
    label: {},
    src: {},
    querySrc: { attribute: 'query-src' },
    source: {},
    scope: {},
    cache: {},
    cacheTtl: { attribute: 'cache-ttl', type: Number },
    refresh: { type: Number },
    credentials: {},
    data: { attribute: false },
    headers: { attribute: false },
    getHeaders: { attribute: false },
    timeout: { type: Number },
    maxBytes: { attribute: 'max-bytes', type: Number },
    workerThreshold: { attribute: 'worker-threshold', type: Number },
    cacheFields: { attribute: false },
    // Internal state: `attribute: false` too, so the manifest does not list them as attributes.
    tableView: { state: true, attribute: false },
    detailsOpen: { state: true, attribute: false },
    tip: { state: true, attribute: false },
    noSource: { state: true, attribute: false },
  };

  /**
   * How long a widget with no data source (no `data`, `src` or `source`, not inside a
   * `<crm-data-source>`) shows its skeleton before it says so: hosts often set `data` a moment
   * after creating the element. Milliseconds; set it before the widgets connect.
   */
  static noSourceGraceMs = 3000;

  static override styles: CSSResultGroup = [tokenStyles, frameStyles];

  /**
   * `en`, `zh-CN`, `zh-TW` (their words load the first time a widget asks for them) or a tag given to
   * `registerLocale`; other tags are matched (`zh-Hans` → `zh-CN`, `en-GB` → `en`). Default: the nearest
   * `lang` attribute (the page's included), then the browser's language.
   */
  declare locale?: 'en' | 'zh-CN' | 'zh-TW' | (string & {});
  /** `light` or `dark`, winning over a page theme (`<html class="crm-theme-dark">`). Default: the page theme, else `prefers-color-scheme`. */
  declare theme?: 'light' | 'dark';
  /** Title in the title row and the widget's accessible name. Default: the widget's name in the current locale. */
  declare label?: string;
  /** URL of a contract payload. */
  declare src?: string;
  /** URL of a query endpoint (a warehouse, docs/scale.md): queries are answered there instead of from a payload. */
  declare querySrc?: string;
  /** Id of a shared data source on the page. */
  declare source?: string;
  /** Cache scope, e.g. a tenant or user id, so cached copies never mix. */
  declare scope?: string;
  /** `indexeddb`, `memory` or `none`. */
  declare cache?: CacheMode;
  /** Seconds a cached copy counts as fresh. */
  declare cacheTtl?: number;
  /** Reload every N seconds. */
  declare refresh?: number;
  /** Fetch credentials mode. */
  declare credentials?: RequestCredentials;
  /** A contract payload (or its JSON text) given directly instead of `src`. */
  declare data?: unknown;
  /** Extra request headers. */
  declare headers?: HeadersInit;
  /** Called before each request for fresh headers (e.g. a short-lived token). */
  declare getHeaders?: () => HeadersInit | Promise<HeadersInit>;
  /** Seconds per request attempt before it times out. */
  declare timeout?: number;
  /** Largest response body accepted, in bytes. */
  declare maxBytes?: number;
  /** Ignored: the data engine runs in a worker for every body. Kept so pages that set it keep working. */
  declare workerThreshold?: number;
  /** `collection.field` paths to keep in the cache (e.g. leave out names and comments); unset keeps all. */
  declare cacheFields?: string[];

  protected declare tableView: boolean;
  protected declare detailsOpen: boolean;
  protected declare tip: Tip | null;
  /** Nothing was given to load from, for longer than the grace period. */
  protected declare noSource: boolean;

  /** Loads, validates, caches and memoizes; `render()` maps its status to the state views. */
  protected readonly loader = new DataController(this);
  protected readonly sizer = new SizeController(this);
  /** What is drawn, as custom states for host CSS (`:state(loading)`), and the first-drawn signal. */
  /** The last ready frame, the dataset version and filters it was drawn with: what stays while a filter change is answered. */
  private lastReady?: { version: string; filters: string; parts: Parameters<CrmElement['frame']>[0] };
  private readonly viewStates = new ViewStates(this, (view) => {
    const value = this.loader.value;
    emit(this, new CrmRenderEvent({ view, fromCache: value?.fromCache ?? false, stale: value?.stale ?? false }));
  });

  constructor() {
    super();
    this.tableView = false;
    this.detailsOpen = false;
    this.tip = null;
    this.noSource = false;
  }

  private stopLocales?: () => void;
  private noSourceTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    // A locale registered later (a lazily loaded catalogue) may be the one this element should speak.
    this.stopLocales = onLocalesChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hideTip();
    this.stopLocales?.();
    this.stopLocales = undefined;
    clearTimeout(this.noSourceTimer);
    this.noSourceTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.watchForNoSource();
  }

  /** With nothing to load from, the skeleton gives way to a "no data source" view after the grace period. */
  private watchForNoSource(): void {
    if (this.loader.status !== 'initial') {
      clearTimeout(this.noSourceTimer);
      this.noSourceTimer = undefined;
      this.noSource = false;
      return;
    }
    if (this.noSource || this.noSourceTimer !== undefined || !this.isConnected) return;
    this.noSourceTimer = setTimeout(() => {
      this.noSourceTimer = undefined;
      if (this.loader.status !== 'initial' || !this.isConnected) return;
      this.noSource = true;
      emit(
        this,
        new CrmErrorEvent({
          kind: 'no-source',
          message: `<${this.localName}> has no data source: set data or src, or point source at a <crm-data-source> (or nest it in one)`,
        }),
      );
    }, (this.constructor as typeof CrmElement).noSourceGraceMs);
  }

  // ------------------------------------------------------------ what a widget supplies

  /** The widget's name in the current locale (the title when `label` is not set). */
  protected abstract defaultLabel(): string;
  /** Placeholder shapes in the layout of the final body, so nothing jumps when data arrives. */
  protected abstract renderSkeleton(): TemplateResult;
  /** The loaded data as a view: ready (chart, summary, table) or empty. */
  protected abstract renderView(state: DataState): WidgetView;
  /** Subtitle parts before "as of", e.g. the period. */
  protected subtitleParts(): string[] {
    return [];
  }
  /** The chart as a picture for `download('png')`: SVG shapes coloured through tokens, and a legend. Null: no chart. */
  protected exportFigure(): ExportFigure | null {
    return null;
  }

  // ------------------------------------------------------------ what a widget may use

  /** The locale this element speaks now. */
  get resolvedLocale(): Locale {
    return resolveLocale(this.locale, this);
  }

  /** Size class from the element's own width: narrow < 400 px, wide > 800 px. */
  get sizeClass(): SizeClass {
    return this.sizer.size;
  }

  /** Shared strings (states, frame, periods) in the current locale. */
  protected get t(): Translate<SharedKey> {
    return createTranslator(this.resolvedLocale, sharedMessages);
  }

  /** A translator over a widget's own catalog. */
  protected translator<K extends string>(catalog: Catalog<K>): Translate<K> {
    return createTranslator(this.resolvedLocale, catalog);
  }

  /** Numbers, amounts (in the payload's currency), dates and durations in the current locale. */
  protected get fmt(): Formatter {
    return createFormatter(this.resolvedLocale, this.loader.value?.info?.currency);
  }

  /** Load the data again now (conditionally when a cached copy exists); resolves once the widget shows it, never rejects. */
  async reload(): Promise<void> {
    await this.loader.reload();
    await this.loader.taskComplete;
  }

  /**
   * Settles when the widget shows what its data source has now, in its locale: loaded and drawn, or
   * its error (Lit Task's `taskComplete`).
   */
  get taskComplete(): Promise<void> {
    return loadShippedLocale(this.resolvedLocale).then(() => this.loader.taskComplete);
  }

  /**
   * The words of this element's locale are still on their way (a shipped locale's chunk, fetched
   * now, once per page): its frame waits for them, so a Chinese widget never draws English first.
   */
  private localeLoading(): boolean {
    const locale = this.resolvedLocale;
    if (!localePending(locale)) return false;
    void loadShippedLocale(locale);
    return true;
  }

  // ------------------------------------------------------------ exports

  /** The data drawn now, and its view; null while loading, after an error, or with nothing to show. */
  private drawnView(): { state: DataState; view: ReadyView } | null {
    const state = this.loader.value;
    if (!state || (this.loader.status !== 'complete' && this.loader.status !== 'pending') || this.localeLoading()) return null;
    const view = this.renderView(state);
    return view.kind === 'ready' ? { state, view } : null;
  }

  private nothingToExport(): Error {
    return new Error(`<${this.localName}> has no data drawn to export yet; wait for crm-render`);
  }

  /**
   * The table view as a CSV file: localized column headers and the rows as the table shows them,
   * UTF-8 with a byte order mark so Excel opens Chinese correctly. Throws while nothing is drawn.
   *
   * @example
   * const csv = gauge.exportCsv(); // Blob, type text/csv;charset=utf-8
   */
  exportCsv(): Blob {
    const drawn = this.drawnView();
    if (!drawn) throw this.nothingToExport();
    return csvBlob(tableToCsv(drawn.view.table));
  }

  /**
   * The chart as a PNG at twice its size, with title, subtitle and legend, painted from its SVG in
   * the current theme. Rejects while nothing is drawn, and on widgets without a chart (the customer card).
   */
  async exportPng(): Promise<Blob> {
    const drawn = this.drawnView();
    if (!drawn) throw this.nothingToExport();
    const figure = this.exportFigure();
    if (!figure) throw new Error(`<${this.localName}> has no chart to draw as PNG; download('csv') has its numbers`);
    const base = this.renderRoot.querySelector<HTMLElement>('.base')!;
    const labels = { title: this.label || this.defaultLabel(), subtitle: this.subtitleText(drawn.state) };
    // The painter loads with the first PNG asked for: few pages export, every page draws.
    const { figureToPng } = await import('./figure.js');
    return figureToPng(base, figure, labels, (holder) =>
      render(svg`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${figure.width} ${figure.height}" width=${figure.width} height=${figure.height}>${figure.marks}</svg>`, holder),
    );
  }

  /**
   * Save the widget's data as a file: `csv` (every widget) or `png` (gauge, funnel, matrix), named
   * after its title and the data's "as of" date. Resolves with the file saved.
   *
   * @example
   * document.querySelector('crm-segment-matrix').download('png');
   */
  async download(format: ExportFormat = 'csv'): Promise<Blob> {
    const blob = format === 'png' ? await this.exportPng() : this.exportCsv();
    saveFile(blob, exportFileName(this.label || this.defaultLabel(), this.loader.value?.info?.asOf ?? null, format));
    return blob;
  }

  /**
   * Show a tooltip over `target` (inside the shadow root). Pair with `hideTip()` on leave and blur;
   * Escape and a press anywhere else dismiss it too, and it is kept inside the viewport.
   */
  protected showTip(target: Element, text: string): void {
    const base = this.renderRoot.querySelector('.base');
    if (!base) return;
    const box = base.getBoundingClientRect();
    const mark = target.getBoundingClientRect();
    this.tip = { text, x: mark.left + mark.width / 2 - box.left, y: mark.top - box.top };
    document.addEventListener('keydown', this.onTipKey, true);
    document.addEventListener('pointerdown', this.onTipPress, true);
  }

  protected hideTip(): void {
    this.tip = null;
    document.removeEventListener('keydown', this.onTipKey, true);
    document.removeEventListener('pointerdown', this.onTipPress, true);
  }

  private readonly onTipKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') this.hideTip();
  };

  private readonly onTipPress = () => this.hideTip();

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.tip) this.keepTipInView();
  }

  /** Shift the tooltip sideways (and below its mark when there is no room above) so it stays in the viewport. */
  private keepTipInView(): void {
    const tip = this.renderRoot.querySelector<HTMLElement>('[part~="tooltip"]');
    if (!tip) return;
    tip.style.removeProperty('--_tip-shift');
    tip.classList.remove('below');
    const margin = 4;
    const rect = tip.getBoundingClientRect();
    const width = document.documentElement.clientWidth || innerWidth;
    const shift = rect.left < margin ? margin - rect.left : rect.right > width - margin ? width - margin - rect.right : 0;
    if (shift) tip.style.setProperty('--_tip-shift', `${shift}px`);
    if (rect.top < margin) tip.classList.add('below');
  }

  // ------------------------------------------------------------ the frame

  /** What render() drew last: what stays on screen while the words of a new locale load. */
  private drawnFrame?: unknown;

  protected override render() {
    // Nothing yet on a first frame; after a switch of locale, the frame drawn before, unchanged.
    if (this.localeLoading()) return this.drawnFrame ?? nothing;
    return (this.drawnFrame = this.loader.render({
      initial: () => this.renderLoading(),
      pending: () => (this.loader.value ? this.renderReady(this.loader.value, true) : this.renderLoading()),
      complete: (state: DataState) => this.renderReady(state, false),
      error: (error: ErrorDetail) => this.renderFailure(error),
    }));
  }

  private issueContext(): IssueContext {
    return { locale: this.resolvedLocale, t: this.t, fmt: this.fmt };
  }

  private frame(parts: {
    busy: boolean;
    subtitle: TemplateResult | typeof nothing;
    badge?: TemplateResult;
    menu: boolean;
    body: TemplateResult;
    details?: TemplateResult;
    footer: TemplateResult | typeof nothing;
  }) {
    const t = this.t;
    // An article, not a section: a named section is a region landmark, and two cards of one
    // widget on a page would be two landmarks with the same name (axe landmark-unique).
    return html`<article
      part="base"
      class="base"
      data-size=${this.sizeClass}
      aria-labelledby="title"
      aria-busy=${parts.busy ? 'true' : 'false'}
    >
      <div class="header" part="header">
        <div class="titles">
          <div class="title" part="title" id="title">${this.label || this.defaultLabel()}</div>
          <p class="subtitle" part="subtitle">${parts.subtitle}</p>
        </div>
        ${parts.badge ?? nothing}
        ${parts.menu
          ? html`<div class="menu" part="menu" role="group" aria-label=${t('menu.label')}>
              <button
                part="menu-button table-toggle"
                class="icon-button"
                title=${t('menu.table')}
                aria-pressed=${this.tableView ? 'true' : 'false'}
                @click=${() => (this.tableView = !this.tableView)}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 3h12v10H2zM2 6.5h12M2 9.75h12M6 6.5V13"></path></svg>
                <span class="visually-hidden">${t('menu.table')}</span>
              </button>
              <button
                part="menu-button details-toggle"
                class="icon-button"
                title=${t('menu.details')}
                aria-expanded=${this.detailsOpen ? 'true' : 'false'}
                aria-controls="details"
                @click=${() => (this.detailsOpen = !this.detailsOpen)}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6"></circle><path d="M8 7v4.5M8 4.6v.1"></path></svg>
                <span class="visually-hidden">${t('menu.details')}</span>
              </button>
            </div>`
          : nothing}
      </div>
      <div class="body" part="body">${parts.body}</div>
      ${parts.details ?? nothing}
      <div class="footer" part="footer">${parts.footer}</div>
      ${this.tip
        ? html`<div class="tooltip" part="tooltip" role="tooltip" ${cssProps({ left: `${this.tip.x}px`, top: `${this.tip.y}px` })}>
            ${this.tip.text}
          </div>`
        : nothing}
    </article>`;
  }

  private renderLoading() {
    if (this.noSource) return this.renderNoSourceView();
    this.viewStates.view = 'loading';
    this.viewStates.stale = false;
    const parts = this.subtitleParts();
    return this.frame({
      busy: true,
      subtitle: parts.length ? html`${parts.join(' · ')}` : html`<span class="skeleton skeleton-text" part="skeleton"></span>`,
      menu: false,
      body: html`<div class="loading" part="state loading">
        <span class="visually-hidden" role="status">${this.t('state.loading')}</span>
        ${this.renderSkeleton()}
      </div>`,
      footer: html`<span class="skeleton skeleton-text" part="skeleton"></span>`,
    });
  }

  private renderNoSourceView() {
    this.viewStates.view = 'error';
    this.viewStates.stale = false;
    return this.frame({
      busy: false,
      subtitle: html`${this.subtitleParts().join(' · ')}`,
      menu: false,
      body: renderNoSource(this.t),
      footer: nothing,
    });
  }

  /** Where the data comes from, as the reader knows it: the URL, also when it is a shared source's. */
  private sourceName(): string {
    const shared = this.source ? (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.source) : null;
    return this.src || shared?.getAttribute('src') || this.source || '';
  }

  private renderFailure(error: ErrorDetail) {
    this.viewStates.view = 'error';
    this.viewStates.stale = false;
    const summary = this.loader.value?.summary;
    const issues = summary ? { list: summary.issues, total: summary.rejectedTotal } : null;
    const source = this.sourceName();
    return this.frame({
      busy: false,
      subtitle: html`${this.subtitleParts().join(' · ')}`,
      menu: false,
      body: renderError(error, issues, this.issueContext(), () => this.loader.reload(), source),
      footer: source ? html`<span>${this.t('footer.source', { source })}</span>` : nothing,
    });
  }

  private renderReady(state: DataState, busy: boolean) {
    const { t, fmt } = this;
    const { info, summary } = state;
    const view = this.renderView(state);
    const filters = JSON.stringify(this.loader.filters ?? {});
    // Until the engine has answered every query of this view, its skeleton stands (a warm load
    // draws from cached answers at once; anything else takes a moment in the worker). After a filter
    // change the last drawn view stays instead: no flash of skeleton, and no DOM torn down and rebuilt
    // on the main thread for every change (issue 18 §5).
    if (!this.loader.answered) {
      const kept = this.lastReady;
      // The same parts in the same frame: Lit changes only aria-busy, so assistive technology hears the update coming.
      return kept && kept.version === state.version && kept.filters !== filters ? this.frame({ ...kept.parts, busy: true }) : this.renderLoading();
    }
    this.viewStates.view = view.kind;
    this.viewStates.stale = state.stale;
    const subtitle = html`${this.subtitleText(state)}
    ${!info || info.asOfFromPayload ? nothing : html`<span class="note" part="note">(${t('subtitle.asOfMissing')})</span>`}`;
    const ago = fmt.ago(state.ageMs);
    const badge = state.stale
      ? html`<span class="badge" part="badge stale-badge"
          >${t('stale.badge', { ago })}<span class="visually-hidden"> — ${t('stale.label', { ago })}</span></span
        >`
      : undefined;
    const rejected = summary?.rejectedTotal ?? 0;
    const body =
      view.kind === 'empty'
        ? renderEmpty(view.title ?? t('state.empty.title'), view.text ?? t('state.empty.text'), view.extra)
        : html`${this.tableView
              ? renderTable(view.table)
              : html`<div part="chart" class="chart" role="figure" aria-labelledby="title" aria-describedby="summary">${view.body}</div>`}
            <p id="summary" part="summary" class="visually-hidden">${view.summary}</p>`;
    const parts = {
      busy,
      subtitle,
      badge,
      menu: view.kind === 'ready',
      body,
      details: this.detailsOpen && view.kind === 'ready' ? this.renderDetails(state, view.notes ?? []) : undefined,
      footer: html`<span>${t('footer.source', { source: state.sourceLabel === INLINE_SOURCE ? t('footer.inline') : state.sourceLabel })}</span>
        <span>${state.fromCache ? t('footer.cached', { ago }) : state.ageMs < 60_000 ? t('footer.justNow') : t('footer.live', { ago })}</span>
        <span part="set-aside"
          >${rejected > 0 ? t('footer.setAside', { n: fmt.number(rejected), count: rejected }) : t('footer.noneSetAside')}</span
        >`,
    };
    this.lastReady = { version: state.version, filters, parts };
    return this.frame(parts);
  }

  /** Subtitle parts and "as of" (info is null only during a warm load drawn from cached answers; "as of" follows). */
  private subtitleText(state: DataState): string {
    const asOf = state.info ? [this.t('subtitle.asOf', { date: this.fmt.date(state.info.asOf) })] : [];
    return [...this.subtitleParts(), ...asOf].join(' · ');
  }

  private renderDetails(state: DataState, notes: string[]) {
    const { t, fmt } = this;
    const summary = state.summary;
    const received = summary ? Object.entries(summary.received).filter(([, n]) => n > 0) : [];
    const absent = state.info ? absentCollections(state.info) : [];
    return html`<div id="details" class="details" part="details">
      <p class="state-title">${t('details.title')}</p>
      ${received.length
        ? html`<p>
            ${t('details.rows')}:
            ${fmt.list(
              received.map(([name, n]) => `${collectionName(name, t)} ${fmt.number(n - (summary!.rejected[name as keyof typeof summary.rejected] ?? 0))}`),
            )}
          </p>`
        : nothing}
      ${absent.length ? html`<p data-absent=${absent.join(' ')}>${t('details.absent', { list: fmt.list(absent.map((name) => collectionName(name, t))) })}</p>` : nothing}
      ${notes.length
        ? html`<p>${t('details.notes')}</p>
            <ul part="notes">
              ${notes.map((note) => html`<li>${note}</li>`)}
            </ul>`
        : nothing}
      ${summary && summary.rejectedTotal > 0
        ? html`<p>${t('details.issues')}</p>
            ${renderIssues(summary.issues, summary.rejectedTotal, this.issueContext())}`
        : html`<p>${t('footer.noneSetAside')}</p>`}
    </div>`;
  }
}
