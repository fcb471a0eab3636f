import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import { filterPayload } from '../../metrics/filter-payload.js';

const change = (el: Element) => el.shadowRoot!.querySelector('[part~=change]')?.textContent?.trim() ?? null;

async function idle(el: CrmNpsGauge): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    await el.taskComplete;
  }
}

describe('<crm-nps-gauge> change against the previous period', () => {
  it('shows the score\'s change against the period before', async () => {
    const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="en" period="last-90d" min-responses="0" cache="none" .data=${filterPayload()}></crm-nps-gauge>`);
    await idle(el);
    // Last 90 days: NPS 50; the 90 days before (2026-01-01, 2026-04-01]: one 8, NPS 0 → +50.
    expect(change(el)).to.equal('+50 against Jan 1, 2026 – Apr 1, 2026');
  });

  it('shows no change for all time, nor under a source\'s time filter', async () => {
    const all = await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="en" min-responses="0" cache="none" .data=${filterPayload()}></crm-nps-gauge>`);
    await idle(all);
    expect(change(all)).to.equal(null);
    const wrap = await fixture(html`<div>
      <crm-data-source id="pp-source" cache="none" filters='{"time":{"kind":"last-days","days":365}}' .data=${filterPayload()}></crm-data-source>
      <crm-nps-gauge source="pp-source" locale="zh-CN" period="last-90d" min-responses="0"></crm-nps-gauge>
    </div>`);
    const filtered = wrap.querySelector<CrmNpsGauge>('crm-nps-gauge')!;
    await idle(filtered);
    expect(filtered.result?.responses).to.equal(4);
    expect(change(filtered)).to.equal(null);
  });

  it('under a source\'s time filter, compares with the period before the filter, in the gauge and each funnel step', async () => {
    const wrap = await fixture(html`<div>
      <crm-data-source id="pp-time" cache="none" filters='{"time":{"kind":"last-days","days":90}}' .data=${filterPayload()}></crm-data-source>
      <crm-nps-gauge source="pp-time" locale="en" min-responses="0"></crm-nps-gauge>
    </div>`);
    const gauge = wrap.querySelector<CrmNpsGauge>('crm-nps-gauge')!;
    await idle(gauge);
    // Now: 10, 9, 5, anonymous 10 → 50; the 90 days before the filter: 8 → 0.
    expect(change(gauge)).to.equal('+50 against Jan 1, 2026 – Apr 1, 2026');

    const funnelPage = await fixture(html`<div>
      <crm-data-source id="pp-funnel" cache="none" filters='{"time":{"kind":"last-days","days":120}}' .data=${filterPayload()}></crm-data-source>
      <crm-lifecycle-funnel source="pp-funnel" locale="en"></crm-lifecycle-funnel>
    </div>`);
    const funnel = funnelPage.querySelector<CrmLifecycleFunnel>('crm-lifecycle-funnel')!;
    for (let i = 0; i < 3; i++) {
      await funnel.updateComplete;
      await funnel.taskComplete;
    }
    // Last 120 days: lead A (100 d), B, D; customer A (50 d) → 1 / 3 = 33.3 %.
    // The 120 days before: C lead (200 d) and customer (150 d) → 1 / 1 = 100 %. Change 33.3 − 100 = −66.7 points.
    const text = funnel.shadowRoot!.querySelector('[part~=step-change]')?.textContent?.trim();
    // The kit writes a real minus sign (U+2212).
    expect(text).to.equal('\u221266.7 pts against the period before');
  });

  it('says it in Chinese', async () => {
    const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="zh-CN" period="last-90d" min-responses="0" cache="none" .data=${filterPayload()}></crm-nps-gauge>`);
    await idle(el);
    expect(change(el)).to.match(/^较上一周期（.+）\+50$/);
  });
});
