import type { StageDef } from '../../contract/index.js';
import { stageLabel, type Formatter, type Locale, type Translate } from '../../i18n/index.js';
import type { Signal, TimelineItem } from '../../metrics/index.js';
import type { C360Key } from './messages.js';

/** What the word functions need: the card's translator, formatter and locale. */
export interface Words {
  tc: Translate<C360Key>;
  fmt: Formatter;
  locale: Locale;
}

const num = (value: number | string | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * A fired signal's evidence as a phrase: "no interaction for 124 days", "spend down 42% on the
 * previous 90 days" … The metrics give numbers only; the words live here so both locales agree.
 */
export function signalEvidence(signal: Signal, { tc, fmt }: Words): string {
  const e = signal.evidence;
  switch (signal.kind) {
    case 'silent': {
      const days = num(e['daysSinceInteraction']);
      return days === null ? tc('evidence.silent.never') : tc('evidence.silent', { days: fmt.number(days), count: days });
    }
    case 'spend_drop':
      return tc('evidence.spend_drop', { change: fmt.percent(Math.abs(num(e['change']) ?? 0)), window: fmt.number(num(e['windowDays'])) });
    case 'detractor':
      return tc('evidence.detractor', { score: fmt.number(num(e['score'])) });
    case 'service': {
      const main = tc('evidence.service', { ticket: String(e['ticketId'] ?? ''), hours: fmt.number(num(e['worstWaitHours']), 1) });
      const slow = num(e['slowTickets']) ?? 0;
      return slow > 1 ? `${main}; ${tc('evidence.service.more', { n: fmt.number(slow), count: slow })}` : main;
    }
    case 'under_engaged': {
      const n = num(e['interactions']) ?? 0;
      return tc('evidence.under_engaged', { n: fmt.number(n), count: n, window: fmt.number(num(e['windowDays'])), min: fmt.number(num(e['minimum'])) });
    }
  }
}

/** NPS group of a 0..10 score, for the words next to the latest answer. */
export const npsGroup = (score: number): 'promoter' | 'passive' | 'detractor' => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** The kind of a timeline item in words; a negative order is a refund. */
export function itemKind(item: TimelineItem, { tc }: Words): string {
  if (item.kind === 'order' && (num(item.detail['amount']) ?? 0) < 0) return tc('kind.refund');
  return tc(`kind.${item.kind}`);
}

/** What happened, in a short phrase after the kind ("O12: ¥1,204.00", "by WeChat", "D000123 reached Signed"). */
export function itemText(item: TimelineItem, words: Words, stages: readonly StageDef[]): string {
  const { tc, fmt, locale } = words;
  const d = item.detail;
  switch (item.kind) {
    case 'order':
      return tc('item.order', { id: item.id, amount: fmt.currencyAmount(num(d['amount'])) });
    case 'interaction':
      return tc('item.interaction', { channel: tc(`channel.${String(d['channel'] ?? 'other')}` as C360Key) });
    case 'survey': {
      const comment = typeof d['comment'] === 'string' && d['comment'] ? ` · “${d['comment']}”` : '';
      return tc('item.survey', { score: fmt.number(num(d['score'])) }) + comment;
    }
    case 'ticket': {
      const resolved = num(d['resolvedAt']);
      const status = resolved === null ? tc('item.ticket.open') : tc('item.ticket.resolved', { date: fmt.date(resolved) });
      return tc('item.ticket', { id: item.id, status });
    }
    case 'stage': {
      const key = String(d['stage'] ?? '');
      const def = stages.find((s) => s.key === key);
      return tc('item.stage', { id: item.id, stage: def ? stageLabel(def, locale) : key });
    }
  }
}
