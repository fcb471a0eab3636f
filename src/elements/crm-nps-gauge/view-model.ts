/**
 * The gauge's view model: a pure function of the engine's NPS answer, the widget's options, the
 * locale and its formatter. Every word, formatted number, shape and event payload the element
 * draws comes from here, so the element is only a template and this is tested without a DOM.
 */
import type { DatasetInfo } from '../../data/engine/wire.js';
import { createTranslator, describePeriod, sharedMessages, type Formatter, type Locale, type Translate } from '../../i18n/index.js';
import { absentCollections } from '../../metrics/measured.js';
import type { CustomerFilter, NpsResult, Period } from '../../metrics/index.js';
import type { QueryFilters } from '../../contract/query.js';
import type { TableSpec } from '../base/data-table.js';
import { filterSubtitle } from '../base/filter-subtitle.js';
import type { NpsFigureWords } from './export-figure.js';
import { gaugeShapes, pointAt, RADIUS, type GaugeShapes } from './gauge-geometry.js';
import { npsMessages, type NpsKey } from './messages.js';
import { sparkline } from './sparkline.js';

export type NpsCategory = 'promoters' | 'passives' | 'detractors';
export const NPS_CATEGORIES: readonly NpsCategory[] = ['promoters', 'passives', 'detractors'];

/** What of the widget's attributes the view depends on (the metric options went to the engine). */
export interface NpsViewOptions {
  target: number;
  trend: 'month' | 'week' | 'none';
  period: Period;
  filter?: CustomerFilter;
}

export interface NpsCategoryView {
  key: NpsCategory;
  name: string;
  hint: string;
  share: string;
  count: string;
  /** The bar segment's flex weight: its count. */
  weight: number;
  tip: string;
  select: { kind: 'nps-category'; category: NpsCategory; count: number; share: number | null };
}

export interface NpsTrendPointView {
  x: number;
  /** Null: too few responses to score the period. */
  y: number | null;
  /** Where the marker sits: at the score, or on the baseline when there is none. */
  markerY: number;
  label: string;
  /** The period's short name on the axis (e.g. "2026-03"), on the first, last and a few between. */
  tick: string | null;
  select: { kind: 'nps-period'; period: string; score: number | null; responses: number };
}

export interface NpsTrendView {
  label: string;
  /** Screen-reader summary of first and last scored periods, or null when none is scored. */
  summary: string | null;
  /** Shown instead of a line when no period has enough responses. */
  notEnough: string | null;
  truncated: string | null;
  path: string;
  zeroY: number;
  points: NpsTrendPointView[];
}

export interface NpsReadyView {
  kind: 'ready';
  enough: boolean;
  score: string;
  dial: GaugeShapes & { viewBox: string; label: string; targetText: string; low: string; high: string };
  /** Label on the margin-of-error arc: "±2.5". */
  marginLabel: string;
  /** Where that label sits: outside the arc's middle. */
  marginAt: { x: number; y: number } | null;
  indicative: string | null;
  readout: { margin: string; target: string; responses: string };
  distributionLabel: string;
  categories: NpsCategoryView[];
  trend: NpsTrendView | null;
  summary: string;
  table: TableSpec;
  notes: string[];
  figure: NpsFigureWords;
}

export interface NpsEmptyView {
  kind: 'empty';
  title: string;
  text: string;
}

export type NpsView = NpsReadyView | NpsEmptyView;

export interface NpsWords {
  tn: Translate<NpsKey>;
  fmt: Formatter;
}

/**
 * Subtitle parts before "as of": the period, the segment, then the source's filters (its period
 * stands for "all time" when the gauge's own period is all).
 */
export function npsSubtitle(options: Pick<NpsViewOptions, 'period' | 'filter'>, locale: Locale, fmt: Formatter, filters?: QueryFilters, info: DatasetInfo | null = null): string[] {
  const t = createTranslator(locale, sharedMessages);
  const tn = createTranslator(locale, npsMessages);
  const sliced = filters?.time !== undefined && filters.time.kind !== 'all';
  const parts = options.period.kind === 'all' && sliced ? [] : [describePeriod(options.period, t, fmt)];
  if (options.filter) parts.push(tn('segment', { value: options.filter.value }));
  return [...parts, ...filterSubtitle(filters, info, locale, fmt)];
}

