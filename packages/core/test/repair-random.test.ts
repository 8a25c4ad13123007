// repairGeometry on generated data: valid pieces come back as the same object, quickly; scrambled rings (random
// self-intersections) come back valid with the area GEOS MakeValid gives.
import { beforeAll, describe, expect, it } from 'vitest';
import { multiPolygon, planarAreaOf, repairGeometry } from '../src/geometry/index.ts';
import type { Position } from '../src/types.ts';
import { createGeosOracle, type GeosOracle } from './fixtures/geometry/geos-oracle.ts';
import { farmlandPiece, protectionPolygon, seededRandom, starRing, GK_ORIGIN, type Quantum } from './fixtures/geometry/random-polygons.ts';

let oracle: GeosOracle;
beforeAll(async () => {
  oracle = await createGeosOracle();
});

describe('repairGeometry on generated geometry', () => {
  it('returns valid pieces and protection polygons unchanged (and GEOS agrees they are valid)', () => {
    const rng = seededRandom(99);
    for (let i = 0; i < 150; i++) {
      const quantum = (['none', 'millimetre', 'metre'] as Quantum[])[i % 3];
      const centre: Position = [GK_ORIGIN[0] + rng() * 5000, GK_ORIGIN[1] + rng() * 5000];
      const geom = i % 5 === 0 ? protectionPolygon(rng, centre, quantum) : farmlandPiece(rng, centre, quantum);
      const result = repairGeometry(geom);
      expect(oracle.invalidReason(geom)).toBeNull();
      expect(result).toEqual({ ok: true, geometry: geom, repairs: [] });
      if (result.ok) expect(result.geometry).toBe(geom);
    }
  });

  it('repairs rings with swapped vertices to valid geometry with the GEOS MakeValid area', () => {
    const rng = seededRandom(5);
    let repaired = 0;
    for (let i = 0; i < 150; i++) {
      const centre: Position = [GK_ORIGIN[0] + rng() * 5000, GK_ORIGIN[1] + rng() * 5000];
      const ring = starRing(rng, centre, 30, 100, 8 + Math.floor(rng() * 40));
      const open = ring.slice(0, -1);
      const swaps = 1 + Math.floor(rng() * 3);
      for (let s = 0; s < swaps; s++) {
        const a = Math.floor(rng() * open.length);
        const b = Math.floor(rng() * open.length);
        [open[a], open[b]] = [open[b], open[a]];
      }
      const geom = multiPolygon([[[...open, open[0]]]]);
      const result = repairGeometry(geom);
      if (!result.ok) throw new Error(`pair ${i}: ${result.reason}`);
      expect(oracle.invalidReason(result.geometry), `ring ${i}`).toBeNull();
      const expected = planarAreaOf(oracle.makeValid(geom, 'linework'));
      expect(Math.abs(planarAreaOf(result.geometry) - expected), `ring ${i}`).toBeLessThanOrEqual(1e-9 * expected);
      if (result.repairs.length > 0) repaired++;
    }
    expect(repaired).toBeGreaterThan(100);
  });
});
