// CSV written for county offices (UTF-8 with BOM, RFC 4180, CRLF), with every text cell made safe to open in a
// spreadsheet: a value that could start a formula is prefixed with an apostrophe (neutralise-formula.ts).
import { neutraliseFormula } from './neutralise-formula.ts';

export const CSV_BOM = '\uFEFF';

export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutraliseFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map(safeCell).join(',')).join('\r\n') + '\r\n';
}
