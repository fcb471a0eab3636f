import { validatePayload } from '../contract/validate.js';
import { computeReport, computeReportSummary } from './compute-report.js';
import { absentCollections } from './measured.js';
import type { NextBestActionRules } from './next-best-action.js';
import { addFilterFlag, FILTER_FLAGS, filtersOfFlags } from './filter-flags.js';
import { filterDataset } from './filter-dataset.js';
import { parseFilter } from './parse-filter.js';
import { parsePeriod } from './parse-period.js';
import { parseThresholds } from './score-rules.js';
import type { HealthOptions, ReportOptions } from './types.js';

/** What a command prints and how it exits, without doing the I/O, so it is testable anywhere. */
export interface CommandOutput {
  /** The JSON result (stdout) and notes or errors (stderr). */
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Exit codes of the CLI: a script can tell a clean run from set-aside rows, a typo and a broken payload. */
export const EXIT = { clean: 0, rowsSetAside: 1, usage: 2, notAContract: 3 } as const;

/** The options of `report` and `validate` after parsing. */
export interface CommandOptions {
  asOf?: string;
  /** The gauge's target: the report's NPS then says how far the score is from it. */
  npsTarget?: number;
  summary: boolean;
  pretty: boolean;
  report: ReportOptions;
  /** The query filters of `--filter`, `--period` … as URL parameters (`filtersFromSearchParams` reads them). */
  filterParams?: URLSearchParams;
  /** `export`: the form to write, and the directory to write it to. */
  format?: 'arrow';
  out?: string;
}

export type CommandName = 'report' | 'validate' | 'export';

interface Flag {
  name: string;
  /** Placeholder of the value; none for a switch. */
  value?: string;
  help: string;
  commands: readonly CommandName[];
  /** Applies the value; returns an error message when it is not acceptable. */
  apply(options: CommandOptions, value: string): string | null;
}

const REPORT = ['report'] as const;
const BOTH = ['report', 'validate'] as const;
const EXPORT = ['export'] as const;

const count = (value: string, min = 0): number | null => {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= min ? n : null;
};
const oneOf =
  <T extends string>(choices: readonly T[], set: (o: CommandOptions, v: T) => void) =>
  (o: CommandOptions, v: string): string | null => {
    if (!(choices as readonly string[]).includes(v)) return `expected one of ${choices.join(', ')}, received ${v}`;
    set(o, v as T);
    return null;
  };
const number =
  (set: (o: CommandOptions, n: number) => void, what: string) =>
  (o: CommandOptions, v: string): string | null => {
    const n = count(v);
    if (n === null) return `expected ${what}, received ${v}`;
    set(o, n);
    return null;
  };
const json =
  <T>(set: (o: CommandOptions, value: T) => void) =>
  (o: CommandOptions, v: string): string | null => {
    let value: unknown;
    try {
      value = JSON.parse(v);
    } catch {
      return `expected a JSON object, received ${v}`;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return `expected a JSON object, received ${v}`;
    set(o, value as T);
    return null;
  };
const thresholds = (axis: 'r' | 'f' | 'm') => (o: CommandOptions, v: string) => {
  const parsed = parseThresholds(v);
  if (!parsed) return `expected five ascending numbers such as 1,2,3,5,10, received ${v}`;
  const rfm = (o.report.rfm ??= {});
  rfm.thresholds = { ...rfm.thresholds, [axis]: parsed };
  return null;
};
const filter = (set: (o: CommandOptions, f: NonNullable<ReturnType<typeof parseFilter>>) => void) => (o: CommandOptions, v: string) => {
  const parsed = parseFilter(v);
  if (!parsed) return `expected field:value such as region:华东, received ${v}`;
  set(o, parsed);
  return null;
};
const nps = (o: CommandOptions) => (o.report.nps ??= {});
const funnel = (o: CommandOptions) => (o.report.funnel ??= {});
const rfm = (o: CommandOptions) => (o.report.rfm ??= {});
const health = (o: CommandOptions) => (o.report.health ??= {});
const customer = (o: CommandOptions) => (o.report.customer ??= { id: '' });

/**
 * Every option, one line of help each. The metric options mirror the widgets' attributes
 * (`<crm-nps-gauge period>` is `--nps-period`, `<crm-segment-matrix ties>` is `--rfm-ties` …).
 */
export const FLAGS: readonly Flag[] = [
  { name: '--pretty', help: 'indent the JSON (default: one line)', commands: [...BOTH, ...EXPORT], apply: (o) => ((o.pretty = true), null) },
  { name: '--format', value: 'arrow', help: 'the form to write: arrow (an envelope and one Arrow IPC stream per collection)', commands: EXPORT, apply: oneOf(['arrow'], (o, v) => (o.format = v)) },
  { name: '--out', value: 'DIR', help: 'directory for contract.json and <collection>.arrow (created if needed)', commands: EXPORT, apply: (o, v) => ((o.out = v), null) },
  {
    name: '--as-of',
    value: 'ISO',
    help: "replace the payload's asOf, e.g. 2026-06-30T00:00:00Z",
    commands: REPORT,
    apply: (o, v) => (Number.isNaN(Date.parse(v)) ? `expected an ISO 8601 timestamp, received ${v}` : ((o.asOf = v), null)),
  },
  { name: '--summary', help: 'the figures only: no per-customer arrays (RFM customers, signals and health by customer)', commands: REPORT, apply: (o) => ((o.summary = true), null) },
  {
    name: '--nps-period',
    value: 'PERIOD',
    help: 'all (default), last-<N>d, YYYY-MM-DD..YYYY-MM-DD',
    commands: REPORT,
    apply: (o, v) => {
      const period = parsePeriod(v);
      if (!period) return `expected all, last-<N>d or YYYY-MM-DD..YYYY-MM-DD, received ${v}`;
      nps(o).period = period;
      return null;
    },
  },
  { name: '--nps-segment', value: 'FIELD:VALUE', help: 'only customers with field = value', commands: REPORT, apply: filter((o, f) => (nps(o).filter = f)) },
  { name: '--nps-dedupe', value: 'all|latest', help: 'latest: each customer once, by their latest response', commands: REPORT, apply: oneOf(['all', 'latest'], (o, v) => (nps(o).dedupe = v)) },
  { name: '--min-responses', value: 'N', help: 'below N responses the score is indicative (enough: false); default 30', commands: REPORT, apply: number((o, n) => (nps(o).minResponses = n), 'a number of responses') },
  { name: '--nps-interval', value: 'wald|adjusted-wald', help: '95 % interval method; default wald', commands: REPORT, apply: oneOf(['wald', 'adjusted-wald'], (o, v) => (nps(o).interval = v)) },
  { name: '--nps-trend', value: 'month|week|none', help: 'trend buckets; default month', commands: REPORT, apply: oneOf(['month', 'week', 'none'], (o, v) => (nps(o).trend = v)) },
  {
    name: '--nps-target',
    value: 'N',
    help: 'target score, as <crm-nps-gauge target>: adds nps.target and nps.versusTarget (score − target)',
    commands: REPORT,
    apply: (o, v) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) return `expected a score, received ${v}`;
      o.npsTarget = n;
      return null;
    },
  },
  { name: '--nps-breakdown', value: 'FIELD', help: 'NPS per value of a customer field', commands: REPORT, apply: (o, v) => ((nps(o).breakdown = v), null) },
  {
    name: '--funnel-stages',
    value: 'A,B,C',
    help: 'stage keys in order; default every payload stage',
    commands: REPORT,
    apply: (o, v) => {
      const stages = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (!stages.length) return `expected stage keys separated by commas, received ${v}`;
      funnel(o).stages = stages;
      return null;
    },
  },
  { name: '--funnel-window-days', value: 'N', help: 'conversion window after the first stage; default none', commands: REPORT, apply: number((o, n) => (funnel(o).windowDays = n), 'a number of days') },
  { name: '--funnel-attempts', value: 'first|any', help: 'any: every first-stage event may start an attempt (PostHog); default first', commands: REPORT, apply: oneOf(['first', 'any'], (o, v) => (funnel(o).attempts = v)) },
  { name: '--funnel-mode', value: 'ordered|snapshot', help: 'snapshot: customers by their current stage; default ordered', commands: REPORT, apply: oneOf(['ordered', 'snapshot'], (o, v) => (funnel(o).mode = v)) },
  { name: '--funnel-segment', value: 'FIELD:VALUE', help: 'only entities of customers with field = value', commands: REPORT, apply: filter((o, f) => (funnel(o).filter = f)) },
  { name: '--funnel-breakdown', value: 'FIELD', help: 'one funnel per value of a customer field', commands: REPORT, apply: (o, v) => ((funnel(o).breakdown = v), null) },
  { name: '--rfm-ties', value: 'low|dense', help: 'dense: a big tie keeps its score, the rest spread over the other scores; default low', commands: REPORT, apply: oneOf(['low', 'dense'], (o, v) => (rfm(o).ties = v)) },
  { name: '--rfm-frequency', value: 'orders|days', help: 'days: distinct days with a purchase; default orders', commands: REPORT, apply: oneOf(['orders', 'days'], (o, v) => (rfm(o).frequency = v)) },
  { name: '--r-thresholds', value: 'D1,..,D5', help: 'fixed R: most days since the last purchase for R = 5..1', commands: REPORT, apply: thresholds('r') },
  { name: '--f-thresholds', value: 'F1,..,F5', help: 'fixed F: lowest frequency for F = 1..5, e.g. 1,2,3,5,10', commands: REPORT, apply: thresholds('f') },
  { name: '--m-thresholds', value: 'M1,..,M5', help: 'fixed M: lowest monetary value for M = 1..5', commands: REPORT, apply: thresholds('m') },
  {
    name: '--health-options',
    value: 'JSON',
    help: 'signal thresholds, weights, lifecycle, lifespanYears … as <crm-customer-360>.healthOptions',
    commands: REPORT,
    apply: json<HealthOptions>((o, value) => (o.report.health = { ...value, ...o.report.health })),
  },
  { name: '--min-history-days', value: 'N', help: 'whole days of history before CLV is projected; default 90', commands: REPORT, apply: number((o, n) => (health(o).minHistoryDays = n), 'a number of days') },
  { name: '--customer', value: 'ID', help: "add that customer's 360 view (customer)", commands: REPORT, apply: (o, v) => ((customer(o).id = v), null) },
  { name: '--timeline-limit', value: 'N', help: "newest timeline items in the customer's view; default 20", commands: REPORT, apply: number((o, n) => (customer(o).timelineLimit = n), 'a number of items') },
  { name: '--action-rules', value: 'JSON', help: 'next-best-action rules, as <crm-customer-360>.actionRules', commands: REPORT, apply: json<NextBestActionRules>((o, value) => (customer(o).actions = value)) },
  // The page's filters (a filter bar, a host's `filters`): every figure of the report is sliced by them.
  ...FILTER_FLAGS.map(({ name, value, help }) => ({ name, value, help, commands: REPORT, apply: (o: CommandOptions, v: string) => addFilterFlag((o.filterParams ??= new URLSearchParams()), name, v) })),
];

