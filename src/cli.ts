import { readFileSync } from 'node:fs';
import { validatePayload } from './contract/index.js';

const USAGE = `Usage:
  crm-widget-kit validate data.json   print the validation result; exit 1 when rows were rejected`;

function main(argv: string[]): number {
  const [command, file] = argv;
  if (command !== 'validate' || !file) {
    console.error(USAGE);
    return 2;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const result = validatePayload(payload);
  if (!result.ok) {
    console.log(JSON.stringify({ ok: false, error: result.error }, null, 2));
    return 1;
  }
  const { received, rejected, rejectedTotal, issues } = result;
  console.log(JSON.stringify({ ok: rejectedTotal === 0, received, rejected, rejectedTotal, issues }, null, 2));
  return rejectedTotal === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
