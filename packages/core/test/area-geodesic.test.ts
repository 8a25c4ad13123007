// The official area against GeographicLib's geodesic area on a few hundred realistic parcels, with the difference
// predicted edge by edge by the error model in fixtures/area/official-vs-geodesic.ts (read its header).
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2 as ellipsoidalOf } from '../src/area/index.ts';
import { geodesicAreaM2 as geodesicOf } from '../src/oracle.ts';
import { crsFromEpsg, type Crs } from '../src/crs/index.ts';
import type { NestedMultiPolygon, Polygon, Position } from '../src/types.ts';
import { asMultiPolygon } from './fixtures/area/as-multi-polygon.ts';
import { expectOfficialMinusGeodesic } from './fixtures/area/official-vs-geodesic.ts';
import { randomParcels } from './fixtures/area/random-parcels.ts';

const PARCELS = randomParcels(20_261_123, 400);
/** The area functions take the flat NestedMultiPolygon; these tests write polygons and multipolygons as literals. */
const ellipsoidalAreaM2 = (geom: Polygon | NestedMultiPolygon, crs: Crs): number => ellipsoidalOf(asMultiPolygon(geom), crs);
const geodesicAreaM2 = (geom: Polygon | NestedMultiPolygon, crs: Crs): number => geodesicOf(asMultiPolygon(geom), crs);

describe('official (docs/LAND-SURVEY.md (Official area)) vs geodesic area', () => {
  it('covers the intended mix of parcels', () => {
    const kinds = new Set(PARCELS.map((p) => (p.crs.kind === 'geographic' ? 'geo' : `${p.crs.zoneWidth}${p.crs.prefixed ? 'p' : ''}`)));
    expect([...kinds].sort()).toEqual(['3', '3p', '6', '6p', 'geo']);
    expect(PARCELS.filter((p) => p.geometry.length > 1).length).toBeGreaterThan(20);
    expect(PARCELS.filter((p) => p.geometry.some((polygon) => polygon.length > 1)).length).toBeGreaterThan(20);
  });

  it('agrees within the derived tolerance on 400 random parcels in 3°/6° zones and EPSG:4490', ({ annotate }) => {
    let worstAbs = { diff: 0, label: '' };
    let worstRel = { rel: 0, label: '' };
    let worstRatio = { ratio: 0, label: '' };
    let worstGk = 0;
    let worstUnexplained = 0;
    for (const parcel of PARCELS) {
      const official = ellipsoidalAreaM2(parcel.geometry, parcel.crs);
      const geodesic = geodesicAreaM2(parcel.geometry, parcel.crs);
      const expected = expectOfficialMinusGeodesic(parcel.geometry, parcel.crs, official);
      const diff = official - geodesic;
      const unexplained = Math.abs(diff - expected.predicted);
      expect(unexplained, `${parcel.label}: official ${official}, geodesic ${geodesic}, predicted ${expected.predicted}`).toBeLessThanOrEqual(
        expected.tolerance,
      );
      if (Math.abs(diff) > worstAbs.diff) worstAbs = { diff: Math.abs(diff), label: `${parcel.label}, ${official.toFixed(2)} m²` };
      if (Math.abs(diff) / official > worstRel.rel) worstRel = { rel: Math.abs(diff) / official, label: parcel.label };
      if (unexplained / expected.tolerance > worstRatio.ratio) worstRatio = { ratio: unexplained / expected.tolerance, label: parcel.label };
      if (parcel.crs.kind === 'gauss-kruger') worstGk = Math.max(worstGk, Math.abs(diff));
      worstUnexplained = Math.max(worstUnexplained, unexplained);
    }
    void annotate(`largest |official − geodesic| ${worstAbs.diff.toFixed(4)} m² (${worstAbs.label})`);
    void annotate(`largest |official − geodesic| for Gauss-Krüger input ${worstGk.toFixed(4)} m²`);
    void annotate(`largest relative difference ${worstRel.rel.toExponential(2)} (${worstRel.label})`);
    void annotate(
      `largest |difference − prediction| ${worstUnexplained.toFixed(5)} m², at most ` +
        `${(100 * worstRatio.ratio).toFixed(0)} % of its tolerance (${worstRatio.label})`,
    );
  });

  it('predicts the sign and size of the lens terms on a long triangle 150 km east and west of the CM', () => {
    // One 955 m edge 150 km off the CM: the Gauss-plane chord vs geodesic lens is ±0.085 m², antisymmetric in y.
    const crs = crsFromEpsg(4527);
    const triangle = (yOffset: number): Polygon => {
      const e = 39_500_000 + yOffset;
      const n = 3_320_000;
      const ring: Position[] = [[e, n], [e + 800, n + 50], [e + 100, n + 700], [e, n]];
      return [ring];
    };
    for (const yOffset of [150_000, -150_000]) {
      const polygon = triangle(yOffset);
      const diff = ellipsoidalAreaM2(polygon, crs) - geodesicAreaM2(polygon, crs);
      const expected = expectOfficialMinusGeodesic([polygon], crs, ellipsoidalAreaM2(polygon, crs));
      expect(Math.abs(diff - expected.predicted)).toBeLessThan(expected.tolerance);
      expect(Math.sign(diff)).toBe(yOffset > 0 ? -1 : 1);
    }
  });
});
