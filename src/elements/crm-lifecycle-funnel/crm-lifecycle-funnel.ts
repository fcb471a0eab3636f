import { html, nothing, type PropertyDeclarations } from 'lit';
import { parseFilter } from '../../metrics/parse-filter.js';
import type { FunnelOptions, FunnelResult, FunnelStep } from '../../metrics/index.js';
import { changeOf } from '../../metrics/previous-period.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import { renderEmptyAction } from '../base/states.js';
import type { ExportFigure } from '../base/figure.js';
import { funnelFigure } from './export-figure.js';
import { funnelMessages } from './messages.js';
import { funnelStyles } from './styles.js';
import { renderFunnelSkeleton, renderStageList } from './funnel-template.js';
import { funnelSubtitle, funnelView, type FunnelView, type FunnelViewResult } from './view-model.js';

/** Placeholder stages while loading, when `stages` does not say how many. */
const SKELETON_STAGES = 4;

/**
 * @summary Lifecycle funnel: count, step and overall conversion, drop-off and median time to
 * convert for each stage, as one funnel or compared across groups of customers.
 *
 * @example
 * <crm-lifecycle-funnel src="/api/crm.json" stages="lead,opportunity,signed" window-days="90" breakdown="segment"></crm-lifecycle-funnel>
 *
 * @csspart funnels - The funnel, or the grid of group funnels.
 * @csspart group - One group's funnel (with `breakdown`).
 * @csspart group-title - A group's name and its overall conversion.
 * @csspart funnel - The list of stages.
 * @csspart stage - One stage's button (also `active` when it holds the tab stop).
 * @csspart stage-label - A stage's name, from the payload in the current locale.
 * @csspart track - The space a bar grows in.
 * @csspart bar - A stage's bar.
 * @csspart ghost - The previous stage's bar behind it: what was lost on the step (dashed outline).
 * @csspart count - A stage's count.
 * @csspart share - A stage's conversion from the first stage.
 * @csspart step - The step between two stages: conversion, median time, drop-off.
 * @csspart step-change - A step's conversion change, in percentage points, against the period before the source's time filter.
 * @csspart overall - The headline: overall conversion, first to last stage, large, with the stages it spans as its label.
 * @csspart ignored - How many events of other stages were not counted.
 *
 * @cssproperty --crm-chart-1 - The bars (default: the accent colour); compared groups take `--crm-chart-2` … `--crm-chart-8` in turn.
 * @cssproperty --crm-color-bad - Drop-off (the ghost bar and the "lost" figure).
 *
 * @event crm-select - A stage (`kind: 'stage'`, with its numbers and its `group`) was picked by click, Enter or Space.
 *
 * @attr orientation - `horizontal` (default: one row per stage) or `vertical` (one column per stage; drawn horizontally below 400 px).
 * @attr stages - Stage keys to show, in order, comma separated; default every stage of the payload.
 * @attr window-days - Conversion window: a step counts only if reached this many days after the first stage; default none.
 * @attr attempts - `first` (default: the earliest first-stage event anchors an entity) or `any` (every first-stage event may start an attempt, as PostHog counts).
 * @attr mode - `ordered` (default: entities moving through the stages) or `snapshot` (customers by their current stage).
 * @attr breakdown - A customer field to compare groups by, e.g. `segment`, `region` or `attributes.tier`.
 * @attr segment - Only customers with `field:value`, e.g. `region:华东`.
 */
export class CrmLifecycleFunnel extends CrmElement {
  static override properties: PropertyDeclarations = {
    ...CrmElement.properties,
    orientation: { reflect: true },
    stages: {},
    windowDays: { attribute: 'window-days', type: Number },
    attempts: {},
    mode: {},
    breakdown: {},
    segment: {},
    activeStages: { state: true, attribute: false },
  };

  static override styles = [CrmElement.styles, funnelStyles];

  declare orientation: 'horizontal' | 'vertical';
  declare stages?: string;
  declare windowDays?: number;
  declare attempts: 'first' | 'any';
  declare mode: 'ordered' | 'snapshot';
  declare breakdown?: string;
  declare segment?: string;
  /** Which stage of each funnel holds the tab stop (roving tabindex), by funnel key. */
  protected declare activeStages: Record<string, number>;

  constructor() {
    super();
    this.orientation = 'horizontal';
    this.mode = 'ordered';
    this.attempts = 'first';
    this.activeStages = {};
  }

