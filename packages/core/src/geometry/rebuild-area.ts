// Rebuilds an invalid polygonal geometry with Clipper2 unions. Within each polygon the rings are combined under
// the even-odd rule: a point belongs to the polygon when it is enclosed by an odd number of its rings. This needs
// no ring orientation (ours is not guaranteed), splits a bow-tie into its two lobes, turns a hole outside its
// shell into a part of its own and a hole inside a hole into an island: the same answers as GEOS MakeValid's
// default ("linework") method. Across polygons the results are united (overlaps count once), where the linework
// method would cancel overlaps out: parts of one land parcel that overlap are still land of that parcel. A hole
// sharing an edge with its shell is carved out (a notch) where the linework method would merge it into the
// shell; GEOS's "structure" method agrees with us on both.
import { FillRule, type Paths64 } from '@countertype/clipper2-ts';
import type { MultiPolygon } from '../types.ts';
import { bboxOf } from './bbox.ts';
import { ringToPath, unite } from './clipper-union.ts';
import { gridFor } from './integer-grid.ts';
import { pathsToMultiPolygon } from './output-rings.ts';
import { validOrSnapped } from './valid-output.ts';

/**
 * The area of the geometry (closed rings) as valid polygons: no polygon when nothing of positive area remains, null when
 * the result cannot be made valid; throws when Clipper2 fails.
 */
export function rebuildArea(geom: MultiPolygon): MultiPolygon | null {
  const grid = gridFor(bboxOf(geom));
  let parts: Paths64 = [];
  const { xy, ringEnds, polygonEnds } = geom;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    const rings: Paths64 = [];
    for (; r < polygonEnds[p]; r++) rings.push(ringToPath(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r], grid));
    // Union results are oriented (shells positive, holes negative), so the Positive rule unites them below.
    for (const path of unite(rings, FillRule.EvenOdd)) parts.push(path);
  }
  if (polygonEnds.length > 1) parts = unite(parts, FillRule.Positive);
  return validOrSnapped(pathsToMultiPolygon(parts, grid), grid);
}
