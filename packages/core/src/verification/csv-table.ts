// CSV written for county offices (UTF-8 with BOM, RFC 4180, CRLF), with every text cell made safe to open in a
// spreadsheet: a value that could start a formula is prefixed with an apostrophe (neutralise-formula.ts).
import { neutraliseFormula } from './neutralise-formula.ts';

export const CSV_BOM = '\uFEFF';

export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutraliseFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  return [...csvTableParts(header, rows)].join('');
}

/** csvTable a line at a time (BOM and header first), for a writer that encodes lines as they come: a township's
 * task table of a million-piece county is megabytes, and as one string it went to the heap's large-object space,
 * which only a full collection frees. */
export function* csvTableParts(header: readonly string[], rows: Iterable<readonly unknown[]>): Iterable<string> {
  yield `${CSV_BOM}${header.map(safeCell).join(',')}\r\n`;
  for (const r of rows) yield `${r.map(safeCell).join(',')}\r\n`;
}
