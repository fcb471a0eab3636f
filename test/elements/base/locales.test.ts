import { expect, fixture, html } from '@open-wc/testing';
import { createFormatter, formatMessage, matchLocale, sharedMessages } from '../../../src/i18n/index.js';
import { segmentMessages } from '../../../src/i18n/segments.js';
import { c360Messages } from '../../../src/elements/crm-customer-360/messages.js';
import { funnelMessages } from '../../../src/elements/crm-lifecycle-funnel/messages.js';
import { npsMessages } from '../../../src/elements/crm-nps-gauge/messages.js';
import { matrixMessages } from '../../../src/elements/crm-segment-matrix/messages.js';
import { filterBarMessages } from '../../../src/elements/crm-filter-bar/messages.js';
import '../../../src/elements/crm-customer-360/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import { registerLocale, type KitMessages } from '../../../src/locales/index.js';
import { zhTW } from '../../../src/locales/zh-TW.js';
import type { Payload } from '../../../src/contract/index.js';
import { generateSample } from '../../../src/sample/index.js';
import type { CrmElement } from '../../../src/elements/base/crm-element.js';
import { drawn, part, text } from './view-helpers.js';
import './test-widget.js';
import type { TestWidget } from './test-widget.js';

/** Every string a reader meets in a shadow tree: text, accessible names, tooltips, placeholders. */
function everyString(root: ShadowRoot): string[] {
  const strings: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.parentElement?.closest('style')) continue;
      strings.push(node.textContent ?? '');
    } else {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = (node as Element).getAttribute(name);
        if (value) strings.push(value);
      }
    }
  }
  return strings;
}

/** A sample whose data (names, companies, regions, owners) is Chinese, so any Latin word left is the kit's. */
function chineseSample(): Payload {
  const payload = generateSample({ seed: 7, customers: 120, edgeCases: false }) as unknown as Record<string, Record<string, unknown>[]>;
  const hanzi = '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾';
  payload['customers']!.forEach((c, i) => {
    c['name'] = `${hanzi[i % hanzi.length]}${hanzi[(i * 7) % hanzi.length]}`;
    c['company'] = `${hanzi[(i * 3) % hanzi.length]}興企業`;
    c['region'] = ['北區', '中區', '南區'][i % 3];
    c['owner'] = ['陳怡君', '林志明'][i % 2];
    c['segment'] = ['企業客戶', '個人客戶'][i % 2];
  });
  return payload as unknown as Payload;
}

/** Acronyms a Taiwanese CRM team writes in Latin letters too, the CN of CN¥ as Intl writes yuan in zh-TW, and Wald (a statistician's name, kept as Chinese statistics texts keep it). */
const ALLOWED_LATIN = new Set(['NPS', 'RFM', 'CLV', 'ID', 'HTTP', 'JSON', 'CN', 'Wald']);

