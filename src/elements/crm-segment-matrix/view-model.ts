/**
 * The matrix's view model: a pure function of the engine's grid answer, the axes and scoring
 * options, the locale and its formatter → cells with their boxes, colours and words, the axes,
 * the legend, the segment boundaries, the table view, the notes and the drill-down's words.
 */
import type { QueryFilters, QueryOf, ResultOf } from '../../contract/query.js';
import type { DatasetInfo } from '../../data/engine/wire.js';
import { createTranslator, type Formatter, type Locale, type Translate } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import { absentCollections } from '../../metrics/measured.js';
import { changeOf } from '../../metrics/previous-period.js';
import type { RfmAxis, RfmOptions, RfmSegment, RfmWarning } from '../../metrics/index.js';
import { RFM_SEGMENTS } from '../../metrics/types.js';
import type { TableSpec } from '../base/data-table.js';
import { filterSubtitle } from '../base/filter-subtitle.js';
import type { LegendEntry } from '../base/figure.js';
import { cellColour, type ColorBy } from './colour-scale.js';
import type { ColumnId } from './drill-columns.js';
import type { DrillRow } from './drill-rows.js';
import { cellBox, labelCells, SCORES, segmentAt, segmentOutline, xCentre, yCentre, type Box } from './matrix-geometry.js';
import { matrixMessages, type MatrixKey } from './messages.js';

/** Past this share of the ramp the tile is dark enough (in the light theme; light enough in the dark one) for surface-coloured text. */
const STRONG_FROM = 0.62;

export type Grid = ResultOf<'rfm-grid'>;

const AXES: readonly RfmAxis[] = ['r', 'f', 'm'];
/** An axis attribute as used: one of `r`, `f`, `m`, else the fallback. */
export const axisOf = (value: unknown, fallback: RfmAxis): RfmAxis => (AXES.includes(value as RfmAxis) ? (value as RfmAxis) : fallback);
export type GridCell = Grid['cells'][number];

export interface MatrixViewOptions {
  xAxis: RfmAxis;
  yAxis: RfmAxis;
  colorBy: ColorBy;
  rfm: RfmOptions;
}

export interface CellView {
  x: number;
  y: number;
  box: Box;
  /** CSS colour; null for an empty cell (drawn as an outline). */
  fill: string | null;
  /** Past the middle of the ramp the count is written in the surface colour, so it reads without a plate. */
  strong: boolean;
  empty: boolean;
  /** The cell's accessible name and tooltip. */
  label: string;
  /** The segment's name, in the segment's first cell from the top-left. */
  segmentName: string | null;
  count: string;
  share: string;
  /** The count's change against the period before the source's time filter, signed ("+3", "−2"); null without one. */
  change: string | null;
}

export interface MatrixReadyView {
  kind: 'ready';
  /** Top row first, as the grid reads. */
  rows: CellView[][];
  gridLabel: string;
  xTitle: string;
  xHint: string;
  yTitle: string;
  ticks: { score: number; x: number; y: number }[];
  outline: string | null;
  legend: { title: string; low: string; high: string; lowHint: string; highHint: string; ramp: string[]; empty: string; segments: string | null; noSegments: string };
  summary: string;
  table: TableSpec;
  notes: string[];
  figure: { cells: Map<string, { count: string; share: string }>; legend: LegendEntry[] };
}

export type MatrixView = MatrixReadyView | { kind: 'empty'; title: string; text: string };

interface Words {
  tn: Translate<MatrixKey>;
  fmt: Formatter;
  locale: Locale;
  options: MatrixViewOptions;
}

const customersText = ({ tn, fmt }: Words, n: number) => tn('customers', { n: fmt.number(n), count: n });
const axisName = ({ tn }: Words, axis: RfmAxis) => tn(`axis.${axis}`);
export const cellName = ({ tn, options }: Pick<Words, 'tn' | 'options'>, x: number, y: number) =>
  tn('cell.name', { x: `${tn(`short.${options.xAxis}`)}${x}`, y: `${tn(`short.${options.yAxis}`)}${y}` });
