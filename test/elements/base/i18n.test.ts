import { expect } from '@open-wc/testing';
import { validatePayload } from '../../../src/contract/index.js';
import {
  createFormatter,
  createTranslator,
  describePeriod,
  describePayloadError,
  describeRowIssue,
  matchLocale,
  sharedMessages,
  stageLabel,
} from '../../../src/i18n/index.js';
import { warmFormats } from '../../../src/i18n/format.js';
import { parsePeriod } from '../../../src/metrics/index.js';
import { generateSample, SAMPLE_STAGES } from '../../../src/sample/index.js';
import { zhCN } from '../../../src/locales/zh-CN.js';
import '../../../src/locales/zh-TW.js';
import '../../../src/bundle.js';

describe('i18n', () => {
  it('matchLocale(tag) maps zh variants to zh-CN, en variants to en, others to null', () => {
    expect(['zh', 'zh-CN', 'zh-Hans-CN', 'zh-SG'].map(matchLocale)).to.deep.equal(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en', 'en-GB'].map(matchLocale)).to.deep.equal(['en', 'en']);
    expect(matchLocale('fr')).to.equal(null);
  });

  it('sharedMessages has the same keys in en and zh-CN', () => {
    expect(Object.keys(zhCN.shared).sort()).to.deep.equal(Object.keys(sharedMessages.en).sort());
  });

  it('a formatter makes each Intl object on first use only (a widget that lists nothing never pays for a ListFormat)', () => {
    const made: string[] = [];
    const originals = { ListFormat: Intl.ListFormat, DateTimeFormat: Intl.DateTimeFormat, RelativeTimeFormat: Intl.RelativeTimeFormat };
    for (const [name, Original] of Object.entries(originals)) {
      (Intl as unknown as Record<string, unknown>)[name] = class extends (Original as typeof Intl.ListFormat) {
        constructor(...args: ConstructorParameters<typeof Intl.ListFormat>) {
          super(...args);
          made.push(name);
        }
      };
    }
    try {
      // A currency no other test uses: a fresh formatter, not one from the cache.
      const fmt = createFormatter('en', 'ISK');
      expect(made).to.deep.equal([]);
      expect(fmt.list(['a', 'b'])).to.equal('a and b');
      expect(made).to.deep.equal(['ListFormat']);
      fmt.list(['c', 'd']);
      expect(made).to.deep.equal(['ListFormat']);
    } finally {
      Object.assign(Intl, originals);
    }
  });

  it('warmFormats(locale) makes the number and the date format later, each in a task of its own', async () => {
    // The demo page's one task over 50 ms was the worker's start with both formats made in it.
    const made: string[] = [];
    const originals = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
    for (const [name, Original] of Object.entries(originals)) {
      (Intl as unknown as Record<string, unknown>)[name] = class extends (Original as typeof Intl.NumberFormat) {
        constructor(...args: ConstructorParameters<typeof Intl.NumberFormat>) {
          super(...args);
          made.push(name);
          // Runs before the next task: a format made in the same task comes before it.
          queueMicrotask(() => made.push(`end of the task of ${name}`));
        }
      };
    }
    try {
      // A currency no other test uses: a fresh formatter, not one from the cache.
      warmFormats('en', 'ZAR');
      expect(made).to.deep.equal([]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(made).to.deep.equal(['NumberFormat', 'end of the task of NumberFormat', 'DateTimeFormat', 'end of the task of DateTimeFormat']);
    } finally {
      Object.assign(Intl, originals);
    }
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
    const zh = describeRowIssue(issue, createTranslator('zh-CN', sharedMessages));
    expect(zh).to.equal('surveys[1].score：超出范围，应为0 到 10 的整数，实际为 12');
    const en = describeRowIssue(issue, createTranslator('en', sharedMessages));
    expect(en).to.equal('surveys[1].score: out of range, expected an integer from 0 to 10, received 12');
  });

  it('says what a field expects from its code and parameters, in Traditional Chinese too (no English, no Simplified)', () => {
    const payload = generateSample({ seed: 3, customers: 20 }) as unknown as { orders: Record<string, unknown>[]; interactions: Record<string, unknown>[] };
    payload.orders[2]!['date'] = '2026-02-30T10:00:00Z';
    payload.interactions[0]!['channel'] = 'fax';
    const result = validatePayload(payload);
    if (!result.ok) throw new Error('payload should validate');
    const date = result.issues.find((i) => i.collection === 'orders')!;
    const channel = result.issues.find((i) => i.collection === 'interactions')!;
    expect(date.expectation).to.deep.equal({ code: 'timestamp', params: { from: '1900-01-01', to: '2199-12-31' } });
    const tw = createTranslator('zh-TW', sharedMessages);
    expect(describeRowIssue(date, tw)).to.equal('orders[2].date：應為帶時區或 Z 的 ISO 8601 時間，範圍 1900-01-01 至 2199-12-31，實際為 "2026-02-30T10:00:00Z"');
    expect(describeRowIssue(channel, tw)).to.equal('interactions[0].channel：超出範圍，應為下列之一：email, phone, wechat, sms, meeting, visit, chat, other，實際為 "fax"');
    expect(describeRowIssue(date, createTranslator('zh-CN', sharedMessages))).to.contain('应为带时区或 Z 的 ISO 8601 时间，范围 1900-01-01 至 2199-12-31');
  });

  it('says why a payload was refused from its code, in each language', () => {
    const refused = validatePayload({ schemaVersion: 2 });
    if (refused.ok) throw new Error('schemaVersion 2 must be refused');
    expect(refused.error).to.deep.include({ path: 'schemaVersion', code: 'schema-version', params: { expected: '1', received: '2' } });
    expect(refused.error.message).to.equal('schemaVersion: expected schemaVersion 1');
    expect(describePayloadError(refused.error, createTranslator('zh-CN', sharedMessages))).to.equal('应为 schemaVersion 1，实际为 2');
    expect(describePayloadError(refused.error, createTranslator('zh-TW', sharedMessages))).to.equal('應為 schemaVersion 1，實際為 2');
    const columns = validatePayload({ schemaVersion: 1, orders: { columns: { id: ['O1', 'O2'], customerId: ['C1'], date: [0, 0], amount: [1, 2] } } });
    if (columns.ok) throw new Error('ragged columns must be refused');
    expect(describePayloadError(columns.error, createTranslator('zh-CN', sharedMessages))).to.equal('应有 2 个值（与 orders.columns.id 相同），实际为 1');
  });

  it('has a message for every expectation and payload error code in en, zh-CN and zh-TW', () => {
    const expectations = ['non-empty-string', 'string', 'timestamp', 'timestamp-or-ms', 'arrow-timestamp', 'amount', 'cents', 'score', 'one-of', 'stage-key', 'object', 'arrow-struct', 'listed-customer', 'kept-customer-row', 'first-at'];
    const payloadErrors = ['not-object', 'schema-version', 'collection-shape', 'as-of', 'as-of-clock', 'currency', 'stage-key-empty', 'too-many-stages', 'too-many-stage-keys', 'duplicate-stage', 'column-missing', 'amount-column-missing', 'column-length', 'arrow-url', 'arrow-no-bytes', 'arrow-stream', 'arrow-unreadable', 'arrow-both-amounts', 'arrow-customer-rows', 'envelope'];
    const keys = [...expectations.map((c) => `expect.${c}`), ...payloadErrors.map((c) => `payload.${c}`)];
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      const t = createTranslator(locale, sharedMessages) as (key: string) => string;
      for (const key of keys) expect(t(key), `${locale} ${key}`).to.not.equal(key);
    }
  });

  it('shows a refused payload wholly in Chinese in a zh-CN widget', async () => {
    const gauge = document.createElement('crm-nps-gauge') as HTMLElement & { data: unknown; locale: string; taskComplete: Promise<void> };
    gauge.locale = 'zh-CN';
    gauge.data = { schemaVersion: 2 };
    document.body.append(gauge);
    for (let i = 0; i < 200 && !gauge.shadowRoot?.querySelector('[part~="error-details"]'); i++) await new Promise((r) => setTimeout(r, 20));
    const details = gauge.shadowRoot!.querySelector('[part~="error-details"]')!.textContent!.replace(/\s+/g, ' ');
    gauge.remove();
    expect(details).to.contain('位置 schemaVersion：应为 schemaVersion 1，实际为 2');
    expect(details).to.not.match(/expected|received/);
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
