import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, makeTransform, toLonLat } from '../src/crs/index.ts';
import type { Position } from '../src/types.ts';
import { seededRandom } from './fixtures/area/random-parcels.ts';

const CGCS2000 = crsFromEpsg(4490);
const GK_CODES = Array.from({ length: 64 }, (_, i) => 4491 + i);

describe('makeTransform / toLonLat (proj4 with registered CGCS2000 definitions)', () => {
  it('round-trips GK → lon/lat → GK within 1 mm in every zone, up to the zone edge', () => {
    const random = seededRandom(4527);
    let worst = 0;
    for (const code of GK_CODES) {
      const crs = crsFromEpsg(code);
      if (crs.kind !== 'gauss-kruger') throw new Error('GK expected');
      const forward = makeTransform(CGCS2000, crs);
      const back = toLonLat(crs);
      for (let i = 0; i < 20; i++) {
        const lon = crs.centralMeridianDeg + (2 * random() - 1) * (crs.zoneWidth / 2);
        const lat = 3 + random() * 51;
        const gk = forward([lon, lat]);
        const again = forward(back(gk));
        worst = Math.max(worst, Math.hypot(again[0] - gk[0], again[1] - gk[1]));
        const ll = back(gk);
        expect(Math.abs(ll[0] - lon)).toBeLessThan(1e-10);
        expect(Math.abs(ll[1] - lat)).toBeLessThan(1e-10);
      }
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('uses x = easting, y = northing and the zone prefix', () => {
    const gk = makeTransform(CGCS2000, crsFromEpsg(4527))([117.1, 30]);
    expect(gk[0]).toBeCloseTo(39_509_648.6, 0); // docs/LAND-SURVEY.md (Official area) case A sits at 117.1°E, 30°N
    expect(gk[1]).toBeCloseTo(3_320_117.6, 0);
    const plain = makeTransform(CGCS2000, crsFromEpsg(4548))([117.1, 30]);
    expect(plain[0]).toBeCloseTo(gk[0] - 39_000_000, 6);
    expect(plain[1]).toBe(gk[1]);
  });

  it('transforms between zones and treats EPSG:4326 as CGCS2000 (no datum shift)', () => {
    const p: Position = [117.6, 31.2];
    const z39 = makeTransform(CGCS2000, crsFromEpsg(4527))(p);
    const z40 = makeTransform(crsFromEpsg(4527), crsFromEpsg(4528))(z39);
    const back = toLonLat(crsFromEpsg(4528))(z40);
    expect(back[0]).toBeCloseTo(p[0], 10);
    expect(back[1]).toBeCloseTo(p[1], 10);
    expect(makeTransform(crsFromEpsg(4326), CGCS2000)(p)).toEqual(p);
    expect(makeTransform(crsFromEpsg(4326), crsFromEpsg(4527))(p)).toEqual(makeTransform(CGCS2000, crsFromEpsg(4527))(p));
  });

  it('returns new positions and leaves its input alone', () => {
    const p: Position = [39_509_648.63, 3_320_117.608];
    const identity = makeTransform(crsFromEpsg(4527), crsFromEpsg(4527));
    expect(identity(p)).not.toBe(p);
    toLonLat(crsFromEpsg(4527))(p);
    expect(p).toEqual([39_509_648.63, 3_320_117.608]);
  });

  const cs2cs = (() => {
    try {
      execFileSync('cs2cs', [], { stdio: 'pipe', input: '' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!cs2cs)('agrees with PROJ (cs2cs EPSG:4490 → EPSG:4527) to 0.1 mm', () => {
    const out = execFileSync('cs2cs', ['-f', '%.6f', 'EPSG:4490', 'EPSG:4527'], { input: '30 117.1\n45 118.4\n', encoding: 'utf8' });
    // EPSG axis order: input lat lon, output northing easting.
    const rows = out.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
    const ours = [makeTransform(CGCS2000, crsFromEpsg(4527))([117.1, 30]), makeTransform(CGCS2000, crsFromEpsg(4527))([118.4, 45])];
    rows.forEach((row, i) => {
      expect(Math.abs(row[0]! - ours[i]![1])).toBeLessThan(1e-4);
      expect(Math.abs(row[1]! - ours[i]![0])).toBeLessThan(1e-4);
    });
  });
});
