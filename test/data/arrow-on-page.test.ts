/**
 * A page where no worker runs (CSP, an old browser, `configureEngine({ worker: false })`): the
 * engine on the page loads the Arrow decoder as a chunk when an envelope first arrives.
 */
import { expect } from '@open-wc/testing';
import { configureEngine } from '../../src/data/index.js';
import { mount, untilView } from '../hardening/surface.js';
import { serveArrow, surveyPayload } from './arrow-serve.js';

configureEngine({ worker: false });

describe('Arrow form without a worker', () => {
  it('is decoded on the page: NPS (3 − 1) / 5 = 40', async () => {
    const { src } = await serveArrow(surveyPayload, { dates: 'timestamp-ms' });
    const gauge = mount<HTMLElement & { result?: { score: number | null }; taskComplete: Promise<void> }>('crm-nps-gauge', { src, cache: 'none' });
    expect(await untilView(gauge)).to.equal('ready');
    await gauge.taskComplete;
    expect(gauge.result?.score).to.equal(40);
    gauge.remove();
  });
});
