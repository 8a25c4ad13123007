import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCounty, type GenerateOptions, type GeneratedCounty } from '../src/index.ts';

function digest(county: GeneratedCounty): string {
  const hash = createHash('sha256');
  for (const f of county.changes()) hash.update(JSON.stringify(f));
  for (const layer of county.layers) {
    hash.update(layer.id);
    for (const f of layer.features()) hash.update(JSON.stringify(f));
  }
  hash.update(JSON.stringify(county.expected));
  return hash.digest('hex');
}

describe('determinism', () => {
  const options: GenerateOptions = { seed: 7, changes: 400, permanentFarmlandPolygons: 600 };

  it('gives identical output for the same seed and options, and when iterated twice', () => {
    const a = generateCounty(options);
    const b = generateCounty({ ...options });
    const first = digest(a);
    expect(digest(b)).toBe(first);
    expect(digest(a)).toBe(first);
  });

  it('gives different output for a different seed', () => {
    const a = generateCounty(options);
    const b = generateCounty({ ...options, seed: 8 });
    expect(digest(b)).not.toBe(digest(a));
    const first = (c: GeneratedCounty) => c.changes()[Symbol.iterator]().next().value;
    expect(first(b)?.geometry).not.toEqual(first(a)?.geometry);
  });

  it('generates other counties too, in their own zone, with their own village codes', () => {
    const county = generateCounty({ seed: 1, changes: 200, countyCode: '330802', permanentFarmlandPolygons: 300 });
    expect(county.countyName).toBe('柯城区');
    expect(county.crsEpsg).toBe(4528); // province-centre fallback: 120.1°E → zone 40
    let n = 0;
    for (const f of county.changes()) {
      expect(f.properties.BGHZLDWDM).toMatch(/^330802\d{6}0000000$/);
      n++;
    }
    expect(n).toBe(200);
    expect(Object.values(county.expected.changeTypeCounts).every((c) => c > 0)).toBe(true);
  });
});
