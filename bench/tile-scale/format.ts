// Number formats and the table printer of tile-scale's report (tables are bench/table.ts's, valid Markdown).
import { formatTable, type Cell } from '../table.ts';

export function log(line = ''): void {
  process.stdout.write(line + '\n');
}

export function table(head: string[], rows: Cell[][]): void {
  log(formatTable(head, rows));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fixed = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
export const f0 = fixed(0);
export const f1 = fixed(1);
export const f2 = fixed(2);
export const f3 = fixed(3);
