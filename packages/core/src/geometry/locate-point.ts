// Exact point location in a prepared area (even-odd crossing count over its rings, a horizontal ray towards +x),
// for a vertex or for the midpoint of a segment, which is located without being rounded.
import { compareHalfSum, orientMid } from './predicates.ts';
import type { PreparedArea } from './prepared-area.ts';

export const INSIDE = 1;
export const OUTSIDE = -1;
export const ON_BOUNDARY = 0;

/** Location of the point p in the area. */
export function locatePoint(area: PreparedArea, px: number, py: number): number {
  return locateMidpoint(area, px, py, px, py);
}

/** Location of the midpoint (p + q) / 2 in the area: INSIDE, OUTSIDE or ON_BOUNDARY, exactly. */
export function locateMidpoint(area: PreparedArea, px: number, py: number, qx: number, qy: number): number {
  const box = area.box;
  // The midpoint lies between p and q: both beyond one side of the box means outside.
  if ((px < box.minX && qx < box.minX) || (px > box.maxX && qx > box.maxX)) return OUTSIDE;
  if ((py < box.minY && qy < box.minY) || (py > box.maxY && qy > box.maxY)) return OUTSIDE;
  let inside = false;
  for (let r = 0; r < area.ringCount; r++) {
    const crossings = ringCrossings(area, r, px, py, qx, qy);
    if (crossings === ON_RING) return ON_BOUNDARY;
    if (crossings === 1) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}

/** Location of the point p relative to the single ring r (as if the ring alone bounded an area). */
export function locateInRing(area: PreparedArea, r: number, px: number, py: number): number {
  const crossings = ringCrossings(area, r, px, py, px, py);
  return crossings === ON_RING ? ON_BOUNDARY : crossings === 1 ? INSIDE : OUTSIDE;
}

const ON_RING = -1;

/** Parity (0 or 1) of the crossings of ring r with the ray from the midpoint of p, q towards +x; ON_RING when on it. */
function ringCrossings(area: PreparedArea, r: number, px: number, py: number, qx: number, qy: number): number {
  const { xy, ringStart, ringBox } = area;
  // A ring whose y-range misses the midpoint, or that lies wholly to its left, cannot meet the ray. These box
  // tests use the rounded midpoint with a relative margin of 1e-12 (rounding is below 1e-16).
  const mx = (px + qx) / 2;
  const my = (py + qy) / 2;
  const slackX = Math.abs(mx) * 1e-12;
  const slackY = Math.abs(my) * 1e-12;
  if (ringBox[4 * r + 1] > my + slackY || ringBox[4 * r + 3] < my - slackY) return 0;
  if (ringBox[4 * r + 2] < mx - slackX) return 0;
  const end = ringStart[r + 1] - 1;
  let odd = 0;
  let ax = xy[2 * ringStart[r]];
  let ay = xy[2 * ringStart[r] + 1];
  let sa = compareHalfSum(ay, py, qy);
  for (let v = ringStart[r]; v < end; v++) {
    const bx = xy[2 * v + 2];
    const by = xy[2 * v + 3];
    const sb = compareHalfSum(by, py, qy);
    if ((sa > 0 && sb > 0) || (sa < 0 && sb < 0)) {
      // Edge wholly above or below the ray's line.
    } else if (sa === 0 && sb === 0) {
      // Horizontal edge on the ray's line: on the ring when the midpoint's x is within it.
      if (compareHalfSum(ax, px, qx) * compareHalfSum(bx, px, qx) <= 0) return ON_RING;
    } else {
      const xa = compareHalfSum(ax, px, qx);
      const xb = compareHalfSum(bx, px, qx);
      if (xa < 0 && xb < 0) {
        // Edge wholly left of the midpoint: no crossing to the right, and the midpoint is not on it.
      } else if (xa > 0 && xb > 0) {
        if (sa > 0 !== sb > 0) odd ^= 1;
      } else {
        const o = orientMid(ax, ay, bx, by, px, py, qx, qy);
        if (o === 0) return ON_RING;
        // Half-open rule: the edge counts when exactly one endpoint is strictly above the midpoint. Going up
        // (b above), the crossing is right of the midpoint when the midpoint is left of a → b.
        if (sa > 0 !== sb > 0 && (sb > 0 ? o > 0 : o < 0)) odd ^= 1;
      }
    }
    ax = bx;
    ay = by;
    sa = sb;
  }
  return odd;
}
