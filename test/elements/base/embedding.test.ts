import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { putPayload, setMode, uniqueId } from '../../data/test-host.js';
import { forgetLoadedSources } from '../../../src/data/data-source.js';
import type { Payload } from '../../../src/contract/index.js';
import { CrmElement } from '../../../src/elements/base/crm-element.js';
import { CrmRenderEvent, type ErrorDetail, type RenderDetail } from '../../../src/elements/base/events.js';
import { tableToCsv } from '../../../src/elements/base/export.js';
import '../../../src/elements/crm-customer-360/index.js';
import type { CrmCustomer360 } from '../../../src/elements/crm-customer-360/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import type { CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import { computeRfm, rfmGrid } from '../../../src/metrics/index.js';
import { validatePayload } from '../../../src/contract/index.js';
import { generateSample } from '../../../src/sample/index.js';
import { drawn, part, text } from './view-helpers.js';
import './test-widget.js';
import type { TestWidget } from './test-widget.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A contract payload with the given surveys and stage events on a few customers, nothing else. */
function payloadWith(parts: { surveys?: { score: number }[]; stageEvents?: { entity: number; stage: string }[] }): Payload {
  const customers = Array.from({ length: 10 }, (_, i) => ({ id: `C${i}`, name: `客户${i}`, createdAt: '2025-01-01T00:00:00Z' }));
  return {
    schemaVersion: 1,
    asOf: '2026-10-31T23:59:59Z',
    currency: 'CNY',
    stages: ['lead', 'opportunity', 'signed', 'paid'].map((key) => ({ key, label: { en: key[0]!.toUpperCase() + key.slice(1) } })),
    customers,
    orders: [],
    interactions: [],
    surveys: (parts.surveys ?? []).map((s, i) => ({ id: `S${i}`, customerId: `C${i % 10}`, date: '2026-06-01T00:00:00Z', score: s.score })),
    stageEvents: (parts.stageEvents ?? []).map((e, i) => ({
      entityId: `D${e.entity}`,
      customerId: `C${e.entity % 10}`,
      stage: e.stage,
      date: new Date(Date.UTC(2026, 0, 1 + ['lead', 'opportunity', 'signed', 'paid'].indexOf(e.stage), 0, 0, i % 60)).toISOString().slice(0, 19) + 'Z',
    })),
    tickets: [],
  } as unknown as Payload;
}

// ------------------------------------------------------------ decoding a PNG

