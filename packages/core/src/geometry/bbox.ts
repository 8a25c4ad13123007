// Bounding boxes of polygonal geometry and their intersection test.
import type { Bbox, MultiPolygon } from '../types.ts';

/** Bounding box of every ring of a MultiPolygon; all infinite for an empty geometry. */
export function bboxOf(geom: MultiPolygon): Bbox {
  // Holes lie inside their shell in valid data, but invalid input is measured too, so every ring counts.
  return bboxOfXy(geom.xy, 0, geom.xy.length >> 1);
}

/** Bounding box of vertices [from, to) of a coordinate array (x, y pairs); all infinite when empty. */
export function bboxOfXy(xy: Float64Array, from: number, to: number): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 2 * from, end = 2 * to; i < end; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Closed-box test: boxes that only touch along an edge or at a corner intersect. */
export function bboxIntersects(a: Bbox, b: Bbox): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/** True when the boxes share a region of positive area (the interiors of the boxes meet). */
export function bboxOverlapsWithArea(a: Bbox, b: Bbox): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}
