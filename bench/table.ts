// Plain-text tables for the benchmark report: a header row, a rule, right-aligned numbers, left-aligned text.
// Also valid Markdown (pipes), so the output pastes into RESULTS.md as is.

export type Cell = string | number;

export interface TableOptions {
  /** Decimals for number cells that are not integers; default 2. */
  decimals?: number;
}

export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const decimals = options.decimals ?? 2;
  const text = rows.map((row) => header.map((_, i) => cellText(row[i], decimals)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => isNumeric(row[i])));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...text.map((r) => displayWidth(r[i]))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, widths[i], numeric[i])).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(header), rule, ...text.map(line)].join('\n');
}

/** Numbers, and text that reads as one (`1.23e-9`, `2.50×`, `—` for none), are right-aligned. */
function isNumeric(cell: Cell | undefined): boolean {
  return typeof cell === 'number' || cell === '' || cell === '—' || (typeof cell === 'string' && /^[-+]?\d+(\.\d+)?(e[-+]\d+)?×?$/.test(cell));
}

function cellText(cell: Cell | undefined, decimals: number): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return String(cell);
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(decimals);
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** Columns a string takes in a terminal: CJK ideographs and full-width forms count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}