/** Width and height from the IHDR chunk, after the eight signature bytes (PNG spec, 11.2.2). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The browser's own PNG decoder, read back pixel by pixel. */
async function decode(blob: Blob): Promise<(x: number, y: number) => number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = Object.assign(document.createElement('canvas'), { width: bitmap.width, height: bitmap.height });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  return (x, y) => {
    const i = (Math.round(y) * bitmap.width + Math.round(x)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}

/**
 * A point of the figure (CSS px, figure coordinates) in PNG pixels: the figure starts 16 px from
 * the left and 64 px from the top (below title and subtitle), and the PNG is drawn at 2×.
 */
const png = (fx: number, fy: number): [number, number] => [2 * (16 + fx), 2 * (64 + fy)];

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('embedding API', () => {
  describe('crm-render and custom states', () => {
    it('fires crm-render once, when the data is first drawn', async () => {
      const events: RenderDetail[] = [];
      const el = await fixture<TestWidget>(html`<test-widget @crm-render=${(e: CrmRenderEvent) => events.push(e.detail)} .data=${generateSample({ seed: 1 })}></test-widget>`);
      await drawn(el);
      await el.updateComplete;
      expect(events).to.deep.equal([{ view: 'ready', fromCache: false, stale: false }]);
      el.locale = 'zh-CN';
      el.data = generateSample({ seed: 2 });
      await drawn(el);
      await sleep(50);
      expect(events.length).to.equal(1);
    });

    it('crm-render bubbles out of the shadow root to the document, and says when the view is empty', async () => {
      const heard = oneEvent(document, 'crm-render');
      await fixture<TestWidget>(html`<test-widget .data=${generateSample({ seed: 1, surveys: 0 })}></test-widget>`);
      const event = (await heard) as CrmRenderEvent;
      expect(event.detail.view).to.equal('empty');
      expect(event.composed && event.bubbles).to.equal(true);
    });

    it('exposes loading, ready, empty and error as custom states for host CSS', async () => {
      const style = document.createElement('style');
      style.textContent = 'test-widget:state(loading) { outline: 3px solid red } test-widget:state(ready) { outline: 5px solid green }';
      document.head.append(style);
      try {
        const el = await fixture<TestWidget>(html`<test-widget></test-widget>`);
        expect(el.matches(':state(loading)')).to.equal(true);
        expect(getComputedStyle(el).outlineWidth).to.equal('3px');
        el.data = generateSample({ seed: 1 });
        await drawn(el);
        await el.updateComplete;
        expect([':state(loading)', ':state(ready)', ':state(empty)', ':state(error)'].map((s) => el.matches(s))).to.deep.equal([false, true, false, false]);
        expect(getComputedStyle(el).outlineWidth).to.equal('5px');
        el.data = generateSample({ seed: 1, surveys: 0 });
        await sleep(50);
        await el.updateComplete;
        expect(el.matches(':state(empty)')).to.equal(true);
        el.data = { schemaVersion: 9 };
        await sleep(50);
        await el.updateComplete;
        expect(el.matches(':state(error)') && !el.matches(':state(empty)')).to.equal(true);
      } finally {
        style.remove();
      }
    });

    it('adds the stale state beside ready when only a cached copy could be shown', async () => {
      const payload = generateSample({ seed: 3 });
      const id = uniqueId();
      const src = await putPayload(id, payload);
      const restore = () => undefined;
      try {
        const first = await drawn(await fixture<TestWidget>(html`<test-widget cache="memory" src=${src}></test-widget>`));
        expect(first.matches(':state(stale)')).to.equal(false);
        first.remove();
        forgetLoadedSources();
      } finally {
        restore();
      }
      // The backend is down now: connections are cut, the kit retries, then shows the copy it has.
      await setMode(id, { down: true });
      try {
        const el = await fixture<TestWidget>(html`<test-widget cache="memory" src=${src}></test-widget>`);
        for (let i = 0; i < 100 && !el.matches(':state(stale)'); i++) {
          await sleep(20);
          await el.updateComplete;
        }
        expect(el.matches(':state(stale)') && el.matches(':state(ready)')).to.equal(true);
      } finally {
        restore();
      }
    });
  });

  describe('no data source', () => {
    const grace = CrmElement.noSourceGraceMs;
    beforeEach(() => (CrmElement.noSourceGraceMs = 100));
    afterEach(() => (CrmElement.noSourceGraceMs = grace));

    it('says "no data source" after the grace period, with one crm-error, instead of loading forever', async () => {
      const errors: ErrorDetail[] = [];
      const el = await fixture<TestWidget>(html`<test-widget locale="en" @crm-error=${(e: CustomEvent<ErrorDetail>) => errors.push(e.detail)}></test-widget>`);
      expect(part(el, 'loading')).to.exist;
      await sleep(200);
      await el.updateComplete;
      expect(part(el, 'loading')).to.equal(null);
      expect(text(el, 'no-source')).to.contain('No data source');
      expect(text(el, 'no-source')).to.contain('<crm-data-source>');
      expect(errors.map((e) => e.kind)).to.deep.equal(['no-source']);
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();
      el.data = generateSample({ seed: 1 });
      await drawn(el);
      expect(part(el, 'no-source')).to.equal(null);
      expect(part(el, 'chart')).to.exist;
    });

    it('speaks the widget locale', async () => {
      const el = await fixture<TestWidget>(html`<test-widget locale="zh-CN"></test-widget>`);
      await sleep(200);
      await el.updateComplete;
      expect(text(el, 'no-source')).to.contain('未连接数据源');
    });

    it('never shows when the data arrives within the grace period', async () => {
      const errors: unknown[] = [];
      const el = await fixture<TestWidget>(html`<test-widget @crm-error=${(e: Event) => errors.push(e)}></test-widget>`);
      await sleep(40);
      el.data = generateSample({ seed: 1 });
      await drawn(el);
      await sleep(150);
      expect(errors).to.deep.equal([]);
      expect(part(el, 'chart')).to.exist;
    });

    it('waits for a named <crm-data-source> rather than calling it missing', async () => {
      const el = await fixture<TestWidget>(html`<test-widget source="later-source"></test-widget>`);
      await sleep(200);
      await el.updateComplete;
      expect(part(el, 'no-source')).to.equal(null);
    });
  });

  describe('exportCsv()', () => {
    it('tableToCsv(table) quotes commas, quotes and line breaks, and defuses formula cells but not signed numbers', () => {
      const csv = tableToCsv({
        caption: 'x',
        columns: [{ label: 'Name' }, { label: 'Note, long' }, { label: 'Amount', numeric: true }],
        rows: [
          ['Tom "T" Lee', 'line one\nline two', '-CN¥197.33'],
          ['=HYPERLINK("http://x")', '@SUM(A1)', '+17'],
          ['-2+3', '王芳', '−4.5%'],
          ['-1 - 1', 'interval', '-20.1 … +9.8'],
        ],
      });
      expect(csv).to.equal(
        'Name,"Note, long",Amount\r\n' +
          '"Tom ""T"" Lee","line one\nline two",-CN¥197.33\r\n' +
          `"'=HYPERLINK(""http://x"")",'@SUM(A1),+17\r\n` +
          "'-2+3,王芳,−4.5%\r\n" +
          "'-1 - 1,interval,-20.1 … +9.8\r\n",
      );
    });

    it('gives the table view as UTF-8 with a byte order mark and the localized headers', async () => {
      const el = await drawn(await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="zh-CN" min-responses="1" .data=${generateSample({ seed: 5 })}></crm-nps-gauge>`));
      const blob = el.exportCsv();
      expect(blob.type).to.equal('text/csv;charset=utf-8');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
      expect(lines[0]).to.equal('指标,数值,占比或回复数');
      // The same rows as the table view shows, read from its cells.
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await el.updateComplete;
      const shown = [...part(el, 'table')!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()).join(','));
      expect(lines.slice(1, -1)).to.deep.equal(shown);
      expect(lines.at(-1)).to.equal('');
    });

    it('throws while nothing is drawn', async () => {
      const el = await fixture<TestWidget>(html`<test-widget></test-widget>`);
      expect(() => el.exportCsv()).to.throw(/no data drawn/);
    });

    it('download("csv") saves a file named after the title and the "as of" date, and resolves with it', async () => {
      const el = await drawn(await fixture<TestWidget>(html`<test-widget .data=${generateSample({ seed: 1 })}></test-widget>`));
      const saved: { name: string; href: string }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      };
      try {
        const blob = await el.download('csv');
        expect(saved.length).to.equal(1);
        // The sample's asOf is 2026-10-31; the test widget is called "Test".
        expect(saved[0]!.name).to.equal('Test-2026-10-31.csv');
        expect(saved[0]!.href).to.match(/^blob:/);
        expect((await blob.text()).split('\r\n')[0]).to.equal('What,Count');
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
    });

    it('every widget exports CSV; the customer card has no PNG', async () => {
      const payload = generateSample({ seed: 6, customers: 80 });
      const id = (payload as unknown as { customers: { id: string }[] }).customers[0]!.id;
      const card = await drawn(await fixture<CrmCustomer360>(html`<crm-customer-360 locale="en" customer-id=${id} .data=${payload}></crm-customer-360>`));
      expect((await card.exportCsv().text()).split('\r\n')[0]).to.equal('Measure,Value');
      let failure: Error | undefined;
      await card.exportPng().catch((error: Error) => (failure = error));
      expect(failure?.message).to.contain('no chart');
    });
  });

  describe('exportPng()', () => {
    /** Tokens set to pure colours, so each mark's pixels say which token painted them. */
    const tokens =
      '--crm-color-accent: rgb(255, 0, 0); --crm-color-good: rgb(0, 255, 0); --crm-color-neutral: rgb(0, 0, 255); ' +
      '--crm-color-bad: rgb(255, 0, 255); --crm-color-track: rgb(0, 255, 255); --crm-color-surface: rgb(255, 255, 255);';

    it('the gauge: a PNG at 2× with the value arc, the track and the group bar in their token colours', async () => {
      // 10 promoters, 5 passives, 5 detractors: NPS = (10 − 5) / 20 × 100 = +25.
      const surveys = [...Array(10).fill({ score: 10 }), ...Array(5).fill({ score: 8 }), ...Array(5).fill({ score: 3 })];
      const el = await drawn(
        await fixture<CrmNpsGauge>(html`<crm-nps-gauge locale="en" trend="none" min-responses="1" style=${tokens} .data=${payloadWith({ surveys })}></crm-nps-gauge>`),
      );
      expect(text(el, 'score')).to.equal('+25');
      const blob = await el.exportPng();
      expect(blob.type).to.equal('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 8)]).to.deep.equal(SIGNATURE);
      // The figure is 320 px wide plus 16 px margins: 352 CSS px, 704 PNG pixels.
      expect(pngSize(bytes).width).to.equal(704);
      const at = await decode(blob);
      expect(at(2, 2)).to.deep.equal([255, 255, 255]);
      // Dial centre at (160, 140) in the figure; the arc runs from 0 (top) to +25, i.e. 0°..22.5°
      // clockwise. Its middle, 11.25° at radius 85 (between 70 and 100): (160 + 85 sin 11.25°, 140 − 85 cos 11.25°).
      const rad = (deg: number) => (deg * Math.PI) / 180;
      expect(at(...png(160 + 85 * Math.sin(rad(11.25)), 140 - 85 * Math.cos(rad(11.25))))).to.deep.equal([255, 0, 0]);
      // The negative half is track only: −45° at radius 85.
      expect(at(...png(160 - 85 * Math.sin(rad(45)), 140 - 85 * Math.cos(rad(45))))).to.deep.equal([0, 255, 255]);
      // The bar spans x 20..300 at y 172..186: promoters 10/20 (20..160), passives 5/20 (160..230), detractors (230..300).
      expect(at(...png(90, 179))).to.deep.equal([0, 255, 0]);
      expect(at(...png(195, 179))).to.deep.equal([0, 0, 255]);
      expect(at(...png(265, 179))).to.deep.equal([255, 0, 255]);
    });

    it('the funnel: bars as long as their share of the first stage, over the track', async () => {
      // 10 entities enter, 5 reach opportunity, 2 signed, 1 paid: bars of 100 %, 50 %, 20 %, 10 % of 240 px.
      const stageEvents = [
        ...Array.from({ length: 10 }, (_, i) => ({ entity: i, stage: 'lead' })),
        ...Array.from({ length: 5 }, (_, i) => ({ entity: i, stage: 'opportunity' })),
        ...Array.from({ length: 2 }, (_, i) => ({ entity: i, stage: 'signed' })),
        { entity: 0, stage: 'paid' },
      ];
      const el = await drawn(
        await fixture<CrmLifecycleFunnel>(html`<crm-lifecycle-funnel locale="en" style="${tokens} --crm-chart-1: rgb(200, 0, 0)" .data=${payloadWith({ stageEvents })}></crm-lifecycle-funnel>`),
      );
      const at = await decode(await el.exportPng());
      // Row j spans y 30j..30j+30; its track is x 128..368, y 30j+6..30j+24.
      const row = (j: number) => 30 * j + 15;
      expect(at(...png(128 + 230, row(0)))).to.deep.equal([200, 0, 0]);
      expect(at(...png(128 + 110, row(1)))).to.deep.equal([200, 0, 0]);
      expect(at(...png(128 + 130, row(1)))).to.not.deep.equal([200, 0, 0]);
      expect(at(...png(128 + 40, row(2)))).to.deep.equal([200, 0, 0]);
      expect(at(...png(128 + 20, row(3)))).to.deep.equal([200, 0, 0]);
      expect(at(...png(128 + 30, row(3)))).to.not.deep.equal([200, 0, 0]);
      // Beyond the previous stage's ghost (48 px), only the track: x 128 + 100.
      expect(at(...png(128 + 100, row(3)))).to.deep.equal([0, 255, 255]);
    });

    it('the matrix: the largest cell in the high end of the ramp, at its place in the grid, in the page theme', async () => {
      const payload = generateSample({ seed: 4, customers: 150 });
      const validated = validatePayload(payload);
      if (!validated.ok) throw new Error('the sample validates');
      const largest = rfmGrid(computeRfm(validated.dataset), 'r', 'f').reduce((a, b) => (b.count > a.count ? b : a));
      const el = await drawn(
        await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix theme="dark" color-by="count" style="--crm-chart-ramp-5: rgb(0, 200, 0)" .data=${payload}></crm-segment-matrix>`),
      );
      const at = await decode(await el.exportPng());
      // Dark theme surface: gray-950.
      expect(at(2, 2)).to.deep.equal([13, 17, 23]);
      // The plot is 280 px square at x 40. Bands of 20 % with 8 % inner padding: score s is centred at
      // 20s − 10 % across, and (from the top) 110 − 20s % down. Sample a corner of the cell, clear of its text.
      const cx = 40 + 2.8 * (20 * largest.x - 10);
      const cy = 2.8 * (110 - 20 * largest.y);
      expect(at(...png(cx - 18, cy + 18))).to.deep.equal([0, 200, 0]);
    });

    it('rejects while nothing is drawn', async () => {
      const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge></crm-nps-gauge>`);
      let failure: Error | undefined;
      await el.exportPng().catch((error: Error) => (failure = error));
      expect(failure?.message).to.contain('no data drawn');
    });
  });
});
