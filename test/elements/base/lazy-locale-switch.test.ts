// Switching a drawn English widget to zh-CN on a page that has not loaded zh-CN (this file never
// imports src/locales/zh-CN.ts; each test file runs in its own page).
import { expect, fixture, html } from '@open-wc/testing';
import { localePending } from '../../../src/i18n/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import { generateSample } from '../../../src/sample/index.js';
import { drawn } from './view-helpers.js';

describe('switching a widget to zh-CN', () => {
  it('keeps the English frame untouched while the chunk loads, then draws Chinese: no English frame after the switch', async () => {
    const el = await drawn(await fixture<CrmLifecycleFunnel>(html`<crm-lifecycle-funnel locale="en" .data=${generateSample({ seed: 7, customers: 120, edgeCases: false })}></crm-lifecycle-funnel>`));
    const title = () => el.shadowRoot!.querySelector('[part~="title"]')!.textContent;
    expect(title()).to.equal('Pipeline');
    expect(localePending('zh-CN')).to.equal(true);
    const frames: string[] = [];
    new MutationObserver(() => frames.push(el.shadowRoot!.textContent ?? '')).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    el.locale = 'zh-CN';
    await el.updateComplete;
    // The chunk is on its way: the English frame stays as it was (no DOM change at all), no English re-render.
    if (localePending('zh-CN')) expect(frames).to.deep.equal([]);
    await el.taskComplete;
    await el.updateComplete;
    expect(title()).to.equal('销售漏斗');
    expect(frames.length).to.be.greaterThan(0);
    // Every change the reader saw after the switch already speaks Chinese.
    for (const frame of frames) expect(frame).to.contain('销售漏斗');
    expect(el.shadowRoot!.textContent).to.not.match(/Pipeline|Loading data|Source:/);
  });
});
