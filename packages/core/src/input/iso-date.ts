// Dates as survey and protection layers deliver them (FlatGeobuf DateTime, '2024-05-01', '2024/5/1', '20240501',
// '2024-05-01T00:00:00Z'), read as an ISO calendar date (YYYY-MM-DD). Anything else is not a date.

const SEPARATED = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:$|[T ])/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The ISO date of a value, or undefined when it is empty or not a recognisable date. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
