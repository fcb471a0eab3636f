import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CSSResult, CSSResultGroup } from 'lit';
import { CrmCustomer360 } from '../../../src/elements/crm-customer-360/index.js';
import { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import { cellColour, CrmSegmentMatrix } from '../../../src/elements/crm-segment-matrix/index.js';
import { themeCss, TOKENS, tokenStyles } from '../../../src/theme/index.js';
import { generateSample } from '../../../src/sample/index.js';
import { rfmGrid, computeRfm } from '../../../src/metrics/index.js';
import { validatePayload } from '../../../src/contract/index.js';
import { drawn, part, rgbOf } from './view-helpers.js';
import './test-widget.js';
import type { TestWidget } from './test-widget.js';

const flatten = (group: CSSResultGroup): CSSResult[] => (Array.isArray(group) ? group.flatMap((g) => flatten(g as CSSResultGroup)) : [group as CSSResult]);

/** What every widget's own styles say, without the token defaults (which mention every token by construction). */
const componentCss = [CrmNpsGauge, CrmLifecycleFunnel, CrmSegmentMatrix, CrmCustomer360]
  .flatMap((element) => flatten(element.styles))
  .filter((sheet) => sheet !== tokenStyles)
  .map((sheet) => sheet.cssText)
  .join('\n');

/** The matrix's colour scales are CSS built in script; their stops are styles too. */
const validated = validatePayload(generateSample({ seed: 2, customers: 60 }));
if (!validated.ok) throw new Error('the sample validates');
const cells = rfmGrid(computeRfm(validated.dataset), 'r', 'f');
const scriptCss = (['m-score', 'monetary', 'count'] as const).flatMap((mode) => cellColour(mode, cells).ramp).join('\n');

const privateOf = (token: string) => `--_${token.replace(/^--crm-/, '').replace(/^color-/, '').replace(/^chart-(?=ramp)/, '')}`;

/** The names the theming section of docs/embedding.md documents. */
async function documentedTokens(): Promise<Set<string>> {
  const docs = await (await fetch('/docs/embedding.md')).text();
  const section = docs.slice(docs.indexOf('## 5. Theming'), docs.indexOf('## 6.'));
  return new Set(section.match(/--crm-[a-z0-9-]*[a-z0-9]/g));
}

const background = (el: Element) => rgbOf(getComputedStyle(part(el, 'base')!).backgroundColor);

describe('theme tokens', () => {
  afterEach(async () => {
    document.documentElement.classList.remove('crm-theme-dark', 'crm-theme-light');
    document.adoptedStyleSheets = [];
    await emulateMedia({ colorScheme: 'light' });
  });

  it('every documented token is used, and every used token is documented', async () => {
    const documented = await documentedTokens();
    expect([...documented].sort(), 'docs/embedding.md lists exactly TOKENS').to.deep.equal([...TOKENS].sort());
    const unused = TOKENS.filter((token) =>
      /^--crm-color-(gray|accent)-\d+$/.test(token)
        ? // A palette step is used when a theme maps some design token to it.
          !tokenStyles.cssText.includes(`var(${token},`)
        : !`${componentCss}\n${scriptCss}`.includes(`var(${privateOf(token)})`),
    );
    expect(unused, 'documented but read by no widget').to.deep.equal([]);
    const mentioned = new Set([...`${componentCss}\n${tokenStyles.cssText}\n${themeCss('light')}\n${themeCss('dark')}`.matchAll(/--crm-[a-z0-9-]*[a-z0-9]/g)].map((m) => m[0]));
    expect([...mentioned].filter((token) => !documented.has(token)), 'used but not documented').to.deep.equal([]);
  });

  it('every private variable a widget reads is defined, by the tokens or by the widget', () => {
    const css = `${componentCss}\n${scriptCss}`;
    const read = new Set([...css.matchAll(/var\((--_[a-z0-9-]+)/g)].map((m) => m[1]!));
    const defined = new Set([...`${css}\n${tokenStyles.cssText}`.matchAll(/(--_[a-z0-9-]+)\s*:/g)].map((m) => m[1]!));
    expect([...read].filter((name) => !defined.has(name))).to.deep.equal([]);
  });

  it('themes/light.css and themes/dark.css declare every token but the page fonts', () => {
    for (const name of ['light', 'dark'] as const) {
      const declared = new Set([...themeCss(name).matchAll(/(--crm-[a-z0-9-]+)\s*:/g)].map((m) => m[1]!));
      expect(TOKENS.filter((t) => !declared.has(t))).to.deep.equal(['--crm-font-sans', '--crm-font-numeric']);
    }
  });

  it('the page-wide switch: <html class="crm-theme-dark"> with themes/dark.css, per-element theme still wins', async () => {
    const light = new CSSStyleSheet();
    light.replaceSync(themeCss('light'));
    const dark = new CSSStyleSheet();
    dark.replaceSync(themeCss('dark'));
    document.adoptedStyleSheets = [light, dark];
    const wrap = await fixture(html`<div>
      <test-widget></test-widget>
      <test-widget theme="light"></test-widget>
      <test-widget theme="dark"></test-widget>
    </div>`);
    const [auto, forcedLight, forcedDark] = [...wrap.querySelectorAll<TestWidget>('test-widget')] as [TestWidget, TestWidget, TestWidget];
    // gray-0 and gray-950 of the palette.
    expect(background(auto)).to.deep.equal([255, 255, 255]);
    expect(background(forcedDark)).to.deep.equal([13, 17, 23]);
    document.documentElement.classList.add('crm-theme-dark');
    expect(background(auto)).to.deep.equal([13, 17, 23]);
    expect(background(forcedLight)).to.deep.equal([255, 255, 255]);
    expect(getComputedStyle(auto).colorScheme).to.equal('dark');
  });

  it('a page theme beats the OS setting; without one the OS decides', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<TestWidget>(html`<test-widget></test-widget>`);
    expect(background(el)).to.deep.equal([13, 17, 23]);
    const light = new CSSStyleSheet();
    light.replaceSync(themeCss('light'));
    document.adoptedStyleSheets = [light];
    expect(background(el)).to.deep.equal([255, 255, 255]);
  });

  it('per-element overrides win over the theme attribute and the page theme', async () => {
    const dark = new CSSStyleSheet();
    dark.replaceSync(`${themeCss('dark')} .branded { --crm-color-surface: rgb(10, 20, 30); }`);
    document.adoptedStyleSheets = [dark];
    document.documentElement.classList.add('crm-theme-dark');
    const el = await fixture<TestWidget>(html`<test-widget class="branded" theme="light"></test-widget>`);
    expect(background(el)).to.deep.equal([10, 20, 30]);
  });

  describe('a host theme restyles the charts', () => {
    const payload = generateSample({ seed: 4, customers: 150 });

    it('funnel bars take --crm-chart-1, compared groups the next series', async () => {
      const wrap = await fixture(html`<div style="--crm-chart-1: rgb(200, 0, 0); --crm-chart-2: rgb(0, 150, 0)">
        <crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>
        <crm-lifecycle-funnel breakdown="segment" .data=${payload}></crm-lifecycle-funnel>
      </div>`);
      const [single, grouped] = [...wrap.querySelectorAll<CrmLifecycleFunnel>('crm-lifecycle-funnel')] as [CrmLifecycleFunnel, CrmLifecycleFunnel];
      await drawn(single);
      await drawn(grouped);
      expect(rgbOf(getComputedStyle(single.shadowRoot!.querySelector('rect.bar')!).fill)).to.deep.equal([200, 0, 0]);
      const groups = grouped.shadowRoot!.querySelectorAll('[part~="group"]');
      expect(groups.length).to.be.above(1);
      expect(rgbOf(getComputedStyle(groups[1]!.querySelector('rect.bar')!).fill)).to.deep.equal([0, 150, 0]);
    });

    it('the gauge takes good / neutral / bad and accent', async () => {
      const el = await drawn(
        await fixture<CrmNpsGauge>(
          html`<crm-nps-gauge min-responses="1" style="--crm-color-good: rgb(1, 2, 250); --crm-color-accent: rgb(250, 2, 1)" .data=${payload}></crm-nps-gauge>`,
        ),
      );
      expect(rgbOf(getComputedStyle(el.shadowRoot!.querySelector('.fill-promoters')!).backgroundColor)).to.deep.equal([1, 2, 250]);
      expect(rgbOf(getComputedStyle(part(el, 'value')!).fill)).to.deep.equal([250, 2, 1]);
    });

    it('the matrix ramp takes --crm-chart-ramp-1…5: the largest cell by count is ramp-5', async () => {
      const el = await drawn(
        await fixture<CrmSegmentMatrix>(html`<crm-segment-matrix color-by="count" style="--crm-chart-ramp-5: rgb(0, 200, 100)" .data=${payload}></crm-segment-matrix>`),
      );
      const counts = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="cell"]')].map((c) => ({ c, n: Number(c.querySelector('[part~="cell-count"]')!.textContent!.replace(/\D/g, '')) }));
      const largest = counts.reduce((a, b) => (b.n > a.n ? b : a)).c;
      expect(rgbOf(getComputedStyle(largest).backgroundColor)).to.deep.equal([0, 200, 100]);
    });
  });
});
