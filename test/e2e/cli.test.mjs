// The CLI as a backend team runs it: help, version, standard input, exit codes, the compact
// summary, streamed reading, and an option for every metric option a widget has. Needs `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { generatePayload, SCOPES } from '../sql/generate.mjs';

const root = resolve(import.meta.dirname, '../..');
const cli = resolve(root, 'dist/cli.js');
const example = resolve(root, 'docs/examples/contract-example.json');
const scratch = resolve(root, 'node_modules/.cache/cli-test');
mkdirSync(scratch, { recursive: true });
const { FLAGS, USAGE } = await import(pathToFileURL(resolve(root, 'dist/metrics.js')).href);

/** Run the CLI; `input` goes to standard input. */
const run = (args, input) => {
  const out = spawnSync(process.execPath, [cli, ...args], { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: out.status, stdout: out.stdout.toString(), stderr: out.stderr.toString() };
};
const file = (name, value) => {
  const path = resolve(scratch, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const payload = () => JSON.parse(readFileSync(example, 'utf8'));

describe('crm-widget-kit CLI', () => {
  it('--help, -h and help print the usage to stdout and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['report', '--help'], ['help', 'report']]) {
      const out = run(args);
      assert.equal(out.status, 0, args.join(' '));
      assert.equal(out.stdout.trim(), USAGE);
      assert.equal(out.stderr, '');
    }
    for (const flag of FLAGS) assert.ok(USAGE.includes(flag.name), `${flag.name} missing from the usage`);
    assert.match(USAGE, /Exit codes: 0 clean, 1 rows set aside/);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const out = run([flag]);
      assert.equal(out.status, 0);
      assert.equal(out.stdout.trim(), version);
    }
  });

  it('- reads the payload from standard input, for validate and report', () => {
    const text = readFileSync(example, 'utf8');
    const validated = run(['validate', '-'], text);
    assert.equal(validated.status, 0, validated.stderr);
    assert.equal(JSON.parse(validated.stdout).ok, true);
    const report = run(['report', '-', '--summary'], text);
    assert.equal(report.status, 0, report.stderr);
    assert.equal(JSON.parse(report.stdout).nps.responses, 6);
  });

  it('exits 0 clean, 1 with rows set aside (still printing the result), 2 on usage errors, 3 when the input is not a contract', () => {
    assert.equal(run(['validate', example]).status, 0);
    assert.equal(run(['report', example]).status, 0);

    const broken = payload();
    broken.surveys[0].score = 11;
    const bad = file('rows-set-aside.json', broken);
    const validated = run(['validate', bad]);
    assert.equal(validated.status, 1);
    assert.match(validated.stdout, /surveys\[0\]\.score: expected an integer from 0 to 10, received 11/);
    const reported = run(['report', bad]);
    assert.equal(reported.status, 1);
    assert.equal(JSON.parse(reported.stdout).nps.responses, 5);
    assert.match(reported.stderr, /1 row set aside/);

    const usage = [
      [],
      ['frobnicate', example],
      ['report'],
      ['report', example, example],
      ['validate', example, 'extra'],
      ['report', example, '--verbose'],
      ['report', example, '-x'],
      ['report', example, '--as-of'],
      ['report', example, '--funnel-attempts', 'sometimes'],
      ['report', example, '--f-thresholds', '5,4,3,2,1'],
      ['report', example, '--health-options', '[1]'],
      ['validate', example, '--summary'],
      ['report', resolve(scratch, 'no-such-file.json')],
    ];
    for (const args of usage) {
      const out = run(args);
      assert.equal(out.status, 2, `${args.join(' ')}: ${out.stderr}`);
      assert.equal(out.stdout, '');
      assert.notEqual(out.stderr, '');
    }
    assert.match(run(['report', example, example]).stderr, /one payload file expected, received 2/);

    const notContracts = [
      ['broken.json', '{"schemaVersion": 1, "orders": ['],
      ['trailing.json', '{"schemaVersion": 1} {}'],
      ['empty.json', ''],
      ['array.json', '[]'],
      ['version.json', '{"schemaVersion": 2}'],
    ];
    for (const [name, text] of notContracts) {
      for (const command of ['validate', 'report']) {
        const out = run([command, file(name, text)]);
        assert.equal(out.status, 3, `${command} ${name}: ${out.stderr}`);
      }
    }
    assert.equal(run(['report', '-'], 'not json').status, 3);
  });

  it('report --summary prints the figures on one line, without per-customer arrays; --pretty indents', () => {
    const full = run(['report', example]);
    const summary = run(['report', example, '--summary']);
    assert.equal(summary.status, 0);
    assert.equal(summary.stdout.trim().includes('\n'), false);
    assert.equal(full.stdout.trim().includes('\n'), false);
    const s = JSON.parse(summary.stdout);
    const f = JSON.parse(full.stdout);
    assert.equal(s.rfm.customers, undefined);
    assert.deepEqual(Object.keys(s.signals), ['silent', 'spend_drop', 'detractor', 'service', 'under_engaged']);
    // The counts are the full report's per-customer lists counted.
    for (const kind of Object.keys(s.signals)) {
      assert.equal(s.signals[kind], Object.values(f.signals).filter((list) => list.some((x) => x.kind === kind)).length, kind);
    }
    assert.equal(s.health.customers, Object.keys(f.health).length);
    assert.equal(s.health.bands.green, Object.values(f.health).filter((h) => h.band === 'green').length);
    assert.deepEqual(s.nps, f.nps);
    assert.deepEqual(s.funnel, f.funnel);
    assert.ok(summary.stdout.length < full.stdout.length);
    const pretty = run(['report', example, '--summary', '--pretty']);
    assert.match(pretty.stdout, /^\{\n {2}"asOf"/);
    assert.deepEqual(JSON.parse(pretty.stdout), s);
  });

  it('reads a large payload from a file and from standard input in small chunks as a stream', async () => {
    const { generateSample } = await import(pathToFileURL(resolve(root, 'dist/sample.js')).href);
    const big = generateSample({ seed: 3, customers: 2000, orders: 20000 });
    const path = file('big.json', big);
    const direct = run(['report', path, '--summary']);
    assert.equal(direct.status, 0, direct.stderr);
    // Standard input written in 1,000-byte pieces: values straddle chunk boundaries everywhere.
    const child = spawn(process.execPath, [cli, 'report', '-', '--summary']);
    const text = Buffer.from(JSON.stringify(big));
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise((done) => child.on('close', done));
    for (let at = 0; at < text.length; at += 1000) child.stdin.write(text.subarray(at, at + 1000));
    child.stdin.end();
    assert.equal(await exited, 0);
    assert.deepEqual(JSON.parse(stdout), JSON.parse(direct.stdout));
  });

  it('exposes every metric option of every widget as an option, and says which attributes are display only', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'dist/custom-elements.json'), 'utf8'));
    const optionOf = {
      'crm-nps-gauge': { period: '--nps-period', segment: '--nps-segment', dedupe: '--nps-dedupe', 'min-responses': '--min-responses', interval: '--nps-interval', trend: '--nps-trend', target: '--nps-target' },
      'crm-lifecycle-funnel': { stages: '--funnel-stages', 'window-days': '--funnel-window-days', attempts: '--funnel-attempts', mode: '--funnel-mode', segment: '--funnel-segment', breakdown: '--funnel-breakdown' },
      'crm-segment-matrix': { ties: '--rfm-ties', frequency: '--rfm-frequency', 'r-thresholds': '--r-thresholds', 'f-thresholds': '--f-thresholds', 'm-thresholds': '--m-thresholds' },
      'crm-customer-360': {
        'customer-id': '--customer',
        'timeline-limit': '--timeline-limit',
        'min-history-days': '--min-history-days',
        ties: '--rfm-ties',
        frequency: '--rfm-frequency',
        'r-thresholds': '--r-thresholds',
        'f-thresholds': '--f-thresholds',
        'm-thresholds': '--m-thresholds',
        healthOptions: '--health-options',
        actionRules: '--action-rules',
      },
    };
    // How a widget is drawn or driven on the page, not what it computes; and internal state. The matrix's
    // migration table is an extra view (query rfm-migration), not a figure of the report.
    const display = new Set(['orientation', 'x', 'y', 'color-by', 'page-size', 'migration-days', 'migrationDays', 'follow-selection', 'activeItem', 'activeStages', 'active', 'selected']);
    const flags = new Set(FLAGS.map((f) => f.name));
    // The manifest lists each element's whole public API; what all four widgets have is the shared base (locale, theme, loading).
    const widgets = manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => optionOf[d.tagName]);
    const shared = new Set(widgets[0].attributes.map((a) => a.name).filter((name) => widgets.every((w) => w.attributes.some((a) => a.name === name))));
    for (const mod of manifest.modules) {
      for (const d of mod.declarations ?? []) {
        const options = optionOf[d.tagName];
        if (!options) continue;
        const own = (d.attributes ?? []).filter((a) => !shared.has(a.name)).map((a) => a.name);
        const properties = (d.members ?? []).filter((m) => m.kind === 'field' && m.name in options && !own.includes(m.name)).map((m) => m.name);
        for (const name of [...own, ...properties]) {
          if (display.has(name)) continue;
          assert.ok(options[name], `${d.tagName} ${name}: a metric option without a CLI option (or add it to the display list)`);
          assert.ok(flags.has(options[name]), `${options[name]} is not a CLI option`);
        }
        for (const name of Object.keys(options)) assert.ok(own.includes(name) || properties.includes(name), `${d.tagName} has no ${name}`);
      }
    }
  });

  it('passes the options through: --funnel-attempts any converts the lead d0, lead d20, opp d22 case in a 7-day window', () => {
    const day = (d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
    const path = file('attempts.json', {
      schemaVersion: 1,
      asOf: '2026-06-30T00:00:00Z',
      stages: [{ key: 'lead' }, { key: 'opp' }],
      stageEvents: [
        { entityId: 'D', stage: 'lead', date: day(0) },
        { entityId: 'D', stage: 'lead', date: day(20) },
        { entityId: 'D', stage: 'opp', date: day(22) },
      ],
    });
    const counts = (args) => JSON.parse(run(['report', path, '--summary', '--funnel-window-days', '7', ...args]).stdout).funnel.steps.map((s) => s.count);
    assert.deepEqual(counts([]), [1, 0]);
    assert.deepEqual(counts(['--funnel-attempts', 'any']), [1, 1]);
    const report = JSON.parse(run(['report', path, '--summary', '--funnel-attempts=any', '--funnel-window-days=7']).stdout);
    assert.equal(report.funnel.steps[1].medianTimeFromPreviousMs, 2 * 86_400_000);
    // Only stage events: everything else is absent, said in the report and on stderr.
    assert.deepEqual(report.absent, ['customers', 'orders', 'interactions', 'surveys', 'tickets']);
    assert.match(run(['report', path]).stderr, /not measured: customers, orders, interactions, surveys, tickets/);
    const target = JSON.parse(run(['report', example, '--summary', '--nps-target', '50', '--min-responses', '5']).stdout).nps;
    assert.equal(target.target, 50);
    assert.equal(target.enough, true);
    assert.ok(Math.abs(target.versusTarget - (target.score - 50)) < 1e-9);
  });
});