export function npsView(result: NpsResult | undefined, info: DatasetInfo | null, options: NpsViewOptions, locale: Locale, fmt: Formatter): NpsView {
  const tn = createTranslator(locale, npsMessages);
  if (info && absentCollections(info).includes('surveys')) return { kind: 'empty', title: tn('absent.title'), text: tn('absent.text') };
  if (!result || result.responses === 0 || result.score === null) return { kind: 'empty', title: tn('empty.title'), text: tn('empty.text') };
  const r = result;
  const score = result.score;
  const words: NpsWords = { tn, fmt };
  const responses = responsesText(words, r.responses);
  const lower = fmt.signed(r.lower, 1);
  const upper = fmt.signed(r.upper, 1);
  const moe = fmt.number(r.marginOfError, 1);
  const target = fmt.number(options.target);
  const versus = versusText(words, score, options.target);
  const indicative = r.enough ? null : indicativeText(words, r);
  const shapes = gaugeShapes(score, r, options.target);
  const categories = NPS_CATEGORIES.map((c): NpsCategoryView => {
    const share = shareOf(r, c);
    return {
      key: c,
      name: tn(c),
      hint: tn(`${c}.hint`),
      share: fmt.percent(share),
      count: fmt.number(r[c]),
      weight: r[c],
      tip: `${tn(c)} ${fmt.percent(share)}`,
      select: { kind: 'nps-category', category: c, count: r[c], share },
    };
  });
  const period = npsSubtitle(options, locale, fmt)[0]!;
  return {
    kind: 'ready',
    enough: r.enough,
    score: fmt.signed(score, 1),
    dial: {
      ...shapes,
      viewBox: `${-RADIUS - 30} ${-RADIUS - 30} ${2 * RADIUS + 60} ${RADIUS + 48}`,
      label: tn('gauge.label', { score: fmt.signed(score, 1), lower, upper, target }),
      targetText: target,
      low: fmt.signed(-100),
      high: fmt.signed(100),
    },
    marginLabel: `±${moe}`,
    marginAt: r.lower !== null && r.upper !== null ? xy(pointAt((r.lower + r.upper) / 2, RADIUS + 20)) : null,
    indicative,
    readout: { margin: tn('margin', { lower, upper, moe }), target: `${tn('target', { target })} · ${versus}`, responses },
    distributionLabel: tn('distribution.label'),
    categories,
    trend: options.trend === 'none' ? null : trendView(words, r, options.trend),
    summary: r.enough
      ? tn('summary.ready', { score: fmt.signed(score, 1), lower, upper, responses, period: tn('period.in', { period }), versus })
      : tn('summary.notEnough', {
          score: fmt.signed(score, 1),
          lower,
          upper,
          responses,
          min: fmt.number(r.minResponses),
          promoters: fmt.number(r.promoters),
          passives: fmt.number(r.passives),
          detractors: fmt.number(r.detractors),
        }),
    table: tableOf(words, r, options.target),
    notes: notesOf(words, r),
    figure: {
      score: fmt.signed(score, 1),
      target,
      low: fmt.signed(-100),
      high: fmt.signed(100),
      readout: [tn('margin', { lower, upper, moe }), `${tn('target', { target })} · ${versus}`, indicative ?? responses],
      trendLabel: tn(options.trend === 'week' ? 'trend.label.week' : 'trend.label.month'),
      categories: { promoters: categories[0]!.tip, passives: categories[1]!.tip, detractors: categories[2]!.tip },
    },
  };
}

const xy = ([x, y]: [number, number]) => ({ x, y });

function shareOf(r: NpsResult, c: NpsCategory): number | null {
  return r.responses > 0 ? r[c] / r.responses : null;
}

