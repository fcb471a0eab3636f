import { expect } from '@open-wc/testing';
import { computeReport, reportCommand, reportFromPayload } from '../../src/metrics/index.js';
import { generateSample } from '../../src/sample/index.js';
import { AS_OF, ago, dataset } from './fixtures.js';

const payload = () => ({
  schemaVersion: 1,
  asOf: AS_OF,
  stages: [{ key: 'lead' }, { key: 'won' }],
  customers: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }],
  orders: [{ id: 'o1', customerId: 'A', date: ago(3), amount: 50 }],
  surveys: [{ id: 's1', customerId: 'A', date: ago(1), score: 10 }],
  stageEvents: [
    { entityId: 'D1', customerId: 'A', stage: 'lead', date: ago(9) },
    { entityId: 'D1', customerId: 'A', stage: 'won', date: ago(1) },
  ],
});

describe('computeReport(dataset)', () => {
  it('computeReport returns the issue-3 JSON keyed by customerId', () => {
    const report = computeReport(dataset(payload()));
    expect(report.asOf).to.equal('2026-06-30T00:00:00.000Z');
    expect(report.nps).to.include({ score: 100, enough: false, promoters: 1, passives: 0, detractors: 0, responses: 1, marginOfError: 0 });
    expect(report.funnel.steps.map((s) => [s.stage, s.count, s.conversionFromPrevious])).to.deep.equal([
      ['lead', 1, null],
      ['won', 1, 1],
    ]);
    expect(report.rfm.customers.map((c) => c.customerId)).to.deep.equal(['A']);
    expect(report.rfm.unscored).to.equal(1);
    expect(Object.keys(report.signals)).to.deep.equal(['A', 'B']);
    // No interactions or tickets in the payload: silent, under_engaged and service are not measured.
    expect(report.absent).to.deep.equal(['interactions', 'tickets']);
    expect(report.measured).to.deep.equal({ signals: ['spend_drop', 'detractor'], components: ['recency', 'spendTrend', 'nps'] });
    expect(report.signals.B!.map((s) => s.kind)).to.deep.equal([]);
    expect(report.health.A).to.have.keys(['score', 'band', 'stage', 'components', 'measured']);
    expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
  });

  it('computeReport passes options to each metric', () => {
    const report = computeReport(dataset(payload()), { nps: { minResponses: 1 }, funnel: { windowDays: 1 } });
    expect(report.nps.score).to.equal(100);
    expect(report.funnel.steps[1]!.count).to.equal(0);
  });
});

describe('reportFromPayload(payload)', () => {
  it('reportFromPayload validates first and lets asOf replace the payload one', () => {
    const report = reportFromPayload(payload(), { asOf: '2026-06-28T00:00:00Z', nps: { minResponses: 0 } });
    expect(report.asOf).to.equal('2026-06-28T00:00:00.000Z');
    expect(report.nps.responses).to.equal(0);
    expect(() => reportFromPayload([])).to.throw('payload: expected a JSON object');
  });

  it('reportFromPayload agrees with computeReport on generated data', () => {
    const sample = generateSample({ seed: 5, customers: 60 });
    const direct = computeReport(dataset(sample as unknown as Record<string, unknown>));
    const viaPayload = reportFromPayload(sample);
    expect(viaPayload.rfm.segments).to.deep.equal(direct.rfm.segments);
  });
});

describe('reportCommand(payload, args)', () => {
  it('reportCommand prints the report JSON with --as-of and --funnel-window-days', () => {
    const out = reportCommand(payload(), ['--as-of', '2026-06-30T00:00:00Z', '--funnel-window-days', '3']);
    expect(out.exitCode).to.equal(0);
    const report = JSON.parse(out.stdout);
    expect(report.funnel.steps[1].count).to.equal(0);
    expect(out.stderr).to.equal('not in the payload, so not measured: interactions, tickets');
  });

  it('reportCommand exits 2 on bad options, 3 when the payload is not a contract, 1 with rows set aside', () => {
    expect(reportCommand(payload(), ['--funnel-window-days', 'x']).exitCode).to.equal(2);
    expect(reportCommand(payload(), ['--as-of', 'soon']).exitCode).to.equal(2);
    expect(reportCommand(payload(), ['--verbose']).stderr).to.contain('unknown option --verbose');
    expect(reportCommand(payload(), ['extra.json']).stderr).to.contain('one payload file expected');
    expect(reportCommand('nope', []).exitCode).to.equal(3);
    const broken = payload();
    (broken.orders[0] as Record<string, unknown>).amount = 'x';
    const out = reportCommand(broken, []);
    expect(out.exitCode).to.equal(1);
    expect(JSON.parse(out.stdout).asOf).to.equal('2026-06-30T00:00:00.000Z');
    expect(out.stderr).to.contain('1 row set aside');
  });

  it('reportCommand --summary gives the figures without per-customer arrays', () => {
    const summary = JSON.parse(reportCommand(payload(), ['--summary']).stdout);
    expect(summary.rfm).not.to.have.property('customers');
    expect(summary.rfm.scored).to.equal(1);
    // No interactions or tickets in the payload, so only spend_drop and detractor can fire: A's one
    // order (50, 3 days ago) has no earlier window to drop from and A's survey scored 10; B has nothing.
    expect(summary.signals).to.deep.equal({ silent: 0, spend_drop: 0, detractor: 0, service: 0, under_engaged: 0 });
    expect(summary.health.customers).to.equal(2);
    expect(summary.health.bands.green + summary.health.bands.yellow + summary.health.bands.red).to.equal(2);
    expect(reportCommand(payload(), ['--summary']).stdout).not.to.contain('\n');
    expect(reportCommand(payload(), ['--summary', '--pretty']).stdout).to.contain('\n  "asOf"');
  });

  it('reportCommand passes every metric option through, and --customer adds the 360 view', () => {
    const report = JSON.parse(
      reportCommand(payload(), [
        '--min-responses=1',
        '--nps-interval',
        'adjusted-wald',
        '--funnel-attempts',
        'any',
        '--rfm-ties',
        'dense',
        '--f-thresholds',
        '1,2,3,5,10',
        '--customer',
        'A',
        '--timeline-limit',
        '2',
      ]).stdout,
    );
    expect(report.nps).to.include({ minResponses: 1, enough: true, interval: 'adjusted-wald' });
    expect(report.customer.customerId).to.equal('A');
    expect(report.customer.timeline).to.have.length(2);
    expect(reportCommand(payload(), ['--timeline-limit', '2']).exitCode).to.equal(2);
  });
});
