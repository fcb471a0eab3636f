import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { putPayload, setMode, uniqueId } from '../../data/test-host.js';
import { forgetLoadedSources } from '../../../src/data/data-source.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { validatePayload, type Dataset } from '../../../src/contract/index.js';
import type { CrmSelectEvent, SelectDetail } from '../../../src/elements/base/events.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import { cellColour, type CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import { computeInsights, computeRfm, HEALTH_BANDS, rfmGrid, type RfmAxis, type RfmResult, type RfmSegment } from '../../../src/metrics/index.js';
import { generateSample } from '../../../src/sample/index.js';

const payload = generateSample({ seed: 7, customers: 300 });
const datasets = new WeakMap<object, Dataset>();
const dataset = (p: object = payload): Dataset => {
  let d = datasets.get(p);
  if (d) return d;
  const result = validatePayload(p);
  if (!result.ok) throw new Error(result.error.message);
  datasets.set(p, (d = result.dataset));
  return d;
};
const rfmOf = (p: object = payload) => computeRfm(dataset(p));

const root = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => root(el).querySelector(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const clean = (s: string | null | undefined) => s?.replace(/\s+/g, ' ').trim() ?? '';
const text = (el: Element, selector: string) => clean(root(el).querySelector(selector)?.textContent);
const nameOf = (cell: Element) => clean(cell.querySelector('.cell-label')?.textContent);
const cellAt = (el: Element, x: number, y: number) => root(el).querySelector<HTMLElement>(`[part~="cell"][data-x="${x}"][data-y="${y}"]`)!;
const num = (n: number, locale = 'en') => n.toLocaleString(locale);
const percent = (n: number, locale = 'en') => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
const SEGMENT_EN: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalists',
  new: 'New customers',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cant_lose: 'Can’t lose them',
  hibernating: 'Hibernating',
};
/** A colour as the browser writes it back (d3 and CSSOM round alpha differently). */
/** A CSS colour as the widget resolves it: the probe sits in its shadow root, where the theme's private variables live. */
function normalized(colour: string, within: Element): string {
  const probe = document.createElement('div');
  probe.style.backgroundColor = colour;
  within.shadowRoot!.querySelector('.base')!.append(probe);
  const value = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return value;
}

