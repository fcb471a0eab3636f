import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { putPayload, setMode, uniqueId } from '../../data/test-host.js';
import { forgetLoadedSources } from '../../../src/data/data-source.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { validatePayload, type Dataset } from '../../../src/contract/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmNpsGauge } from '../../../src/elements/crm-nps-gauge/index.js';
import type { CrmSelectEvent } from '../../../src/elements/base/events.js';
import { computeNps, parseFilter, parsePeriod, type NpsOptions } from '../../../src/metrics/index.js';
import { generateSample } from '../../../src/sample/index.js';

const payload = generateSample({ seed: 7, customers: 300 });
const dataset = (p: unknown = payload): Dataset => {
  const result = validatePayload(p);
  if (!result.ok) throw new Error(result.error.message);
  return result.dataset;
};

const root = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => root(el).querySelector(`[part~="${name}"]`);
const text = (el: Element, selector: string) => root(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const signed = (n: number, locale = 'en') => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(n);
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Wait until the element leaves the loading view. */
/** The widget after everything it asked the engine is answered and drawn. */
async function idle(el: CrmNpsGauge): Promise<void> {
  await el.updateComplete;
  await el.taskComplete;
  await el.updateComplete;
}

async function settled<T extends CrmNpsGauge>(el: T): Promise<T> {
  await idle(el);
  return el;
}

const gauge = async (template: ReturnType<typeof html>) => settled(await fixture<CrmNpsGauge>(template));

describe('<crm-nps-gauge>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  describe('numbers', () => {
    it('passes period, segment, dedupe, min-responses, interval and trend to computeNps', async () => {
      const options: NpsOptions = {
        period: parsePeriod('last-365d')!,
        filter: parseFilter('region:华东')!,
        dedupe: 'latest',
        minResponses: 5,
        interval: 'adjusted-wald',
        trend: 'week',
      };
      const expected = computeNps(dataset(), options);
      const el = await gauge(
        html`<crm-nps-gauge locale="en" period="last-365d" segment="region:华东" dedupe min-responses="5" interval="adjusted-wald" trend="week" .data=${payload}></crm-nps-gauge>`,
      );
      expect(el.result).to.deep.equal(expected);
      expect(text(el, '[part~=score]')).to.equal(signed(expected.score!));
      expect(text(el, '[part~=subtitle]')).to.contain('Last 365 days · Segment: 华东');
      expect(text(el, '.trend-label')).to.equal('Trend by week');
    });
  });

  describe('states', () => {
    it('shows a skeleton shaped like the gauge while loading', async () => {
      const el = await fixture<CrmNpsGauge>(html`<crm-nps-gauge></crm-nps-gauge>`);
      expect(root(el).querySelector('.skeleton-dial')).to.exist;
      expect(root(el).querySelector('.skeleton-trend')).to.exist;
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    });

    it('shows the empty view when there are no responses', async () => {
      const el = await gauge(html`<crm-nps-gauge locale="en" .data=${generateSample({ seed: 7, surveys: 0 })}></crm-nps-gauge>`);
      expect(text(el, '[part~=empty]')).to.contain('No survey responses');
      await expect(el).to.be.accessible();
    });

    it('greys the score below min-responses with "12 responses — below 30, indicative only" and its interval', async () => {
      // 7 promoters, 2 passives, 3 detractors: NPS = 100 × 4 / 12 = 33.3.
      // Wald: √((10/12 − (4/12)²) / 12) × 195.9964 = 48.08, so the interval is −14.7 to +81.4.
      const scores = [10, 10, 10, 10, 9, 9, 9, 8, 7, 3, 3, 3];
      const data = { schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', surveys: scores.map((score, i) => ({ id: `S${i}`, date: `2026-06-${String(i + 1).padStart(2, '0')}T00:00:00Z`, score })) };
      const el = await gauge(html`<crm-nps-gauge locale="en" trend="none" .data=${data}></crm-nps-gauge>`);
      expect(text(el, '[part~=score]')).to.equal('+33.3');
      expect(root(el).querySelector('.dial-wrap')!.classList.contains('indicative')).to.equal(true);
      expect(text(el, '[part~=not-enough]')).to.equal('12 responses — below 30, indicative only');
      expect(text(el, '.margin')).to.equal('95 % interval \u221214.7 to +81.4 (±48.1)');
      expect(part(el, 'band')).to.exist;
      expect(text(el, '[part~=summary]')).to.contain('NPS is +33.3, indicative only');
      (root(el).querySelector('[part~=details-toggle]') as HTMLButtonElement).click();
      await idle(el);
      expect(text(el, '[part~=notes]')).to.contain('95 % interval (Wald, z = 1.959964): \u221214.7 to +81.4');
      expect(text(el, '[part~=notes]')).to.contain('12 responses — below 30, indicative only');
      await expect(el).to.be.accessible();

      el.locale = 'zh-CN';
      await idle(el);
      expect(text(el, '[part~=not-enough]')).to.equal('12 份回复，少于 30 份，仅供参考');
    });

    it('centres the adjusted-Wald band on (P − D)/(N + 3) and says so in the details', async () => {
      // 10, 10, 9, 7, 2: NPS 40; adjusted centre 100 × (3.75 − 1.75) / 8 = 25, margin 54.78: −29.8 to +79.8.
      const data = { schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', surveys: [10, 10, 9, 7, 2].map((score, i) => ({ id: `S${i}`, date: `2026-06-0${i + 1}T00:00:00Z`, score })) };
      const el = await gauge(html`<crm-nps-gauge locale="en" min-responses="5" interval="adjusted-wald" .data=${data}></crm-nps-gauge>`);
      expect(text(el, '[part~=score]')).to.equal('+40');
      expect(text(el, '.margin')).to.equal('95 % interval \u221229.8 to +79.8 (±54.8)');
      (root(el).querySelector('[part~=details-toggle]') as HTMLButtonElement).click();
      await idle(el);
      expect(text(el, '[part~=notes]')).to.contain('centred on the adjusted score 100 × (P − D) / (N + 3) = +25');
      (root(el).querySelector('[part~=table-toggle]') as HTMLButtonElement).click();
      await idle(el);
      expect(text(el, '[part~=table]')).to.contain('95 % interval \u221229.8 … +79.8');
    });

    it('says NPS is not measured when the payload has no surveys collection', async () => {
      const el = await gauge(html`<crm-nps-gauge locale="en" .data=${{ schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', customers: [{ id: 'A', name: 'A' }] }}></crm-nps-gauge>`);
      expect(text(el, '[part~=empty]')).to.contain('NPS not measured');
      expect(text(el, '[part~=empty]')).to.contain('no surveys collection');
    });

    it('shows the error view with the payload details behind a toggle', async () => {
      const el = await gauge(html`<crm-nps-gauge locale="en" .data=${{ schemaVersion: 1, surveys: 'nope' }}></crm-nps-gauge>`);
      const details = part(el, 'error-details') as HTMLDetailsElement;
      expect(text(el, '[part~=error]')).to.contain('The data could not be loaded');
      expect(details.open).to.equal(false);
      expect(details.textContent).to.contain('surveys');
      await expect(el).to.be.accessible();
    });

    it('lists rows set aside with path, expected and received', async () => {
      const bad = structuredClone(payload) as { surveys: { score: unknown }[] };
      bad.surveys[3]!.score = 11;
      const el = await gauge(html`<crm-nps-gauge locale="zh-CN" .data=${bad}></crm-nps-gauge>`);
      expect(text(el, '[part~=set-aside]')).to.match(/已剔除 \d+ 条记录/);
      (part(el, 'details-toggle') as HTMLButtonElement).click();
      await idle(el);
      const issue = root(el).querySelector('[part~=details] li[data-code=range]')!;
      expect(issue.textContent).to.contain('surveys[3].score');
      expect(issue.textContent).to.contain('0 到 10 的整数');
      expect(issue.textContent).to.contain('11');
    });

    it('shows the stale badge with its age when only a cached copy could be shown', async () => {
      const id = uniqueId();
      const src = await putPayload(id, payload);
      const restore = () => undefined;
      try {
        const first = await gauge(html`<crm-nps-gauge locale="en" cache="memory" src=${src}></crm-nps-gauge>`);
        expect(part(first, 'score')).to.exist;
        first.remove();
        // A second visit to the page: what the first loaded is only in the memory cache.
        forgetLoadedSources();
      } finally {
        restore();
      }
      // The backend is down now: connections are cut, the kit retries, then shows the copy it has.
      await setMode(id, { down: true });
      try {
        const el = await gauge(html`<crm-nps-gauge locale="en" cache="memory" src=${src}></crm-nps-gauge>`);
        for (let i = 0; i < 300 && !part(el, 'stale-badge'); i++) {
          await new Promise((r) => setTimeout(r, 20));
          await idle(el);
        }
        expect(text(el, '[part~=stale-badge]')).to.match(/^Stale · /);
        expect(part(el, 'score')).to.exist;
        await expect(el).to.be.accessible();
      } finally {
        restore();
      }
    });
  });

  describe('events', () => {
    it('fires crm-select with the category on click', async () => {
      const expected = computeNps(dataset(), {});
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      setTimeout(() => (root(el).querySelector('[data-category=detractors]') as HTMLButtonElement).click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.deep.equal({ kind: 'nps-category', category: 'detractors', count: expected.detractors, share: expected.detractors / expected.responses });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('fires crm-select from a click on the bar segment', async () => {
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      setTimeout(() => (part(el, 'passives') as HTMLElement).click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail.kind === 'nps-category' && event.detail.category).to.equal('passives');
    });

    it('fires no crm-select on programmatic changes', async () => {
      const events: Event[] = [];
      const el = await gauge(html`<crm-nps-gauge .data=${payload} @crm-select=${(e: Event) => events.push(e)}></crm-nps-gauge>`);
      el.target = 10;
      el.period = 'last-90d';
      el.trend = 'week';
      await settled(el);
      expect(events).to.deep.equal([]);
    });

    it('fires crm-load once the data is in', async () => {
      const el = document.createElement('crm-nps-gauge');
      el.data = payload;
      const loaded = oneEvent(el, 'crm-load');
      document.body.append(el);
      const event = await loaded;
      expect(event.detail.rows['surveys']).to.be.above(0);
      expect(event.detail.absent).to.deep.equal([]);
      el.remove();
    });

    it('lists the collections the payload did not carry in crm-load', async () => {
      const el = document.createElement('crm-nps-gauge');
      el.data = { schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', surveys: [{ id: 's', date: '2026-06-01T00:00:00Z', score: 9 }] };
      const loaded = oneEvent(el, 'crm-load');
      document.body.append(el);
      expect((await loaded).detail.absent).to.deep.equal(['customers', 'orders', 'interactions', 'stageEvents', 'tickets']);
      el.remove();
    });
  });

  describe('keyboard', () => {
    it('reaches the categories with Tab and selects with Enter and Space', async () => {
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      (part(el, 'details-toggle') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.getAttribute('data-category')).to.equal('promoters');
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const enter = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(enter.detail.kind === 'nps-category' && enter.detail.category).to.equal('promoters');
      await sendKeys({ press: 'Tab' });
      setTimeout(() => void sendKeys({ press: 'Space' }));
      const space = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(space.detail.kind === 'nps-category' && space.detail.category).to.equal('passives');
    });

    it('says "not enough responses" in one line, with no empty markers, when no month reaches the minimum', async () => {
      const el = await gauge(html`<crm-nps-gauge locale="en" min-responses="1000" .data=${payload}></crm-nps-gauge>`);
      expect(text(el, '[part~=trend-not-enough]')).to.equal('No period has the 1,000 responses a score needs yet.');
      expect(root(el).querySelectorAll('[part~=trend-point]').length).to.equal(0);
      const scored = await gauge(html`<crm-nps-gauge locale="en" min-responses="5" .data=${payload}></crm-nps-gauge>`);
      // Period names under the trend, a zero line and the margin written on its arc.
      expect(root(scored).querySelectorAll('[part~=trend-ticks] span').length).to.be.greaterThan(1);
      expect(part(scored, 'trend-zero')).to.exist;
      expect(text(scored, '[part~=band-label]')).to.match(/^±\d/);
    });

    it('moves along the trend with arrow keys and selects a period with Enter', async () => {
      const expected = computeNps(dataset(), {});
      const el = await gauge(html`<crm-nps-gauge min-responses="5" .data=${payload}></crm-nps-gauge>`);
      const tabbable = root(el).querySelectorAll('[part~=trend-point][tabindex="0"]');
      expect(tabbable.length).to.equal(1);
      (tabbable[0] as SVGElement).focus();
      await sendKeys({ press: 'ArrowLeft' });
      await idle(el);
      expect(part(el, 'tooltip')).to.exist;
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      const point = expected.trend[expected.trend.length - 2]!;
      expect(event.detail).to.deep.equal({ kind: 'nps-period', period: point.period, score: point.score, responses: point.responses });
    });

    it('shows a visible focus ring on a focused category', async () => {
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      (part(el, 'details-toggle') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      const style = getComputedStyle(root(el).activeElement!);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });
  });

  describe('accessibility', () => {
    it('has an accessible name, a one-sentence summary and no axe violations', async () => {
      const expected = computeNps(dataset(), {});
      const el = await gauge(html`<crm-nps-gauge locale="en" .data=${payload}></crm-nps-gauge>`);
      expect(part(el, 'base')!.getAttribute('aria-labelledby')).to.equal('title');
      expect(text(el, '#title')).to.equal('Net Promoter Score');
      const summary = text(el, '[part~=summary]');
      expect(summary).to.match(/^NPS is .+\.$/);
      expect(summary).to.contain(signed(expected.score!));
      expect(part(el, 'gauge')!.getAttribute('aria-label')).to.contain(signed(expected.score!));
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the table view', async () => {
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('locales', () => {
    it('speaks zh-CN: title, groups, dates and numbers', async () => {
      const expected = computeNps(dataset(), {});
      const el = await gauge(html`<crm-nps-gauge locale="zh-CN" period="last-90d" .data=${payload}></crm-nps-gauge>`);
      const recent = computeNps(dataset(), { period: { kind: 'last-days', days: 90 } });
      expect(text(el, '#title')).to.equal('净推荐值（NPS）');
      expect(text(el, '[data-category=promoters] .name')).to.equal('推荐者');
      expect(text(el, '[part~=subtitle]')).to.contain('近 90 天');
      expect(text(el, '[part~=subtitle]')).to.contain(`截至 ${new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(dataset().asOf)}`);
      expect(text(el, '[part~=footer]')).to.contain('数据来源：页面传入');
      expect(text(el, '[part~=summary]')).to.contain('净推荐值为');
      if (!recent.enough) expect(text(el, '[part~=summary]')).to.contain('仅供参考');
      expect(expected.responses).to.be.above(0);
      await expect(el).to.be.accessible();
    });

    it('takes the page language when locale is not set', async () => {
      const wrap = await fixture(html`<div lang="zh-CN"><crm-nps-gauge .data=${payload}></crm-nps-gauge></div>`);
      const el = await settled(wrap.querySelector('crm-nps-gauge')!);
      expect(text(el, '[data-category=detractors] .name')).to.equal('贬损者');
    });
  });

  describe('themes', () => {
    const accent = (el: Element) => getComputedStyle(part(el, 'value')!).fill;

    it('uses the light and dark defaults from the theme attribute', async () => {
      const light = await gauge(html`<crm-nps-gauge theme="light" .data=${payload}></crm-nps-gauge>`);
      const dark = await gauge(html`<crm-nps-gauge theme="dark" .data=${payload}></crm-nps-gauge>`);
      expect(accent(light)).to.equal('rgb(9, 105, 218)');
      expect(accent(dark)).to.equal('rgb(68, 147, 248)');
      await expect(dark).to.be.accessible();
    });

    it('follows prefers-color-scheme and --crm-* overrides', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      expect(accent(el)).to.equal('rgb(68, 147, 248)');
      el.style.setProperty('--crm-color-accent', 'rgb(1, 2, 3)');
      expect(accent(el)).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('motion', () => {
    it('animates data changes, and not at all under prefers-reduced-motion', async () => {
      const el = await gauge(html`<crm-nps-gauge .data=${payload}></crm-nps-gauge>`);
      expect(getComputedStyle(part(el, 'value')!).transitionDuration).to.equal('0.3s');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(part(el, 'value')!).transitionDuration).to.equal('0s');
    });
  });

  describe('sizes', () => {
    it('fits 280 px: narrow, stacked, nothing overflows', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 280px"><crm-nps-gauge .data=${payload}></crm-nps-gauge></div>`);
      const el = await settled(wrap.querySelector('crm-nps-gauge')!);
      await frames();
      await idle(el);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('narrow');
      expect(part(el, 'base')!.scrollWidth).to.be.at.most(280);
      expect(getComputedStyle(root(el).querySelector('.layout')!).gridTemplateColumns.split(' ').length).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('lays dial and distribution side by side when wide', async () => {
      const wrap = await fixture<HTMLElement>(html`<div style="width: 1000px"><crm-nps-gauge .data=${payload}></crm-nps-gauge></div>`);
      const el = await settled(wrap.querySelector('crm-nps-gauge')!);
      await frames();
      await idle(el);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('wide');
      expect(getComputedStyle(root(el).querySelector('.layout')!).gridTemplateColumns.split(' ').length).to.equal(2);
    });
  });
});

describe('<crm-nps-gauge> empty view', () => {
  it('offers a way out: a narrowed empty gauge widens to all time and every customer on its button', async () => {
    const el = await gauge(html`<crm-nps-gauge locale="en" period="last-30d" segment="region:nowhere" .data=${payload}></crm-nps-gauge>`);
    expect(part(el, 'empty'), 'empty view').to.exist;
    expect(text(el, '[part~=empty-hint]')).to.equal('Responses may lie outside this period or segment: try all time and every customer.');
    const button = part(el, 'empty-action') as HTMLButtonElement;
    expect([button.tagName, button.textContent!.trim()]).to.deep.equal(['BUTTON', 'Show all time, every customer']);
    await expect(el).to.be.accessible();
    button.click();
    await settled(el);
    expect([el.period, el.segment]).to.deep.equal(['all', undefined]);
    expect(part(el, 'score'), 'the score after widening').to.exist;
  });

  it('with no responses at all, says what the data needs and loads again on its button (zh-CN)', async () => {
    const el = await gauge(html`<crm-nps-gauge locale="zh-CN" .data=${generateSample({ seed: 7, customers: 40, surveys: 0 })}></crm-nps-gauge>`);
    expect(text(el, '[part~=empty-hint]')).to.equal('数据中有问卷回复（0–10 分）后，这里会显示净推荐值。');
    expect(text(el, '[part~=empty-action]')).to.equal('重新加载');
  });
});
