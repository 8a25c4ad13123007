// officialAreaBoundsM2 lets the upload's area check skip the official area where plane sums alone settle it: the
// check's outcome is the same only if the official area always lies within the bounds. Checked here against the
// official area itself on random rings — parcels, long thin strips, self-crossing rings, unclosed rings, several
// polygons — in 3° and 6° zones, from the central meridian to far outside the zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialAreaBoundsM2, officialAreaM2 } from '../src/area/index.ts';
import { crsFromEpsg, type GaussKrugerCrs } from '../src/crs/index.ts';
import { multiPolygon } from '../src/geometry/index.ts';
import type { NestedMultiPolygon, Position } from '../src/types.ts';

/** 3° zone 37 (prefixed eastings, L0 111°), 3° zone without prefix (EPSG:4547, L0 114°), 6° zone 19 (L0 111°). */
const CRSS = [4525, 4547, 4497].map((epsg) => crsFromEpsg(epsg) as GaussKrugerCrs);

interface Case {
  crs: GaussKrugerCrs;
  geometry: NestedMultiPolygon;
}

const vertex = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    crs: fc.constantFrom(...CRSS),
    // distance from the central meridian, m: in the zone, at its edge, well outside
    offset: fc.oneof(fc.double({ min: -170_000, max: 170_000, noNaN: true }), fc.double({ min: -900_000, max: 900_000, noNaN: true })),
    northing: fc.double({ min: 2_300_000, max: 5_500_000, noNaN: true }),
    size: fc.oneof(fc.double({ min: 1, max: 200, noNaN: true }), fc.double({ min: 200, max: 20_000, noNaN: true })),
    stretch: fc.double({ min: 0.01, max: 1, noNaN: true }),
    polygons: fc.array(fc.array(vertex, { minLength: 3, maxLength: 14 }), { minLength: 1, maxLength: 3 }),
    star: fc.boolean(), // star-shaped (simple) or the vertices in drawn order (may cross itself)
    closed: fc.boolean(),
  })
  .map(({ crs, offset, northing, size, stretch, polygons, star, closed }) => {
    const x0 = crs.falseEastingM + offset;
    const geometry: NestedMultiPolygon = polygons.map((points, p) => {
      let ring = points;
      if (star) {
        const angle = (q: readonly number[]) => Math.atan2(q[1]!, q[0]!);
        ring = [...points].sort((a, b) => angle(a) - angle(b));
      }
      const positions: Position[] = ring.map(([u, v]) => [x0 + p * 3 * size + u * size, northing + v * size * stretch]);
      return [closed ? [...positions, [positions[0]![0], positions[0]![1]]] : positions];
    });
    return { crs, geometry };
  });

describe('officialAreaBoundsM2', () => {
  it('brackets the official area of rings without holes', () => {
    fc.assert(
      fc.property(caseArb, ({ crs, geometry }) => {
        const geom = multiPolygon(geometry);
        const bounds = officialAreaBoundsM2(geom, crs);
        expect(bounds).toBeDefined();
        const official = officialAreaM2(geom, crs);
        expect(official).toBeGreaterThanOrEqual(bounds![0]);
        expect(official).toBeLessThanOrEqual(bounds![1]);
      }),
      { numRuns: 3000, seed: 20261206 },
    );
  });

  it('is narrow where it matters: within 0.5 % (half the listing share) for a county parcel at the edge of a 3° zone', () => {
    const crs = CRSS[0]!;
    const x = crs.falseEastingM + 160_000;
    const geom = multiPolygon([[[[x, 3e6], [x + 80, 3e6], [x + 80, 3e6 + 50], [x, 3e6 + 50], [x, 3e6]]]]);
    const [low, high] = officialAreaBoundsM2(geom, crs)!;
    expect((high - low) / officialAreaM2(geom, crs)).toBeLessThan(0.005);
  });

  it('gives no bounds for holes, geographic input, or a place far outside any zone', () => {
    const crs = CRSS[0]!;
    const x = crs.falseEastingM;
    const withHole = multiPolygon([[[[x, 3e6], [x + 100, 3e6], [x + 100, 3e6 + 100], [x, 3e6]], [[x + 10, 3e6 + 5], [x + 20, 3e6 + 5], [x + 20, 3e6 + 10], [x + 10, 3e6 + 5]]]]);
    expect(officialAreaBoundsM2(withHole, crs)).toBeUndefined();
    expect(officialAreaBoundsM2(multiPolygon([[[[112, 26], [112.001, 26], [112.001, 26.001], [112, 26]]]]), crsFromEpsg(4490))).toBeUndefined();
    const far = x + 2_000_000;
    expect(officialAreaBoundsM2(multiPolygon([[[[far, 3e6], [far + 10, 3e6], [far + 10, 3e6 + 10], [far, 3e6]]]]), crs)).toBeUndefined();
  });
});
