import { html, nothing, type PropertyDeclarations } from 'lit';
import { stageLabel, type Translate } from '../../i18n/index.js';
// Direct modules, not the metrics barrel: the barrel is the lazily loaded metrics chunk.
import { absentCollections } from '../../metrics/measured.js';
import { parseFilter } from '../../metrics/parse-filter.js';
import type { FunnelOptions, FunnelResult, FunnelStep } from '../../metrics/index.js';
import { changeOf } from '../../metrics/previous-period.js';
import { CrmElement, type WidgetView } from '../base/crm-element.js';
import type { DataState } from '../base/data-controller.js';
import type { TableSpec } from '../base/data-table.js';
import { CrmSelectEvent, emit } from '../base/events.js';
import type { ExportFigure, LegendEntry } from '../base/figure.js';
import { funnelFigure, seriesColour, type FunnelPicture } from './export-figure.js';
import { barSizes } from './bar-sizes.js';
import { barTrack } from './bar-track.js';
import { funnelMessages, type FunnelKey } from './messages.js';
import { funnelStyles } from './styles.js';

/** Key of the roving tab stop of the overall funnel; group funnels use `g:<group>`. */
const OVERALL = '*';
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
 * @csspart overall - Overall conversion, first to last stage.
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

  /**
   * The step conversions of the period before the source's time filter (docs/metrics.md), asked
   * without holding the view; undefined without a time filter or while the engine works.
   */
  private get previousResult(): FunnelResult | undefined {
    return this.loader.lookup('funnel', this.options, 'previous-period');
  }

  /** A step's conversion change in points against the period before, as words; null when there is none. */
  private stepChangeText(steps: readonly FunnelStep[], j: number, group?: string): string | null {
    const before = this.previousResult;
    const previousSteps = group === undefined ? before?.steps : before?.groups.find((g) => g.key === group)?.steps;
    const then = previousSteps?.find((s) => s.stage === steps[j]!.stage)?.conversionFromPrevious;
    const now = steps[j]!.conversionFromPrevious;
    const change = changeOf(now === null ? null : now * 100, then === null || then === undefined ? null : then * 100);
    return change === null ? null : this.tf('stepChange', { change: this.fmt.signed(change, 1) });
  }

  private get tf(): Translate<FunnelKey> {
    return this.translator(funnelMessages);
  }

  /** Vertical columns need room for their labels: below 400 px the funnel is drawn in rows. */
  private get drawnOrientation(): 'horizontal' | 'vertical' {
    return this.orientation === 'vertical' && this.sizeClass !== 'narrow' ? 'vertical' : 'horizontal';
  }

  protected defaultLabel(): string {
    return this.tf('title');
  }

  protected override subtitleParts(): string[] {
    const { tf, fmt } = this;
    const options = this.options;
    const parts: string[] = [];
    const steps = this.loader.value ? this.result?.steps : undefined;
    if (steps && steps.length > 1) parts.push(tf('path', { first: this.labelOf(steps[0]!), last: this.labelOf(steps[steps.length - 1]!) }));
    if (options.mode === 'snapshot') parts.push(tf('snapshot'));
    if (options.windowDays !== undefined) parts.push(tf('window', { days: fmt.number(options.windowDays) }));
    if (options.attempts === 'any') parts.push(tf('attempts.any'));
    if (options.filter) parts.push(tf('segment', { value: options.filter.value }));
    if (options.breakdown) parts.push(tf('byField', { field: this.fieldName(options.breakdown) }));
    return parts;
  }

  protected renderSkeleton() {
    const count = this.options.stages?.length ?? SKELETON_STAGES;
    return html`<div class="funnels" data-orientation=${this.drawnOrientation}>
      <div class="funnel-wrap">
        <ol class="funnel skeleton-funnel" aria-hidden="true">
          ${Array.from(
            { length: count },
            (_, j) =>
              html`<li class="stage-item">
                <span class="stage skeleton-stage">
                  <span class="skeleton skeleton-label" part="skeleton"></span>
                  <span class="track"><span class="skeleton skeleton-bar w${j % SKELETON_STAGES}" part="skeleton"></span></span>
                  <span class="skeleton skeleton-count" part="skeleton"></span>
                </span>
              </li>`,
          )}
        </ol>
      </div>
    </div>`;
  }

  protected renderView(state: DataState): WidgetView {
    const result = this.result;
    const tf = this.tf;
    const needs = this.options.mode === 'snapshot' ? 'customers' : 'stageEvents';
    if (state.info && absentCollections(state.info).includes(needs)) return { kind: 'empty', title: tf('absent.title'), text: tf(`absent.${needs}`) };
    if (!result || result.steps.every((s) => s.count === 0)) {
      return { kind: 'empty', title: tf('empty.title'), text: tf(this.options.mode === 'snapshot' ? 'empty.snapshot' : 'empty.text') };
    }
    const grouped = Boolean(this.options.breakdown) && result.groups.length > 0;
    return {
      kind: 'ready',
      body: html`<div class="funnels ${grouped ? 'grouped' : ''}" part="funnels" data-orientation=${this.drawnOrientation}>
          ${grouped
            ? result.groups.map((g) => this.renderFunnel(result.mode, g.steps, g.overallConversion, g.key))
            : this.renderFunnel(result.mode, result.steps, result.overallConversion)}
        </div>
        ${result.mode === 'ordered' ? html`<p class="overall" part="overall">${tf('overall', { rate: this.fmt.percent(result.overallConversion) })}</p>` : nothing}
        ${result.ignoredEvents > 0
          ? html`<p class="ignored" part="ignored">${tf('ignored', { n: this.fmt.number(result.ignoredEvents), count: result.ignoredEvents })}</p>`
          : nothing}`,
      summary: this.summarize(result, grouped),
      table: this.tableOf(result, grouped),
    };
  }

  /** Each funnel's stages with bars and figures, and a legend of what the colours mean, for `download('png')`. */
  protected override exportFigure(): ExportFigure | null {
    const result = this.result;
    if (!result) return null;
    const { fmt, tf } = this;
    const ordered = result.mode === 'ordered';
    const grouped = Boolean(this.options.breakdown) && result.groups.length > 0;
    const picture = (steps: readonly FunnelStep[], title?: string): FunnelPicture => {
      const sizes = barSizes(steps, ordered);
      return {
        title,
        stages: steps.map((step, j) => ({
          name: this.labelOf(step),
          size: sizes[j]!,
          figures: ordered && j > 0 ? `${fmt.number(step.count)} · ${fmt.percent(step.conversionFromFirst)}` : fmt.number(step.count),
        })),
      };
    };
    const funnels = grouped
      ? result.groups.map((g) => picture(g.steps, ordered ? `${this.groupName(g.key)} · ${tf('overall', { rate: fmt.percent(g.overallConversion) })}` : this.groupName(g.key)))
      : [picture(result.steps)];
    const legend: LegendEntry[] = grouped
      ? result.groups.map((g, n) => ({ label: this.groupName(g.key), colours: [seriesColour(n)] }))
      : [{ label: tf(ordered ? 'legend.reached' : 'legend.current'), colours: [seriesColour(0)] }];
    if (ordered) legend.push({ label: tf('legend.lost'), outline: 'var(--_lost)', dashed: true });
    return funnelFigure(funnels, ordered ? tf('overall', { rate: fmt.percent(result.overallConversion) }) : '', legend);
  }

  // ------------------------------------------------------------ words

  private labelOf(step: FunnelStep): string {
    return stageLabel({ key: step.stage, label: step.label }, this.resolvedLocale);
  }

  private fieldName(field: string): string {
    const key = `field.${field}`;
    return key in funnelMessages.en ? this.tf(key as FunnelKey) : field;
  }

  private groupName(key: string): string {
    return key === '' ? this.tf('group.unknown') : key;
  }

  /**
   * Everything a stage stands for, in words: its tooltip, and its button's accessible name (from
   * hidden text rather than aria-label, so the name need not repeat the visible figures in their order).
   */
  private stageText(mode: FunnelResult['mode'], steps: readonly FunnelStep[], j: number, group?: string): string {
    const { fmt, tf } = this;
    const step = steps[j]!;
    const parts = [tf('stage.label', { stage: this.labelOf(step), count: fmt.number(step.count) })];
    if (mode === 'ordered' && j > 0) {
      parts.push(
        tf('stage.step', {
          rate: fmt.percent(step.conversionFromPrevious),
          previous: this.labelOf(steps[j - 1]!),
          lost: fmt.number(step.dropOff),
          time: fmt.duration(step.medianTimeFromPreviousMs),
        }),
        tf('stage.first', { rate: fmt.percent(step.conversionFromFirst), first: this.labelOf(steps[0]!) }),
      );
      const change = this.stepChangeText(steps, j, group);
      if (change) parts.push(change);
    }
    const label = parts.join(tf('sep'));
    return group === undefined ? label : tf('stage.group', { group: this.groupName(group), label });
  }

  private summarize(r: FunnelResult, grouped: boolean): string {
    const { fmt, tf } = this;
    const groups = grouped ? tf('summary.groups', { n: fmt.number(r.groups.length), field: this.fieldName(this.options.breakdown!) }) : '';
    if (r.mode === 'snapshot') {
      return tf('summary.snapshot', { counts: fmt.list(r.steps.map((s) => `${this.labelOf(s)} ${fmt.number(s.count)}`)), groups });
    }
    const first = r.steps[0]!;
    const last = r.steps[r.steps.length - 1]!;
    let worst = 0;
    for (let j = 1; j < r.steps.length; j++) if (r.steps[j]!.dropOff > (r.steps[worst]?.dropOff ?? 0)) worst = j;
    const common = {
      entered: fmt.number(first.count),
      first: this.labelOf(first),
      reached: fmt.number(last.count),
      last: this.labelOf(last),
      rate: fmt.percent(r.overallConversion),
      groups,
    };
    if (worst === 0) return tf('summary.orderedNoLoss', common);
    return tf('summary.ordered', {
      ...common,
      from: this.labelOf(r.steps[worst - 1]!),
      to: this.labelOf(r.steps[worst]!),
      lost: fmt.number(r.steps[worst]!.dropOff),
    });
  }

  private tableOf(r: FunnelResult, grouped: boolean): TableSpec {
    const { fmt, tf } = this;
    const ordered = r.mode === 'ordered';
    const row = (head: string, s: FunnelStep, j: number) =>
      ordered
        ? [
            head,
            fmt.number(s.count),
            fmt.percent(s.conversionFromPrevious),
            fmt.percent(s.conversionFromFirst),
            j === 0 ? '' : fmt.number(s.dropOff),
            fmt.duration(s.medianTimeFromPreviousMs),
          ]
        : [head, fmt.number(s.count)];
    const columns = [{ label: tf('table.stage') }, { label: tf('table.count'), numeric: true }];
    if (ordered) {
      columns.push(
        { label: tf('table.step'), numeric: true },
        { label: tf('table.overall'), numeric: true },
        { label: tf('table.dropOff'), numeric: true },
        { label: tf('table.median'), numeric: true },
      );
    }
    const rows = r.steps.map((s, j) => row(this.labelOf(s), s, j));
    if (grouped) {
      for (const g of r.groups) {
        rows.push(...g.steps.map((s, j) => row(tf('table.groupStage', { group: this.groupName(g.key), stage: this.labelOf(s) }), s, j)));
      }
    }
    return { caption: tf('table.caption'), columns, rows };
  }

  // ------------------------------------------------------------ parts

  private renderStepChange(steps: readonly FunnelStep[], j: number, group?: string) {
    const text = this.stepChangeText(steps, j, group);
    return text ? html`<span class="change" part="step-change">${text}</span>` : nothing;
  }

  private renderFunnel(mode: FunnelResult['mode'], steps: readonly FunnelStep[], overall: number | null, group?: string) {
    const { fmt, tf } = this;
    const key = group === undefined ? OVERALL : `g:${group}`;
    // Stage keys come from the payload: "__proto__" is a stage like any other, so own entries only.
    const active = Math.min(Object.hasOwn(this.activeStages, key) ? this.activeStages[key]! : 0, steps.length - 1);
    const sizes = barSizes(steps, mode === 'ordered');
    const arrow = this.drawnOrientation === 'vertical' ? '→' : '↓';
    const ordered = mode === 'ordered';
    const name = group === undefined ? tf('stages') : this.groupName(group);
    return html`<div class="funnel-wrap" part="group" data-group=${group ?? nothing}>
      ${group === undefined
        ? nothing
        : html`<p class="group-title" part="group-title">
            <span class="group-name">${name}</span>
            ${ordered ? html`<span class="group-overall">${tf('overall', { rate: fmt.percent(overall) })}</span>` : nothing}
          </p>`}
      <ol class="funnel" part="funnel" aria-label=${name}>
        ${steps.map((step, j) => {
          const text = this.stageText(mode, steps, j, group);
          const size = sizes[j]!;
          return html`<li class="stage-item">
            ${ordered && j > 0
              ? html`<p class="step" part="step" aria-hidden="true">
                  <span class="rate">${arrow} ${tf('stepConversion', { rate: fmt.percent(step.conversionFromPrevious) })}</span>
                  <span class="median">${tf('median', { time: fmt.duration(step.medianTimeFromPreviousMs) })}</span>
                  <span class="lost">${tf('dropOff', { n: fmt.signed(-step.dropOff) })}</span>
                  ${this.renderStepChange(steps, j, group)}
                </p>`
              : nothing}
            <button
              class="stage"
              part=${j === active ? 'stage active' : 'stage'}
              data-stage=${step.stage}
              data-index=${j}
              tabindex=${j === active ? 0 : -1}
              @click=${() => this.select(key, j, step, group)}
              @keydown=${(e: KeyboardEvent) => this.onStageKey(e, key, j, steps.length)}
              @focus=${(e: FocusEvent) => this.showTip(e.currentTarget as Element, text)}
              @pointerenter=${(e: PointerEvent) => this.showTip(e.currentTarget as Element, text)}
              @blur=${this.hideTip}
              @pointerleave=${this.hideTip}
            >
              <span class="visually-hidden">${text}</span>
              <span class="name" part="stage-label" aria-hidden="true">${this.labelOf(step)}</span>
              ${barTrack(size, this.drawnOrientation)}
              <span class="figures" aria-hidden="true">
                <span class="count" part="count">${fmt.number(step.count)}</span>
                ${ordered && j > 0 ? html`<span class="share" part="share">${fmt.percent(step.conversionFromFirst)}</span>` : nothing}
              </span>
            </button>
          </li>`;
        })}
      </ol>
    </div>`;
  }

  // ------------------------------------------------------------ user actions (the only sources of crm-select)

  private select(key: string, j: number, step: FunnelStep, group?: string): void {
    this.activeStages = { ...this.activeStages, [key]: j };
    const { stage, count, conversionFromPrevious, conversionFromFirst, dropOff, medianTimeFromPreviousMs } = step;
    emit(
      this,
      new CrmSelectEvent({
        kind: 'stage',
        stage,
        count,
        conversionFromPrevious,
        conversionFromFirst,
        dropOff,
        medianTimeFromPreviousMs,
        ...(group === undefined ? {} : { group }),
      }),
    );
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
