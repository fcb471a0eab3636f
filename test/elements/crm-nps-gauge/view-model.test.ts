import { expect } from '@open-wc/testing';
import { createFormatter } from '../../../src/i18n/index.js';
import type { NpsResult } from '../../../src/metrics/index.js';
import { npsSubtitle, npsView, type NpsReadyView } from '../../../src/elements/crm-nps-gauge/view-model.js';
// The view models are pure: zh-CN's words are there once its module is imported, as in Node.
import '../../../src/locales/zh-CN.js';

const info = { asOf: Date.UTC(2026, 5, 30), asOfFromPayload: true, currency: 'CNY', stages: [], present: { surveys: true } };
const options = { target: 50, trend: 'month' as const, period: { kind: 'all' as const } };

/** 7 promoters, 2 passives, 3 detractors: NPS = 100 × (7 − 3) / 12 = 33.33; margin 48.08 → −14.7 … +81.4. */
const twelve: NpsResult = {
  responses: 12,
  promoters: 7,
  passives: 2,
  detractors: 3,
  score: 100 * (4 / 12),
  enough: false,
  marginOfError: 48.08,
  lower: 33.33 - 48.08,
  upper: 33.33 + 48.08,
  minResponses: 30,
  interval: 'wald',
  trend: [
    { period: '2026-04', responses: 0, promoters: 0, passives: 0, detractors: 0, score: null, enough: false },
    { period: '2026-05', responses: 40, promoters: 20, passives: 10, detractors: 10, score: 25, enough: true },
    { period: '2026-06', responses: 50, promoters: 15, passives: 15, detractors: 20, score: -10, enough: true },
  ],
  trendTruncated: false,
  breakdown: [],
};

const ready = (locale: 'en' | 'zh-CN', r: NpsResult = twelve, o = options): NpsReadyView => {
  const view = npsView(r, info, o, locale, createFormatter(locale, 'CNY'));
  if (view.kind !== 'ready') throw new Error('expected a ready view');
  return view;
};

describe('npsView(result, info, options, locale, fmt)', () => {
  it('formats the score, the interval and the readout', () => {
    const view = ready('en');
    expect(view.score).to.equal('+33.3');
    expect(view.enough).to.equal(false);
    expect(view.indicative).to.equal('12 responses — below 30, indicative only');
    expect(view.marginLabel).to.equal('±48.1');
    // 33.33 − 48.08 = −14.75 → −14.8 (one decimal); 33.33 + 48.08 = 81.41 → +81.4.
    expect(view.readout.margin).to.equal('95 % interval \u221214.8 to +81.4 (±48.1)');
    // 33.3 − 50 = −16.7 points.
    expect(view.readout.target).to.equal('Target 50 · 16.7 points below target');
    expect(view.readout.responses).to.equal('12 responses');
  });

  it('gives each group its share, count and select payload', () => {
    const view = ready('en');
    // 7 / 12 = 58.3 %, 2 / 12 = 16.7 %, 3 / 12 = 25 %.
    expect(view.categories.map((c) => [c.key, c.share, c.count, c.tip])).to.deep.equal([
      ['promoters', '58.3%', '7', 'Promoters 58.3%'],
      ['passives', '16.7%', '2', 'Passives 16.7%'],
      ['detractors', '25.0%', '3', 'Detractors 25.0%'],
    ]);
    expect(view.categories[2]!.select).to.deep.equal({ kind: 'nps-category', category: 'detractors', count: 3, share: 0.25 });
  });

  it('places the target marker left of the top for a negative target', () => {
    const view = ready('en', twelve, { ...options, target: -20 });
    // −20 of ±100 is 18° left of 12 o'clock: x = −(RADIUS + 12) × sin 18° = −112 × 0.309 = −34.6.
    expect(view.dial.target.x2).to.be.closeTo(-34.61, 0.01);
    expect(view.dial.targetText).to.equal('\u221220');
  });

  it('labels every trend period and selects it with its numbers', () => {
    const trend = ready('en').trend!;
    expect(trend.label).to.equal('Trend by month');
    expect(trend.points.map((p) => p.label)).to.deep.equal([
      '2026-04: not enough responses (0 responses)',
      '2026-05: NPS +25, 40 responses',
      '2026-06: NPS \u221210, 50 responses',
    ]);
    expect(trend.points.map((p) => p.tick)).to.deep.equal(['2026-04', '2026-05', '2026-06']);
    expect(trend.points[2]!.select).to.deep.equal({ kind: 'nps-period', period: '2026-06', score: -10, responses: 50 });
    expect(trend.notEnough).to.equal(null);
    // Scores span −10..25 with 0 inside; the zero line sits between the two scored points.
    expect(trend.zeroY).to.be.within(trend.points[1]!.y!, trend.points[2]!.y!);
  });

  it('says "not enough responses" instead of a line when no period is scored', () => {
    const r: NpsResult = { ...twelve, trend: [twelve.trend[0]!] };
    const trend = ready('en', r).trend!;
    expect(trend.notEnough).to.equal('No period has the 30 responses a score needs yet.');
    expect(trend.summary).to.equal(null);
  });

  it('builds the table view with the same figures', () => {
    const rows = ready('en').table.rows;
    expect(rows[0]).to.deep.equal(['NPS', '+33.3', '12 responses — below 30, indicative only']);
    expect(rows[2]).to.deep.equal(['Margin of error (95 %)', '±48.1', '']);
    expect(rows[5]).to.deep.equal(['Promoters', '7', '58.3%']);
    expect(rows.slice(-1)[0]).to.deep.equal(['NPS 2026-06', '\u221210', '50 responses']);
  });

  it('speaks Chinese in zh-CN', () => {
    const view = ready('zh-CN');
    expect(view.indicative).to.equal('12 份回复，少于 30 份，仅供参考');
    expect(view.categories.map((c) => c.name)).to.deep.equal(['推荐者', '中立者', '贬损者']);
    expect(npsSubtitle({ period: { kind: 'all' }, filter: { field: 'region', value: '华东' } }, 'zh-CN', createFormatter('zh-CN'))[1]).to.contain('华东');
  });

  it('is empty without surveys, or without responses', () => {
    const absent = npsView(twelve, { ...info, present: { surveys: false } }, options, 'en', createFormatter('en'));
    expect(absent).to.deep.equal({ kind: 'empty', title: 'NPS not measured', text: 'The data has no surveys collection, so there is no score to show.' });
    const none = npsView({ ...twelve, responses: 0, score: null }, info, options, 'en', createFormatter('en'));
    expect(none.kind).to.equal('empty');
  });
});
