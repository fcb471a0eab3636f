import { validatePayload } from '../contract/validate.js';
import { computeReport } from './compute-report.js';
import type { ReportOptions } from './types.js';

export interface CommandOutput {
  /** What goes to stdout (the report JSON) and stderr (notes, errors). */
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const REPORT_USAGE = 'crm-widget-kit report data.json [--as-of ISO] [--funnel-window-days N]';

/**
 * The `report` command without its I/O, so it can be tested anywhere: `args` are the
 * words after the file name, `payload` the parsed file. Exit 0 with the report, 2 on bad
 * arguments or an unreadable payload; rows set aside are noted on stderr.
 */
export function reportCommand(payload: unknown, args: readonly string[]): CommandOutput {
  let asOf: string | undefined;
  const options: ReportOptions = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (flag === '--as-of' && value !== undefined) {
      if (Number.isNaN(Date.parse(value))) return { stdout: '', stderr: `--as-of: expected an ISO 8601 timestamp, received ${value}`, exitCode: 2 };
      asOf = value;
      i++;
    } else if (flag === '--funnel-window-days' && value !== undefined) {
      const days = Number(value);
      if (!(days >= 0) || !Number.isFinite(days)) return { stdout: '', stderr: `--funnel-window-days: expected a number of days, received ${value}`, exitCode: 2 };
      options.funnel = { windowDays: days };
      i++;
    } else return { stdout: '', stderr: `unknown or incomplete option ${flag}\nUsage: ${REPORT_USAGE}`, exitCode: 2 };
  }
  const input = asOf !== undefined && payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, asOf } : payload;
  const result = validatePayload(input);
  if (!result.ok) return { stdout: '', stderr: result.error.message, exitCode: 2 };
  const report = computeReport(result.dataset, options);
  const stderr = result.rejectedTotal > 0 ? `${result.rejectedTotal} rows set aside; run "crm-widget-kit validate" for the reasons` : '';
  return { stdout: JSON.stringify(report, null, 2), stderr, exitCode: 0 };
}