const shareOf = (cell: GridCell, grid: Grid) => (grid.scored > 0 ? cell.count / grid.scored : null);

/** Subtitle parts before "as of": the filters the source answers the matrix with. */
export function matrixSubtitle(filters: QueryFilters | undefined, info: DatasetInfo | null, locale: Locale, fmt: Formatter): string[] {
  return filterSubtitle(filters, info, locale, fmt);
}

/** A cell's count now minus its count in the previous period's grid (docs/metrics.md); null without one. */
const countChange = (cell: GridCell, previous: Grid | undefined) => changeOf(cell.count, previous?.cells[(cell.y - 1) * 5 + (cell.x - 1)]?.count);

/**
 * `previous`: the same grid over the period before the source's time filter, when the page sets one
 * and the engine has answered it; each cell's label and the table then carry the count's change.
 */
export function matrixView(grid: Grid | undefined, info: DatasetInfo | null, options: MatrixViewOptions, locale: Locale, fmt: Formatter, previous?: Grid): MatrixView {
  const tn = createTranslator(locale, matrixMessages);
  const words: Words = { tn, fmt, locale, options };
  if (info && absentCollections(info).includes('orders')) return { kind: 'empty', title: tn('absent.title'), text: tn('absent.text') };
  if (!grid || grid.scored === 0) {
    const n = grid?.unscored ?? 0;
    return { kind: 'empty', title: tn('empty.title'), text: tn('empty.text', { n: fmt.number(n), count: n, date: fmt.date(info?.asOf ?? null) }) };
  }
  const { xAxis, yAxis, colorBy } = options;
  const segment = segmentAt(xAxis, yAxis);
  const colour = cellColour(colorBy, grid.cells);
  const labels = segment ? labelCells(segment) : new Map<string, RfmSegment>();
  const [lo, hi] = colour.domain;
  const cellOf = (cell: GridCell): CellView => {
    const value = colour.value(cell);
    const seg = segment ? segment(cell.x, cell.y) : null;
    const change = countChange(cell, previous);
    const changeText = change === null ? null : fmt.signed(change);
    const label = tn('cell.label', {
      cell: cellName(words, cell.x, cell.y),
      n: fmt.number(cell.count),
      count: cell.count,
      share: fmt.percent(shareOf(cell, grid)),
      colour: colourText(words, cell),
      segment: seg ? tn('cell.segment', { segment: segmentLabel(seg, locale) }) : '',
      change: changeText === null ? '' : tn('cell.change', { change: changeText }),
    });
    const first = labels.get(`${cell.x},${cell.y}`);
    return {
      x: cell.x,
      y: cell.y,
      box: cellBox(cell.x, cell.y),
      fill: colour.fill(cell),
      strong: value !== null && (value - lo) / (hi - lo || 1) > STRONG_FROM,
      empty: cell.count === 0,
      label,
      segmentName: first ? segmentLabel(first, locale) : null,
      count: fmt.number(cell.count),
      share: fmt.percent(shareOf(cell, grid)),
      change: changeText,
    };
  };
  const end = (v: number) => (colorBy === 'monetary' ? fmt.currencyAmount(v) : fmt.number(v, colorBy === 'm-score' ? 1 : 0));
  const legendTitle = tn('legend.colour', { measure: tn(`colorBy.${colorBy}`) });
  const xTitle = tn('axis.title', { axis: axisName(words, xAxis) });
  const xHint = tn(`axis.hint.${xAxis}`);
  return {
    kind: 'ready',
    rows: [...SCORES].reverse().map((y) => SCORES.map((x) => cellOf(grid.cells[(y - 1) * 5 + (x - 1)]!))),
    gridLabel: tn('grid.label', { x: axisName(words, xAxis), y: axisName(words, yAxis) }),
    xTitle,
    xHint,
    yTitle: tn('axis.title', { axis: axisName(words, yAxis) }),
    ticks: SCORES.map((score) => ({ score, x: xCentre(score), y: yCentre(score) })),
    outline: segment ? segmentOutline(segment) : null,
    legend: {
      title: legendTitle,
      low: end(lo),
      high: end(hi),
      lowHint: tn('legend.low'),
      highHint: tn('legend.high'),
      ramp: colour.ramp,
      empty: tn('legend.empty'),
      segments: segment ? tn('legend.segment') : null,
      noSegments: tn('legend.noSegments'),
    },
    summary: summarize(words, grid, segment),
    table: tableOf(words, grid, segment, previous),
    notes: [scoringText(words), ...grid.warnings.map((w) => warningText(words, w, grid.scored))],
    figure: {
      cells: new Map(grid.cells.filter((c) => c.count > 0).map((c) => [`${c.x},${c.y}`, { count: fmt.number(c.count), share: fmt.percent(shareOf(c, grid)) }])),
      legend: [
        { label: `${legendTitle} (${end(lo)} – ${end(hi)})`, colours: colour.ramp },
        { label: tn('legend.empty'), outline: 'var(--_empty)', dashed: true },
        ...(segment ? [{ label: tn('legend.segment'), outline: 'var(--_outline)' }] : []),
      ],
    },
  };
}