describe('crm-widget-kit report with filters', () => {
  // 160 generated customers in four regions and five stages, surveys over 500 days, some anonymous, some after asOf.
  const data = generatePayload(SCOPES.full);
  const path = file('filters.json', data);
  const asOf = Date.parse(data.asOf);
  const nps = (args) => JSON.parse(run(['report', path, '--summary', ...args]).stdout).nps;
  /** Promoters, passives and detractors counted straight from the payload's rows (the expected values). */
  const counted = (keep) => {
    const surveys = data.surveys.filter((s) => Date.parse(s.date) <= asOf && keep(s));
    return { responses: surveys.length, promoters: surveys.filter((s) => s.score >= 9).length, detractors: surveys.filter((s) => s.score <= 6).length };
  };
  const pick = ({ responses, promoters, detractors }) => ({ responses, promoters, detractors });
  const customer = new Map(data.customers.map((c) => [c.id, c]));

  it('--filter and --period slice the figures: a customer field, several values of it, the last N days', () => {
    const north = counted((s) => customer.get(s.customerId)?.region === 'North');
    assert.ok(north.responses > 10);
    assert.deepEqual(pick(nps(['--filter', 'region=North'])), north);
    assert.deepEqual(pick(nps(['--filter', 'region=North', '--filter', 'region=South'])), counted((s) => ['North', 'South'].includes(customer.get(s.customerId)?.region)));
    const recent = (s) => Date.parse(s.date) > asOf - 90 * 86_400_000;
    // A time filter alone keeps anonymous answers; a customer filter drops them (they name no customer).
    assert.deepEqual(pick(nps(['--period', 'last-90d'])), counted(recent));
    assert.deepEqual(pick(nps(['--period=last-90d', '--filter=region=North'])), counted((s) => recent(s) && customer.get(s.customerId)?.region === 'North'));
    assert.deepEqual(pick(nps(['--stage', 'lead'])), counted((s) => customer.get(s.customerId)?.lifecycleStage === 'lead'));
    assert.deepEqual(pick(nps(['--filter', 'attributes.tier=gold'])), counted((s) => customer.get(s.customerId)?.attributes?.tier === 'gold'));
  });

  it('--nps-category keeps the customers whose latest answer has it; --rfm-segment and --cell those scored so', () => {
    // Each customer's latest answer up to asOf, the later row of two at one instant.
    const latest = new Map();
    for (const s of data.surveys) if (s.customerId && Date.parse(s.date) <= asOf && (!latest.has(s.customerId) || Date.parse(s.date) >= Date.parse(latest.get(s.customerId).date))) latest.set(s.customerId, s);
    const detractors = new Set([...latest].filter(([, s]) => s.score <= 6).map(([id]) => id));
    assert.deepEqual(pick(nps(['--nps-category', 'detractor'])), counted((s) => detractors.has(s.customerId)));
    const report = JSON.parse(run(['report', path, '--summary', '--rfm-segment', 'champions', '--rfm-segment', 'loyal']).stdout);
    assert.ok(report.rfm.scored > 0);
    assert.equal(report.rfm.scored, report.rfm.segments.champions.customers + report.rfm.segments.loyal.customers);
    const cell = JSON.parse(run(['report', path, '--summary', '--cell', 'r,f,5,5']).stdout);
    assert.equal(cell.rfm.scored, cell.rfm.cells.find((c) => c.x === 5 && c.y === 5).count);
  });

  it('refuses what is not a filter, as a usage error', () => {
    for (const args of [['--rfm-segment', 'champs'], ['--period', '90'], ['--filter', 'region'], ['--nps-category', 'fan'], ['--cell', 'r,f,6,1']]) {
      const out = run(['report', path, ...args]);
      assert.equal(out.status, 2, args.join(' '));
      assert.match(out.stderr, new RegExp(`^${args[0]}: expected`));
    }
  });
});

