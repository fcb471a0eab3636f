/**
 * The customer card's view model: a pure function of the engine's customer answer, the card's
 * options, the locale and its formatter → every word, figure, list, table row and select payload.
 */
import type { StageDef } from '../../contract/index.js';
import { createTranslator, MISSING, sharedMessages, type Formatter, type Locale } from '../../i18n/index.js';
import { segmentLabel } from '../../i18n/segments.js';
import { HEALTH_COMPONENTS, SIGNAL_KINDS } from '../../metrics/types.js';
import { SIGNAL_NEEDS } from '../../metrics/measured.js';
import type { Customer360, HealthBand, SignalKind } from '../../metrics/index.js';
import type { QueryFilters } from '../../contract/query.js';
import type { TableSpec } from '../base/data-table.js';
import { filterSubtitle } from '../base/filter-subtitle.js';
import { collectionName } from '../base/states.js';
import { c360Messages, type C360Key } from './messages.js';
import { revenueSpark, type RevenueSpark } from './revenue-spark.js';
import { itemKind, itemText, npsGroup, signalEvidence, type Words } from './words.js';

export interface C360Options {
  customerId?: string;
  /** Whole days of history before CLV is projected (the "not enough history" text names it). */
  minHistoryDays: number;
  stages: readonly StageDef[];
}

export interface SignalView {
  kind: SignalKind;
  state: 'fired' | 'clear' | 'not-measured';
  name: string;
  evidence: string;
}

export interface TimelineItemView {
  kind: string;
  id: string;
  kindText: string;
  what: string;
  iso: string;
  date: string;
  select: { kind: 'timeline-item'; customerId: string; item: { kind: string; id: string; date: string } };
}

export interface C360ReadyView {
  kind: 'ready';
  profile: { name: string; meta: string; owner: string; since: string; id: string };
  health: {
    score: string;
    /** 0..1 of the meter. */
    fill: number;
    of: string;
    band: HealthBand;
    bandText: string;
    aria: string;
    stage: { key: string; text: string };
    rfm: { text: string; aria: string; segment: string; segmentText: string } | null;
    rfmNone: string;
    partial: string | null;
  };
  figures: { key: string; label: string; value: string }[];
  figuresLabel: string;
  /** Revenue per month (sparkline), null when the answer has no monthly revenue (an older engine). */
  revenue: { label: string; total: string; aria: string; spark: RevenueSpark } | null;
  action: { key: string; text: string; tier: string; tierText: string; because: string | null; becauseText: string | null };
  signals: SignalView[];
  signalsFired: string;
  nps: { answer: string; group: string; comment: string | null } | null;
  tickets: { id: string; text: string }[];
  ticketsCount: string;
  timeline: TimelineItemView[];
  timelineShown: string;
  summary: string;
  table: TableSpec;
}

export type C360View = C360ReadyView | { kind: 'empty'; title: string; text: string };

/** Subtitle parts before "as of": the card is not sliced by the page's filters, and says so when some are set. */
export function c360Subtitle(filters: QueryFilters | undefined, locale: Locale, fmt: Formatter): string[] {
  return filterSubtitle(filters, null, locale, fmt, false);
}

