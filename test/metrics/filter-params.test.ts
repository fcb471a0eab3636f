import { expect } from '@open-wc/testing';
import { filtersFromSearchParams, filtersToSearchParams, formatPeriod, mergeFilters } from '../../src/metrics/index.js';

describe('filtersToSearchParams / filtersFromSearchParams', () => {
  it('filtersToSearchParams writes one crm.* parameter per value and keeps the host\'s own', () => {
    const params = filtersToSearchParams(
      {
        time: { kind: 'last-days', days: 90 },
        customer: { region: ['华东', 'West, North'], 'attributes.tier': ['gold'] },
        stage: ['lead'],
        segment: ['champions', 'loyal'],
        nps: ['promoter'],
        cell: { x: 'r', y: 'f', cell: { x: 4, y: 2 } },
      },
      new URLSearchParams('tab=overview&crm.stage=old'),
    );
    expect([...params]).to.deep.equal([
      ['tab', 'overview'],
      ['crm.time', 'last-90d'],
      ['crm.customer.region', '华东'],
      ['crm.customer.region', 'West, North'],
      ['crm.customer.attributes.tier', 'gold'],
      ['crm.stage', 'lead'],
      ['crm.segment', 'champions'],
      ['crm.segment', 'loyal'],
      ['crm.nps', 'promoter'],
      ['crm.cell', 'r,f,4,2'],
    ]);
  });

  it('filtersFromSearchParams reads back what filtersToSearchParams wrote', () => {
    const filters = {
      time: { kind: 'range' as const, from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-03-31T00:00:00Z') },
      customer: { owner: ['Li Na', 'a=b&c'] },
      stage: ['customer'],
      nps: ['detractor' as const],
      cell: { x: 'm' as const, y: 'f' as const, cell: { x: 1, y: 5 } },
    };
    const text = filtersToSearchParams(filters).toString();
    expect(text).to.contain('crm.time=2026-01-01..2026-03-31');
    expect(filtersFromSearchParams(new URLSearchParams(text))).to.deep.equal(filters);
  });

  it('filtersFromSearchParams leaves out what is not a filter, never throws', () => {
    const params = new URLSearchParams('crm.time=yesterday&crm.segment=gold&crm.segment=loyal&crm.nps=fan&crm.cell=r,f,9,1&crm.customer.=x&other=1');
    expect(filtersFromSearchParams(params)).to.deep.equal({ segment: ['loyal'] });
    const proto = filtersFromSearchParams(new URLSearchParams('crm.customer.__proto__=x'));
    expect(Object.keys(proto.customer!)).to.deep.equal(['__proto__']);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('formatPeriod is the inverse of parsePeriod', () => {
    expect(formatPeriod({ kind: 'all' })).to.equal('all');
    expect(formatPeriod({ kind: 'last-days', days: 30 })).to.equal('last-30d');
  });
});

describe('mergeFilters(base, over)', () => {
  it('mergeFilters lets over replace parts and merges customer fields', () => {
    const base = { stage: ['lead'], customer: { region: ['East'], owner: ['Li'] } };
    expect(mergeFilters(base, { stage: ['customer'], customer: { owner: ['Wang'] } })).to.deep.equal({ stage: ['customer'], customer: { region: ['East'], owner: ['Wang'] } });
    expect(base.customer.owner).to.deep.equal(['Li']);
  });
});
