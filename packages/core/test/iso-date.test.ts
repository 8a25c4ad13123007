// Dates as survey and protection layers deliver them, read as ISO calendar dates.
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
});
