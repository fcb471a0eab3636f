import { expect } from '@open-wc/testing';
import { SourceCore } from '../../src/data/engine/source-core.js';
import { generateSample } from '../../src/sample/index.js';

describe('SourceCore answers', () => {
  it('hands each query that waited for the dataset its answer once computed, not after all the others', async () => {
    const core = new SourceCore({ data: generateSample({ seed: 41, customers: 8 }), cache: 'none' });
    const events: string[] = [];
    // Asked before any dataset: both wait for the load.
    const first = core.answer('first', () => (events.push('compute first'), 1)).then(() => events.push('first answered'));
    const second = core.answer('second', () => (events.push('compute second'), 2)).then(() => events.push('second answered'));
    core.subscribe(() => undefined);
    await Promise.all([first, second]);
    expect(events).to.deep.equal(['compute first', 'first answered', 'compute second', 'second answered']);
  });

  it('keeps a woken query waiting when the dataset is dropped before its turn, and answers it from the next load', async () => {
    const core = new SourceCore({ data: generateSample({ seed: 42, customers: 8 }), cache: 'none' });
    let settled = false;
    const answer = core.answer('late', (dataset) => dataset.orders.length).then((value) => ((settled = true), value));
    const stop = core.subscribe(() => undefined);
    // Woken by that load, but before its task runs the page leaves and the scope is cleared: no dataset.
    stop();
    core.forget();
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).to.equal(false);
    core.subscribe(() => undefined);
    expect(await answer).to.be.a('number').and.above(0);
  });
});
