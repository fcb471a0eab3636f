import { expect } from '@open-wc/testing';
import { createFormatter } from '../../../src/i18n/index.js';
import type { FunnelResult, FunnelStep } from '../../../src/metrics/index.js';
import { funnelSubtitle, funnelView, type FunnelReadyView } from '../../../src/elements/crm-lifecycle-funnel/view-model.js';
// The view models are pure: zh-CN's words are there once its module is imported, as in Node.
import '../../../src/locales/zh-CN.js';

const info = { asOf: Date.UTC(2026, 5, 30), asOfFromPayload: true, currency: 'CNY', stages: [], present: { stageEvents: true, customers: true } };
const DAY = 86_400_000;
const step = (stage: string, label: string, count: number, previous: number | null, first: number, median: number | null): FunnelStep =>
  ({
    stage,
    label: { en: label, 'zh-CN': ({ Lead: '线索', Opportunity: '商机', Signed: '签单' } as Record<string, string>)[label]! },
    count,
    conversionFromPrevious: previous === null ? null : count / previous,
    conversionFromFirst: count / first,
    dropOff: previous === null ? 0 : previous - count,
    medianTimeFromPreviousMs: median,
  }) as FunnelStep;

/** 1,000 leads → 360 opportunities → 90 signed: 64 % lost on the first step (640), 75 % on the second (270). */
const steps = [step('lead', 'Lead', 1000, null, 1000, null), step('opportunity', 'Opportunity', 360, 1000, 1000, 4 * DAY), step('signed', 'Signed', 90, 360, 1000, 2.5 * DAY)];
const result = { mode: 'ordered', steps, overallConversion: 0.09, groups: [], ignoredEvents: 3 } as unknown as FunnelResult;

const ready = (locale: 'en' | 'zh-CN', r = result, options = { mode: 'ordered' as const }): FunnelReadyView => {
  const view = funnelView(r, info, options, locale, createFormatter(locale));
  if (view.kind !== 'ready') throw new Error('expected a ready view');
  return view;
};

describe('funnelView(result, info, options, locale, fmt)', () => {
  it('gives each stage its count, share of the first and step figures', () => {
    const [lead, opportunity, signed] = ready('en').funnels[0]!.stages;
    expect([lead!.count, lead!.share, lead!.step]).to.deep.equal(['1,000', null, null]);
    // 360 / 1000 = 36 %; 640 lost; median 4 days.
    expect(opportunity!.share).to.equal('36.0%');
    expect(opportunity!.step).to.deep.equal({ rate: '36.0% converted', median: 'median 4 days', lost: '640 lost' });
    // 90 / 360 = 25 % of the step, 90 / 1000 = 9 % overall, 270 lost.
    expect(signed!.step).to.deep.equal({ rate: '25.0% converted', median: 'median 2.5 days', lost: '270 lost' });
    expect(signed!.share).to.equal('9.0%');
  });

  it('sizes bars against the largest stage and ghosts the previous one', () => {
    const sizes = ready('en').funnels[0]!.stages.map((s) => s.size);
    // 1000 fills the track; 360 → 36 %, 90 → 9 %.
    expect(sizes).to.deep.equal([
      { bar: 100, ghost: null },
      { bar: 36, ghost: 100 },
      { bar: 9, ghost: 36 },
    ]);
  });

  it('writes "流失 640" in zh-CN, never a signed count', () => {
    const stage = ready('zh-CN').funnels[0]!.stages[1]!;
    expect(stage.label).to.equal('商机');
    expect(stage.step!.lost).to.equal('流失 640');
    expect(stage.step!.rate).to.equal('转化率 36.0%');
  });

  it('says the overall conversion, the ignored events and the worst step in the summary', () => {
    const view = ready('en');
    expect(view.overall).to.equal('Overall 9.0%');
    // The headline: 90 of 1,000 leads signed, 9.0 %, with the stages it spans as its label.
    expect(view.headline).to.deep.equal({ value: '9.0%', label: 'converted from Lead to Signed' });
    expect(ready('zh-CN').headline).to.deep.equal({ value: '9.0%', label: '从线索到签单的整体转化率' });
    expect(view.ignored).to.contain('3');
    // The worst step loses 640 (Lead → Opportunity), more than 270.
    expect(view.summary).to.contain('640');
    expect(view.summary).to.contain('Opportunity');
  });

  it('builds the table with the same figures', () => {
    expect(ready('en').table.rows).to.deep.equal([
      ['Lead', '1,000', '—', '100.0%', '', '—'],
      ['Opportunity', '360', '36.0%', '36.0%', '640', '4 days'],
      ['Signed', '90', '25.0%', '9.0%', '270', '2.5 days'],
    ]);
  });

  it('selects a stage with its numbers', () => {
    expect(ready('en').funnels[0]!.stages[2]!.select).to.deep.equal({
      kind: 'stage',
      stage: 'signed',
      count: 90,
      conversionFromPrevious: 0.25,
      conversionFromFirst: 0.09,
      dropOff: 270,
      medianTimeFromPreviousMs: 2.5 * DAY,
    });
  });

  it('names the path, window and segment in the subtitle', () => {
    expect(funnelSubtitle(result, { mode: 'ordered', windowDays: 30, filter: { field: 'region', value: '华东' } }, 'en', createFormatter('en'))).to.deep.equal([
      'Lead → Signed',
      'within 30 days',
      'Segment: 华东',
    ]);
  });

  it('is empty when no stage has anyone, or stage events are absent', () => {
    const none = { ...result, steps: steps.map((s) => ({ ...s, count: 0 })) } as FunnelResult;
    expect(funnelView(none, info, { mode: 'ordered' }, 'en', createFormatter('en')).kind).to.equal('empty');
    expect(funnelView(result, { ...info, present: { stageEvents: false } }, { mode: 'ordered' }, 'en', createFormatter('en')).kind).to.equal('empty');
  });
});
