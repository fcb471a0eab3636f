import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { putPayload, setMode, uniqueId } from '../../data/test-host.js';
import { forgetLoadedSources } from '../../../src/data/data-source.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { validatePayload, type Dataset } from '../../../src/contract/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmLifecycleFunnel } from '../../../src/elements/crm-lifecycle-funnel/index.js';
import type { CrmSelectEvent } from '../../../src/elements/base/events.js';
import { computeFunnel, type FunnelOptions, type FunnelStep } from '../../../src/metrics/index.js';
import { generateSample } from '../../../src/sample/index.js';

const payload = generateSample({ seed: 11, customers: 300 });
const dataset = (p: unknown = payload): Dataset => {
  const result = validatePayload(p);
  if (!result.ok) throw new Error(result.error.message);
  return result.dataset;
};

const root = (el: Element) => el.shadowRoot!;
const part = (el: Element, name: string) => root(el).querySelector(`[part~="${name}"]`);
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const partText = (el: Element, name: string) => text(part(el, name));
const stages = (el: Element, scope: ParentNode = root(el)) => [...scope.querySelectorAll<HTMLButtonElement>('[part~=stage]')];
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

const number = (n: number, locale = 'en') => n.toLocaleString(locale);
const percent = (n: number | null, locale = 'en') =>
  n === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** Wait until the element leaves the loading view. */
/** The widget after everything it asked the engine is answered and drawn. */
async function idle(el: CrmLifecycleFunnel): Promise<void> {
  await el.updateComplete;
  await el.taskComplete;
  await el.updateComplete;
}

async function settled<T extends CrmLifecycleFunnel>(el: T): Promise<T> {
  await idle(el);
  return el;
}

const funnel = async (template: ReturnType<typeof html>) => settled(await fixture<CrmLifecycleFunnel>(template));

/** What a stage row shows: its key, label and count, and the conversion from the first stage. */
function shown(el: Element, scope: ParentNode = root(el)) {
  return stages(el, scope).map((b) => ({
    stage: b.dataset['stage'],
    label: text(b.querySelector('[part~=stage-label]')),
    count: text(b.querySelector('[part~=count]')),
  }));
}

const expectedRows = (steps: FunnelStep[], labels: string[]) =>
  steps.map((s, j) => ({ stage: s.stage, label: labels[j], count: number(s.count) }));

