import { expect } from '@open-wc/testing';
import { customerFieldValue, inWindow, isoWeekKey, monthKey, parseFilter, parsePeriod, periodWindow } from '../../src/metrics/index.js';
import { AS_OF_MS, DAY, dataset } from './fixtures.js';

describe('parsePeriod(text)', () => {
  it('parsePeriod reads all, last-<N>d and inclusive date ranges', () => {
    expect(parsePeriod('all')).to.deep.equal({ kind: 'all' });
    expect(parsePeriod('last-30d')).to.deep.equal({ kind: 'last-days', days: 30 });
    expect(parsePeriod('last-365d')).to.deep.equal({ kind: 'last-days', days: 365 });
    expect(parsePeriod('last-7d')).to.deep.equal({ kind: 'last-days', days: 7 });
    expect(parsePeriod('2026-01-01..2026-03-31')).to.deep.equal({ kind: 'range', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 2, 31) });
  });

  it('parsePeriod returns null for anything else', () => {
    for (const text of ['', 'last-0d', 'last-30', 'last-xd', '2026-02-30..2026-03-01', '2026-03-02..2026-03-01', 'yesterday']) {
      expect(parsePeriod(text), text).to.equal(null);
    }
  });
});

describe('periodWindow(period, asOf)', () => {
  it('periodWindow(last-days) is (asOf − N days, asOf]', () => {
    const w = periodWindow({ kind: 'last-days', days: 30 }, AS_OF_MS);
    expect(inWindow(AS_OF_MS - 30 * DAY, w)).to.be.false;
    expect(inWindow(AS_OF_MS - 30 * DAY + 1, w)).to.be.true;
    expect(inWindow(AS_OF_MS, w)).to.be.true;
    expect(inWindow(AS_OF_MS + 1, w)).to.be.false;
  });

  it('periodWindow(range) covers whole UTC days and stops at asOf', () => {
    const w = periodWindow({ kind: 'range', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 31) }, AS_OF_MS);
    expect(inWindow(Date.UTC(2026, 0, 1), w)).to.be.true;
    expect(inWindow(Date.UTC(2026, 0, 31, 23, 59, 59), w)).to.be.true;
    expect(inWindow(Date.UTC(2026, 1, 1), w)).to.be.false;
    const open = periodWindow({ kind: 'range', from: Date.UTC(2026, 5, 1), to: Date.UTC(2026, 11, 31) }, AS_OF_MS);
    expect(inWindow(AS_OF_MS, open)).to.be.true;
    expect(inWindow(AS_OF_MS + 1, open)).to.be.false;
  });
});

describe('parseFilter(text)', () => {
  it('parseFilter splits at the first colon', () => {
    expect(parseFilter('region:华东')).to.deep.equal({ field: 'region', value: '华东' });
    expect(parseFilter('attributes.url:https://x')).to.deep.equal({ field: 'attributes.url', value: 'https://x' });
    expect(parseFilter('region')).to.equal(null);
    expect(parseFilter(':x')).to.equal(null);
  });
});

describe('customerFieldValue(dataset, customer, field)', () => {
  it('customerFieldValue reads contract fields, attributes and referenced-only customers', () => {
    const d = dataset({
      customers: [{ id: 'A', name: 'Ann', region: '华东', createdAt: '2025-01-02T00:00:00Z', attributes: { tier: 'gold', seats: 12 } }],
    });
    expect(customerFieldValue(d, 0, 'region')).to.equal('华东');
    expect(customerFieldValue(d, 0, 'owner')).to.equal(null);
    expect(customerFieldValue(d, 0, 'attributes.tier')).to.equal('gold');
    expect(customerFieldValue(d, 0, 'attributes.seats')).to.equal('12');
    expect(customerFieldValue(d, 0, 'attributes.none')).to.equal(null);
    expect(customerFieldValue(d, 0, 'createdAt')).to.equal('2025-01-02T00:00:00.000Z');
    expect(customerFieldValue(d, 0, 'id')).to.equal('A');
    expect(customerFieldValue(d, 5, 'id')).to.equal(null);
    const referenced = dataset({ orders: [{ id: 'O1', customerId: 'X', date: '2026-01-01T00:00:00Z', amount: 1 }] });
    expect(customerFieldValue(referenced, 0, 'id')).to.equal('X');
    expect(customerFieldValue(referenced, 0, 'region')).to.equal(null);
  });
});

describe('monthKey(t) and isoWeekKey(t)', () => {
  it('isoWeekKey puts year-boundary days in the year of their Thursday', () => {
    expect(isoWeekKey(Date.UTC(2026, 0, 1))).to.equal('2026-W01'); // Thursday
    expect(isoWeekKey(Date.UTC(2025, 11, 29))).to.equal('2026-W01'); // Monday before it
    expect(isoWeekKey(Date.UTC(2025, 11, 28, 23, 59, 59))).to.equal('2025-W52'); // Sunday
    expect(isoWeekKey(Date.UTC(2021, 0, 3))).to.equal('2020-W53');
    expect(isoWeekKey(Date.UTC(2026, 11, 31))).to.equal('2026-W53');
    expect(isoWeekKey(Date.UTC(2024, 11, 30))).to.equal('2025-W01');
  });

  it('monthKey is the UTC month', () => {
    expect(monthKey(Date.UTC(2026, 0, 31, 23, 59, 59))).to.equal('2026-01');
    expect(monthKey(Date.UTC(2026, 1, 1))).to.equal('2026-02');
  });
});

describe('monthIndex(t) and weekIndex(t)', () => {
  it('monthIndex and weekIndex agree with Date for any instant', async () => {
    const fc = (await import('fast-check')).default;
    const { monthIndex, monthIndexStart, weekIndex, weekIndexStart } = await import('../../src/metrics/calendar.js');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        const d = new Date(t);
        expect(monthIndex(t)).to.equal(d.getUTCFullYear() * 12 + d.getUTCMonth());
        expect(monthIndexStart(monthIndex(t))).to.equal(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
        const monday = weekIndexStart(weekIndex(t));
        expect(new Date(monday).getUTCDay()).to.equal(1);
        expect(t - monday).to.be.within(0, 7 * 86_400_000 - 1);
      }),
    );
  });
});
