import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
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

  it('says it in Chinese', async () => {
    const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="zh-CN" period="last-90d" min-responses="0" cache="none" .data=${filterPayload()}></crm-nps-gauge>`);
    await idle(el);
    expect(change(el)).to.match(/^较上一周期（.+）\+50$/);
  });
});
