import { expect } from '@open-wc/testing';
import { validatePayload } from '../../../src/contract/index.js';
import { generateSample } from '../../../src/sample/index.js';
import '../../../src/elements/crm-nps-gauge/index.js';
import '../../../src/elements/crm-lifecycle-funnel/index.js';
import '../../../src/elements/crm-segment-matrix/index.js';
import '../../../src/elements/crm-customer-360/index.js';
import '../../../src/elements/crm-data-source/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  return heap();
}

describe('mounting and removing widgets', () => {
  // Each round makes a fresh payload object, so any cache or listener that keeps a
  // removed widget (or its dataset) alive grows the heap by about a dataset per round.
  const payload = () => JSON.parse(JSON.stringify(generateSample({ seed: 11, customers: 300 }))) as unknown;

  // Mounted as a host page would (not with fixture(), whose render state keeps every
  // fixture of a test alive until the test ends, which would look like a leak).
  function mount(parent: HTMLElement, tag: string, attributes: Record<string, string> = {}): HTMLElement & { updateComplete?: Promise<unknown> } {
    const element = document.createElement(tag) as HTMLElement & { data?: unknown };
    for (const [name, value] of Object.entries({ cache: 'none', ...attributes })) element.setAttribute(name, value);
    if (tag !== 'crm-nps-gauge' || !attributes.source) element.data = payload();
    parent.append(element);
    return element;
  }

  async function round(): Promise<WeakRef<HTMLElement>[]> {
    const host = document.createElement('div');
    document.body.append(host);
    const widgets = [
      mount(host, 'crm-nps-gauge'),
      mount(host, 'crm-lifecycle-funnel'),
      mount(host, 'crm-segment-matrix'),
      mount(host, 'crm-customer-360', { 'customer-id': 'C000001', 'follow-selection': '' }),
      mount(host, 'crm-data-source', { id: 'leak-source' }),
    ];
    widgets.push(mount(host, 'crm-nps-gauge', { source: 'leak-source' }));
    await Promise.all(widgets.map((w) => w.updateComplete));
    await new Promise((r) => setTimeout(r, 30));
    host.remove();
    return widgets.map((w) => new WeakRef(w));
  }

  it('keeps no widget, dataset or listener alive after removal', async function () {
    this.timeout(120_000);
    if (!gc) this.skip(); // the runner starts Chromium with --expose-gc; elsewhere the check cannot be made
    expect(validatePayload(payload()).ok).to.be.true;
    for (let i = 0; i < 10; i++) await round(); // warm caches of code, styles and Intl
    const before = await settledHeap();
    const removed: WeakRef<HTMLElement>[] = [];
    for (let i = 0; i < 60; i++) removed.push(...(await round()));
    const after = await settledHeap();
    expect(removed.filter((ref) => ref.deref()).length, 'removed widgets still alive').to.be.below(removed.length / 10);
    const grownMB = (after - before) / 2 ** 20;
    // One leaked round holds five ~0.4 MB datasets plus DOM: 60 leaked rounds would be > 100 MB.
    expect(grownMB, `heap grew ${grownMB.toFixed(1)} MB over 60 rounds`).to.be.below(8);
  });
});
