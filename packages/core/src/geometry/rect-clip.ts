// Sutherland–Hodgman clipping of one ring to an axis-aligned rectangle, in world coordinates. The output keeps
// the ring's direction and, for every point inside the rectangle, its winding number, so shells and holes can
// be clipped independently before a winding-number overlay. Parts outside become runs along the rectangle's
// edges (zero-width where they fold back), which the overlay ignores.
import type { Bbox } from '../types.ts';

let bufA: Float64Array = new Float64Array(512);
let bufB: Float64Array = new Float64Array(512);

/**
 * Clips the ring of vertices [start, end) of `xy` (closed: the last vertex repeats the first) to `rect`.
 * Returns the clipped open ring as x, y pairs in a scratch array (valid until the next call) and its length in
 * numbers; length 0 when nothing remains.
 */
export function clipRingToRect(xy: Float64Array, start: number, end: number, rect: Bbox): { xy: Float64Array; length: number } {
  const count = end - start - 1; // open ring
  ensure(2 * count + 16);
  let n = 0;
  for (let v = start; v < start + count; v++) {
    bufA[n++] = xy[2 * v];
    bufA[n++] = xy[2 * v + 1];
  }
  n = clipPass(n, 0, rect.minX, false);
  n = clipPass(n, 0, rect.maxX, true);
  n = clipPass(n, 1, rect.minY, false);
  n = clipPass(n, 1, rect.maxY, true);
  return { xy: bufA, length: n };
}

/** One Sutherland–Hodgman pass from bufA into bufB (then swapped): keep axis ≥ bound (or ≤ bound when upper). */
function clipPass(n: number, axis: number, bound: number, upper: boolean): number {
  if (n === 0) return 0;
  ensure(n + n / 2 + 16);
  const src = bufA;
  let out = 0;
  const other = 1 - axis;
  let px = src[n - 2];
  let py = src[n - 1];
  let pIn = upper ? (axis === 0 ? px : py) <= bound : (axis === 0 ? px : py) >= bound;
  for (let i = 0; i < n; i += 2) {
    const cx = src[i];
    const cy = src[i + 1];
    const c = axis === 0 ? cx : cy;
    const cIn = upper ? c <= bound : c >= bound;
    if (cIn !== pIn) {
      // Crossing point on the line axis = bound, set exactly on it.
      const p = axis === 0 ? px : py;
      const t = (bound - p) / (c - p);
      const po = other === 0 ? px : py;
      const co = other === 0 ? cx : cy;
      const o = po + t * (co - po);
      if (out + 2 > bufB.length) grow(out + 2);
      bufB[out + axis] = bound;
      bufB[out + other] = o;
      out += 2;
    }
    if (cIn) {
      if (out + 2 > bufB.length) grow(out + 2);
      bufB[out] = cx;
      bufB[out + 1] = cy;
      out += 2;
    }
    px = cx;
    py = cy;
    pIn = cIn;
  }
  const swap = bufA;
  bufA = bufB;
  bufB = swap;
  return out;
}

function ensure(size: number): void {
  if (bufA.length < size) {
    const a = new Float64Array(size * 2);
    a.set(bufA);
    bufA = a;
  }
  if (bufB.length < size) bufB = new Float64Array(size * 2);
}

function grow(size: number): void {
  const b = new Float64Array(size * 2);
  b.set(bufB);
  bufB = b;
}
