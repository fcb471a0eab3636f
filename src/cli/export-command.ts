import { validatePayload } from '../contract/validate.js';
import { arrowFormOf } from '../contract/arrow/write-arrow.js';
import { EXIT, type CommandOptions, type CommandOutput } from '../metrics/report-command.js';

/** What `export` writes, by file name inside `--out`, besides what it prints. */
export interface ExportOutput extends CommandOutput {
  files: { name: string; bytes: Uint8Array }[];
}

/** The envelope's file name: the streams' URLs in it are relative to it, so they sit beside it. */
export const ENVELOPE_FILE = 'contract.json';

/**
 * `export --format arrow`: validate, then the kept rows as an envelope and one Arrow IPC stream
 * per collection. Rows set aside are not written (exit 1, the count on stderr); a payload that
 * is not a contract writes nothing (exit 3).
 */
export function exportCommand(payload: unknown, options: CommandOptions): ExportOutput {
  const result = validatePayload(payload);
  if (!result.ok) return { stdout: '', stderr: result.error.message, exitCode: EXIT.notAContract, files: [] };
  const { envelope, streams, skipped } = arrowFormOf(result.dataset);
  const files = [
    { name: ENVELOPE_FILE, bytes: new TextEncoder().encode(`${JSON.stringify(envelope, null, 2)}\n`) },
    ...Object.entries(streams).map(([collection, bytes]) => ({ name: `${collection}.arrow`, bytes: bytes! })),
  ];
  const { received, rejected, rejectedTotal } = result;
  const summary = { ok: rejectedTotal === 0, format: options.format ?? 'arrow', out: options.out, files: files.map((f) => f.name), received, rejected, rejectedTotal, skipped };
  const notes = [
    rejectedTotal > 0 ? `${rejectedTotal} row${rejectedTotal === 1 ? '' : 's'} set aside and not exported; run "crm-widget-kit validate" for the reasons` : '',
    skipped.length ? `extra fields with no single Arrow type, not exported: ${skipped.join(', ')}` : '',
  ].filter(Boolean);
  return {
    stdout: JSON.stringify(summary, null, options.pretty ? 2 : undefined),
    stderr: notes.join('\n'),
    exitCode: rejectedTotal > 0 ? EXIT.rowsSetAside : EXIT.clean,
    files,
  };
}
