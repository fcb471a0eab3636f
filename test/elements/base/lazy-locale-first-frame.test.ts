// zh-CN is a chunk of its own (src/locales/zh-CN.ts): this file never imports it, so the page starts
// without its words, as a bundler app with `import 'crm-widget-kit/elements/crm-nps-gauge'` does.
// Each test file runs in its own page: the chunk is fetched here for the first time.
import { expect } from '@open-wc/testing';
import { availableLocales, localePending, matchLocale } from '../../../src/i18n/index.js';
import { registerLocale } from '../../../src/locales/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import { generateSample } from '../../../src/sample/index.js';

/** Script requests of the page so far whose path names the zh-CN locale module. */
const zhCnRequests = () => performance.getEntriesByType('resource').filter((e) => /\/locales\/zh-CN\.ts/.test(e.name));

/** Everything the shadow root showed, one snapshot per batch of DOM changes, from now on. */
function recordFrames(root: ShadowRoot): string[] {
  const frames: string[] = [];
  new MutationObserver(() => frames.push(root.textContent ?? '')).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  return frames;
}

describe('a zh-CN widget on a page that has not loaded zh-CN yet', () => {
  it('availableLocales() lists zh-CN (and zh-TW) before any of their words are downloaded', () => {
    expect(availableLocales()).to.include.members(['en', 'zh-CN', 'zh-TW']);
    expect(localePending('zh-CN')).to.equal(true);
    expect(['zh', 'zh-Hans', 'zh-SG'].map(matchLocale)).to.deep.equal(['zh-CN', 'zh-CN', 'zh-CN']);
    expect(zhCnRequests()).to.have.length(0);
  });

  it('draws nothing until the chunk is here, then Chinese — never English — and a host’s rewording made before wins', async () => {
    // A host rewords one string before the chunk arrives: the chunk's words go beneath it.
    registerLocale('zh-CN', { nps: { title: '客户推荐值' } });
    const el = document.createElement('crm-nps-gauge') as CrmNpsGauge;
    el.locale = 'zh-CN';
    el.data = generateSample({ seed: 7, customers: 120, edgeCases: false });
    document.body.append(el);
    // The shadow root exists from connectedCallback; the first frame is drawn a microtask later.
    const frames = recordFrames(el.shadowRoot!);
    await el.updateComplete;
    await el.taskComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="score"]'), 'drawn').to.exist;
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.equal('客户推荐值');
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.not.equal('Net Promoter Score');
    expect(el.shadowRoot!.textContent).to.contain('推荐者');
    expect(frames.length).to.be.greaterThan(0);
    for (const frame of frames) {
      expect(frame, 'a frame in English').to.not.match(/Loading data|Net Promoter|Promoters|responses|Source:/);
    }
    expect(zhCnRequests(), 'the chunk, once').to.have.length(1);
    expect(localePending('zh-CN')).to.equal(false);
    el.remove();
  });

  it('a second zh-CN widget draws Chinese from its first frame, without fetching the chunk again', async () => {
    const el = document.createElement('crm-nps-gauge') as CrmNpsGauge;
    el.setAttribute('lang', 'zh-Hans');
    el.data = generateSample({ seed: 7, customers: 120, edgeCases: false });
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('数据加载中…');
    await el.taskComplete;
    expect(zhCnRequests()).to.have.length(1);
    el.remove();
  });
});
