// Test helpers: answer files as a county office writes them, and the CSVs LandWatch writes read back as rows.
import { ANSWER_COLUMNS } from '@landwatch/core/verification';

/** An answer CSV (UTF-8 with BOM, CRLF) with the given cells; other answer columns blank. */
export function answersFor(rows: Record<string, string>[]): string {
  const header = ['alert_id', ...ANSWER_COLUMNS];
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return '\uFEFF' + [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** Rows of a CSV LandWatch wrote (BOM, CRLF, RFC 4180 quotes). */
export function csvRows(bytes: Uint8Array): Record<string, string>[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell), records.push(cells), (cells = []), (cell = ''), i++;
    } else cell += c;
  }
  const [header, ...rest] = records;
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export const taskRows = csvRows;
export const caseRows = csvRows;
