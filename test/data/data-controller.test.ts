import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { generateSample } from '../../src/sample/index.js';
import { putPayload, requestCount, settled, uniqueId, type TestDataHost } from './test-host.js';
import './test-host.js';

describe('DataController(host)', () => {
  it('renders a dataset handed over as the data property', async () => {
    const data = generateSample({ seed: 1, customers: 20 });
    const el = await fixture<TestDataHost>(html`<test-data-host .data=${data}></test-data-host>`);
    await settled(el);
    expect(el.loader.status).to.equal('complete');
    expect(el.orders).to.equal(100);
    expect(el.loader.value!.sourceLabel).to.equal('data property');
  });

  it('fetches src, validates it and fires crm-load', async () => {
    const id = uniqueId();
    const url = await putPayload(id, generateSample({ seed: 2, customers: 10 }));
    const el = document.createElement('test-data-host');
    el.cache = 'none';
    el.src = url;
    const loaded = oneEvent(el, 'crm-load');
    document.body.append(el);
    const event = await loaded;
    expect(event.detail.rows.orders).to.equal(50);
    expect(event.detail.fromCache).to.equal(false);
    expect((await requestCount(id)).count).to.equal(1);
    el.remove();
  });
});
