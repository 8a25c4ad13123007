// Corrects two predicates of @countertype/clipper2-ts 1.5.4 for coordinates above 2^32. Its multiplyUInt64
// converts operands with `a >>> 0`, keeping only their low 32 bits, so InternalClipper.isCollinear (used when
// joining edges and when cleaning output) and the crossProductSign under path2ContainsPath1 (used to assign
// holes) answer wrongly for large coordinates: isCollinear({0,0}, {2^33,1}, {2^34,5}) is true, and a "collinear"
// sharp turn is then dropped from the output, changing its area. Our integer coordinates reach 2^44.
// Both are replaced by exact versions. The engine calls them through the shared InternalClipper object, so the
// replacement is process-wide; it is idempotent and only makes answers exact.
import { InternalClipper, PointInPolygonResult, type Point64 } from '@countertype/clipper2-ts';
import { orient } from './predicates.ts';

type Patchable = {
  isCollinear: (pt1: Point64, sharedPt: Point64, pt2: Point64) => boolean;
  path2ContainsPath1: (path1: Point64[], path2: Point64[]) => boolean;
};

/** Installs the exact predicates (once). */
export function installExactClipperPredicates(): void {
  const target = InternalClipper as unknown as Patchable;
  if (target.isCollinear === exactIsCollinear) return;
  target.isCollinear = exactIsCollinear;
  target.path2ContainsPath1 = exactPath2ContainsPath1;
}

/** pt1 → sharedPt → pt2 lie on one line (cross product zero), exactly. */
function exactIsCollinear(pt1: Point64, sharedPt: Point64, pt2: Point64): boolean {
  return orient(pt1.x, pt1.y, sharedPt.x, sharedPt.y, pt2.x, pt2.y) === 0;
}

/** Clipper2's rule: two consecutive vertices of path1 agreeing decide; else the midpoint of path1's bounds. */
function exactPath2ContainsPath1(path1: Point64[], path2: Point64[]): boolean {
  let previous = PointInPolygonResult.IsOn;
  for (const pt of path1) {
    const result = pointInPath(pt.x, pt.y, path2);
    if (result === PointInPolygonResult.IsOutside) {
      if (previous === PointInPolygonResult.IsOutside) return false;
      previous = result;
    } else if (result === PointInPolygonResult.IsInside) {
      if (previous === PointInPolygonResult.IsInside) return true;
      previous = result;
    }
  }
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const pt of path1) {
    if (pt.x < left) left = pt.x;
    if (pt.x > right) right = pt.x;
    if (pt.y < top) top = pt.y;
    if (pt.y > bottom) bottom = pt.y;
  }
  return pointInPath(Math.round((left + right) / 2), Math.round((top + bottom) / 2), path2) !== PointInPolygonResult.IsOutside;
}

/** Exact crossing-number test of a point against an (implicitly closed) path. */
function pointInPath(x: number, y: number, path: Point64[]): PointInPolygonResult {
  const n = path.length;
  if (n < 3) return PointInPolygonResult.IsOutside;
  let inside = false;
  let a = path[n - 1];
  for (let i = 0; i < n; i++) {
    const b = path[i];
    const aAbove = a.y > y;
    const bAbove = b.y > y;
    if (a.y === y && b.y === y) {
      if ((a.x - x) * (b.x - x) <= 0) return PointInPolygonResult.IsOn;
    } else if (!(a.y > y && b.y > y) && !(a.y < y && b.y < y)) {
      const o = orient(a.x, a.y, b.x, b.y, x, y);
      if (o === 0) return PointInPolygonResult.IsOn;
      if (aAbove !== bAbove && (bAbove ? o > 0 : o < 0)) inside = !inside;
    }
    a = b;
  }
  return inside ? PointInPolygonResult.IsInside : PointInPolygonResult.IsOutside;
}
