import type { TableSpec } from './data-table.js';

export type ExportFormat = 'csv' | 'png';

/** Cells a spreadsheet would run as a formula: `=`, `+`, `-`, `@`, tab or CR first (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as the kit formats it: "+17", "-4.5%", "-CN¥197.33", "-5 XX1". */
const NUMBER = String.raw`[+\-−]?[^\d\s=+\-@()"]{0,4}\d[\d.,\u00a0\u202f]*(?:%|\s?[A-Z]{3})?`;
/** A formatted number or range ("-20.1 … +9.8"): safe to leave as it is. */
const FORMATTED_NUMBER = new RegExp(`^${NUMBER}(?:\\s[…–]\\s${NUMBER})?$`, 'u');

/** One CSV field: quoted when it holds a comma, quote or line break; a leading formula character defused with an apostrophe (OWASP). */
function field(text: string): string {
  const safe = FORMULA_START.test(text) && !FORMATTED_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The table view as CSV text (RFC 4180: comma-separated, CRLF line ends): the localized column
 * headers, then the rows as the table view shows them.
 */
export function tableToCsv(table: TableSpec): string {
  const lines = [table.columns.map((c) => field(c.label)), ...table.rows.map((row) => row.map(field))];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 with a byte order mark, so Excel opens Chinese (and any non-ASCII) text correctly. */
export function csvBlob(csv: string): Blob {
  return new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
}

/** A file name from a title and a date: characters file systems refuse become dashes. */
export function exportFileName(title: string, date: number | null, format: ExportFormat): string {
  const stem = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const day = date !== null && Number.isFinite(date) ? `-${new Date(date).toISOString().slice(0, 10)}` : '';
  return `${stem || 'export'}${day}.${format}`;
}

/** Save a file the way a link with `download` does; the URL is revoked once the browser has it. */
export function saveFile(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
