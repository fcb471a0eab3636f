import { expect, fixture, html } from '@open-wc/testing';
import { allDefined, KIT_TAGS } from '../../../src/elements/all-defined.js';

// No element module is imported up front: the test defines the funnel itself, as a lazy loader would.
describe('allDefined()', () => {
  it('waits for the kit tags a page uses, and for none it does not', async () => {
    const page = await fixture(html`<div><crm-lifecycle-funnel></crm-lifecycle-funnel></div>`);
    const funnel = page.querySelector('crm-lifecycle-funnel')!;
    expect(funnel.matches(':not(:defined)')).to.equal(true);
    let done = false;
    const waiting = allDefined(page).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).to.equal(false);
    // crm-nps-gauge is never defined here and is not used on this "page": it must not hold the promise.
    await import('../../../src/elements/crm-lifecycle-funnel/index.js');
    await waiting;
    expect(done).to.equal(true);
    expect(funnel.matches(':defined')).to.equal(true);
    expect(customElements.get('crm-nps-gauge')).to.equal(undefined);
  });

  it('resolves at once on a page without kit tags', async () => {
    await allDefined(await fixture(html`<p>nothing here</p>`));
  });

  it('KIT_TAGS names every element of the kit', () => {
    expect([...KIT_TAGS].sort()).to.deep.equal(['crm-customer-360', 'crm-data-source', 'crm-filter-bar', 'crm-lifecycle-funnel', 'crm-nps-gauge', 'crm-segment-matrix']);
  });
});