function colourText({ tn, fmt, options }: Words, cell: GridCell): string {
  const mode = options.colorBy;
  const value = mode === 'm-score' ? fmt.number(cell.meanM, 1) : mode === 'monetary' ? fmt.currencyAmount(cell.monetary) : fmt.number(cell.count);
  return tn(`colour.value.${mode}`, { value });
}

function summarize(words: Words, grid: Grid, segment: ((x: number, y: number) => RfmSegment) | null): string {
  const { tn, fmt, locale, options } = words;
  const largest = grid.cells.reduce((a, b) => (b.count > a.count ? b : a));
  return tn('summary', {
    scored: customersText(words, grid.scored),
    x: axisName(words, options.xAxis),
    y: axisName(words, options.yAxis),
    cell: cellName(words, largest.x, largest.y),
    segment: segment ? tn('summary.segment', { segment: segmentLabel(segment(largest.x, largest.y), locale) }) : '',
    count: customersText(words, largest.count),
    share: fmt.percent(shareOf(largest, grid)),
    unscored: grid.unscored > 0 ? tn('summary.unscored', { n: fmt.number(grid.unscored), count: grid.unscored }) : '',
  });
}

function tableOf(words: Words, grid: Grid, segment: ((x: number, y: number) => RfmSegment) | null, previous: Grid | undefined): TableSpec {
  const { tn, fmt, locale } = words;
  // Top row of the matrix first, as it reads on screen.
  const cells = [...grid.cells].sort((a, b) => b.y - a.y || a.x - b.x);
  return {
    caption: tn('table.caption'),
    columns: [
      { label: tn('table.cell') },
      ...(segment ? [{ label: tn('table.segment') }] : []),
      { label: tn('table.customers'), numeric: true },
      ...(previous ? [{ label: tn('table.change'), numeric: true }] : []),
      { label: tn('table.share'), numeric: true },
      { label: tn('table.meanM'), numeric: true },
      { label: tn('table.monetary'), numeric: true },
    ],
    rows: cells.map((c) => [
      cellName(words, c.x, c.y),
      ...(segment ? [segmentLabel(segment(c.x, c.y), locale)] : []),
      fmt.number(c.count),
      ...(previous ? [fmt.signed(countChange(c, previous))] : []),
      fmt.percent(shareOf(c, grid)),
      fmt.number(c.meanM, 1),
      fmt.currencyAmount(c.monetary),
    ]),
  };
}

