// Planar (shoelace) areas in the units of the coordinates, for tests and diagnostics. Reported areas are
// ellipsoidal (area/); never report these.
import type { MultiPolygon, Ring } from '../types.ts';

/** Σ over polygons of |shell| − Σ |holes|: orientation-insensitive, for valid geometry. */
export function planarAreaOf(geom: MultiPolygon): number {
  let total = 0;
  for (const polygon of geom) {
    for (let r = 0; r < polygon.length; r++) {
      const a = Math.abs(ringSignedArea(polygon[r]));
      total += r === 0 ? a : -a;
    }
  }
  return total;
}

/**
 * Signed shoelace area of a ring (closed or not): positive when counter-clockwise with y up. Coordinates are
 * taken relative to the first vertex, so Gauss-Krüger magnitudes (x ≈ 4e7) do not cost precision.
 */
export function ringSignedArea(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  const ox = ring[0][0];
  const oy = ring[0][1];
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let i = 1; i < n; i++) {
    const x = ring[i][0] - ox;
    const y = ring[i][1] - oy;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  // The closing edge back to the origin vertex contributes px·0 − 0·py = 0.
  return sum / 2;
}
