// Dates as survey and protection layers deliver them, read as ISO calendar dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../src/input/iso-date.ts';

describe('isoDate', () => {
  it('reads the usual spellings', () => {
    expect(isoDate('2024-05-01')).toBe('2024-05-01');
    expect(isoDate('2024/5/1')).toBe('2024-05-01');
    expect(isoDate('20240501')).toBe('2024-05-01');
    expect(isoDate('2024年5月1日')).toBe('2024-05-01');
    expect(isoDate('2024-05-01T08:00:00Z')).toBe('2024-05-01');
    expect(isoDate(new Date('2020-09-09T00:00:00Z'))).toBe('2020-09-09');
  });

  it('is undefined for what is not a date', () => {
    for (const v of [undefined, null, '', '  ', 'unknown', '2024-13-01', '2024-00-10', '202405', 20240501.5]) expect(isoDate(v), String(v)).toBeUndefined();
  });

  it('gives the answer of the general patterns for ISO-looking text (the fast path for YYYY-MM-DD agrees with them)', () => {
    const SEPARATED = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:$|[T ])/;
    const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
    const byPatterns = (v: string) => {
      const s = v.trim();
      const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
      if (m === null) return undefined;
      const mo = Number(m[2]);
      const d = Number(m[3]);
      return mo < 1 || mo > 12 || d < 1 || d > 31 ? undefined : `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    };
    const digit = fc.constantFrom(...'0123456789');
    const isoLike = fc
      .tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.constantFrom('-', '/', 'x'), fc.array(digit, { minLength: 1, maxLength: 2 }), fc.constantFrom('-', '.'), fc.array(digit, { minLength: 1, maxLength: 2 }), fc.constantFrom('', 'T08:00:00Z', ' 08:00', 'Z', '0', ' '))
      .map(([y, a, m, b, d, tail]) => `${y.join('')}${a}${m.join('')}${b}${d.join('')}${tail}`);
    fc.assert(fc.property(fc.oneof(isoLike, fc.string({ maxLength: 14 })), (v) => {
      expect(isoDate(v)).toBe(byPatterns(v));
    }), { numRuns: 2000 });
  });
});
