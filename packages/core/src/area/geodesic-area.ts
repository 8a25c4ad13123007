// Geodesic polygon area on the CGCS2000 (= GRS80) ellipsoid with GeographicLib (Karney 2013): edges are geodesics.
// The test oracle for the official method and the benchmark's bridge to PostGIS geography. ≈ 100 µs per polygon.

import * as geographiclibModule from 'geographiclib-geodesic';
import { toLonLat, type Crs } from '../crs/index.ts';
import type { MultiPolygon, Polygon, Ring } from '../types.ts';

const CGCS2000_A_M = 6_378_137;
const CGCS2000_F = 1 / 298.257222101;
// The package is CommonJS: Node's ESM loader exposes it as the default export, bundlers as named exports.
const geographiclib =
  (geographiclibModule as unknown as { default?: typeof geographiclibModule }).default ?? geographiclibModule;
const geodesic = new geographiclib.Geodesic.Geodesic(CGCS2000_A_M, CGCS2000_F);

/** Per polygon |outer| − Σ|holes| of the geodesic areas, summed, m² unrounded. Vertices go to lon/lat first. */
export function geodesicAreaM2(geom: MultiPolygon | Polygon, crs: Crs): number {
  const lonLat = toLonLat(crs);
  const first = geom[0]?.[0];
  const polygons = (first !== undefined && typeof first[0] === 'number' ? [geom] : geom) as MultiPolygon;
  let total = 0;
  for (const polygon of polygons) {
    let area = 0;
    polygon.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring, lonLat));
      area += i === 0 ? a : -a;
    });
    total += Math.max(area, 0);
  }
  return total;
}

function ringArea(ring: Ring, lonLat: (p: [number, number]) => [number, number]): number {
  let n = ring.length;
  if (n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1]) n--;
  if (n < 3) return 0;
  const polygon = geodesic.Polygon(false);
  for (let i = 0; i < n; i++) {
    const [lon, lat] = lonLat(ring[i]!);
    polygon.AddPoint(lat, lon);
  }
  return polygon.Compute(false, true).area ?? 0;
}
