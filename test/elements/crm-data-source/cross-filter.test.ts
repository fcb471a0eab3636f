import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/crm-data-source/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import type { CrmDataSource } from '../../../src/elements/crm-data-source/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import type { CrmFilterChangeEvent } from '../../../src/elements/base/events.js';
import { filterPayload } from '../../metrics/filter-payload.js';

type Widget = CrmNpsGauge | CrmLifecycleFunnel | CrmSegmentMatrix;
const root = (el: Element) => el.shadowRoot!;

async function idle(...widgets: Widget[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const el of widgets) {
      await el.updateComplete;
      await el.taskComplete;
      await el.updateComplete;
    }
  }
}

let page = 0;
async function dashboard(attributes: { crossFilter?: boolean; filters?: string } = {}) {
  const id = `xf-${++page}`;
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <crm-data-source id=${id} cache="none" ?cross-filter=${attributes.crossFilter ?? true} filters=${attributes.filters ?? ''} .data=${filterPayload()}></crm-data-source>
    <crm-nps-gauge source=${id} min-responses="0" locale="en"></crm-nps-gauge>
    <crm-lifecycle-funnel source=${id} locale="en"></crm-lifecycle-funnel>
    <crm-segment-matrix source=${id} locale="en"></crm-segment-matrix>
  </div>`);
  const source = wrap.querySelector<CrmDataSource>('crm-data-source')!;
  const nps = wrap.querySelector<CrmNpsGauge>('crm-nps-gauge')!;
  const funnel = wrap.querySelector<CrmLifecycleFunnel>('crm-lifecycle-funnel')!;
  const matrix = wrap.querySelector<CrmSegmentMatrix>('crm-segment-matrix')!;
  await idle(nps, funnel, matrix);
  const numbers = async () => {
    await idle(nps, funnel, matrix);
    return { responses: nps.result?.responses, funnel: funnel.result?.steps.map((s) => s.count), scored: matrix.rfm?.scored };
  };
  return { source, nps, funnel, matrix, numbers };
}

const stageButton = (funnel: Element, index: number) => [...root(funnel).querySelectorAll<HTMLElement>('[part~=stage]')][index]!;
const category = (nps: Element, name: string) => root(nps).querySelector<HTMLElement>(`[data-category=${name}]`)!;

// The payload (test/metrics/filter-payload.ts): 6 responses (A 10, 3; B 9; C 5; D 8; anonymous 10),
// funnel lead 4 (A B C D), customer 2 (A C); 3 customers with purchases (A B C) and D unscored.
describe('<crm-data-source cross-filter>', () => {
  it('a filters attribute applies to every bound widget', async () => {
    const { numbers } = await dashboard({ crossFilter: false, filters: '{"customer":{"region":["West"]}}' });
    // West = C, D: responses 5, 8; funnel lead C D, customer C; scored C (D has no purchase).
    expect(await numbers()).to.deep.equal({ responses: 2, funnel: [2, 1], scored: 1 });
  });

  it('a pick filters the other widgets, not the one it was made in, and reports crm-filter-change', async () => {
    const { source, nps, funnel, numbers } = await dashboard();
    expect(await numbers()).to.deep.equal({ responses: 6, funnel: [4, 2], scored: 3 });

    setTimeout(() => stageButton(funnel, 1).click()); // the stage "customer"
    const change = (await oneEvent(source, 'crm-filter-change')) as CrmFilterChangeEvent;
    expect(change.detail).to.deep.equal({ filters: { stage: ['customer'] }, cause: 'select' });
    // lifecycleStage customer = A, C: responses 10, 3, 5; scored A, C; the funnel keeps its own numbers.
    expect(await numbers()).to.deep.equal({ responses: 3, funnel: [4, 2], scored: 2 });

    category(nps, 'promoters').click();
    // Promoters by latest response = A, B. The funnel: promoters only → lead A B, customer A.
    // The matrix: customer stage and promoter → A. The gauge: the stage pick only, still 3.
    expect(await numbers()).to.deep.equal({ responses: 3, funnel: [2, 1], scored: 1 });
  });

  it('Escape in the widget clears its pick; Escape in no bound widget changes nothing', async () => {
    const { source, funnel, numbers } = await dashboard();
    stageButton(funnel, 1).click();
    expect((await numbers()).responses).to.equal(3);
    stageButton(funnel, 1).focus();
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    const change = (await oneEvent(source, 'crm-filter-change')) as CrmFilterChangeEvent;
    expect(change.detail).to.deep.equal({ filters: {}, cause: 'clear' });
    expect((await numbers()).responses).to.equal(6);
  });

  it('without cross-filter a pick filters nothing', async () => {
    const { funnel, numbers } = await dashboard({ crossFilter: false });
    stageButton(funnel, 1).click();
    expect(await numbers()).to.deep.equal({ responses: 6, funnel: [4, 2], scored: 3 });
  });

  it('a matrix cell filters the gauge and the funnel', async () => {
    const { matrix, numbers } = await dashboard();
    // All: A R 5 d F 2, B 40 d F 1, C 2 d F 2. R (fewer days better): C below 2 → 1 + floor(10/3) = 4;
    // A below 1 → 1 + floor(5/3) = 2; B → 1. F: A, C below 1 → 2; B → 1. Cell R 4, F 2 = C.
    root(matrix).querySelector<HTMLElement>('[part~="cell"][data-x="4"][data-y="2"]')!.click();
    // C: response 5; funnel lead C, customer C.
    expect(await numbers()).to.deep.equal({ responses: 1, funnel: [1, 1], scored: 3 });
  });
});
