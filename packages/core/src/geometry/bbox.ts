// Bounding boxes of polygonal geometry and their intersection test.
import type { Bbox, MultiPolygon, Polygon } from '../types.ts';

/** Bounding box of every ring of a Polygon or MultiPolygon; all infinite for an empty geometry. */
export function bboxOf(geom: MultiPolygon | Polygon): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = isPolygon(geom) ? [geom] : geom;
  for (const polygon of polygons) {
    // Holes lie inside their shell in valid data, but invalid input is measured too, so every ring counts.
    for (const ring of polygon) {
      for (const p of ring) {
        const x = p[0];
        const y = p[1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
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

function isPolygon(geom: MultiPolygon | Polygon): geom is Polygon {
  // Polygon = Position[][]: geom[0][0] is a Position, so geom[0][0][0] is a number (a MultiPolygon has an array there).
  return typeof geom[0]?.[0]?.[0] === 'number';
}
