/**
 * The funnel's view model: a pure function of the engine's funnel answer, the options, the locale
 * and its formatter → every word, figure, bar length, table row and select payload the element draws.
 */
import type { DatasetInfo } from '../../data/engine/wire.js';
import { createTranslator, stageLabel, type Formatter, type Locale, type Translate } from '../../i18n/index.js';
import { absentCollections } from '../../metrics/measured.js';
import type { FunnelOptions, FunnelResult, FunnelStep } from '../../metrics/index.js';
import type { QueryFilters } from '../../contract/query.js';
import type { TableSpec } from '../base/data-table.js';
import { filterSubtitle } from '../base/filter-subtitle.js';
import type { LegendEntry } from '../base/figure.js';
import { barSizes, type BarSize } from './bar-sizes.js';
import { seriesColour, type FunnelPicture } from './export-figure.js';
import { funnelMessages, type FunnelKey } from './messages.js';

/** Key of the roving tab stop of the overall funnel; group funnels use `g:<group>`. */
export const OVERALL = '*';

export interface StageSelect {
  kind: 'stage';
  stage: string;
  count: number;
  conversionFromPrevious: number | null;
  conversionFromFirst: number | null;
  dropOff: number;
  medianTimeFromPreviousMs: number | null;
  group?: string;
}

export interface StageView {
  stage: string;
  label: string;
  /** Everything the stage stands for in words: its tooltip and its button's accessible name. */
  text: string;
  size: BarSize;
  count: string;
  /** Conversion from the first stage (not on the first stage, nor in a snapshot). */
  share: string | null;
  /** The step from the previous stage (ordered funnels, from the second stage). */
  step: { rate: string; median: string; lost: string } | null;
  select: StageSelect;
}

export interface FunnelView {
  /** Tab-stop key: OVERALL or `g:<group>`. */
  key: string;
  group?: string;
  name: string;
  /** A group's overall conversion beside its name (ordered group funnels only). */
  overall: string | null;
  stages: StageView[];
}

export interface FunnelReadyView {
  kind: 'ready';
  grouped: boolean;
  funnels: FunnelView[];
  /** The headline: the overall conversion large, the stages it spans as its quiet label (ordered funnels only). */
  headline: { value: string; label: string } | null;
  overall: string | null;
  ignored: string | null;
  summary: string;
  table: TableSpec;
  figure: { funnels: FunnelPicture[]; overall: string; legend: LegendEntry[] };
}

export type FunnelViewResult = FunnelReadyView | { kind: 'empty'; title: string; text: string };

interface Words {
  tf: Translate<FunnelKey>;
  fmt: Formatter;
  locale: Locale;
}

const labelOf = ({ locale }: Words, step: FunnelStep) => stageLabel({ key: step.stage, label: step.label }, locale);

function fieldName({ tf }: Words, field: string): string {
  const key = `field.${field}`;
  return key in funnelMessages.en ? tf(key as FunnelKey) : field;
}

const groupName = ({ tf }: Words, key: string) => (key === '' ? tf('group.unknown') : key);

/** Subtitle parts before "as of": the path (once known), mode, window, attempts, segment, breakdown, then the source's filters. */
export function funnelSubtitle(result: FunnelResult | undefined, options: FunnelOptions, locale: Locale, fmt: Formatter, filters?: QueryFilters, info: DatasetInfo | null = null): string[] {
  const words: Words = { tf: createTranslator(locale, funnelMessages), fmt, locale };
  const { tf } = words;
  const parts: string[] = [];
  const steps = result?.steps;
  if (steps && steps.length > 1) parts.push(tf('path', { first: labelOf(words, steps[0]!), last: labelOf(words, steps[steps.length - 1]!) }));
  if (options.mode === 'snapshot') parts.push(tf('snapshot'));
  if (options.windowDays !== undefined) parts.push(tf('window', { days: fmt.number(options.windowDays) }));
  if (options.attempts === 'any') parts.push(tf('attempts.any'));
  if (options.filter) parts.push(tf('segment', { value: options.filter.value }));
  if (options.breakdown) parts.push(tf('byField', { field: fieldName(words, options.breakdown) }));
  return [...parts, ...filterSubtitle(filters, info, locale, fmt)];
}

export function funnelView(result: FunnelResult | undefined, info: DatasetInfo | null, options: FunnelOptions, locale: Locale, fmt: Formatter): FunnelViewResult {
  const words: Words = { tf: createTranslator(locale, funnelMessages), fmt, locale };
  const { tf } = words;
  const needs = options.mode === 'snapshot' ? 'customers' : 'stageEvents';
  if (info && absentCollections(info).includes(needs)) return { kind: 'empty', title: tf('absent.title'), text: tf(`absent.${needs}`) };
  if (!result || result.steps.every((s) => s.count === 0)) {
    return { kind: 'empty', title: tf('empty.title'), text: tf(options.mode === 'snapshot' ? 'empty.snapshot' : 'empty.text') };
  }
  const ordered = result.mode === 'ordered';
  const grouped = Boolean(options.breakdown) && result.groups.length > 0;
  const funnels = grouped
    ? result.groups.map((g) => funnelOf(words, result.mode, g.steps, g.overallConversion, g.key))
    : [funnelOf(words, result.mode, result.steps, result.overallConversion)];
  const overall = ordered ? tf('overall', { rate: fmt.percent(result.overallConversion) }) : null;
  const [first, last] = [result.steps[0], result.steps[result.steps.length - 1]];
  const headline = ordered && first && last ? { value: fmt.percent(result.overallConversion), label: tf('headline.label', { first: labelOf(words, first), last: labelOf(words, last) }) } : null;
  return {
    kind: 'ready',
    grouped,
    funnels,
    overall,
    headline,
    ignored: result.ignoredEvents > 0 ? tf('ignored', { n: fmt.number(result.ignoredEvents), count: result.ignoredEvents }) : null,
    summary: summarize(words, result, grouped ? tf('summary.groups', { n: fmt.number(result.groups.length), field: fieldName(words, options.breakdown!) }) : ''),
    table: tableOf(words, result, grouped),
    figure: {
      funnels: funnels.map((f) => ({
        title: f.group === undefined ? undefined : f.overall ? `${f.name} · ${f.overall}` : f.name,
        stages: f.stages.map((s) => ({ name: s.label, size: s.size, figures: s.share ? `${s.count} · ${s.share}` : s.count })),
      })),
      overall: overall ?? '',
      legend: [
        ...(grouped
          ? funnels.map((f, n) => ({ label: f.name, colours: [seriesColour(n)] }))
          : [{ label: tf(ordered ? 'legend.reached' : 'legend.current'), colours: [seriesColour(0)] }]),
        ...(ordered ? [{ label: tf('legend.lost'), outline: 'var(--_lost)', dashed: true }] : []),
      ],
    },
  };
}

