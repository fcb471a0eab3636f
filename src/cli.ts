import { readFileSync } from 'node:fs';
import { validatePayload } from './contract/index.js';
import { REPORT_USAGE, reportCommand } from './metrics/index.js';

const USAGE = `Usage:
  crm-widget-kit validate data.json   print the validation result; exit 1 when rows were rejected
  ${REPORT_USAGE}
                                      print the metrics report JSON (NPS, funnel, RFM, signals, health)`;

function readPayload(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function validate(payload: unknown): number {
  const result = validatePayload(payload);
  if (!result.ok) {
    console.log(JSON.stringify({ ok: false, error: result.error }, null, 2));
    return 1;
  }
  const { received, rejected, rejectedTotal, issues } = result;
  console.log(JSON.stringify({ ok: rejectedTotal === 0, received, rejected, rejectedTotal, issues }, null, 2));
  return rejectedTotal === 0 ? 0 : 1;
}

function main(argv: string[]): number {
  const [command, file, ...rest] = argv;
  if ((command !== 'validate' && command !== 'report') || !file) {
    console.error(USAGE);
    return 2;
  }
  let payload: unknown;
  try {
    payload = readPayload(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  if (command === 'validate') return validate(payload);
  const output = reportCommand(payload, rest);
  if (output.stdout) console.log(output.stdout);
  if (output.stderr) console.error(output.stderr);
  return output.exitCode;
}

process.exitCode = main(process.argv.slice(2));
