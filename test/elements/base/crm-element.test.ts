import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { generateSample } from '../../../src/sample/index.js';
import './test-widget.js';
import type { TestWidget } from './test-widget.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function ready(el: TestWidget) {
  for (let i = 0; i < 100 && !part(el, 'chart') && !part(el, 'empty') && !part(el, 'error'); i++) {
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
  }
  return el;
}

describe('CrmElement', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  it('renders a skeleton with a live status while no data is set', async () => {
    const el = await fixture<TestWidget>(html`<test-widget></test-widget>`);
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'skeleton')).to.exist;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Loading');
  });

  it('renders the ready frame: title, as of, source, rows set aside', async () => {
    const el = await ready(await fixture<TestWidget>(html`<test-widget locale="en" .data=${generateSample({ seed: 1 })}></test-widget>`));
    expect(text(el, 'title')).to.equal('Test');
    expect(text(el, 'subtitle')).to.contain('as of Oct 31, 2026');
    expect(text(el, 'footer')).to.contain('Source: provided by the page');
    expect(text(el, 'set-aside')).to.match(/rows? set aside/);
    await expect(el).to.be.accessible();
  });

  it('renders the empty view when the widget says so', async () => {
    const el = await ready(await fixture<TestWidget>(html`<test-widget .data=${generateSample({ seed: 1, surveys: 0 })}></test-widget>`));
    expect(part(el, 'empty')).to.exist;
    expect(part(el, 'menu')).to.equal(null);
  });

  it('renders the error view with the localized message and technical details', async () => {
    const errors: Event[] = [];
    const el = await fixture<TestWidget>(html`<test-widget locale="zh-CN" @crm-error=${(e: Event) => errors.push(e)} .data=${{ schemaVersion: 9 }}></test-widget>`);
    await ready(el);
    expect(text(el, 'error')).to.contain('数据加载失败');
    expect(part(el, 'error-details')!.tagName).to.equal('DETAILS');
    expect(errors.length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('toggles the table view with the same numbers', async () => {
    const el = await ready(await fixture<TestWidget>(html`<test-widget .data=${generateSample({ seed: 1 })}></test-widget>`));
    const shown = el.shadowRoot!.querySelector('.count')!.textContent;
    (part(el, 'table-toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(part(el, 'table')!.querySelector('td')!.textContent).to.equal(shown);
    expect(part(el, 'table-toggle')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('resolves locale from the nearest lang when locale is not set', async () => {
    const wrap = await fixture(html`<div lang="zh-CN"><test-widget></test-widget></div>`);
    expect(wrap.querySelector('test-widget')!.resolvedLocale).to.equal('zh-CN');
  });

  it('follows prefers-color-scheme unless theme is set', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const auto = await fixture<TestWidget>(html`<test-widget></test-widget>`);
    const forced = await fixture<TestWidget>(html`<test-widget theme="light"></test-widget>`);
    const bg = (el: Element) => getComputedStyle(part(el, 'base')!).backgroundColor;
    expect(bg(auto)).to.equal('rgb(13, 17, 23)');
    expect(bg(forced)).to.equal('rgb(255, 255, 255)');
  });

  it('sets the size class from its own width', async () => {
    const wrap = await fixture(html`<div style="width: 280px"><test-widget></test-widget></div>`);
    const el = wrap.querySelector('test-widget')!;
    await frames();
    await el.updateComplete;
    expect(el.sizeClass).to.equal('narrow');
    expect(part(el, 'base')!.getAttribute('data-size')).to.equal('narrow');
    (wrap as HTMLElement).style.width = '900px';
    await frames();
    await el.updateComplete;
    expect(el.sizeClass).to.equal('wide');
  });
});