/** Red, green, blue 0..255 of any CSS colour the browser computes (rgb(), color(srgb …)), read back from a canvas. */
function rgbOf(colour: string): number[] {
  const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function settled<T extends CrmSegmentMatrix>(el: T): Promise<T> {
  await idle(el);
  return el;
}

const matrix = async (template: ReturnType<typeof html>) => settled(await fixture<CrmSegmentMatrix>(template));

/** Open a cell's drill-down by click and wait for the table. */
/** The widget after everything it asked the engine is answered and drawn. */
async function idle(el: CrmSegmentMatrix): Promise<void> {
  await el.updateComplete;
  await el.taskComplete;
  await el.updateComplete;
}

async function open(el: CrmSegmentMatrix, x: number, y: number): Promise<void> {
  cellAt(el, x, y).click();
  await idle(el);
}

/** The customer ids of the rows on the current page of the drill-down. */
const pageIds = (el: Element) => parts(el, 'drill-row').map((tr) => tr.dataset['customer']!);
const pagerStatus = (el: Element) => text(el, '.pager-status');
const sortButton = (el: Element, column: string) => root(el).querySelector<HTMLButtonElement>(`[part~=sort][data-column=${column}]`)!;

/** The largest cell on R × F, so the drill-down has several pages. */
function biggest(rfm: RfmResult, x: RfmAxis = 'r', y: RfmAxis = 'f') {
  return rfmGrid(rfm, x, y).reduce((a, b) => (b.count > a.count ? b : a));
}

/** What the engine answers for the matrix, read off the scores directly: the grid without members, the counts and warnings. */
function gridAnswer(rfm: RfmResult, x: RfmAxis = 'r', y: RfmAxis = 'f') {
  const cells = rfmGrid(rfm, x, y).map(({ members: _members, ...cell }) => cell);
  return { x, y, cells, segments: rfm.segments, scored: rfm.scored, unscored: rfm.unscored, warnings: rfm.warnings };
}

describe('<crm-segment-matrix>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  describe('numbers', () => {
    it('shows rfmGrid(computeRfm(dataset), "r", "f") counts and shares in every cell', async () => {
      const rfm = rfmOf();
      const grid = rfmGrid(rfm, 'r', 'f');
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      expect(el.rfm).to.deep.equal(gridAnswer(rfm));
      expect(parts(el, 'cell').length).to.equal(25);
      for (const cell of grid) {
        const node = cellAt(el, cell.x, cell.y);
        expect(clean(node.querySelector('[part~=cell-count]')!.textContent)).to.equal(num(cell.count));
        expect(clean(node.querySelector('[part~=cell-share]')!.textContent)).to.equal(percent(cell.count / rfm.scored));
        expect(node.classList.contains('empty')).to.equal(cell.count === 0);
      }
    });

    it('puts score 5 of y on the top row and score 5 of x on the right', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const top = cellAt(el, 1, 5).getBoundingClientRect();
      const bottom = cellAt(el, 1, 1).getBoundingClientRect();
      const right = cellAt(el, 5, 1).getBoundingClientRect();
      expect(top.top).to.be.below(bottom.top);
      expect(right.left).to.be.above(bottom.left);
    });

    for (const mode of ['m-score', 'monetary', 'count'] as const) {
      it(`colours cells with cellColour("${mode}", grid) and names it in the legend`, async () => {
        const grid = rfmGrid(rfmOf(), 'r', 'f');
        const colour = cellColour(mode, grid);
        const el = await matrix(html`<crm-segment-matrix locale="en" color-by=${mode} .data=${payload}></crm-segment-matrix>`);
        for (const cell of grid) {
          const fill = colour.fill(cell);
          const shown = getComputedStyle(cellAt(el, cell.x, cell.y)).backgroundColor;
          if (fill) expect(shown).to.equal(normalized(fill, el));
          else expect(shown).to.equal('rgba(0, 0, 0, 0)');
        }
        const measure = { 'm-score': 'Mean M score', monetary: 'Total spend', count: 'Customers' }[mode];
        expect(text(el, '.legend-title')).to.equal(`Colour: ${measure}`);
      });
    }

    it('colours a higher mean M score bluer than a lower one by default', async () => {
      const grid = rfmGrid(rfmOf(), 'r', 'f').filter((c) => c.count > 0);
      const low = grid.reduce((a, b) => (b.meanM! < a.meanM! ? b : a));
      const high = grid.reduce((a, b) => (b.meanM! > a.meanM! ? b : a));
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const rgb = (x: number, y: number) => rgbOf(getComputedStyle(cellAt(el, x, y)).backgroundColor);
      const [lr, , lb] = rgb(low.x, low.y);
      const [hr, , hb] = rgb(high.x, high.y);
      expect(hb! - hr!).to.be.above(lb! - lr!);
    });

    it('shows rfmGrid(rfm, "m", "r") on x="m" y="r", without segment outlines', async () => {
      const rfm = rfmOf();
      const grid = rfmGrid(rfm, 'm', 'r');
      const el = await matrix(html`<crm-segment-matrix locale="en" x="m" y="r" .data=${payload}></crm-segment-matrix>`);
      for (const cell of grid) expect(clean(cellAt(el, cell.x, cell.y).querySelector('[part~=cell-count]')!.textContent)).to.equal(num(cell.count));
      expect(part(el, 'outlines')).to.equal(null);
      expect(parts(el, 'segment-label').length).to.equal(0);
      expect(text(el, '[part~=legend]')).to.contain('Named segments are defined on recency × frequency');
      expect(part(el, 'grid')!.getAttribute('aria-label')).to.equal('Customers by Monetary score (columns) and Recency score (rows)');
    });

    it('outlines and labels the ten named segments on R × F, and on F × R transposed', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      expect(part(el, 'outlines')).to.exist;
      expect(parts(el, 'segment-label').map((l) => clean(l.textContent))).to.have.members(Object.values(SEGMENT_EN));
      // segmentOf(r = 5, f = 1) is "new": bottom-right on R × F, top-left on F × R.
      expect(clean(cellAt(el, 5, 1).querySelector('[part~=segment-label]')?.textContent)).to.equal('New customers');
      el.x = 'f';
      el.y = 'r';
      await idle(el);
      expect(nameOf(cellAt(el, 1, 5))).to.contain('segment New customers');
    });

    it('shows the same numbers in the table view', async () => {
      const rfm = rfmOf();
      const grid = rfmGrid(rfm, 'r', 'f');
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      const rows = [...root(el).querySelectorAll('[part~=table] tbody tr')].map((tr) => [...tr.children].map((c) => clean(c.textContent)));
      expect(rows.length).to.equal(25);
      const champions = grid.find((c) => c.x === 5 && c.y === 5)!;
      expect(rows[4]).to.deep.equal([
        'R5 · F5',
        'Champions',
        num(champions.count),
        percent(champions.count / rfm.scored),
        champions.meanM === null ? '—' : new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(champions.meanM),
        new Intl.NumberFormat('en', { style: 'currency', currency: dataset().currency }).format(champions.monetary),
      ]);
    });
  });

  describe('scoring options', () => {
    // CDNOW-like: 100 customers, 51 bought once, then 19 × 2, 10 × 3, 8 × 4, 5 × 5, 4 × 6, 3 × 8 orders.
    const cdnowLike = () => {
      const spread: [number, number][] = [[1, 51], [2, 19], [3, 10], [4, 8], [5, 5], [6, 4], [8, 3]];
      const customers: { id: string; name: string }[] = [];
      const orders: { id: string; customerId: string; date: string; amount: number }[] = [];
      for (const [frequency, count] of spread) {
        for (let k = 0; k < count; k++) {
          const id = `F${frequency}-${k}`;
          customers.push({ id, name: id });
          for (let j = 0; j < frequency; j++) orders.push({ id: `${id}-${j}`, customerId: id, date: `2026-06-${String(1 + 3 * j).padStart(2, '0')}T00:00:00Z`, amount: 10 });
        }
      }
      return { schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', customers, orders };
    };
    /** Customers per F score 1..5, summed over the R columns of the matrix. */
    const rows = (el: CrmSegmentMatrix) => [1, 2, 3, 4, 5].map((y) => [1, 2, 3, 4, 5].reduce((sum, x) => sum + Number(text(el, `[part~=cell][data-x="${x}"][data-y="${y}"] [part~=cell-count]`)), 0));
    const details = async (el: CrmSegmentMatrix) => {
      (root(el).querySelector('[part~=details-toggle]') as HTMLButtonElement).click();
      await idle(el);
      return text(el, '[part~=notes]');
    };

    it('warns in the details view that no customer has F = 2 when 51 % are tied at one order (ties low)', async () => {
      // F = 2: 1 + floor(5 × 51 / 100) = 3, so the F = 2 row is empty: 51, 0, 19, 10, 20.
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${cdnowLike()}></crm-segment-matrix>`);
      expect(rows(el)).to.deep.equal([51, 0, 19, 10, 20]);
      const notes = await details(el);
      expect(notes).to.contain('No customer has F = 2: 51.0% are tied at 1 order.');
      expect(notes).to.contain('F by rank, tied customers take the lowest score');
      el.locale = 'zh-CN';
      await idle(el);
      expect(text(el, '[part~=notes]')).to.contain('没有客户的 F = 2：51.0% 的客户并列在 1 笔订单。');
    });

    it('passes ties="dense" and fills every F row: 51, 19, 10, 13, 7', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" ties="dense" .data=${cdnowLike()}></crm-segment-matrix>`);
      expect(el.rfmOptions).to.deep.equal({ ties: 'dense' });
      expect(rows(el)).to.deep.equal([51, 19, 10, 13, 7]);
      expect(await details(el)).not.to.contain('No customer has F');
    });

    it('passes f-thresholds="1,2,3,5,10": F = 3–4 holds 18, F = 5 is empty and says which range', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" f-thresholds="1,2,3,5,10" .data=${cdnowLike()}></crm-segment-matrix>`);
      expect(el.rfmOptions).to.deep.equal({ thresholds: { f: [1, 2, 3, 5, 10] } });
      expect(rows(el)).to.deep.equal([51, 19, 18, 12, 0]);
      const notes = await details(el);
      expect(notes).to.contain('No customer has F = 5 under the fixed thresholds (F ≥ 10).');
      expect(notes).to.contain('F by fixed thresholds 1, 2, 3, 5, and 10');
    });

    it('passes frequency="days", r-thresholds and m-thresholds to computeRfm; unreadable thresholds mean ranks', async () => {
      const el = await matrix(
        html`<crm-segment-matrix locale="en" frequency="days" r-thresholds="30,90,180,365,730" m-thresholds="0,100,500,1000,5000" f-thresholds="3,2,1" .data=${payload}></crm-segment-matrix>`,
      );
      const options = { frequency: 'days', thresholds: { r: [30, 90, 180, 365, 730], m: [0, 100, 500, 1000, 5000] } } as const;
      expect(el.rfmOptions).to.deep.equal(options);
      expect(el.rfm).to.deep.equal(gridAnswer(computeRfm(dataset(), options)));
      await open(el, biggest(computeRfm(dataset(), options)).x, biggest(computeRfm(dataset(), options)).y);
      expect(text(el, '[part~=sort][data-column=frequency]')).to.contain('Purchase days');
    });

    it('says RFM is not measured when the payload has no orders collection', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${{ schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', customers: [{ id: 'A', name: 'A' }] }}></crm-segment-matrix>`);
      expect(text(el, '[part~=empty]')).to.contain('RFM not measured');
    });
  });

  describe('drill-down', () => {
    it('lists the selected cell’s customers, one page at a time', async () => {
      const rfm = rfmOf();
      const cell = biggest(rfm);
      const members = new Set(cell.members.map((k) => rfm.customers[k]!.customerId));
      const el = await matrix(html`<crm-segment-matrix locale="en" page-size="5" .data=${payload}></crm-segment-matrix>`);
      expect(part(el, 'drill')).to.equal(null);
      await open(el, cell.x, cell.y);
      expect(cellAt(el, cell.x, cell.y).getAttribute('aria-selected')).to.equal('true');
      const ids = pageIds(el);
      expect(ids.length).to.equal(Math.min(5, cell.count));
      for (const id of ids) expect(members.has(id)).to.equal(true);
      expect(pagerStatus(el)).to.equal(`Page 1 of ${Math.ceil(cell.count / 5)} · 1–5 of ${cell.count}`);
      // Walking every page visits exactly the cell's customers.
      const seen = new Set<string>();
      for (let page = 0; page < Math.ceil(cell.count / 5); page++) {
        pageIds(el).forEach((id) => seen.add(id));
        (root(el).querySelector('[data-page=next]') as HTMLButtonElement).click();
        await idle(el);
      }
      expect([...seen].sort()).to.deep.equal([...members].sort());
    });

    it('shows name, company, recency, orders, spend, segment and health from computeRfm and computeInsights', async () => {
      const rfm = rfmOf();
      const insights = computeInsights(dataset());
      const cell = biggest(rfm);
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      await open(el, cell.x, cell.y);
      const row = parts(el, 'drill-row')[0]!;
      const customer = rfm.customers.find((c) => c.customerId === row.dataset['customer'])!;
      const cells = [...row.children].map((c) => clean(c.textContent));
      const band = HEALTH_BANDS[insights.band[customer.customer]!];
      expect(cells).to.deep.equal([
        dataset().customers.name[customer.customer],
        dataset().customers.company[customer.customer] ?? '',
        `${num(customer.recencyDays)} ${customer.recencyDays === 1 ? 'day' : 'days'} ago`,
        num(customer.frequency),
        new Intl.NumberFormat('en', { style: 'currency', currency: dataset().currency }).format(customer.monetary),
        SEGMENT_EN[customer.segment],
        `${insights.health[customer.customer]} · ${{ green: 'healthy', yellow: 'watch', red: 'at risk' }[band!]}`,
      ]);
    });

    it('sorts by any column from its header button and reports aria-sort', async () => {
      const rfm = rfmOf();
      const cell = biggest(rfm);
      const spend = cell.members.map((k) => rfm.customers[k]!.monetary).sort((a, b) => b - a);
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      await open(el, cell.x, cell.y);
      const th = () => sortButton(el, 'monetary').closest('th')!;
      expect(th().getAttribute('aria-sort')).to.equal('none');
      sortButton(el, 'monetary').click();
      await idle(el);
      // Numbers sort largest first on the first press.
      expect(th().getAttribute('aria-sort')).to.equal('descending');
      const shown = pageIds(el).map((id) => rfm.customers.find((c) => c.customerId === id)!.monetary);
      expect(shown).to.deep.equal(spend.slice(0, shown.length));
      sortButton(el, 'monetary').click();
      await idle(el);
      expect(th().getAttribute('aria-sort')).to.equal('ascending');
      const ascending = pageIds(el).map((id) => rfm.customers.find((c) => c.customerId === id)!.monetary);
      expect(ascending).to.deep.equal([...spend].reverse().slice(0, ascending.length));

      sortButton(el, 'name').click();
      await idle(el);
      expect(th().getAttribute('aria-sort')).to.equal('none');
      expect(sortButton(el, 'name').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
      const names = parts(el, 'customer').map((b) => clean(b.textContent));
      expect(names).to.deep.equal([...names].sort(new Intl.Collator('en').compare));
    });

    it('filters the cell’s customers by text and goes back to the first page', async () => {
      const rfm = rfmOf();
      const cell = biggest(rfm);
      const d = dataset();
      const company = d.customers.company[rfm.customers[cell.members[0]!]!.customer]!;
      const expected = cell.members.filter((k) => (d.customers.company[rfm.customers[k]!.customer] ?? '').toLowerCase().includes(company.toLowerCase()));
      const el = await matrix(html`<crm-segment-matrix locale="en" page-size="5" .data=${payload}></crm-segment-matrix>`);
      await open(el, cell.x, cell.y);
      (root(el).querySelector('[data-page=next]') as HTMLButtonElement).click();
      await idle(el);
      const input = part(el, 'filter') as HTMLInputElement;
      input.focus();
      await sendKeys({ type: company });
      await idle(el);
      expect(pagerStatus(el)).to.match(new RegExp(`^Page 1 of \\d+ · 1–\\d+ of ${expected.length}$`));
      for (const row of parts(el, 'drill-row')) expect(row.textContent).to.contain(company);
      input.value = 'no such customer';
      input.dispatchEvent(new InputEvent('input'));
      await idle(el);
      expect(pageIds(el)).to.deep.equal([]);
      expect(text(el, '.no-rows')).to.equal('No customer in this cell matches “no such customer”.');
    });

    it('closes with the close button and returns focus to the cell', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      await open(el, 5, 5);
      (part(el, 'drill-close') as HTMLButtonElement).click();
      await idle(el);
      await idle(el);
      expect(part(el, 'drill')).to.equal(null);
      expect(root(el).activeElement).to.equal(cellAt(el, 5, 5));
    });

    it('closes when the axes change, since the cell would mean something else', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      await open(el, 5, 5);
      el.y = 'm';
      await idle(el);
      expect(part(el, 'drill')).to.equal(null);
    });

    it('renders one page only for 100,000 customers', async () => {
      const big = generateSample({ seed: 3, customers: 100_000, orders: 200_000, surveys: 0, interactions: 0, deals: 0, tickets: 0 });
      const rfm = rfmOf(big);
      const cell = biggest(rfm);
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${big}></crm-segment-matrix>`);
      expect(clean(cellAt(el, cell.x, cell.y).querySelector('[part~=cell-count]')!.textContent)).to.equal(num(cell.count));
      await open(el, cell.x, cell.y);
      expect(cell.count).to.be.above(5000);
      expect(parts(el, 'drill-row').length).to.equal(10);
      expect(pagerStatus(el)).to.equal(`Page 1 of ${num(Math.ceil(cell.count / 10))} · 1–10 of ${num(cell.count)}`);
    });
  });

  describe('states', () => {
    it('shows a skeleton shaped like the matrix while loading', async () => {
      const el = await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix></crm-segment-matrix>`);
      // 25 placeholder tiles where the cells will be, not a pill.
      expect(root(el).querySelectorAll('.skeleton-matrix .cell.skeleton').length).to.equal(25);
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    });

    it('shows the empty view with the number of unscored customers when nobody bought anything', async () => {
      const none = generateSample({ seed: 7, customers: 40, orders: 0 });
      const rfm = rfmOf(none);
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${none}></crm-segment-matrix>`);
      expect(rfm.scored).to.equal(0);
      expect(text(el, '[part~=empty]')).to.contain('No purchases yet');
      expect(text(el, '[part~=empty]')).to.contain(`${rfm.unscored} customers are unscored`);
      await expect(el).to.be.accessible();
    });

    it('shows the error view with the details behind a toggle', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${{ schemaVersion: 1, orders: 'nope' }}></crm-segment-matrix>`);
      expect(text(el, '[part~=error]')).to.contain('The data could not be loaded');
      expect((part(el, 'error-details') as HTMLDetailsElement).textContent).to.contain('orders');
      await expect(el).to.be.accessible();
    });

    it('shows the stale badge when only a cached copy could be shown', async () => {
      const id = uniqueId();
      const src = await putPayload(id, payload);
      const restore = () => undefined;
      try {
        const first = await matrix(html`<crm-segment-matrix cache="memory" src=${src}></crm-segment-matrix>`);
        expect(parts(first, 'cell').length).to.equal(25);
        first.remove();
        // A second visit to the page: what the first loaded is only in the memory cache.
        forgetLoadedSources();
      } finally {
        restore();
      }
      // The backend is down now: connections are cut, the kit retries, then shows the copy it has.
      await setMode(id, { down: true });
      try {
        const el = await matrix(html`<crm-segment-matrix locale="en" cache="memory" src=${src}></crm-segment-matrix>`);
        for (let i = 0; i < 300 && !part(el, 'stale-badge'); i++) {
          await new Promise((r) => setTimeout(r, 20));
          await idle(el);
        }
        expect(text(el, '[part~=stale-badge]')).to.match(/^Stale · /);
        expect(parts(el, 'cell').length).to.equal(25);
        await expect(el).to.be.accessible();
      } finally {
        restore();
      }
    });
  });

  describe('events', () => {
    it('fires crm-select with the cell, its axes and its customer ids on click', async () => {
      const rfm = rfmOf();
      const cell = rfmGrid(rfm, 'r', 'f').find((c) => c.x === 4 && c.y === 3)!;
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      setTimeout(() => cellAt(el, 4, 3).click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.deep.equal({
        kind: 'cell',
        x: 4,
        y: 3,
        xAxis: 'r',
        yAxis: 'f',
        count: cell.count,
        customerIds: cell.members.map((k) => rfm.customers[k]!.customerId),
      });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('names the axes in crm-select on other axes', async () => {
      const el = await matrix(html`<crm-segment-matrix x="f" y="m" .data=${payload}></crm-segment-matrix>`);
      setTimeout(() => cellAt(el, 2, 2).click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      const detail = event.detail as Extract<SelectDetail, { kind: 'cell' }>;
      expect([detail.xAxis, detail.yAxis, detail.count]).to.deep.equal(['f', 'm', rfmGrid(rfmOf(), 'f', 'm')[6]!.count]);
    });

    it('fires crm-select with the customer on a row click', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const cell = biggest(rfmOf());
      await open(el, cell.x, cell.y);
      const row = parts(el, 'drill-row')[1]!;
      setTimeout(() => row.querySelector('td')!.click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.deep.equal({ kind: 'customer', customerId: row.dataset['customer'] });
    });

    it('fires no crm-select on programmatic changes', async () => {
      const events: Event[] = [];
      const el = await matrix(html`<crm-segment-matrix .data=${payload} @crm-select=${(e: Event) => events.push(e)}></crm-segment-matrix>`);
      el.x = 'm';
      el.colorBy = 'count';
      el.pageSize = 3;
      el.data = generateSample({ seed: 8, customers: 100 });
      await settled(el);
      expect(events).to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    it('moves between cells with arrow keys and opens a cell with Enter', async () => {
      const rfm = rfmOf();
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const tabbable = parts(el, 'cell').filter((c) => c.tabIndex === 0);
      expect(tabbable).to.deep.equal([cellAt(el, 5, 5)]);
      tabbable[0]!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowDown' });
      await idle(el);
      expect(root(el).activeElement).to.equal(cellAt(el, 4, 4));
      expect(cellAt(el, 4, 4).tabIndex).to.equal(0);
      expect(part(el, 'tooltip')).to.exist;
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      const detail = event.detail as Extract<SelectDetail, { kind: 'cell' }>;
      expect([detail.x, detail.y, detail.count]).to.deep.equal([4, 4, rfmGrid(rfm, 'r', 'f')[18]!.count]);
      await idle(el);
      expect(part(el, 'drill')).to.exist;
      await sendKeys({ press: 'Escape' });
      await idle(el);
      expect(part(el, 'drill')).to.equal(null);
    });

    it('stops at the edges and jumps with Home and End', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      cellAt(el, 5, 5).focus();
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowRight' });
      expect(root(el).activeElement).to.equal(cellAt(el, 5, 5));
      await sendKeys({ press: 'Home' });
      expect(root(el).activeElement).to.equal(cellAt(el, 1, 5));
      await sendKeys({ press: 'End' });
      expect(root(el).activeElement).to.equal(cellAt(el, 5, 5));
    });

    it('sorts from the keyboard and opens a customer with Enter', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const cell = biggest(rfmOf());
      cellAt(el, cell.x, cell.y).focus();
      await sendKeys({ press: 'Space' });
      await idle(el);
      sortButton(el, 'health').focus();
      await sendKeys({ press: 'Enter' });
      await idle(el);
      expect(sortButton(el, 'health').closest('th')!.getAttribute('aria-sort')).to.equal('descending');
      const first = parts(el, 'customer')[0]!;
      first.focus();
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.deep.equal({ kind: 'customer', customerId: first.closest('tr')!.dataset['customer'] });
    });
  });

  describe('accessibility', () => {
    it('has an accessible name, a one-sentence summary, labelled cells and no axe violations', async () => {
      const rfm = rfmOf();
      const largest = biggest(rfm);
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      expect(text(el, '#title')).to.equal('Customer segments (RFM)');
      expect(part(el, 'grid')!.getAttribute('role')).to.equal('grid');
      const summary = text(el, '[part~=summary]');
      expect(summary).to.contain(`${num(rfm.scored)} customers scored by Recency and Frequency`);
      expect(summary).to.contain(`the largest cell is R${largest.x} · F${largest.y}`);
      expect(summary).to.contain(`${num(rfm.unscored)} customers without a purchase are not scored.`);
      const champions = rfmGrid(rfm, 'r', 'f')[24]!;
      expect(nameOf(cellAt(el, 5, 5))).to.equal(
        `R5 · F5: ${num(champions.count)} customers, ${percent(champions.count / rfm.scored)} of scored customers, mean M score ${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(champions.meanM!)}, segment Champions`,
      );
      await expect(el).to.be.accessible();
    });

    it('has no axe violations with the drill-down open, sorted and filtered', async () => {
      const el = await matrix(html`<crm-segment-matrix locale="en" .data=${payload}></crm-segment-matrix>`);
      await open(el, 5, 5);
      sortButton(el, 'recency').click();
      await idle(el);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the table view', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      await expect(el).to.be.accessible();
    });

    it('renders hostile customer names as text', async () => {
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      const rfm = rfmOf();
      const d = dataset();
      const hostile = rfm.customers.find((c) => /</.test(d.customers.name[c.customer] ?? ''));
      expect(hostile).to.exist;
      const grid = rfmGrid(rfm, 'r', 'f');
      const cell = grid.find((g) => g.members.some((k) => rfm.customers[k] === hostile))!;
      await open(el, cell.x, cell.y);
      const input = part(el, 'filter') as HTMLInputElement;
      input.value = hostile!.customerId;
      input.dispatchEvent(new InputEvent('input'));
      await idle(el);
      expect(clean(part(el, 'customer')!.textContent)).to.equal(d.customers.name[hostile!.customer]);
      expect(root(el).querySelector('[part~=drill] script, [part~=drill] img, [part~=drill] b')).to.equal(null);
    });
  });

  describe('locales', () => {
    it('speaks zh-CN: title, segment names, axes, pager and numbers', async () => {
      const rfm = rfmOf();
      const el = await matrix(html`<crm-segment-matrix locale="zh-CN" .data=${payload}></crm-segment-matrix>`);
      expect(text(el, '#title')).to.equal('客户分层（RFM）');
      expect(parts(el, 'segment-label').map((l) => clean(l.textContent))).to.include.members(['核心客户', '流失风险客户', '重要挽留客户', '沉睡客户']);
      expect(text(el, '.x-title')).to.contain('最近消费得分');
      expect(text(el, '[part~=summary]')).to.contain(`共 ${num(rfm.scored, 'zh-CN')} 位客户按最近消费和消费频次评分`);
      expect(text(el, '[part~=legend]')).to.contain('颜色：平均 M 得分');
      await open(el, 5, 5);
      expect(pagerStatus(el)).to.match(/^第 1 \/ \d+ 页 · 第 1–\d+ 条，共 \d+ 条$/);
      expect(text(el, '[part~=drill-title]')).to.contain('（核心客户）');
      await expect(el).to.be.accessible();
    });

    it('takes the page language when locale is not set', async () => {
      const wrap = await fixture(html`<div lang="zh-CN"><crm-segment-matrix .data=${payload}></crm-segment-matrix></div>`);
      const el = await settled(wrap.querySelector('crm-segment-matrix')!);
      expect(text(el, '.legend-title')).to.equal('颜色：平均 M 得分');
    });
  });

  describe('themes', () => {
    const strongInk = (el: Element) => getComputedStyle(root(el).querySelector('.cell.strong [part~=cell-count]')!).color;

    it('writes cell text on the tile itself: surface colour on strong tiles, text colour on quiet ones, in both themes', async () => {
      const light = await matrix(html`<crm-segment-matrix theme="light" .data=${payload}></crm-segment-matrix>`);
      const dark = await matrix(html`<crm-segment-matrix theme="dark" .data=${payload}></crm-segment-matrix>`);
      expect(root(light).querySelector('.plate')).to.equal(null);
      expect(strongInk(light)).to.equal('rgb(255, 255, 255)');
      expect(strongInk(dark)).to.equal('rgb(13, 17, 23)');
      await expect(light).to.be.accessible();
      await open(dark, 5, 5);
      await expect(dark).to.be.accessible();
    });

    it('follows prefers-color-scheme and --crm-* overrides', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await matrix(html`<crm-segment-matrix .data=${payload}></crm-segment-matrix>`);
      expect(strongInk(el)).to.equal('rgb(13, 17, 23)');
      el.style.setProperty('--crm-color-surface', 'rgb(1, 2, 3)');
      expect(strongInk(el)).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('sizes', () => {
    it('fits 280 px: narrow, labels and shares left to the table view, nothing overflows', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 280px"><crm-segment-matrix .data=${payload}></crm-segment-matrix></div>`);
      const el = await settled(wrap.querySelector('crm-segment-matrix')!);
      await frames();
      await idle(el);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('narrow');
      expect(parts(el, 'segment-label').length).to.equal(0);
      expect(getComputedStyle(part(el, 'cell-share')!).display).to.equal('none');
      await open(el, 5, 5);
      expect(part(el, 'base')!.scrollWidth).to.be.at.most(280);
      await expect(el).to.be.accessible();
    });

    for (const width of [600, 1440]) {
      it(`fits the drill-down table in its card at ${width} px: columns give way, sticky header, numbers right-aligned`, async () => {
        const wrap = await fixture<HTMLElement>(html`<div style="width: ${width}px"><crm-segment-matrix locale="zh-CN" .data=${payload}></crm-segment-matrix></div>`);
        const el = await settled(wrap.querySelector('crm-segment-matrix')!);
        await frames();
        await idle(el);
        await open(el, 5, 5);
        const scroller = root(el).querySelector<HTMLElement>('.drill .table-wrap')!;
        expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth + 1);
        const header = root(el).querySelector('[part~=drill-table] thead th')!;
        expect(getComputedStyle(header).position).to.equal('sticky');
        const money = root(el).querySelector<HTMLElement>('[part~=drill-row] td.col-monetary')!;
        expect(['right', 'end']).to.include(getComputedStyle(money).textAlign);
        expect(getComputedStyle(money).fontVariantNumeric).to.contain('tabular-nums');
        // Name and health always stay.
        expect(getComputedStyle(root(el).querySelector('[part~=drill-row] td.col-health')!).display).to.not.equal('none');
      });
    }

    it('lays the matrix and the drill-down side by side when wide', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 1100px"><crm-segment-matrix .data=${payload}></crm-segment-matrix></div>`);
      const el = await settled(wrap.querySelector('crm-segment-matrix')!);
      await frames();
      await idle(el);
      await open(el, 5, 5);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('wide');
      const matrixBox = part(el, 'matrix')!.getBoundingClientRect();
      const drillBox = part(el, 'drill')!.getBoundingClientRect();
      expect(drillBox.left).to.be.at.least(matrixBox.right);
      expect(parts(el, 'segment-label').length).to.equal(10);
    });
  });
});