function responsesText({ tn, fmt }: NpsWords, n: number): string {
  return tn('responses', { n: fmt.number(n), count: n });
}

function versusText({ tn, fmt }: NpsWords, score: number, target: number): string {
  const diff = score - target;
  if (diff === 0) return tn('vs.on');
  return tn(diff > 0 ? 'vs.above' : 'vs.below', { diff: fmt.number(Math.abs(diff), 1) });
}

function indicativeText(words: NpsWords, r: NpsResult): string {
  return words.tn('indicative', { responses: responsesText(words, r.responses), min: words.fmt.number(r.minResponses) });
}

function notesOf(words: NpsWords, r: NpsResult): string[] {
  const { tn, fmt } = words;
  const notes = [
    tn('note.interval', { method: tn(`method.${r.interval}`), lower: fmt.signed(r.lower, 1), upper: fmt.signed(r.upper, 1), moe: fmt.number(r.marginOfError, 1) }),
  ];
  if (r.interval === 'adjusted-wald') notes.push(tn('note.adjusted', { centre: fmt.signed((100 * (r.promoters - r.detractors)) / (r.responses + 3), 1) }));
  notes.push(r.enough ? tn('note.minimum', { min: fmt.number(r.minResponses) }) : indicativeText(words, r));
  return notes;
}

function tableOf(words: NpsWords, r: NpsResult, target: number): TableSpec {
  const { tn, fmt } = words;
  return {
    caption: tn('table.caption'),
    columns: [{ label: tn('table.measure') }, { label: tn('table.value'), numeric: true }, { label: tn('table.detail'), numeric: true }],
    rows: [
      [tn('table.score'), fmt.signed(r.score, 1), r.enough ? '' : indicativeText(words, r)],
      [tn('table.interval'), `${fmt.signed(r.lower, 1)} … ${fmt.signed(r.upper, 1)}`, ''],
      [tn('table.margin'), `±${fmt.number(r.marginOfError, 1)}`, ''],
      [tn('table.target'), fmt.number(target), ''],
      [tn('table.responses'), fmt.number(r.responses), fmt.percent(1)],
      ...NPS_CATEGORIES.map((c) => [tn(c), fmt.number(r[c]), fmt.percent(shareOf(r, c))]),
      ...r.trend.map((p) => [tn('table.trend', { period: p.period }), p.enough ? fmt.signed(p.score, 1) : '', responsesText(words, p.responses)]),
    ],
  };
}

/** At most this many period names under the trend, so they never collide on a narrow card. */
const MAX_TICKS = 4;

function trendView(words: NpsWords, r: NpsResult, unit: 'month' | 'week'): NpsTrendView {
  const { tn, fmt } = words;
  const { path, points, zeroY } = sparkline(r.trend);
  const label = tn(unit === 'week' ? 'trend.label.week' : 'trend.label.month');
  const scored = points.filter((p) => p.y !== null);
  const first = scored[0]?.point;
  const last = scored[scored.length - 1]?.point;
  const every = Math.max(1, Math.ceil((points.length - 1) / (MAX_TICKS - 1)));
  return {
    label,
    summary: first && last ? tn('trend.summary', { label, first: fmt.signed(first.score, 1), from: first.period, last: fmt.signed(last.score, 1), to: last.period }) : null,
    notEnough: scored.length ? null : tn('trend.none', { min: fmt.number(r.minResponses) }),
    truncated: r.trendTruncated ? tn('trend.truncated', { n: fmt.number(r.trend.length) }) : null,
    path,
    zeroY,
    points: points.map(({ point, x, y, markerY }, i) => {
      const responses = responsesText(words, point.responses);
      return {
        x,
        y,
        markerY,
        label: point.enough ? tn('trend.point', { period: point.period, score: fmt.signed(point.score, 1), responses }) : tn('trend.point.missing', { period: point.period, responses }),
        tick: i % every === 0 || i === points.length - 1 ? point.period : null,
        select: { kind: 'nps-period', period: point.period, score: point.score, responses: point.responses },
      };
    }),
  };
}
