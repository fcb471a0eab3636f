import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-filter-bar/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmDataSource } from '../../../src/elements/crm-data-source/index.js';
import type { CrmFilterBar } from '../../../src/elements/crm-filter-bar/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmFilterChangeEvent } from '../../../src/elements/base/events.js';
import { filterPayload } from '../../metrics/filter-payload.js';

const root = (el: Element) => el.shadowRoot!;
const parts = (el: Element, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const texts = (el: Element, name: string) => parts(el, name).map((p) => p.querySelector('span')?.textContent?.trim() ?? p.textContent!.trim());
const selectOf = (el: Element, part: string) => root(el).querySelector<HTMLSelectElement>(`[part~="${part}"] select`)!;

async function idle(...elements: (CrmFilterBar | CrmNpsGauge | CrmLifecycleFunnel)[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const el of elements) {
      await el.updateComplete;
      await el.taskComplete;
      await el.updateComplete;
    }
  }
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

let page = 0;
async function setup(locale = 'en', attributes: { filters?: string } = {}) {
  const id = `bar-${++page}`;
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <crm-data-source id=${id} cache="none" cross-filter filters=${attributes.filters ?? ''} .data=${filterPayload()}></crm-data-source>
    <crm-filter-bar source=${id} locale=${locale} fields="region,owner,attributes.tier"></crm-filter-bar>
    <crm-nps-gauge source=${id} min-responses="0" locale=${locale}></crm-nps-gauge>
    <crm-lifecycle-funnel source=${id} locale=${locale}></crm-lifecycle-funnel>
  </div>`);
  const source = wrap.querySelector<CrmDataSource>('crm-data-source')!;
  const bar = wrap.querySelector<CrmFilterBar>('crm-filter-bar')!;
  const nps = wrap.querySelector<CrmNpsGauge>('crm-nps-gauge')!;
  const funnel = wrap.querySelector<CrmLifecycleFunnel>('crm-lifecycle-funnel')!;
  const settle = () => idle(bar, nps, funnel);
  await settle();
  return { source, bar, nps, funnel, settle };
}

describe('<crm-filter-bar>', () => {
  it('offers the values the data holds with their customer counts', async () => {
    const { bar } = await setup();
    const options = (part: number) => [...root(bar).querySelectorAll<HTMLElement>('[part~="field"]')[part]!.querySelectorAll('option')].map((o) => o.textContent!.trim());
    // East A B, West C D; Li A C, Wang B D; tier gold A, silver C.
    expect(options(0)).to.deep.equal(['Any', 'East (2)', 'West (2)']);
    expect(options(1)).to.deep.equal(['Any', 'Li (2)', 'Wang (2)']);
    expect(options(2)).to.deep.equal(['Any', 'gold (1)', 'silver (1)']);
    expect(texts(bar, 'chip')).to.deep.equal([]);
    expect(root(bar).querySelector('[part~=chips-none]')).to.exist;
  });

  it('a chosen value becomes a chip, filters every bound widget and fires crm-filter-change', async () => {
    const { bar, nps, funnel, settle } = await setup();
    const region = root(bar).querySelectorAll<HTMLElement>('[part~="field"]')[0]!.querySelector('select')!;
    setTimeout(() => choose(region, 'West'));
    const event = (await oneEvent(bar, 'crm-filter-change')) as CrmFilterChangeEvent;
    expect(event.detail).to.deep.equal({ filters: { customer: { region: ['West'] } }, cause: 'bar' });
    await settle();
    expect(texts(bar, 'chip')).to.deep.equal(['Region: West']);
    // West = C, D: responses 5, 8; funnel lead C D, customer C.
    expect(nps.result?.responses).to.equal(2);
    expect(funnel.result?.steps.map((s) => s.count)).to.deep.equal([2, 1]);
    // The bar still offers all regions but the chosen one, with counts of the whole data.
    const remaining = [...region.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(remaining).to.deep.equal(['Any', 'East (2)']);
  });

  it('the period control sets a time filter; the custom range takes two dates', async () => {
    const { bar, nps, settle } = await setup();
    choose(selectOf(bar, 'period'), 'last-90d');
    await settle();
    // Last 90 days: A 10, B 9, C 5, anonymous 10.
    expect(nps.result?.responses).to.equal(4);
    expect(texts(bar, 'chip')).to.deep.equal(['Period: Last 90 days']);
    choose(selectOf(bar, 'period'), 'custom');
    await settle();
    const [from, to] = parts(bar, 'date-input') as HTMLInputElement[];
    from!.value = '2026-06-01';
    to!.value = '2026-06-30';
    parts(bar, 'apply')[0]!.click();
    await settle();
    // June 2026: A 10 (06-20), B 9 (06-10), anonymous 10 (06-25); C's 5 is on 05-31.
    expect(nps.result?.responses).to.equal(3);
    expect(texts(bar, 'chip')[0]).to.match(/^Period: Jun 1, 2026 – Jun 30, 2026$/);
    from!.value = '2026-07-01';
    parts(bar, 'apply')[0]!.click();
    await settle();
    expect(root(bar).querySelector('[role=alert]')?.textContent).to.contain('start on or before its end');
    expect(nps.result?.responses).to.equal(3);
  });

  it('removing a chip with the keyboard drops its filter and keeps focus in the chips', async () => {
    const { bar, nps, settle } = await setup('en', { filters: '{"customer":{"region":["East"],"owner":["Li"]}}' });
    expect(texts(bar, 'chip')).to.deep.equal(['Region: East', 'Owner: Li']);
    expect(nps.result?.responses).to.equal(2); // A: 10, 3
    const remove = parts(bar, 'chip-remove')[0]!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove filter Region: East');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(texts(bar, 'chip')).to.deep.equal(['Owner: Li']);
    // Li = A, C: 10, 3, 5.
    expect(nps.result?.responses).to.equal(3);
    expect(root(bar).activeElement).to.equal(parts(bar, 'chip-remove')[0]);
    parts(bar, 'clear')[0]!.click();
    await settle();
    expect(texts(bar, 'chip')).to.deep.equal([]);
    expect(nps.result?.responses).to.equal(6);
  });

  it('shows a cross-filter pick as a chip that clears it, and Escape in the bar clears every pick', async () => {
    const { bar, nps, funnel, settle } = await setup();
    root(funnel).querySelectorAll<HTMLElement>('[part~=stage]')[1]!.click();
    await settle();
    expect(texts(bar, 'cross-filter')).to.deep.equal(['Lifecycle stage: customer · Selected in the funnel']);
    expect(nps.result?.responses).to.equal(3);
    parts(bar, 'chip-remove')[0]!.click();
    await settle();
    expect(texts(bar, 'cross-filter')).to.deep.equal([]);
    expect(nps.result?.responses).to.equal(6);
    root(nps).querySelector<HTMLElement>('[data-category=detractors]')!.click();
    await settle();
    // Detractors by latest response: C. The funnel: lead C, customer C.
    expect(funnel.result?.steps.map((s) => s.count)).to.deep.equal([1, 1]);
    selectOf(bar, 'period').focus();
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(texts(bar, 'cross-filter')).to.deep.equal([]);
    expect(funnel.result?.steps.map((s) => s.count)).to.deep.equal([4, 2]);
  });

  it('speaks zh-CN and zh-TW', async () => {
    const cn = await setup('zh-CN', { filters: '{"customer":{"region":["East"]},"nps":["promoter"]}' });
    expect(texts(cn.bar, 'chip')).to.deep.equal(['区域：East', 'NPS：推荐者']);
    expect(root(cn.bar).querySelector('[part~=clear]')!.textContent!.trim()).to.equal('全部清除');
    await import('../../../src/locales/zh-TW.js');
    const tw = await setup('zh-TW', { filters: '{"customer":{"region":["East"]}}' });
    expect(texts(tw.bar, 'chip')).to.deep.equal(['區域：East']);
    expect(root(tw.bar).querySelector('[part~=clear]')!.textContent!.trim()).to.equal('全部清除');
  });

  it('is accessible with filters and without', async () => {
    const { bar } = await setup();
    await expect(bar).to.be.accessible();
    const withChips = await setup('en', { filters: '{"customer":{"region":["East"]},"time":{"kind":"last-days","days":30}}' });
    await expect(withChips.bar).to.be.accessible();
  });
});
