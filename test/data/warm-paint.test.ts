/**
 * What the cache keeps for a warm load, seen from the page: the records in IndexedDB (their
 * size, which answers they hold) and what a second tab draws first from them.
 */
import { expect } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import { dumpIndexedDb, mount, openTab, putPayload, sleep, uniqueId, untilView, type Tab } from '../hardening/surface.js';

type Widget = HTMLElement & { taskComplete: Promise<void> };

/** The budget of what a warm load reads back before its first paint (issue 12: ≤ 16 KB). */
const PAINT_RECORD_BUDGET = 16 * 1024;

const payload = generateSample({ seed: 21, customers: 3000 });
const firstCustomer = (payload.customers as { id: string }[])[0]!.id;

/** The four widgets as the demo dashboard shows them. */
function dashboard(src: string, scope: string, parent?: ParentNode, mountIn = mount): Widget[] {
  const common = { src, scope };
  return [
    mountIn<Widget>('crm-nps-gauge', { ...common, target: 40, trend: 'month' }, parent),
    mountIn<Widget>('crm-lifecycle-funnel', { ...common, windowDays: 90 }, parent),
    mountIn<Widget>('crm-segment-matrix', common, parent),
    mountIn<Widget>('crm-customer-360', { ...common, customerId: firstCustomer }, parent),
  ];
}

/** The result records of one scope, once the answers and the dataset's info are written (they go after the paint). */
async function storedResults(scope: string, atLeast: number): Promise<{ id: string; value: unknown }[]> {
  for (let i = 0; i < 150; i++) {
    const records = (await dumpIndexedDb()).filter((r) => r.store === 'results' && (r.value as { scope?: string }).scope === scope);
    if (records.length >= atLeast) return records.map((r) => ({ id: String(r.key), value: r.value }));
    await sleep(100);
  }
  throw new Error(`fewer than ${atLeast} results were stored for ${scope}`);
}

const subtitleOf = (el: Element) => el.shadowRoot?.querySelector('[part~="subtitle"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('warm load: the paint record', () => {
  let src: string;
  let scope: string;
  let tab: Tab | undefined;
  const cold: Widget[] = [];

  before(async () => {
    src = await putPayload(uniqueId('warm'), payload);
    scope = uniqueId('tenant');
    cold.push(...dashboard(src, scope));
    for (const el of cold) expect(await untilView(el)).to.equal('ready');
    await Promise.all(cold.map((el) => el.taskComplete));
  });
  after(() => {
    for (const el of cold) el.remove();
    tab?.close();
  });

  it(`is the four first-paint answers and the dataset's info, ${PAINT_RECORD_BUDGET / 1024} KB at most`, async () => {
    // Four answers and one info record.
    const records = await storedResults(scope, 5);
    const bytes = records.reduce((sum, r) => sum + new Blob([JSON.stringify(r.value)]).size, 0);
    expect(records.filter((r) => r.id.endsWith('dataset-info'))).to.have.length(1);
    expect(records.filter((r) => /"metric":"(nps|funnel|rfm-grid|customer)"/.test(r.id))).to.have.length(4);
    expect(bytes, `${bytes} bytes in ${records.length} records`).to.be.at.most(PAINT_RECORD_BUDGET);
  });

  it('does not keep drill-down answers: a cell opened is answered from the dataset, not stored', async () => {
    const matrix = cold[2]!;
    const before = (await storedResults(scope, 5)).length;
    const cell = [...matrix.shadowRoot!.querySelectorAll<HTMLElement>('[part~="cell"]')].find((c) => /\d/.test(c.textContent ?? '') && !/^\s*0\b/.test(c.textContent ?? ''));
    cell!.click();
    await matrix.taskComplete;
    await sleep(300);
    await matrix.taskComplete;
    const drill = matrix.shadowRoot!.querySelector('[part~="drill-table"]');
    expect(drill, 'the drill-down table opened').to.not.equal(null);
    const after = await storedResults(scope, before);
    expect(after.map((r) => r.id).filter((id) => /rfm-(members|page)/.test(id))).to.deep.equal([]);
  });

  it('lets another tab draw the same labels at its first paint as the cold load did (currency, asOf, stages)', async () => {
    await storedResults(scope, 5);
    tab = await openTab();
    const [gauge, funnel] = dashboard(src, scope, tab.document.body, tab.mount as never);
    const firstPaint = new Map<Element, string>();
    for (const el of [gauge!, funnel!]) el.addEventListener('crm-render', () => firstPaint.set(el, subtitleOf(el)), { once: true });
    for (const el of [gauge!, funnel!]) expect(await untilView(el)).to.equal('ready');
    await Promise.all([gauge!.taskComplete, funnel!.taskComplete]);
    expect(firstPaint.get(gauge!)).to.equal(subtitleOf(cold[0]!));
    expect(firstPaint.get(funnel!)).to.equal(subtitleOf(cold[1]!));
    expect(subtitleOf(cold[0]!)).to.not.equal('');
  });
});