function funnelOf(words: Words, mode: FunnelResult['mode'], steps: readonly FunnelStep[], overall: number | null, group?: string): FunnelView {
  const { tf, fmt } = words;
  const ordered = mode === 'ordered';
  const sizes = barSizes(steps, ordered);
  return {
    key: group === undefined ? OVERALL : `g:${group}`,
    group,
    name: group === undefined ? tf('stages') : groupName(words, group),
    overall: group !== undefined && ordered ? tf('overall', { rate: fmt.percent(overall) }) : null,
    stages: steps.map((step, j) => {
      const { stage, count, conversionFromPrevious, conversionFromFirst, dropOff, medianTimeFromPreviousMs } = step;
      const stepped = ordered && j > 0;
      return {
        stage,
        label: labelOf(words, step),
        text: stageText(words, mode, steps, j, group),
        size: sizes[j]!,
        count: fmt.number(count),
        share: stepped ? fmt.percent(conversionFromFirst) : null,
        // What was lost is a count of people, not a signed change: "640 lost", "流失 640".
        step: stepped
          ? {
              rate: tf('stepConversion', { rate: fmt.percent(conversionFromPrevious) }),
              median: tf('median', { time: fmt.duration(medianTimeFromPreviousMs) }),
              lost: tf('dropOff', { n: fmt.number(dropOff) }),
            }
          : null,
        select: { kind: 'stage', stage, count, conversionFromPrevious, conversionFromFirst, dropOff, medianTimeFromPreviousMs, ...(group === undefined ? {} : { group }) },
      };
    }),
  };
}

function stageText(words: Words, mode: FunnelResult['mode'], steps: readonly FunnelStep[], j: number, group?: string): string {
  const { tf, fmt } = words;
  const step = steps[j]!;
  const parts = [tf('stage.label', { stage: labelOf(words, step), count: fmt.number(step.count) })];
  if (mode === 'ordered' && j > 0) {
    parts.push(
      tf('stage.step', {
        rate: fmt.percent(step.conversionFromPrevious),
        previous: labelOf(words, steps[j - 1]!),
        lost: fmt.number(step.dropOff),
        time: fmt.duration(step.medianTimeFromPreviousMs),
      }),
      tf('stage.first', { rate: fmt.percent(step.conversionFromFirst), first: labelOf(words, steps[0]!) }),
    );
  }
  const label = parts.join(tf('sep'));
  return group === undefined ? label : tf('stage.group', { group: groupName(words, group), label });
}

function summarize(words: Words, r: FunnelResult, groups: string): string {
  const { tf, fmt } = words;
  if (r.mode === 'snapshot') return tf('summary.snapshot', { counts: fmt.list(r.steps.map((s) => `${labelOf(words, s)} ${fmt.number(s.count)}`)), groups });
  const first = r.steps[0]!;
  const last = r.steps[r.steps.length - 1]!;
  let worst = 0;
  for (let j = 1; j < r.steps.length; j++) if (r.steps[j]!.dropOff > (r.steps[worst]?.dropOff ?? 0)) worst = j;
  const common = {
    entered: fmt.number(first.count),
    first: labelOf(words, first),
    reached: fmt.number(last.count),
    last: labelOf(words, last),
    rate: fmt.percent(r.overallConversion),
    groups,
  };
  if (worst === 0) return tf('summary.orderedNoLoss', common);
  return tf('summary.ordered', { ...common, from: labelOf(words, r.steps[worst - 1]!), to: labelOf(words, r.steps[worst]!), lost: fmt.number(r.steps[worst]!.dropOff) });
}

function tableOf(words: Words, r: FunnelResult, grouped: boolean): TableSpec {
  const { tf, fmt } = words;
  const ordered = r.mode === 'ordered';
  const row = (head: string, s: FunnelStep, j: number) =>
    ordered
      ? [head, fmt.number(s.count), fmt.percent(s.conversionFromPrevious), fmt.percent(s.conversionFromFirst), j === 0 ? '' : fmt.number(s.dropOff), fmt.duration(s.medianTimeFromPreviousMs)]
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
  const rows = r.steps.map((s, j) => row(labelOf(words, s), s, j));
  if (grouped) {
    for (const g of r.groups) rows.push(...g.steps.map((s, j) => row(tf('table.groupStage', { group: groupName(words, g.key), stage: labelOf(words, s) }), s, j)));
  }
  return { caption: tf('table.caption'), columns, rows };
}