describe('<crm-lifecycle-funnel>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  describe('numbers', () => {
    it('draws the engine\'s funnel: one row per stage, "N lost" without a sign', async () => {
      const expected = computeFunnel(dataset(), { mode: 'ordered' });
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(expected);
      expect(shown(el)).to.deep.equal(expectedRows(expected.steps, ['Lead', 'Opportunity', 'Signed', 'Paid']));
      const steps = [...root(el).querySelectorAll('[part~=step]')].map(text);
      expect(steps.length).to.equal(expected.steps.length - 1);
      for (const step of steps) expect(step).to.match(/ \d[\d,]* lost$/);
    });

    it('passes window-days to computeFunnel and loses more on a short window', async () => {
      const options: FunnelOptions = { mode: 'ordered', windowDays: 7 };
      const expected = computeFunnel(dataset(), options);
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" window-days="7" .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(expected);
      expect(shown(el).map((r) => r.count)).to.deep.equal(expected.steps.map((s) => number(s.count)));
      expect(expected.overallConversion!).to.be.below(computeFunnel(dataset()).overallConversion!);
      expect(partText(el, 'subtitle')).to.contain('within 7 days');
    });

    it('passes attempts="any" to computeFunnel: the issue case (lead d0, lead d20, opp d22, 7-day window) converts in 2 days', async () => {
      const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
      const data = {
        schemaVersion: 1,
        asOf: '2026-06-30T00:00:00Z',
        stages: [{ key: 'lead' }, { key: 'opp' }],
        stageEvents: [
          { entityId: 'D', stage: 'lead', date: day(0) },
          { entityId: 'D', stage: 'lead', date: day(20) },
          { entityId: 'D', stage: 'opp', date: day(22) },
        ],
      };
      const first = await funnel(html`<crm-lifecycle-funnel locale="en" window-days="7" .data=${data}></crm-lifecycle-funnel>`);
      expect(shown(first).map((r) => r.count)).to.deep.equal(['1', '0']);
      const any = await funnel(html`<crm-lifecycle-funnel locale="en" window-days="7" attempts="any" .data=${data}></crm-lifecycle-funnel>`);
      expect(any.options).to.include({ attempts: 'any', windowDays: 7 });
      expect(shown(any).map((r) => r.count)).to.deep.equal(['1', '1']);
      expect(text(root(any).querySelector('[part~=step]'))).to.contain('median 2 days');
      expect(partText(any, 'subtitle')).to.contain('any attempt');
      // zh-CN's words are a chunk of their own: taskComplete waits for them (updateComplete only for the frame kept meanwhile).
      any.locale = 'zh-CN';
      await any.taskComplete;
      expect(partText(any, 'subtitle')).to.contain('任一次进入均计');
    });

    it('says the funnel is not measured when the payload has no stageEvents collection', async () => {
      const data = { schemaVersion: 1, asOf: '2026-06-30T00:00:00Z', stages: [{ key: 'lead' }], customers: [{ id: 'A', name: 'A', lifecycleStage: 'lead' }] };
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${data}></crm-lifecycle-funnel>`);
      expect(partText(el, 'empty')).to.contain('Funnel not measured');
      expect(partText(el, 'empty')).to.contain('no stageEvents collection');
      const snapshot = await funnel(html`<crm-lifecycle-funnel locale="en" mode="snapshot" .data=${data}></crm-lifecycle-funnel>`);
      expect(shown(snapshot).map((r) => r.count)).to.deep.equal(['1']);
    });

    it('passes a stages subset in its order and reports the events of other stages', async () => {
      const options: FunnelOptions = { mode: 'ordered', stages: ['lead', 'signed'] };
      const expected = computeFunnel(dataset(), options);
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" stages=" lead , signed " .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(expected);
      expect(shown(el)).to.deep.equal(expectedRows(expected.steps, ['Lead', 'Signed']));
      expect(expected.ignoredEvents).to.be.above(0);
      expect(partText(el, 'ignored')).to.equal(`${number(expected.ignoredEvents)} events of other stages not counted`);
      expect(partText(el, 'subtitle')).to.match(/^Lead → Signed · as of /);
    });

    it('counts customers by current stage in snapshot mode, without conversions', async () => {
      const expected = computeFunnel(dataset(), { mode: 'snapshot' });
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" mode="snapshot" window-days="7" .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(expected);
      expect(shown(el).map((r) => r.count)).to.deep.equal(expected.steps.map((s) => number(s.count)));
      expect(part(el, 'step')).to.equal(null);
      expect(part(el, 'ghost')).to.equal(null);
      expect(part(el, 'overall')).to.equal(null);
      expect(partText(el, 'subtitle')).to.contain('current stage');
      expect(partText(el, 'subtitle')).not.to.contain('within');
      expect(partText(el, 'summary')).to.match(/^Customers by current stage: Lead \d/);
    });

    it('compares groups by a customer field with breakdown, each with its own overall conversion', async () => {
      const expected = computeFunnel(dataset(), { mode: 'ordered', breakdown: 'segment' });
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" breakdown="segment" .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(expected);
      const groups = [...root(el).querySelectorAll<HTMLElement>('[part~=group][data-group]')];
      expect(groups.map((g) => g.dataset['group'])).to.deep.equal(expected.groups.map((g) => g.key));
      expected.groups.forEach((g, i) => {
        expect(shown(el, groups[i]!).map((r) => r.count)).to.deep.equal(g.steps.map((s) => number(s.count)));
        expect(text(groups[i]!.querySelector('[part~=group-title]'))).to.equal(`${g.key} Overall ${percent(g.overallConversion)}`);
      });
      expect(partText(el, 'subtitle')).to.contain('by segment');
      expect(partText(el, 'summary')).to.contain(`compared across ${expected.groups.length} groups by segment`);
    });

    it('passes a segment filter to computeFunnel', async () => {
      const options: FunnelOptions = { mode: 'ordered', filter: { field: 'region', value: '华东' } };
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" segment="region:华东" .data=${payload}></crm-lifecycle-funnel>`);
      expect(el.result).to.deep.equal(computeFunnel(dataset(), options));
      expect(partText(el, 'subtitle')).to.contain('Segment: 华东');
    });

    it('shows the same numbers in the table view, groups after the whole', async () => {
      const expected = computeFunnel(dataset(), { mode: 'ordered', breakdown: 'segment' });
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" breakdown="segment" .data=${payload}></crm-lifecycle-funnel>`);
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      const rows = [...root(el).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => text(c)));
      const duration = (ms: number | null) =>
        ms === null ? '—' : new Intl.NumberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(ms / 86_400_000);
      const labels = ['Lead', 'Opportunity', 'Signed', 'Paid'];
      expect(rows.slice(0, 4)).to.deep.equal(
        expected.steps.map((s, j) => [
          labels[j],
          number(s.count),
          percent(s.conversionFromPrevious),
          percent(s.conversionFromFirst),
          j === 0 ? '' : number(s.dropOff),
          duration(s.medianTimeFromPreviousMs),
        ]),
      );
      expect(rows.length).to.equal(4 + expected.groups.length * 4);
      expect(rows[4]![0]).to.equal(`${expected.groups[0]!.key} · Lead`);
      expect(rows[4]![1]).to.equal(number(expected.groups[0]!.steps[0]!.count));
    });

    it('sizes bars with the largest stage filling the track and ghosts the previous stage', async () => {
      const expected = computeFunnel(dataset());
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      const lengths = (name: string) => [...root(el).querySelectorAll(`[part~=${name}]`)].map((r) => Number(r.getAttribute('width')).toFixed(3));
      const first = expected.steps[0]!.count;
      expect(lengths('bar')).to.deep.equal(expected.steps.map((s) => ((s.count / first) * 100).toFixed(3)));
      expect(lengths('ghost')).to.deep.equal(lengths('bar').slice(0, -1));
    });

    it('grows bars upwards from the baseline when vertical', async () => {
      const expected = computeFunnel(dataset());
      const el = await funnel(html`<crm-lifecycle-funnel orientation="vertical" .data=${payload}></crm-lifecycle-funnel>`);
      const bars = [...root(el).querySelectorAll('[part~=bar]')];
      const first = expected.steps[0]!.count;
      bars.forEach((bar, j) => {
        const height = (expected.steps[j]!.count / first) * 100;
        expect(Number(bar.getAttribute('height'))).to.be.closeTo(height, 1e-9);
        expect(Number(bar.getAttribute('y')) + height).to.be.closeTo(100, 1e-9);
      });
    });
  });

  describe('states', () => {
    it('shows a skeleton shaped like the funnel while loading, one row per chosen stage', async () => {
      const el = await fixture<CrmLifecycleFunnel>(html`<crm-lifecycle-funnel stages="lead,opportunity,signed"></crm-lifecycle-funnel>`);
      expect(root(el).querySelectorAll('.skeleton-bar').length).to.equal(3);
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(partText(el, 'loading')).to.contain('Loading data');
    });

    it('shows the empty view when there are no stage events', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${generateSample({ seed: 11, customers: 50, deals: 0 })}></crm-lifecycle-funnel>`);
      expect(partText(el, 'empty')).to.contain('No pipeline yet');
      expect(part(el, 'table-toggle')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows the empty view when none of the chosen stages occurs', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel locale="zh-CN" stages="nowhere" .data=${payload}></crm-lifecycle-funnel>`);
      expect(partText(el, 'empty')).to.contain('暂无漏斗数据');
    });

    it('shows the error view with the payload details behind a toggle', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${{ schemaVersion: 1, stageEvents: 'nope' }}></crm-lifecycle-funnel>`);
      const details = part(el, 'error-details') as HTMLDetailsElement;
      expect(partText(el, 'error')).to.contain('The data could not be loaded');
      expect(details.open).to.equal(false);
      expect(details.textContent).to.contain('stageEvents');
      expect(part(el, 'retry')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('lists stage events set aside for an unknown stage in the details', async () => {
      const bad = structuredClone(payload) as { stageEvents: { stage: unknown }[] };
      bad.stageEvents[2]!.stage = 'won';
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${bad}></crm-lifecycle-funnel>`);
      expect(partText(el, 'set-aside')).to.equal('1 row set aside');
      (part(el, 'details-toggle') as HTMLButtonElement).click();
      await idle(el);
      expect(text(root(el).querySelector('[part~=details] li[data-code=unknown-stage]'))).to.contain('stageEvents[2].stage');
    });

    it('shows the stale badge with its age when only a cached copy could be shown', async () => {
      const id = uniqueId();
      const src = await putPayload(id, payload);
      const restore = () => undefined;
      try {
        const first = await funnel(html`<crm-lifecycle-funnel locale="en" cache="memory" src=${src}></crm-lifecycle-funnel>`);
        expect(part(first, 'count')).to.exist;
        first.remove();
        // A second visit to the page: what the first loaded is only in the memory cache.
        forgetLoadedSources();
      } finally {
        restore();
      }
      // The backend is down now: connections are cut, the kit retries, then shows the copy it has.
      await setMode(id, { down: true });
      try {
        const el = await funnel(html`<crm-lifecycle-funnel locale="en" cache="memory" src=${src}></crm-lifecycle-funnel>`);
        for (let i = 0; i < 300 && !part(el, 'stale-badge'); i++) {
          await new Promise((r) => setTimeout(r, 20));
          await idle(el);
        }
        expect(partText(el, 'stale-badge')).to.match(/^Stale · /);
        expect(shown(el).map((r) => r.count)).to.deep.equal(computeFunnel(dataset()).steps.map((s) => number(s.count)));
        await expect(el).to.be.accessible();
      } finally {
        restore();
      }
    });
  });

  describe('events', () => {
    it('fires crm-select with the stage and its numbers on click', async () => {
      const step = computeFunnel(dataset()).steps[2]!;
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      setTimeout(() => stages(el)[2]!.click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.deep.equal({
        kind: 'stage',
        stage: 'signed',
        count: step.count,
        conversionFromPrevious: step.conversionFromPrevious,
        conversionFromFirst: step.conversionFromFirst,
        dropOff: step.dropOff,
        medianTimeFromPreviousMs: step.medianTimeFromPreviousMs,
      });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('names the group in crm-select from a group funnel', async () => {
      const group = computeFunnel(dataset(), { breakdown: 'segment' }).groups[1]!;
      const el = await funnel(html`<crm-lifecycle-funnel breakdown="segment" .data=${payload}></crm-lifecycle-funnel>`);
      const panel = root(el).querySelector(`[data-group="${group.key}"]`)!;
      setTimeout(() => stages(el, panel)[1]!.click());
      const event = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(event.detail).to.include({ kind: 'stage', stage: 'opportunity', count: group.steps[1]!.count, group: group.key });
    });

    it('fires no crm-select on programmatic changes', async () => {
      const events: Event[] = [];
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload} @crm-select=${(e: Event) => events.push(e)}></crm-lifecycle-funnel>`);
      el.stages = 'lead,paid';
      el.windowDays = 30;
      el.mode = 'snapshot';
      el.orientation = 'vertical';
      el.breakdown = 'region';
      await settled(el);
      expect(events).to.deep.equal([]);
    });

    it('fires crm-load once the data is in', async () => {
      const el = document.createElement('crm-lifecycle-funnel');
      el.data = payload;
      const loaded = oneEvent(el, 'crm-load');
      document.body.append(el);
      const event = await loaded;
      expect(event.detail.rows['stageEvents']).to.be.above(0);
      el.remove();
    });
  });

  describe('keyboard', () => {
    it('has one tab stop per funnel and moves it with the arrow keys, Home and End', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      expect(stages(el).filter((b) => b.tabIndex === 0).map((b) => b.dataset['stage'])).to.deep.equal(['lead']);
      (part(el, 'details-toggle') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('lead');
      await sendKeys({ press: 'ArrowDown' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('opportunity');
      await sendKeys({ press: 'ArrowRight' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('signed');
      await sendKeys({ press: 'ArrowUp' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('opportunity');
      await sendKeys({ press: 'End' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('paid');
      await sendKeys({ press: 'ArrowDown' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('paid');
      await sendKeys({ press: 'Home' });
      expect((root(el).activeElement as HTMLElement).dataset['stage']).to.equal('lead');
      expect(stages(el).filter((b) => b.tabIndex === 0).length).to.equal(1);
      expect(part(el, 'tooltip')).to.exist;
    });

    it('selects the focused stage with Enter and with Space', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      stages(el)[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const enter = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(enter.detail.kind === 'stage' && enter.detail.stage).to.equal('opportunity');
      await sendKeys({ press: 'ArrowDown' });
      setTimeout(() => void sendKeys({ press: 'Space' }));
      const space = (await oneEvent(el, 'crm-select')) as CrmSelectEvent;
      expect(space.detail.kind === 'stage' && space.detail.stage).to.equal('signed');
    });

    it('shows a visible focus ring on the focused stage', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      (part(el, 'details-toggle') as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      const style = getComputedStyle(root(el).activeElement!);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });
  });

  describe('accessibility', () => {
    it('has an accessible name, a one-sentence summary, stage names with their numbers and no axe violations', async () => {
      const expected = computeFunnel(dataset());
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${payload}></crm-lifecycle-funnel>`);
      expect(part(el, 'base')!.getAttribute('aria-labelledby')).to.equal('title');
      expect(partText(el, 'title')).to.equal('Pipeline');
      const summary = partText(el, 'summary');
      expect(summary).to.match(/^[\d,]+ entered Lead, [\d,]+ reached Paid \(.+ overall\); the largest loss is from .+\.$/);
      expect(summary).to.contain(`${number(expected.steps[0]!.count)} entered Lead`);
      const opp = expected.steps[1]!;
      expect(stages(el)[1]!.hasAttribute('aria-label')).to.equal(false);
      expect(text(stages(el)[1]!.querySelector('.visually-hidden'))).to.equal(
        `Opportunity: ${number(opp.count)}; ${percent(opp.conversionFromPrevious)} from Lead, ${number(opp.dropOff)} lost, median ${text(root(el).querySelector('[part~=step] .median')).replace('median ', '')}; ${percent(opp.conversionFromFirst)} of Lead`,
      );
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the table view, vertically and broken down', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel orientation="vertical" breakdown="region" .data=${payload}></crm-lifecycle-funnel>`);
      await expect(el).to.be.accessible();
      (part(el, 'table-toggle') as HTMLButtonElement).click();
      await idle(el);
      await expect(el).to.be.accessible();
    });

    it('renders under a strict CSP (default-src \'self\') without a violation', async () => {
      const iframe = document.createElement('iframe');
      iframe.srcdoc = `<!doctype html><html lang="en"><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
        <script type="module" src="/src/elements/crm-lifecycle-funnel/index.ts"></script></head><body></body></html>`;
      const loaded = new Promise((r) => iframe.addEventListener('load', r, { once: true }));
      document.body.append(iframe);
      try {
        await loaded;
        const win = iframe.contentWindow!;
        const violations: string[] = [];
        win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.sample}`));
        await win.customElements.whenDefined('crm-lifecycle-funnel');
        const el = win.document.createElement('crm-lifecycle-funnel') as CrmLifecycleFunnel;
        el.data = (win as unknown as typeof globalThis).JSON.parse(JSON.stringify(payload));
        win.document.body.append(el);
        await settled(el);
        // Lengths are SVG geometry, which the policy allows; a style attribute would have been blocked.
        const lengths = [...root(el).querySelectorAll('[part~=bar]')].map((b) => b.getBoundingClientRect().width);
        expect(lengths.every((w) => w > 0)).to.equal(true);
        expect(lengths[0]).to.be.above(lengths[3]!);
        (stages(el)[1] as HTMLElement).focus();
        await idle(el);
        await new Promise((r) => setTimeout(r, 50));
        expect(stages(el).length).to.equal(4);
        expect(violations).to.deep.equal([]);
      } finally {
        iframe.remove();
      }
    });
  });

  describe('locales', () => {
    it('speaks zh-CN: title, stage labels from the payload, numbers and summary', async () => {
      const expected = computeFunnel(dataset());
      const el = await funnel(html`<crm-lifecycle-funnel locale="zh-CN" .data=${payload}></crm-lifecycle-funnel>`);
      expect(partText(el, 'title')).to.equal('销售漏斗');
      expect(shown(el)).to.deep.equal(expectedRows(expected.steps, ['线索', '商机', '签单', '回款']).map((r) => ({ ...r, count: number(Number(r.count.replace(/,/g, '')), 'zh-CN') })));
      expect(partText(el, 'subtitle')).to.contain('线索 → 回款');
      // The headline: the figure first and large, its label after it.
      expect(partText(el, 'overall')).to.equal(`${percent(expected.overallConversion, 'zh-CN')} 从线索到回款的整体转化率`);
      expect(partText(el, 'summary')).to.match(/^[\d,]+ 个进入线索，[\d,]+ 个到达回款/);
      expect(text(root(el).querySelector('[part~=step]'))).to.contain('转化率');
      await expect(el).to.be.accessible();
    });

    it('takes the page language when locale is not set', async () => {
      const wrap = await fixture(html`<div lang="zh-CN"><crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel></div>`);
      const el = await settled(wrap.querySelector('crm-lifecycle-funnel')!);
      expect(shown(el).map((r) => r.label)).to.deep.equal(['线索', '商机', '签单', '回款']);
    });
  });

  describe('themes', () => {
    const bar = (el: Element) => getComputedStyle(part(el, 'bar')!).fill;

    it('uses the light and dark defaults from the theme attribute', async () => {
      const light = await funnel(html`<crm-lifecycle-funnel theme="light" .data=${payload}></crm-lifecycle-funnel>`);
      const dark = await funnel(html`<crm-lifecycle-funnel theme="dark" .data=${payload}></crm-lifecycle-funnel>`);
      expect(bar(light)).to.equal('rgb(9, 105, 218)');
      expect(bar(dark)).to.equal('rgb(68, 147, 248)');
      await expect(dark).to.be.accessible();
    });

    it('follows prefers-color-scheme and --crm-* overrides', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await funnel(html`<crm-lifecycle-funnel .data=${payload}></crm-lifecycle-funnel>`);
      expect(bar(el)).to.equal('rgb(68, 147, 248)');
      el.style.setProperty('--crm-color-accent', 'rgb(1, 2, 3)');
      expect(bar(el)).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('sizes', () => {
    async function inWidth(width: number, template: ReturnType<typeof html>) {
      const wrap = await fixture<HTMLElement>(html`<div style="width: ${width}px">${template}</div>`);
      const el = await settled(wrap.querySelector('crm-lifecycle-funnel')!);
      await frames();
      await idle(el);
      return el;
    }

    it('ends every track at the same place, so the first stage\'s 100 % bar is as long as the others\' tracks', async () => {
      const el = await funnel(html`<crm-lifecycle-funnel locale="en" .data=${payload}></crm-lifecycle-funnel>`);
      const ends = [...root(el).querySelectorAll('svg[part~=track]')].map((t) => Math.round(t.getBoundingClientRect().right));
      expect(new Set(ends).size).to.equal(1);
      const first = root(el).querySelector('[part~=bar]')!.getBoundingClientRect();
      expect(Math.round(first.right)).to.equal(ends[0]);
    });

    it('fits 280 px: narrow, nothing overflows, a vertical funnel is drawn in rows', async () => {
      const el = await inWidth(280, html`<crm-lifecycle-funnel orientation="vertical" breakdown="segment" .data=${payload}></crm-lifecycle-funnel>`);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('narrow');
      expect(part(el, 'base')!.scrollWidth).to.be.at.most(280);
      expect(part(el, 'funnels')!.getAttribute('data-orientation')).to.equal('horizontal');
      expect(getComputedStyle(part(el, 'funnels')!).gridTemplateColumns.split(' ').length).to.equal(1);
      expect(getComputedStyle(root(el).querySelector('[part~=share]')!).display).to.equal('none');
      await expect(el).to.be.accessible();
    });

    it('lays group funnels side by side and vertical stages in columns when wide', async () => {
      const el = await inWidth(1000, html`<crm-lifecycle-funnel orientation="vertical" breakdown="segment" .data=${payload}></crm-lifecycle-funnel>`);
      expect(part(el, 'base')!.getAttribute('data-size')).to.equal('wide');
      expect(part(el, 'funnels')!.getAttribute('data-orientation')).to.equal('vertical');
      expect(getComputedStyle(part(el, 'funnels')!).gridTemplateColumns.split(' ').length).to.be.at.least(2);
      const [a, b] = stages(el).map((s) => s.getBoundingClientRect());
      expect(b!.left).to.be.above(a!.right - 1);
      expect(part(el, 'base')!.scrollWidth).to.be.at.most(1000);
    });
  });
});
