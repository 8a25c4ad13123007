// Dates as survey and protection layers deliver them (FlatGeobuf DateTime, '2024-05-01', '2024/5/1', '20240501',
// '2024-05-01T00:00:00Z'), read as an ISO calendar date (YYYY-MM-DD). Anything else is not a date.

// (a pattern with Chinese in it is made from a string: the bundler writes a string's Chinese as \u escapes, a regular
// expression literal's as is, and the CLI bundle is kept ASCII: scripts/build.mjs)
const SEPARATED = new RegExp('^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:$|[T ])');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The ISO date of a value, or undefined when it is empty or not a recognisable date. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  const iso = isoPrefix(s);
  if (iso !== undefined) return iso;
  const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
  if (m === null) return undefined;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Where 'YYYY-MM-DD' has its digits. */
const DIGITS_AT = [0, 1, 2, 3, 5, 6, 8, 9] as const;
const twoDigits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/**
 * 'YYYY-MM-DD', alone or starting a date-time (FlatGeobuf's DateTime, the common case: every piece's GXSJ), read
 * without the patterns, to the same answer they give; undefined sends anything else to them.
 */
function isoPrefix(s: string): string | undefined {
  if (s.length < 10 || (s.length > 10 && s[10] !== 'T' && s[10] !== ' ')) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  for (const i of DIGITS_AT) if (!isDigit(s.charCodeAt(i))) return undefined;
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return s.length === 10 ? s : s.slice(0, 10);
}