function scoringText({ tn, fmt, options }: Words): string {
  const { ties, thresholds, frequency } = options.rfm;
  const axis = (a: RfmAxis) => {
    const fixed = thresholds?.[a];
    if (fixed) return tn('scoring.thresholds', { axis: tn(`short.${a}`), list: fmt.list(fixed.map((t) => fmt.number(t, 2))) });
    return tn(ties === 'dense' ? 'scoring.dense' : 'scoring.low', { axis: tn(`short.${a}`) });
  };
  return tn('note.scoring', { r: axis('r'), f: axis('f'), m: axis('m'), frequency: tn(frequency === 'days' ? 'frequency.days' : 'frequency.orders') });
}

/** A value on one axis in words: days since the last purchase, orders or purchase days, an amount. */
function axisValue({ tn, fmt, options }: Words, axis: RfmAxis, value: number): string {
  if (axis === 'm') return fmt.currencyAmount(value);
  const key = axis === 'r' ? 'value.r' : options.rfm.frequency === 'days' ? 'value.f.days' : 'value.f.orders';
  return tn(key, { n: fmt.number(value), count: value });
}

/** "no customer has F = 2: 51 % are tied at 1 order", for the details view. */
function warningText(words: Words, w: RfmWarning, scored: number): string {
  const { tn, fmt } = words;
  const axis = tn(`short.${w.axis}`);
  if (w.range) {
    const name = w.axis === 'r' ? tn('range.days') : axis;
    const show = (v: number) => (w.axis === 'm' ? fmt.currencyAmount(v) : fmt.number(v));
    const { from, to } = w.range;
    // F and M are from ≤ v < to; R counts days, from < d ≤ to.
    const [low, high] = w.axis === 'r' ? ['<', '≤'] : ['≤', '<'];
    const range =
      from === null ? `${name} ${high} ${show(to!)}` : to === null ? `${name} ${w.axis === 'r' ? '>' : '≥'} ${show(from)}` : `${show(from)} ${low} ${name} ${high} ${show(to)}`;
    return tn('warning.threshold', { axis, score: w.score, range });
  }
  if (w.tie) return tn('warning.tie', { axis, score: w.score, share: fmt.percent(w.tie.share), value: axisValue(words, w.axis, w.tie.value) });
  if (scored < 5) return tn('warning.few', { axis, score: w.score, n: fmt.number(scored), count: scored });
  return tn('warning.other', { axis, score: w.score });
}

// ---------------------------------------------------------------- the drill-down

export interface DrillRowView {
  customerId: string;
  name: string;
  company: string;
  recency: string;
  frequency: string;
  monetary: string;
  segment: string;
  band: DrillRow['band'];
  health: string;
}

/** A drill-down row as the table shows it. */
export function drillRowView(row: DrillRow, locale: Locale, fmt: Formatter): DrillRowView {
  const tn = createTranslator(locale, matrixMessages);
  return {
    customerId: row.customerId,
    name: row.name,
    company: row.company,
    recency: fmt.daysAgo(row.recencyDays),
    frequency: fmt.number(row.frequency),
    monetary: fmt.currencyAmount(row.monetary),
    segment: row.segmentLabel,
    band: row.band,
    health: row.health === null || row.band === null ? fmt.number(null) : tn('health.value', { score: fmt.number(row.health), band: tn(`band.${row.band}`) }),
  };
}

/** The drill-down's heading, pager status and a column's header, in words. */
export function drillWords(cell: GridCell, options: MatrixViewOptions, page: { index: number; size: number; pages: number; total: number }, locale: Locale, fmt: Formatter) {
  const tn = createTranslator(locale, matrixMessages);
  const segment = segmentAt(options.xAxis, options.yAxis);
  const name = cellName({ tn, options }, cell.x, cell.y);
  const from = page.total === 0 ? 0 : page.index * page.size + 1;
  const to = Math.min(page.total, (page.index + 1) * page.size);
  const status = tn('pager.status', { page: fmt.number(page.index + 1), pages: fmt.number(page.pages), from: fmt.number(from), to: fmt.number(to), total: fmt.number(page.total) });
  return {
    title: tn('drill.title', {
      cell: name,
      segment: segment ? tn('summary.segment', { segment: segmentLabel(segment(cell.x, cell.y), locale) }) : '',
      customers: tn('customers', { n: fmt.number(cell.count), count: cell.count }),
    }),
    caption: tn('drill.caption', { cell: name, page: status }),
    status,
    header: (id: ColumnId) => tn(id === 'frequency' && options.rfm.frequency === 'days' ? 'col.frequency.days' : `col.${id}`),
  };
}

