import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/crm-segment-matrix/index.js';
import type { CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import { filterPayload } from '../../metrics/filter-payload.js';

async function idle(el: CrmSegmentMatrix): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    await el.taskComplete;
  }
}

const rows = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~=migration-table] tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent!.trim()));

describe('<crm-segment-matrix migration-days>', () => {
  it('shows where customers moved between segments, largest flows first', async () => {
    const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix locale="en" migration-days="100" cache="none" .data=${filterPayload()}></crm-segment-matrix>`);
    await idle(el);
    // docs/metrics.md's worked example: B not scored → hibernating, C about to sleep → potential loyalist; A stayed.
    expect(rows(el)).to.deep.equal([
      ['Not scored', 'Hibernating', '1'],
      ['About to sleep', 'Potential loyalists', '1'],
    ]);
    expect(el.shadowRoot!.querySelector('[part~=migration] p')!.textContent).to.equal('1 of 3 customers are in the same segment as then.');
    // 100 days before 2026-06-30 is 2026-03-22.
    expect(el.shadowRoot!.querySelector('#migration-title')!.textContent).to.equal('Segment migration since Mar 22, 2026');
    await expect(el).to.be.accessible();
  });

  it('shows no migration without migration-days', async () => {
    const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix locale="en" cache="none" .data=${filterPayload()}></crm-segment-matrix>`);
    await idle(el);
    expect(el.shadowRoot!.querySelector('[part~=migration]')).to.equal(null);
  });
});
