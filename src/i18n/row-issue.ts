import type { RowIssue } from '../contract/index.js';
import type { Locale } from './locale.js';
import type { Translate } from './translate.js';
import type { SharedKey } from './messages.js';

/**
 * The validator states `expected` in English; these rules give the Chinese.
 * Unknown phrasings fall through unchanged rather than being guessed at.
 */
const EXPECTED_ZH: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^a non-empty string$/, () => '非空字符串'],
  [/^a string$/, () => '字符串'],
  [/^an ISO 8601 timestamp with an offset or Z, or epoch milliseconds, from (\S+) to (\S+)$/, (m) => `带时区或 Z 的 ISO 8601 时间或毫秒时间戳，范围 ${m[1]} 至 ${m[2]}`],
  [/^an ISO 8601 timestamp with an offset or Z, from (\S+) to (\S+)$/, (m) => `带时区或 Z 的 ISO 8601 时间，范围 ${m[1]} 至 ${m[2]}`],
  [/^a number from (\S+) to (\S+)$/, (m) => `${m[1]} 到 ${m[2]} 之间的数字`],
  [/^an integer from 0 to 10$/, () => '0 到 10 的整数'],
  [/^one of (.+)$/, (m) => `以下之一：${m[1]}`],
  [/^a stage key \((.+)\)$/, (m) => `已定义的阶段（${m[1] === 'none declared' ? '未定义任何阶段' : m[1]}）`],
  [/^an object$/, () => '对象'],
  [/^a customer id listed in customers$/, () => 'customers 中已有的客户 ID'],
  [/^first at (.+)$/, (m) => `首次出现在 ${m[1]}`],
];

export function localizeExpected(expected: string, locale: Locale): string {
  if (locale === 'en') return expected;
  for (const [pattern, say] of EXPECTED_ZH) {
    const match = expected.match(pattern);
    if (match) return say(match);
  }
  return expected;
}

/** One row issue as a sentence in the widget's language, built from its code, path, expected and received. */
export function describeRowIssue(issue: RowIssue, locale: Locale, t: Translate<SharedKey>): string {
  return t(`issue.${issue.code}`, {
    path: issue.path,
    field: issue.field || issue.collection,
    expected: localizeExpected(issue.expected, locale),
    received: issue.received,
  });
}
