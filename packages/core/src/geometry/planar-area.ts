// Planar (shoelace) areas in the units of the coordinates, for tests and diagnostics. Reported areas are
// ellipsoidal (area/); never report these.
import type { MultiPolygon } from '../types.ts';

/** Σ over polygons of |shell| − Σ |holes|: orientation-insensitive, for valid geometry. */
export function planarAreaOf(geom: MultiPolygon): number {
  const { xy, ringEnds, polygonEnds } = geom;
  let total = 0;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    for (const shell = r; r < polygonEnds[p]; r++) {
      const a = Math.abs(ringSignedArea(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r]));
      total += r === shell ? a : -a;
    }
  }
  return total;
}

/**
 * Signed shoelace area of the ring held in vertices [from, to) of xy (x, y pairs; closed or not): positive when
 * counter-clockwise with y up. Coordinates are taken relative to the first vertex, so Gauss-Krüger magnitudes
 * (x ≈ 4e7) do not cost precision.
 */
export function ringSignedArea(xy: Float64Array, from: number, to: number): number {
  if (to - from < 3) return 0;
  const ox = xy[2 * from];
  const oy = xy[2 * from + 1];
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let i = 2 * (from + 1), end = 2 * to; i < end; i += 2) {
    const x = xy[i] - ox;
    const y = xy[i + 1] - oy;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  // The closing edge back to the origin vertex contributes px·0 − 0·py = 0.
  return sum / 2;
}
