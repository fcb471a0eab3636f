// One browser check for every host page (see README.md): the four widgets on the sample payload,
// the matrix's pick written to <output id="last-select">, and a clean console.
import assert from 'node:assert/strict';

const number = (text) => Number(text.replace(/[^\d.+\-−]/g, '').replace('−', '-'));

/**
 * Open `url` and check what a team on any framework expects on day one. `expectedScore` is the NPS
 * of the sample payload computed in Node from the packed metrics entry.
 */
export async function checkPage(browser, url, { expectedScore, more }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (['warning', 'error'].includes(message.type())) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  try {
    await page.goto(url);

    // Numbers render: the score the widget draws is the one computed in Node.
    const score = page.locator('crm-nps-gauge [part~="score"]').first();
    await score.waitFor({ timeout: 30_000 });
    assert.equal(number(await score.textContent()), expectedScore, 'NPS score on screen');
    await page.locator('crm-lifecycle-funnel [part~="bar"]').first().waitFor();

    // Data is bound as a property (an object), never serialized into an attribute; attributes the host
    // wrote as text arrive converted.
    const bound = await page.evaluate(() =>
      ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'].map((tag) => {
        const el = document.querySelector(tag);
        return { tag, object: typeof el.data === 'object' && el.data !== null && Array.isArray(el.data.customers), attribute: el.hasAttribute('data') };
      }),
    );
    for (const { tag, object, attribute } of bound) assert.ok(object && !attribute, `${tag}: data bound as a property`);
    assert.equal(await page.evaluate(() => document.querySelector('crm-lifecycle-funnel').windowDays), 60, 'window-days="60" arrives as a number');
    assert.equal(await page.evaluate(() => document.querySelector('crm-segment-matrix').colorMode), 'count', 'color-by applied');

    // crm-select reaches the host with its detail: the host writes the cell's customers count.
    const cell = page.locator('crm-segment-matrix [part~="cell"]:not([part~="empty"])').first();
    const count = number(await cell.locator('[part~="cell-count"]').textContent());
    await cell.click();
    await page.waitForFunction((expected) => document.querySelector('#last-select')?.textContent === expected, `cell:${count}`, { timeout: 10_000 });

    // follow-selection follows: picking a customer in the drill-down shows them in the 360 card.
    const customer = page.locator('crm-segment-matrix [part~="customer"]').first();
    const name = (await customer.textContent()).trim();
    await customer.click();
    await page.waitForFunction(() => document.querySelector('#last-select')?.textContent.startsWith('customer:'));
    await page.waitForFunction(
      (expected) => document.querySelector('crm-customer-360')?.shadowRoot?.querySelector('[part~="name"]')?.textContent.trim() === expected,
      name,
      { timeout: 10_000 },
    );

    await more?.(page);
    assert.deepEqual(problems, [], 'console errors or warnings');
  } finally {
    await page.close();
  }
}
