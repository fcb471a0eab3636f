import { expect } from '@open-wc/testing';
import { DataSource } from '../../src/data/index.js';
import { forgetLoadedSources } from '../../src/data/data-source.js';
import { generateSample } from '../../src/sample/index.js';
import { putPayload, uniqueId } from './test-host.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Subscribe until the source reports a load; the order of what happened. */
async function warmLoad(src: string): Promise<string[]> {
  const source = new DataSource();
  source.configure({ src, cacheTtl: 600 });
  const order: string[] = [];
  const unsubscribe = source.subscribe((snapshot, notices) => {
    if (notices.some((n) => n.type === 'load')) order.push(`load (${snapshot.value?.fromCache ? 'from cache' : 'fetched'})`);
    if (snapshot.status === 'complete' && !order.includes('asked')) {
      order.push('asked');
      void source.shared!.query({ metric: 'nps', options: {} }).promise.then(() => order.push('answered'));
    }
  });
  for (let i = 0; i < 500 && !order.some((o) => o.startsWith('load')); i++) await sleep(20);
  unsubscribe();
  return order;
}

describe('warm load in the worker', () => {
  it('answers the first questions from the stored answers before reading the dataset back', async () => {
    // Large enough that reading the dataset back takes far longer than a question's round trip.
    const src = await putPayload(uniqueId('warm-order'), generateSample({ seed: 4, customers: 40_000 }));
    // Cold: the first complete snapshot is the load itself.
    expect((await warmLoad(src))[0]).to.equal('load (fetched)');
    // The answers and the dataset are written after the paint.
    await sleep(3000);
    forgetLoadedSources();
    // Before, the worker read the dataset back at once and the question waited behind it.
    expect(await warmLoad(src)).to.deep.equal(['asked', 'answered', 'load (from cache)']);
  });
});
