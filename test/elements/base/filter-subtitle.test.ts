import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import '../../../src/elements/crm-customer-360/index.js';
import { filterPayload } from '../../metrics/filter-payload.js';
import { createFormatter } from '../../../src/i18n/index.js';
import { filterSubtitle, filterTexts } from '../../../src/elements/base/filter-subtitle.js';
// The view models are pure: zh-CN's words are there once its module is imported, as in Node.
import '../../../src/locales/zh-CN.js';

const info = { stages: [{ key: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } }, { key: 'customer', label: { en: 'Customer', 'zh-CN': '成交客户' } }] };
const en = createFormatter('en');
const zh = createFormatter('zh-CN');
const last90 = { kind: 'last-days', days: 90 } as const;

describe('filterSubtitle(filters, info, locale, fmt)', () => {
  it('names each filtered field with its values, then the period', () => {
    const filters = { customer: { region: ['East China'] }, time: last90 };
    expect(filterSubtitle(filters, info, 'en', en)).to.deep.equal(['Region: East China', 'Last 90 days']);
    expect(filterSubtitle(filters, info, 'zh-CN', zh)).to.deep.equal(['区域：East China', '近 90 天']);
  });

  it('groups the values of one field (any of them), and words stages, segments, NPS groups and a cell', () => {
    const filters = {
      customer: { region: ['East', 'West'], 'attributes.tier': ['gold'] },
      stage: ['customer'],
      segment: ['champions' as const],
      nps: ['promoter' as const, 'passive' as const],
      cell: { x: 'r' as const, y: 'f' as const, cell: { x: 5, y: 4 } },
    };
    expect(filterSubtitle(filters, info, 'en', en)).to.deep.equal([
      'Region: East, West',
      'tier: gold',
      'Lifecycle stage: Customer',
      'RFM segment: Champions',
      'NPS: Promoters, Passives',
      'RFM cell R 5, F 4',
    ]);
    expect(filterSubtitle(filters, info, 'zh-CN', zh)).to.deep.equal(['区域：East、West', 'tier：gold', '生命周期阶段：成交客户', 'RFM 分群：核心客户', 'NPS：推荐者、中立者', 'RFM 单元格 R 5、F 4']);
  });

  it('says nothing when nothing filters: no filters, empty lists, all time', () => {
    expect(filterSubtitle(undefined, info, 'en', en)).to.deep.equal([]);
    expect(filterSubtitle({ customer: { region: [] }, stage: [], time: { kind: 'all' } }, info, 'en', en)).to.deep.equal([]);
  });

  it('says the filters do not apply to a widget they do not slice', () => {
    expect(filterSubtitle({ time: last90 }, info, 'en', en, false)).to.deep.equal(['One customer: the page filters do not apply']);
    expect(filterSubtitle({ time: last90 }, info, 'zh-CN', zh, false)).to.deep.equal(['单个客户：不受页面筛选影响']);
    expect(filterSubtitle(undefined, info, 'en', en, false)).to.deep.equal([]);
  });

  it('gives the filter bar one text per value, the period first', () => {
    expect(filterTexts({ customer: { region: ['East', 'West'] }, time: last90, stage: ['lead'] }, info, 'en', en)).to.deep.equal([
      'Period: Last 90 days',
      'Region: East',
      'Region: West',
      'Lifecycle stage: Lead',
    ]);
  });
});

describe('every widget names the source\'s filters in its subtitle', () => {
  const tags = ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'] as const;

  async function page(locale: 'en' | 'zh-CN', id: string): Promise<Record<(typeof tags)[number], string>> {
    const wrap = await fixture(html`<div>
      <crm-data-source id=${id} cache="none" filters='{"customer":{"region":["East"]},"time":{"kind":"last-days","days":90}}' .data=${filterPayload()}></crm-data-source>
      <crm-nps-gauge source=${id} locale=${locale} min-responses="0"></crm-nps-gauge>
      <crm-lifecycle-funnel source=${id} locale=${locale}></crm-lifecycle-funnel>
      <crm-segment-matrix source=${id} locale=${locale}></crm-segment-matrix>
      <crm-customer-360 source=${id} locale=${locale} customer-id="A"></crm-customer-360>
    </div>`);
    const out = {} as Record<(typeof tags)[number], string>;
    for (const tag of tags) {
      const el = wrap.querySelector(tag) as HTMLElement & { taskComplete: Promise<void>; updateComplete: Promise<boolean> };
      for (let i = 0; i < 3; i++) {
        await el.updateComplete;
        await el.taskComplete;
      }
      out[tag] = el.shadowRoot!.querySelector('[part~=subtitle]')!.textContent!.replace(/\s+/g, ' ').trim();
    }
    return out;
  }

  it('in English', async () => {
    const subtitles = await page('en', 'subtitle-en');
    // The gauge's own period is all time, so the source's period stands alone.
    expect(subtitles['crm-nps-gauge']).to.equal('Region: East · Last 90 days · as of Jun 30, 2026');
    expect(subtitles['crm-lifecycle-funnel']).to.contain('Region: East · Last 90 days · as of Jun 30, 2026');
    expect(subtitles['crm-segment-matrix']).to.equal('Region: East · Last 90 days · as of Jun 30, 2026');
    expect(subtitles['crm-customer-360']).to.equal('One customer: the page filters do not apply · as of Jun 30, 2026');
  });

  it('in Chinese', async () => {
    const subtitles = await page('zh-CN', 'subtitle-zh');
    expect(subtitles['crm-nps-gauge']).to.equal('区域：East · 近 90 天 · 截至 2026年6月30日');
    expect(subtitles['crm-lifecycle-funnel']).to.contain('区域：East · 近 90 天 · 截至 2026年6月30日');
    expect(subtitles['crm-segment-matrix']).to.equal('区域：East · 近 90 天 · 截至 2026年6月30日');
    expect(subtitles['crm-customer-360']).to.equal('单个客户：不受页面筛选影响 · 截至 2026年6月30日');
  });
});

describe('a filter change keeps the drawn view while it is answered', () => {
  it('keeps the chart (busy) instead of the skeleton, then draws the filtered numbers and the new subtitle', async () => {
    const wrap = await fixture(html`<div>
      <crm-data-source id="keep-view" cache="none" .data=${filterPayload()}></crm-data-source>
      <crm-segment-matrix source="keep-view" locale="en"></crm-segment-matrix>
    </div>`);
    const source = wrap.querySelector('crm-data-source') as HTMLElement & { filters: unknown };
    const el = wrap.querySelector('crm-segment-matrix') as HTMLElement & { taskComplete: Promise<void>; updateComplete: Promise<boolean> };
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        await el.updateComplete;
        await el.taskComplete;
      }
    };
    await settle();
    const base = () => el.shadowRoot!.querySelector('[part~=base]')!;
    const chart = el.shadowRoot!.querySelector('[part~=chart]');
    expect(chart).to.exist;
    source.filters = { customer: { region: ['East'] } };
    await el.updateComplete;
    // The engine has not answered yet: the same chart element stands, marked busy, and no skeleton.
    expect(el.shadowRoot!.querySelector('[part~=chart]')).to.equal(chart);
    expect(el.shadowRoot!.querySelector('[part~=skeleton]')).to.equal(null);
    expect(base().getAttribute('aria-busy')).to.equal('true');
    await settle();
    expect(base().getAttribute('aria-busy')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part~=subtitle]')!.textContent).to.contain('Region: East');
    // East holds A and B, both with a purchase: 2 scored.
    const counts = [...el.shadowRoot!.querySelectorAll('[part~=cell-count]')].map((c) => Number(c.textContent));
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(2);
  });
});