describe('locales', () => {
  it('matchLocale(tag) picks zh-TW for Traditional Chinese tags and zh-CN for Simplified', () => {
    // zh-HK and zh-Hant maximize to the Hant script, as zh-TW does; zh-SG and zh to Hans.
    expect(['zh-TW', 'zh-tw', 'zh-HK', 'zh-Hant', 'zh-Hant-TW', 'zh-MO'].map(matchLocale)).to.deep.equal(['zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW']);
    expect(['zh', 'zh-SG', 'zh-Hans'].map(matchLocale)).to.deep.equal(['zh-CN', 'zh-CN', 'zh-CN']);
  });

  it('zh-TW has a message for every key of every catalogue', () => {
    const catalogues: Record<keyof KitMessages, { en: object }> = {
      shared: sharedMessages,
      segments: segmentMessages,
      nps: npsMessages,
      funnel: funnelMessages,
      matrix: matrixMessages,
      customer360: c360Messages,
      filterBar: filterBarMessages,
    };
    for (const [name, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(zhTW[name as keyof KitMessages]).sort(), name).to.deep.equal(Object.keys(catalogue.en).sort());
    }
  });

  it('catalogue names are the keys registerLocale takes', () => {
    const names = [sharedMessages, segmentMessages, npsMessages, funnelMessages, matrixMessages, c360Messages, filterBarMessages].map((c) => c.name);
    expect(names).to.deep.equal(Object.keys(zhTW));
  });

  it('registerLocale(tag, messages) teaches widgets a locale; missing keys show English with one warning', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      registerLocale('fr', { shared: { 'menu.table': 'Tableau', 'footer.noneSetAside': 'Aucune ligne écartée' } });
      const one = await drawn(await fixture<TestWidget>(html`<test-widget locale="fr" .data=${generateSample({ seed: 1, edgeCases: false })}></test-widget>`));
      const two = await drawn(await fixture<TestWidget>(html`<test-widget locale="fr-CA" .data=${generateSample({ seed: 1, edgeCases: false })}></test-widget>`));
      expect(one.resolvedLocale).to.equal('fr');
      expect(two.resolvedLocale).to.equal('fr');
      expect(text(one, 'table-toggle')).to.equal('Tableau');
      expect(text(one, 'set-aside')).to.equal('Aucune ligne écartée');
      // Not registered in French: English, not a key.
      expect(text(one, 'details-toggle')).to.equal('Details');
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0]![0])).to.contain('"fr"');
    } finally {
      console.warn = warn;
    }
  });

  it('registerLocale re-renders widgets already on the page', async () => {
    const el = await drawn(await fixture<TestWidget>(html`<test-widget locale="eo" .data=${generateSample({ seed: 1, edgeCases: false })}></test-widget>`));
    expect(text(el, 'table-toggle')).to.equal('Table');
    registerLocale('eo', { shared: { 'menu.table': 'Tabelo' } });
    await el.updateComplete;
    expect(text(el, 'table-toggle')).to.equal('Tabelo');
  });

  it('registerLocale can reword a built-in locale without forking', async () => {
    registerLocale('zh-CN', { shared: { 'menu.details': '明细' } });
    const el = await drawn(await fixture<TestWidget>(html`<test-widget locale="zh-CN" .data=${generateSample({ seed: 1, edgeCases: false })}></test-widget>`));
    expect(text(el, 'details-toggle')).to.equal('明细');
    expect(text(el, 'table-toggle')).to.equal('表格');
    registerLocale('zh-CN', { shared: { 'menu.details': '详情' } });
  });

  it('formatMessage(plural forms) picks the form through Intl.PluralRules, not a test for 1', () => {
    const rows = { one: '{n} row', other: '{n} rows' };
    expect([0, 1, 2].map((count) => formatMessage(rows, { n: count, count }, 'en'))).to.deep.equal(['0 rows', '1 row', '2 rows']);
    // French counts 0 and 1 as singular ("0 ligne"): an `=== 1` check would say "0 lignes".
    const lignes = { one: '{n} ligne', other: '{n} lignes' };
    expect([0, 1, 2].map((count) => formatMessage(lignes, { n: count, count }, 'fr'))).to.deep.equal(['0 ligne', '1 ligne', '2 lignes']);
    // Polish (CLDR): one = 1; few = 2–4, 22–24 …; many = 0, 5–21, 25 …
    const wiersze = { one: '{n} wiersz', few: '{n} wiersze', many: '{n} wierszy', other: '{n} wiersza' };
    expect([1, 2, 5, 22, 25].map((count) => formatMessage(wiersze, { n: count, count }, 'pl'))).to.deep.equal([
      '1 wiersz',
      '2 wiersze',
      '5 wierszy',
      '22 wiersze',
      '25 wierszy',
    ]);
  });

  it('createFormatter(locale).ago and daysAgo say relative times through Intl.RelativeTimeFormat', () => {
    const en = createFormatter('en');
    const tw = createFormatter('zh-TW');
    expect(en.daysAgo(1)).to.equal('yesterday');
    expect(en.daysAgo(124)).to.equal('124 days ago');
    expect(tw.daysAgo(124)).to.equal('124 天前');
    expect(en.ago(3 * 3_600_000)).to.equal('3 hours ago');
    expect(tw.ago(3 * 3_600_000)).to.equal('3 小時前');
  });

  describe('zh-TW widgets', () => {
    const payload = chineseSample();
    const customerId = (payload as unknown as { customers: { id: string }[] }).customers[3]!.id;
    const widgets = {
      'crm-nps-gauge': html`<crm-nps-gauge locale="zh-TW" min-responses="5" .data=${payload}></crm-nps-gauge>`,
      'crm-lifecycle-funnel': html`<crm-lifecycle-funnel locale="zh-TW" .data=${payload}></crm-lifecycle-funnel>`,
      'crm-segment-matrix': html`<crm-segment-matrix locale="zh-TW" .data=${payload}></crm-segment-matrix>`,
      'crm-customer-360': html`<crm-customer-360 locale="zh-TW" customer-id=${customerId} .data=${payload}></crm-customer-360>`,
    };
    for (const [tag, template] of Object.entries(widgets)) {
      it(`${tag} in zh-TW leaves no English word, in the chart nor in the table view`, async () => {
        const el = await drawn(await fixture<CrmElement>(template));
        expect(part(el, 'chart'), 'drawn').to.exist;
        if (tag === 'crm-segment-matrix') {
          (el.shadowRoot!.querySelector('[part~="cell"]:not([part~="empty"])') as HTMLElement).click();
          await el.updateComplete;
        }
        const chart = everyString(el.shadowRoot!);
        (part(el, 'table-toggle') as HTMLButtonElement).click();
        (part(el, 'details-toggle') as HTMLButtonElement).click();
        await el.updateComplete;
        const table = everyString(el.shadowRoot!);
        const latin = [...chart, ...table].flatMap((s) => s.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((word) => !ALLOWED_LATIN.has(word));
        expect(latin).to.deep.equal([]);
        expect(text(el, 'title')).to.match(/[\u4e00-\u9fff]/);
      });
    }

    it('stage names come from the payload in Traditional Chinese: 線索, 商機, 簽單, 回款', async () => {
      const el = await drawn(await fixture<CrmElement>(widgets['crm-lifecycle-funnel']));
      const names = [...el.shadowRoot!.querySelectorAll('[part~="stage-label"]')].map((n) => n.textContent!.trim());
      expect(names).to.deep.equal(['線索', '商機', '簽單', '回款']);
    });

    it('the NPS gauge says 淨推薦值', async () => {
      const el = await drawn(await fixture<CrmElement>(widgets['crm-nps-gauge']));
      expect(text(el, 'title')).to.equal('淨推薦值（NPS）');
    });
  });
});
