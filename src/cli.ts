import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { exportCommand } from './cli/export-command.js';
import { JsonPieces } from './cli/json-pieces.js';
import { exportFromDatabase, serveCommand } from './cli/serve-command.js';
import { EXIT, parseCommandLine, runReport, USAGE, validateCommand, type CommandOptions, type CommandOutput } from './metrics/index.js';

/** Why reading failed: the file itself (a usage error) or its content (not a contract). */
class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * The payload from a file or standard input (`-`), read as a stream and parsed piece by
 * piece (json-pieces.ts), so a payload larger than a JavaScript string can hold still loads.
 */
async function readPayload(source: string): Promise<unknown> {
  const stream = source === '-' ? process.stdin : createReadStream(source);
  const name = source === '-' ? 'standard input' : source;
  const pieces = new JsonPieces();
  try {
    for await (const chunk of stream) {
      try {
        pieces.push(chunk as Uint8Array);
      } catch (error) {
        throw new InputError(`${name} is not valid JSON: ${(error as Error).message}`, EXIT.notAContract);
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${name}: ${(error as Error).message}`, EXIT.usage);
  }
  try {
    return pieces.end();
  } catch (error) {
    throw new InputError(`${name} is not valid JSON: ${(error as Error).message}`, EXIT.notAContract);
  }
}

function version(): string {
  // dist/cli.js sits beside the package's package.json, which every install ships.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

async function main(argv: string[]): Promise<CommandOutput | null> {
  // The warehouse commands (docs/scale.md): `serve` keeps running; `export --db` reads a database.
  if (argv[0] === 'serve') return serveCommand(argv.slice(1));
  if (argv[0] === 'export' && argv.some((arg) => arg === '--db' || arg.startsWith('--db='))) return exportFromDatabase(argv.slice(1));
  const line = parseCommandLine(argv);
  if (line.kind === 'help') return { stdout: USAGE, stderr: '', exitCode: EXIT.clean };
  if (line.kind === 'version') return { stdout: version(), stderr: '', exitCode: EXIT.clean };
  if (line.kind === 'usage-error') return { stdout: '', stderr: line.message, exitCode: EXIT.usage };
  let payload: unknown;
  try {
    payload = await readPayload(line.source);
  } catch (error) {
    if (error instanceof InputError) return { stdout: '', stderr: error.message, exitCode: error.exitCode };
    throw error;
  }
  if (line.command === 'export') return writeExport(payload, line.options);
  return line.command === 'validate' ? validateCommand(payload, line.options) : runReport(payload, line.options);
}

/** `export`: the files go into --out, the summary to stdout. */
function writeExport(payload: unknown, options: CommandOptions): CommandOutput {
  const { files, ...output } = exportCommand(payload, options);
  if (files.length === 0) return output;
  const out = options.out!;
  try {
    mkdirSync(out, { recursive: true });
    for (const file of files) writeFileSync(join(out, file.name), file.bytes);
  } catch (error) {
    return { stdout: '', stderr: `cannot write to ${out}: ${(error as Error).message}`, exitCode: EXIT.usage };
  }
  return output;
}

const output = await main(process.argv.slice(2));
if (output?.stderr) process.stderr.write(`${output.stderr}\n`);
if (output?.stdout) process.stdout.write(`${output.stdout}\n`);
// exitCode, not process.exit(): a large report still drains into a pipe before the process ends.
if (output) process.exitCode = output.exitCode;