  /** The metric options the attributes stand for; an unreadable `window-days` means no window, an unreadable `segment` no filter. */
  get options(): FunnelOptions {
    const stages = (this.stages ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const mode = this.mode === 'snapshot' ? 'snapshot' : 'ordered';
    const days = this.windowDays;
    const options: FunnelOptions = { mode };
    if (stages.length) options.stages = stages;
    // A snapshot has no path, so no window: leaving it out also shares the memo across windows.
    if (mode === 'ordered' && typeof days === 'number' && Number.isFinite(days) && days >= 0) options.windowDays = days;
    if (mode === 'ordered' && this.attempts === 'any') options.attempts = 'any';
    const filter = this.segment ? parseFilter(this.segment) : null;
    if (filter) options.filter = filter;
    if (this.breakdown) options.breakdown = this.breakdown;
    return options;
  }

  /** The numbers on screen, straight from `computeFunnel` (memoized per dataset and options). */
  get result(): FunnelResult | undefined {
    const options = this.options;
    return this.loader.query('funnel', options);
  }

  private get view(): FunnelViewResult {
    return funnelView(this.result, this.loader.value?.info ?? null, this.options, this.resolvedLocale, this.fmt);
  }

  /**
   * The step conversions of the period before the source's time filter (docs/metrics.md), asked
   * without holding the view; undefined without a time filter or while the engine works.
   */
  private get previousResult(): FunnelResult | undefined {
    return this.loader.lookup('funnel', this.options, 'previous-period');
  }

  /** A stage's conversion change in points against the period before, as words; null when there is none. */
  private stepChangeText(stage: string, group?: string): string | null {
    const steps: readonly FunnelStep[] | undefined = group === undefined ? this.result?.steps : this.result?.groups.find((g) => g.key === group)?.steps;
    const before = this.previousResult;
    const previousSteps = group === undefined ? before?.steps : before?.groups.find((g) => g.key === group)?.steps;
    const then = previousSteps?.find((s) => s.stage === stage)?.conversionFromPrevious;
    const now = steps?.find((s) => s.stage === stage)?.conversionFromPrevious;
    const change = changeOf(now === null || now === undefined ? null : now * 100, then === null || then === undefined ? null : then * 100);
    return change === null ? null : this.translator(funnelMessages)('stepChange', { change: this.fmt.signed(change, 1) });
  }

  /** Vertical columns need room for their labels: below 400 px the funnel is drawn in rows. */
  private get drawnOrientation(): 'horizontal' | 'vertical' {
    return this.orientation === 'vertical' && this.sizeClass !== 'narrow' ? 'vertical' : 'horizontal';
  }

  protected defaultLabel(): string {
    return this.translator(funnelMessages)('title');
  }

  protected override subtitleParts(): string[] {
    return funnelSubtitle(this.loader.value ? this.result : undefined, this.options, this.resolvedLocale, this.fmt, this.loader.filters, this.loader.value?.info ?? null);
  }

  protected renderSkeleton() {
    return renderFunnelSkeleton(this.options.stages?.length ?? SKELETON_STAGES, this.drawnOrientation);
  }

  protected renderView(): WidgetView {
    const view = this.view;
    const tf = this.translator(funnelMessages);
    // The way out of an empty view: every customer when a segment narrows it, else load again.
    const act = this.segment ? () => (this.segment = undefined) : () => void this.reload();
    if (view.kind === 'empty') return { ...view, extra: renderEmptyAction(tf(this.segment ? 'empty.widen.hint' : 'empty.reload.hint'), tf(this.segment ? 'empty.widen' : 'empty.reload'), act) };
    return {
      kind: 'ready',
      body: html`${view.headline
          ? html`<p class="overall" part="overall"><span class="kpi">${view.headline.value}</span> <span class="kpi-label">${view.headline.label}</span></p>`
          : nothing}
        <div class="funnels ${view.grouped ? 'grouped' : ''}" part="funnels" data-orientation=${this.drawnOrientation}>
          ${view.funnels.map((f) => this.renderFunnel(f))}
        </div>
        ${view.ignored ? html`<p class="ignored" part="ignored">${view.ignored}</p>` : nothing}`,
      summary: view.summary,
      table: view.table,
    };
  }

  /** Each funnel's stages with bars and figures, and a legend of what the colours mean, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const view = this.view;
    if (view.kind !== 'ready') return null;
    return funnelFigure(view.figure.funnels, view.figure.overall, view.figure.legend);
  }

  // ------------------------------------------------------------ parts

  private renderStepChange(stage: string, group?: string) {
    const text = this.stepChangeText(stage, group);
    return text ? html`<span class="change" part="step-change">${text}</span>` : nothing;
  }

  private renderFunnel(funnel: FunnelView) {
    const { key, group, stages } = funnel;
    // Stage keys come from the payload: "__proto__" is a stage like any other, so own entries only.
    const active = Math.min(Object.hasOwn(this.activeStages, key) ? this.activeStages[key]! : 0, stages.length - 1);
    return renderStageList(funnel, {
      active,
      orientation: this.drawnOrientation,
      stepChange: (stage) => this.renderStepChange(stage, group),
      select: (j) => this.select(key, j, funnel),
      key: (e, j) => this.onStageKey(e, key, j, stages.length),
      showTip: (target, text) => this.showTip(target, text),
      hideTip: () => this.hideTip(),
    });
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private select(key: string, j: number, funnel: FunnelView): void {
    this.activeStages = { ...this.activeStages, [key]: j };
    emit(this, new CrmSelectEvent(funnel.stages[j]!.select));
  }

  /** Enter and Space are the button's own click; arrows, Home and End move the tab stop along the funnel. */
  private async onStageKey(e: KeyboardEvent, key: string, j: number, n: number): Promise<void> {
    const next = { ArrowUp: j - 1, ArrowLeft: j - 1, ArrowDown: j + 1, ArrowRight: j + 1, Home: 0, End: n - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const list = (e.currentTarget as Element).closest('ol');
    const to = Math.max(0, Math.min(n - 1, next));
    this.activeStages = { ...this.activeStages, [key]: to };
    await this.updateComplete;
    list?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus();
  }
}