// ---------------------------------------------------------------- the migration, the drill-down's query, the keys

export interface MigrationView {
  title: string;
  stayed: string;
  columns: [string, string, string];
  /** The largest flows between two different segments, at most eight: then, now, customers. */
  rows: [string, string, string][];
}

const MIGRATION_ROWS = 8;

/** The segment migration in words (docs/metrics.md, "Segment migration"). */
export function migrationView(migration: ResultOf<'rfm-migration'>, locale: Locale, fmt: Formatter): MigrationView {
  const tn = createTranslator(locale, matrixMessages);
  const name = (segment: RfmSegment | null) => (segment ? segmentLabel(segment, locale) : tn('migration.unscored'));
  return {
    title: tn('migration.title', { date: fmt.date(migration.from) }),
    stayed: tn('migration.stayed', { stayed: fmt.number(migration.stayed), customers: fmt.number(migration.customers) }),
    columns: [tn('migration.from'), tn('migration.to'), tn('migration.customers')],
    rows: migration.flows
      .filter((flow) => flow.from !== flow.to)
      .slice(0, MIGRATION_ROWS)
      .map((flow) => [name(flow.from), name(flow.to), fmt.number(flow.customers)]),
  };
}

export interface DrillState {
  sorting: { id: string; desc: boolean }[];
  search: string;
  offset: number;
  limit: number;
}

/**
 * The engine's page query for an open cell under the table's sorting, search and page: text sorts
 * with the page's collator, segments in the order their names sort in the page's language, and a
 * search also matches segments by their name.
 */
export function drillQuery(options: MatrixViewOptions, cell: { x: number; y: number }, state: DrillState, locale: Locale, collator: Intl.Collator): QueryOf<'rfm-page'>['options'] {
  const text = state.search.trim().toLowerCase();
  const sort = state.sorting[0];
  const segmentOrder = () => [...RFM_SEGMENTS].sort((a, b) => collator.compare(segmentLabel(a, locale), segmentLabel(b, locale)));
  return {
    ...options.rfm,
    x: options.xAxis,
    y: options.yAxis,
    cell,
    ...(sort ? { sort: { column: sort.id as ColumnId, desc: sort.desc, locale, segmentOrder: segmentOrder() } } : {}),
    ...(text ? { search: { text, segments: RFM_SEGMENTS.filter((s) => segmentLabel(s, locale).toLowerCase().includes(text)) } } : {}),
    offset: state.offset,
    limit: state.limit,
  };
}

/** Where a key moves the tab stop from a cell (score 5 is the top row), kept inside the grid; null for other keys. */
export function cellMove(key: string, cell: { x: number; y: number }): { x: number; y: number } | null {
  const moves: Record<string, { x: number; y: number }> = {
    ArrowLeft: { x: cell.x - 1, y: cell.y },
    ArrowRight: { x: cell.x + 1, y: cell.y },
    ArrowUp: { x: cell.x, y: cell.y + 1 },
    ArrowDown: { x: cell.x, y: cell.y - 1 },
    Home: { x: 1, y: cell.y },
    End: { x: 5, y: cell.y },
  };
  const next = moves[key];
  return next ? { x: Math.min(5, Math.max(1, next.x)), y: Math.min(5, Math.max(1, next.y)) } : null;
}