describe('JsonPieces (the streamed JSON reader)', () => {
  // The reader is bundled inside dist/cli.js; compile its source for a direct test.
  const compiled = resolve(scratch, 'json-pieces.mjs');
  buildSync({ entryPoints: [resolve(root, 'src/cli/json-pieces.ts')], bundle: true, format: 'esm', outfile: compiled, logLevel: 'warning' });
  const load = () => import(pathToFileURL(compiled).href);
  const parse = (JsonPieces, bytes, size) => {
    const pieces = new JsonPieces();
    for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
    return pieces.end();
  };

  it('gives what JSON.parse gives, whatever the chunk boundaries', async () => {
    const { JsonPieces } = await load();
    const text =
      '\ufeff { "schemaVersion": 1, "a\\"b": "x\\\\\\"y", "__proto__": {"polluted": true}, "rows": [ {"id": "é€😀", "n": -1.5e3, "t": true, "z": null}, [1, [2, {"k": "]}"}]], "s" , 12 ],' +
      ' "columnar": { "id": ["o1", "o2"], "amount": [1, -2.25] }, "empty": [], "none": {}, "last": false } ';
    const bytes = Buffer.from(text);
    const expected = JSON.parse(text.slice(1));
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const value = parse(JsonPieces, bytes, size);
      assert.deepEqual(value, expected, `chunks of ${size}`);
      assert.equal(Object.getPrototypeOf(value), Object.prototype);
      assert.equal({}.polluted, undefined);
    }
    for (const scalar of ['42', ' "text" ', 'null', '[1,2]']) assert.deepEqual(parse(JsonPieces, Buffer.from(scalar), 1), JSON.parse(scalar));
  });

  it('throws a SyntaxError on truncated, trailing or malformed input', async () => {
    const { JsonPieces } = await load();
    for (const text of ['', '{', '{"a": 1', '{"a": 1} x', '{"a" 1}', '{a: 1}', '{"a": [1,]}', '{"a": tru}', '{"a": 1,}']) {
      assert.throws(() => parse(JsonPieces, Buffer.from(text), 2), SyntaxError, JSON.stringify(text));
    }
  });
});