export function c360View(c: Customer360 | null | undefined, options: C360Options, locale: Locale, fmt: Formatter): C360View {
  const tc = createTranslator(locale, c360Messages);
  if (!options.customerId) return { kind: 'empty', title: tc('prompt.title'), text: tc('prompt.text') };
  // undefined: a warm load from cached results that has no copy for this customer yet; the dataset follows.
  if (c === undefined) return { kind: 'empty', title: createTranslator(locale, sharedMessages)('state.loading'), text: '' };
  if (c === null) return { kind: 'empty', title: tc('notFound.title'), text: tc('notFound.text', { id: options.customerId }) };
  const words: Words = { tc, fmt, locale };
  const p = c.profile;
  const h = c.health;
  const bandText = tc(`band.${h.band}`);
  const actionText = (action: string) => {
    const key = `action.${action}` as C360Key;
    const text = tc(key);
    return text === key ? action : text;
  };
  const missing = HEALTH_COMPONENTS.filter((name) => !h.measured.includes(name));
  const componentNames = (list: readonly string[]) => fmt.list(list.map((name) => tc(`component.${name}` as C360Key)));
  const partial = missing.length ? tc('health.partial', { measured: componentNames(h.measured), missing: componentNames(missing) }) : null;
  const v = c.value;
  const figures = [
    { key: 'lifetimeRevenue', label: tc('value.lifetimeRevenue'), value: fmt.currencyAmount(v.lifetimeRevenue) },
    { key: 'orders', label: tc('value.orders'), value: fmt.number(v.orders) },
    { key: 'averageOrderValue', label: tc('value.aov'), value: fmt.currencyAmount(v.averageOrderValue) },
    { key: 'ordersPerYear', label: tc('value.ordersPerYear'), value: fmt.number(v.ordersPerYear, 1) },
    { key: 'clv', label: tc('value.clv'), value: v.clvStatus === 'short-history' ? tc('value.clv.short', { days: fmt.number(options.minHistoryDays) }) : fmt.currencyAmount(v.clv) },
  ];
  const months = c.revenueByMonth ?? [];
  const spark = revenueSpark(months.map((m) => m.revenue));
  const total = fmt.currencyAmount(months.reduce((sum, m) => sum + m.revenue, 0));
  const revenue = spark
    ? { label: tc('revenue.label'), total, aria: tc('revenue.aria', { total, latest: fmt.currencyAmount(months[months.length - 1]!.revenue) }), spark }
    : null;
  const t = createTranslator(locale, sharedMessages);
  const signals = SIGNAL_KINDS.map((kind): SignalView => {
    const signal = c.signals.find((s) => s.kind === kind);
    const measured = c.measured.signals.includes(kind);
    return {
      kind,
      state: signal ? 'fired' : measured ? 'clear' : 'not-measured',
      name: tc(`signal.${kind}`),
      evidence: signal ? signalEvidence(signal, words) : measured ? tc('signal.clear') : tc('signal.notMeasured', { collection: collectionName(SIGNAL_NEEDS[kind], t) }),
    };
  });
  const rfm = c.rfm
    ? {
        text: tc('rfm.scores', { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m }),
        aria: tc('rfm.aria', { r: c.rfm.r, f: c.rfm.f, m: c.rfm.m }),
        segment: c.rfm.segment,
        segmentText: segmentLabel(c.rfm.segment, locale),
      }
    : null;
  const a = c.nextBestAction;
  const survey = c.latestSurvey;
  const npsAnswer = survey ? tc('nps.answer', { score: fmt.number(survey.score), date: fmt.date(survey.date) }) : null;
  const tickets = c.openTickets.map((ticket) => ({
    id: ticket.id,
    text: `${tc('tickets.opened', { date: fmt.date(ticket.openedAt) })} · ${
      ticket.firstResponseAt === null ? tc('tickets.waiting') : tc('tickets.responded', { wait: fmt.duration(ticket.firstResponseAt - ticket.openedAt) })
    }`,
  }));
  const firedNames = c.signals.map((s) => tc(`signal.${s.kind}`));
  const signalsText = c.signals.length ? `${tc('signals.count', { n: fmt.number(c.signals.length), count: c.signals.length })} (${fmt.list(firedNames)})` : tc('signals.none');
  const healthText = [`${fmt.number(h.score)} ${tc('health.of')} · ${bandText}`, partial].filter(Boolean).join(' · ');
  return {
    kind: 'ready',
    profile: {
      name: p.name,
      meta: [p.company, p.segment, p.region].filter((x): x is string => !!x).join(' · '),
      owner: p.owner ?? MISSING,
      since: fmt.date(p.createdAt),
      id: c.customerId,
    },
    health: {
      score: fmt.number(h.score),
      fill: Math.max(0, Math.min(1, h.score / 100)),
      of: tc('health.of'),
      band: h.band,
      bandText,
      aria: tc('health.aria', { score: fmt.number(h.score), band: bandText }),
      stage: { key: h.stage, text: tc(`stage.${h.stage}`) },
      rfm,
      rfmNone: tc('rfm.none'),
      partial,
    },
    figures,
    figuresLabel: tc('value.label'),
    revenue,
    action: {
      key: a.action,
      text: actionText(a.action),
      tier: a.tier,
      tierText: tc(`tier.${a.tier}`),
      because: a.because ?? null,
      becauseText: a.because ? tc('action.because', { signal: tc(`signal.${a.because}`) }) : null,
    },
    signals,
    signalsFired: tc('signals.fired', { n: fmt.number(c.signals.length), total: fmt.number(SIGNAL_KINDS.length) }),
    nps: survey ? { answer: npsAnswer!, group: tc(`nps.${npsGroup(survey.score)}`), comment: survey.comment || null } : null,
    tickets,
    ticketsCount: fmt.number(tickets.length),
    timeline: c.timeline.map((item) => {
      const iso = new Date(item.date).toISOString();
      return {
        kind: item.kind,
        id: item.id,
        kindText: itemKind(item, words),
        what: itemText(item, words, options.stages),
        iso,
        date: fmt.date(item.date),
        select: { kind: 'timeline-item', customerId: c.customerId, item: { kind: item.kind, id: item.id, date: iso } },
      };
    }),
    timelineShown: tc('timeline.shown', { n: fmt.number(c.timeline.length), count: c.timeline.length }),
    summary: tc('summary', {
      name: p.name,
      score: fmt.number(h.score),
      band: bandText,
      stage: tc(`stage.${h.stage}`),
      signals: signalsText,
      revenue: fmt.currencyAmount(v.lifetimeRevenue),
      action: actionText(a.action),
    }),
    table: {
      caption: tc('table.caption', { name: p.name }),
      columns: [{ label: tc('table.measure') }, { label: tc('table.value') }],
      rows: [
        [tc('profile.id'), c.customerId],
        [tc('profile.company'), p.company ?? MISSING],
        [tc('profile.segment'), p.segment ?? MISSING],
        [tc('profile.region'), p.region ?? MISSING],
        [tc('profile.owner'), p.owner ?? MISSING],
        [tc('profile.since'), fmt.date(p.createdAt)],
        ...figures.map((f) => [f.label, f.value]),
        [tc('health.score'), healthText],
        [tc('stage.label'), tc(`stage.${h.stage}`)],
        [tc('rfm.label'), rfm ? `${rfm.text} · ${rfm.segmentText}` : tc('rfm.none')],
        ...signals.map((s) => [s.name, s.evidence]),
        [tc('nps.label'), npsAnswer ?? tc('nps.none')],
        [tc('tickets.label'), c.openTickets.length ? fmt.list(c.openTickets.map((ticket) => ticket.id)) : tc('tickets.none')],
        [tc('action.label'), `${tc(`tier.${a.tier}`)} · ${actionText(a.action)}`],
      ],
    },
  };
}
