// Geodesic polygon area on the CGCS2000 (= GRS80) ellipsoid with GeographicLib (Karney 2013): edges are geodesics.
// The test oracle for the official method and the benchmark's bridge to PostGIS geography. ≈ 100 µs per polygon.

import * as geographiclibModule from 'geographiclib-geodesic';
import { toLonLat, type Crs } from '../crs/index.ts';
import type { MultiPolygon } from '../types.ts';
import { ringVertexCount } from './ring-area.ts';

const CGCS2000_A_M = 6_378_137;
const CGCS2000_F = 1 / 298.257222101;
// The package is CommonJS: Node's ESM loader exposes it as the default export, bundlers as named exports.
const geographiclib =
  (geographiclibModule as unknown as { default?: typeof geographiclibModule }).default ?? geographiclibModule;
const geodesic = new geographiclib.Geodesic.Geodesic(CGCS2000_A_M, CGCS2000_F);

/** Per polygon |outer| − Σ|holes| of the geodesic areas, summed, m² unrounded. Vertices go to lon/lat first. */
export function geodesicAreaM2(geom: MultiPolygon, crs: Crs): number {
  const lonLat = toLonLat(crs);
  const { xy, ringEnds, polygonEnds } = geom;
  let total = 0;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    let area = 0;
    for (const shell = r; r < polygonEnds[p]; r++) {
      const a = Math.abs(ringArea(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r], lonLat));
      area += r === shell ? a : -a;
    }
    total += Math.max(area, 0);
  }
  return total;
}

function ringArea(xy: Float64Array, from: number, to: number, lonLat: (p: [number, number]) => [number, number]): number {
  const n = ringVertexCount(xy, from, to);
  if (n < 3) return 0;
  const polygon = geodesic.Polygon(false);
  for (let i = from; i < from + n; i++) {
    const [lon, lat] = lonLat([xy[2 * i], xy[2 * i + 1]]);
    polygon.AddPoint(lat, lon);
  }
  return polygon.Compute(false, true).area ?? 0;
}