const flagLines = (command: CommandName) =>
  FLAGS.filter((f) => f.commands.includes(command))
    .map((f) => `    ${`${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(36)}${f.help}`)
    .join('\n');

export const REPORT_USAGE = 'crm-widget-kit report <file|-> [options]';

export const USAGE = `Usage: crm-widget-kit <command> [options]

Commands:
  validate <file|->   validate a contract payload and print the result
  report <file|->     validate, then print the metrics report (NPS, funnel, RFM, signals, health)
  export <file|->     validate, then write the kept rows in another form of the contract (--format arrow --out DIR)
  help                print this help

  <file> is a JSON payload (row or columnar form); - reads standard input.

Options of validate:
${flagLines('validate')}

Options of report:
${flagLines('report')}

Options of export:
${flagLines('export')}

Everywhere:
    --help, -h                          print this help
    --version, -v                       print the version

Exit codes: 0 clean, 1 rows set aside (the result is still printed, or written without them), 2 usage error,
3 not a contract (unreadable JSON, or the payload envelope fails validation).`;

/** A parsed command line: what to run, on which input, with which options. */
export type CommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandName; source: string; options: CommandOptions }
  | { kind: 'usage-error'; message: string };

const usageError = (message: string): CommandLine => ({ kind: 'usage-error', message: `${message}\nRun "crm-widget-kit --help" for usage.` });

/** Read the words after `crm-widget-kit`. Options may come before or after the file. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.some((a) => a === '--help' || a === '-h') || argv[0] === 'help') return { kind: 'help' };
  if (argv.some((a) => a === '--version' || a === '-v')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('missing command: validate, report or export');
  if (command !== 'report' && command !== 'validate' && command !== 'export') return usageError(`unknown command ${command}: expected validate, report, export or help`);
  const options: CommandOptions = { summary: false, pretty: false, report: {} };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '-' || !word.startsWith('-')) {
      positional.push(word);
      continue;
    }
    const [name, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const flag = FLAGS.find((f) => f.name === name);
    if (!flag || !flag.commands.includes(command)) return usageError(`unknown option ${name} for ${command}`);
    let value = '';
    if (flag.value) {
      const next = inline ?? rest[i + 1];
      if (next === undefined) return usageError(`${name} needs a value (${flag.value})`);
      value = next;
      if (inline === undefined) i++;
    } else if (inline !== undefined) return usageError(`${name} takes no value`);
    const error = flag.apply(options, value);
    if (error) return usageError(`${name}: ${error}`);
  }
  if (positional.length === 0) return usageError(`${command}: missing the payload file (or - for standard input)`);
  if (positional.length > 1) return usageError(`${command}: one payload file expected, received ${positional.length}: ${positional.join(' ')}`);
  if (options.report.customer && !options.report.customer.id) return usageError('--timeline-limit and --action-rules need --customer ID');
  if (command === 'export') {
    if (!options.out) return usageError('export: missing --out DIR, the directory to write to');
    options.format ??= 'arrow';
  }
  return { kind: 'run', command, source: positional[0]!, options };
}

const toJson = (value: unknown, pretty: boolean) => JSON.stringify(value, null, pretty ? 2 : undefined);

/** `validate`: the result JSON; exit 0 clean, 1 with rows set aside, 3 when the payload is not a contract. */
export function validateCommand(payload: unknown, options: CommandOptions): CommandOutput {
  const result = validatePayload(payload);
  if (!result.ok) return { stdout: toJson({ ok: false, error: result.error }, options.pretty), stderr: result.error.message, exitCode: EXIT.notAContract };
  const { received, rejected, rejectedTotal, issues } = result;
  const absent = absentCollections(result.dataset);
  return {
    stdout: toJson({ ok: rejectedTotal === 0, received, rejected, rejectedTotal, issues, absent }, options.pretty),
    stderr: '',
    exitCode: rejectedTotal === 0 ? EXIT.clean : EXIT.rowsSetAside,
  };
}

/** `report`: the report (or its summary) JSON; exit 0 clean, 1 with rows set aside (noted on stderr), 3 when not a contract. */
export function runReport(payload: unknown, options: CommandOptions): CommandOutput {
  const { asOf } = options;
  const input = asOf !== undefined && payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, asOf } : payload;
  const result = validatePayload(input);
  if (!result.ok) return { stdout: '', stderr: result.error.message, exitCode: EXIT.notAContract };
  const filters = options.filterParams ? filtersOfFlags(options.filterParams) : undefined;
  const dataset = filters ? filterDataset(result.dataset, filters) : result.dataset;
  const report = options.summary ? computeReportSummary(dataset, options.report) : computeReport(dataset, options.report);
  const target = options.npsTarget;
  if (target !== undefined) Object.assign(report.nps, { target, versusTarget: report.nps.score === null ? null : report.nps.score - target });
  const setAside = result.rejectedTotal;
  const notes = [
    setAside > 0 ? `${setAside} row${setAside === 1 ? '' : 's'} set aside; run "crm-widget-kit validate" for the reasons` : '',
    report.absent.length ? `not in the payload, so not measured: ${report.absent.join(', ')}` : '',
  ].filter(Boolean);
  return { stdout: toJson(report, options.pretty), stderr: notes.join('\n'), exitCode: setAside > 0 ? EXIT.rowsSetAside : EXIT.clean };
}

/** `report` with its options as words (the words after the file name), for callers without a command line. */
export function reportCommand(payload: unknown, args: readonly string[]): CommandOutput {
  const line = parseCommandLine(['report', '-', ...args]);
  if (line.kind === 'usage-error') return { stdout: '', stderr: line.message, exitCode: EXIT.usage };
  if (line.kind !== 'run') return { stdout: USAGE, stderr: '', exitCode: EXIT.clean };
  return runReport(payload, line.options);
}
