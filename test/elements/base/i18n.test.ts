import { expect } from '@open-wc/testing';
import { validatePayload } from '../../../src/contract/index.js';
import {
  createFormatter,
  createTranslator,
  describePeriod,
  describeRowIssue,
  matchLocale,
  sharedMessages,
  stageLabel,
} from '../../../src/i18n/index.js';
import { parsePeriod } from '../../../src/metrics/index.js';
import { generateSample, SAMPLE_STAGES } from '../../../src/sample/index.js';

describe('i18n', () => {
  it('matchLocale(tag) maps zh variants to zh-CN, en variants to en, others to null', () => {
    expect(['zh', 'zh-CN', 'zh-Hans-CN', 'zh-SG'].map(matchLocale)).to.deep.equal(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en', 'en-GB'].map(matchLocale)).to.deep.equal(['en', 'en']);
    expect(matchLocale('fr')).to.equal(null);
  });

  it('sharedMessages has the same keys in en and zh-CN', () => {
    expect(Object.keys(sharedMessages['zh-CN']).sort()).to.deep.equal(Object.keys(sharedMessages.en).sort());
  });

  it('createFormatter(locale, currency) formats through Intl', () => {
    const en = createFormatter('en', 'CNY');
    const zh = createFormatter('zh-CN', 'CNY');
    expect(en.number(1234567.891, 1)).to.equal('1,234,567.9');
    expect(en.signed(17)).to.equal('+17');
    expect(en.percent(0.4271)).to.equal('42.7%');
    expect(en.currencyAmount(48210)).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(48210));
    expect(zh.currencyAmount(48210)).to.equal('¥48,210.00');
    expect(zh.date(Date.UTC(2026, 9, 31))).to.equal('2026年10月31日');
    expect(en.duration(4.5 * 86_400_000)).to.equal('4.5 days');
    expect(zh.duration(3 * 3_600_000)).to.equal('3小时');
    expect(en.number(null)).to.equal('—');
  });

  it('createFormatter(locale, unknown currency) still shows the amount and its code', () => {
    expect(createFormatter('en', 'XX1').currencyAmount(5)).to.equal('5 XX1');
  });

  it('describeRowIssue(issue, zh-CN) says path, expected and received in Chinese', () => {
    const payload = generateSample({ seed: 3, customers: 20 }) as unknown as { surveys: Record<string, unknown>[] };
    payload.surveys[1]!['score'] = 12;
    const result = validatePayload(payload);
    if (!result.ok) throw new Error('payload should validate');
    const issue = result.issues.find((i) => i.collection === 'surveys')!;
    const zh = describeRowIssue(issue, 'zh-CN', createTranslator('zh-CN', sharedMessages));
    expect(zh).to.equal('surveys[1].score：超出范围，应为0 到 10 的整数，实际为 12');
    const en = describeRowIssue(issue, 'en', createTranslator('en', sharedMessages));
    expect(en).to.equal('surveys[1].score: out of range, expected an integer from 0 to 10, received 12');
  });

  it('stageLabel(stage, locale) reads the payload label, then English, then the key', () => {
    expect(SAMPLE_STAGES.map((s) => stageLabel(s, 'zh-CN'))).to.deep.equal(['线索', '商机', '签单', '回款']);
    expect(stageLabel({ key: 'won', label: { en: 'Won' } }, 'zh-CN')).to.equal('Won');
    expect(stageLabel({ key: 'won' }, 'en')).to.equal('won');
  });

  it('describePeriod(period) names periods in both locales', () => {
    const t = createTranslator('zh-CN', sharedMessages);
    const fmt = createFormatter('zh-CN');
    expect(describePeriod(parsePeriod('last-90d')!, t, fmt)).to.equal('近 90 天');
    expect(describePeriod(parsePeriod('2026-01-01..2026-03-31')!, t, fmt)).to.equal('2026年1月1日 至 2026年3月31日');
    expect(describePeriod(parsePeriod('last-7d')!, createTranslator('en', sharedMessages), createFormatter('en'))).to.equal('Last 7 days');
  });
});
