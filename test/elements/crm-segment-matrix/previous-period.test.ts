import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import type { CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import { filterPayload } from '../../metrics/filter-payload.js';

async function idle(el: CrmSegmentMatrix): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    await el.taskComplete;
  }
}

/** A cell's accessible name (its hidden sentence), which is also its tooltip. */
const label = (el: Element, x: number, y: number) => el.shadowRoot!.querySelector(`[part~=cell][data-x="${x}"][data-y="${y}"] .cell-label`)!.textContent!;

describe('<crm-segment-matrix> change against the previous period', () => {
  it('under a source\'s time filter, gives each cell its count change against the period before', async () => {
    const wrap = await fixture(html`<div>
      <crm-data-source id="pp-matrix" cache="none" filters='{"time":{"kind":"last-days","days":90}}' .data=${filterPayload()}></crm-data-source>
      <crm-segment-matrix source="pp-matrix" locale="en"></crm-segment-matrix>
    </div>`);
    const el = wrap.querySelector<CrmSegmentMatrix>('crm-segment-matrix')!;
    await idle(el);
    // Last 90 days: purchases of C (2 d ago), A (5 d), B (40 d); n = 3, each one order (F 1).
    //   R = 1 + floor(5 × larger recencies / 3): C 1 + floor(10 / 3) = 4, A 1 + floor(5 / 3) = 2, B 1.
    // The 90 days before, measured from asOf − 90 d: C's order 30 d before it, A's 60 d; n = 2:
    //   C 1 + floor(5 / 2) = 3, A 1.
    // Changes (R × F): R4 F1 1 − 0 = +1, R2 F1 +1, R3 F1 0 − 1 = −1, R1 F1 1 − 1 = 0.
    expect(label(el, 4, 1)).to.match(/^R4 · F1: 1 customer, .*, \+1 against the period before$/);
    expect(label(el, 2, 1)).to.match(/, \+1 against the period before$/);
    expect(label(el, 3, 1)).to.match(/^R3 · F1: 0 customers, .*, \u22121 against the period before$/);
    expect(label(el, 1, 1)).to.match(/, 0 against the period before$/);
  });

  it('shows no change without a time filter', async () => {
    const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix locale="en" cache="none" .data=${filterPayload()}></crm-segment-matrix>`);
    await idle(el);
    expect(label(el, 1, 1)).to.not.contain('period before');
  });
});
