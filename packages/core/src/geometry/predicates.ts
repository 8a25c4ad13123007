// Exact geometric predicates on doubles: orientation of three points, orientation of a segment midpoint, and the
// comparison of a coordinate with a midpoint coordinate. A floating-point filter (Shewchuk's error bound) answers
// almost every call; an exact expansion handles near-collinear points whose coordinate differences are exact
// (nearby points, by Sterbenz's lemma); BigInt arithmetic handles the rest.

const EPSILON = 1.1102230246251565e-16; // 2^-53, half an ulp of 1
const SPLITTER = 134217729; // 2^27 + 1, splits a double into two 26-bit halves (Dekker)
const ORIENT_ERRBOUND = (3 + 16 * EPSILON) * EPSILON; // Shewchuk's ccwerrboundA
/** Error bound of the sum of two filtered orientations, relative to the sum of their |detleft| + |detright|. */
const MID_ERRBOUND = 2 * ORIENT_ERRBOUND + 8 * EPSILON * EPSILON;

/**
 * Sign of the orientation of c relative to the directed line a → b: 1 when c is to the left (a, b, c counter-
 * clockwise with y up), -1 to the right, 0 when the three points are collinear. Exact for all finite doubles.
 */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detleft = (ax - cx) * (by - cy);
  const detright = (ay - cy) * (bx - cx);
  const det = detleft - detright;
  let detsum: number;
  if (detleft > 0) {
    if (detright <= 0) return sign(det);
    detsum = detleft + detright;
  } else if (detleft < 0) {
    if (detright >= 0) return sign(det);
    detsum = -detleft - detright;
  } else {
    // detleft is 0: exactly, unless the product underflowed (coordinates below 1e-150, never in our data).
    if (ax === cx || by === cy) return sign(det);
    return orientExact(ax, ay, bx, by, cx, cy);
  }
  const errbound = ORIENT_ERRBOUND * detsum;
  if (det >= errbound || -det >= errbound) return sign(det);
  return orientExact(ax, ay, bx, by, cx, cy);
}

/**
 * Sign of the orientation of the midpoint m = (p + q) / 2 relative to the directed line a → b, without rounding
 * m: 2·orient(a, b, m) = orient(a, b, p) + orient(a, b, q) exactly.
 */
export function orientMid(
  ax: number, ay: number, bx: number, by: number,
  px: number, py: number, qx: number, qy: number,
): number {
  if (px === qx && py === qy) return orient(ax, ay, bx, by, px, py);
  const l1 = (ax - px) * (by - py);
  const r1 = (ay - py) * (bx - px);
  const l2 = (ax - qx) * (by - qy);
  const r2 = (ay - qy) * (bx - qx);
  const det = l1 - r1 + (l2 - r2);
  const errbound = MID_ERRBOUND * (Math.abs(l1) + Math.abs(r1) + Math.abs(l2) + Math.abs(r2));
  if (det > errbound || -det > errbound) return sign(det);
  return orientMidExact(ax, ay, bx, by, px, py, qx, qy);
}

/** Sign of v − (p + q) / 2, exact: p + q is split into its rounded sum and the rounding error (Knuth's TwoSum). */
export function compareHalfSum(v: number, p: number, q: number): number {
  const s = p + q;
  const twice = 2 * v;
  if (twice !== s) return twice > s ? 1 : -1;
  const bv = s - p;
  const tail = p - (s - bv) + (q - bv); // p + q = s + tail exactly
  return tail > 0 ? -1 : tail < 0 ? 1 : 0;
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** Exact orientation: an exact four-term expansion when the coordinate differences are exact, else BigInt. */
function orientExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const acx = ax - cx;
  const bcy = by - cy;
  const acy = ay - cy;
  const bcx = bx - cx;
  if (
    diffTail(ax, cx, acx) === 0 && diffTail(by, cy, bcy) === 0 && diffTail(ay, cy, acy) === 0 && diffTail(bx, cx, bcx) === 0 &&
    noUnderflow(acx) && noUnderflow(bcy) && noUnderflow(acy) && noUnderflow(bcx)
  ) {
    return signOfProductDifference(acx, bcy, acy, bcx);
  }
  return bigOrientSign([ax, ay, bx, by, cx, cy], false);
}

function orientMidExact(
  ax: number, ay: number, bx: number, by: number,
  px: number, py: number, qx: number, qy: number,
): number {
  return bigOrientSign([ax, ay, bx, by, px, py, qx, qy], true);
}

/** Zero, or large enough that products and their error terms stay normal numbers. */
function noUnderflow(x: number): boolean {
  return x === 0 || Math.abs(x) > 1e-100;
}

/** Rounding error of a − b given d = fl(a − b) (Knuth's TwoDiff tail). */
function diffTail(a: number, b: number, d: number): number {
  const bvirt = a - d;
  const avirt = d + bvirt;
  return a - avirt + (bvirt - b);
}

/** Exact sign of a·b − c·d for doubles whose products do not overflow (Dekker's TwoProduct + Shewchuk's Two_Two_Diff). */
function signOfProductDifference(a: number, b: number, c: number, d: number): number {
  const x1 = a * b;
  const x0 = productTail(a, b, x1);
  const y1 = c * d;
  const y0 = productTail(c, d, y1);
  // (x1 + x0) − (y1 + y0) as the nonoverlapping expansion e3 > e2 > e1 > e0 (by magnitude; zeros may appear).
  const i1 = x0 - y0;
  const e0 = diffTail(x0, y0, i1);
  const j = x1 + i1;
  const z0 = sumTail(x1, i1, j);
  const i2 = z0 - y1;
  const e1 = diffTail(z0, y1, i2);
  const e3 = j + i2;
  const e2 = sumTail(j, i2, e3);
  if (e3 !== 0) return sign(e3);
  if (e2 !== 0) return sign(e2);
  if (e1 !== 0) return sign(e1);
  return sign(e0);
}

function sumTail(a: number, b: number, s: number): number {
  const bvirt = s - a;
  const avirt = s - bvirt;
  return a - avirt + (b - bvirt);
}

function productTail(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ahi = c - (c - a);
  const alo = a - ahi;
  c = SPLITTER * b;
  const bhi = c - (c - b);
  const blo = b - bhi;
  return alo * blo - (p - ahi * bhi - alo * bhi - ahi * blo);
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const MANTISSA_MASK = 0xfffffffffffffn;
const IMPLICIT_BIT = 1n << 52n;

/**
 * Exact orientation sign in BigInt: every double is m·2^e, so after shifting to the smallest exponent the
 * determinant is an integer computation. With `mid`, values are [a, b, p, q] and the result is the sign of
 * orient(a, b, p) + orient(a, b, q).
 */
function bigOrientSign(values: number[], mid: boolean): number {
  const n = values.length;
  const mant: bigint[] = new Array(n);
  const exps: number[] = new Array(n);
  let minExp = Infinity;
  for (let i = 0; i < n; i++) {
    F64[0] = values[i];
    const bits = U64[0];
    const expBits = Number((bits >> 52n) & 0x7ffn);
    let m = bits & MANTISSA_MASK;
    let e: number;
    if (expBits === 0) {
      e = -1074;
    } else {
      m |= IMPLICIT_BIT;
      e = expBits - 1075;
    }
    mant[i] = bits >> 63n ? -m : m;
    exps[i] = m === 0n ? Infinity : e;
    if (m !== 0n && e < minExp) minExp = e;
  }
  if (minExp === Infinity) return 0; // all zero
  const v: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) v[i] = mant[i] === 0n ? 0n : mant[i] << BigInt(exps[i] - minExp);
  const [ax, ay, bx, by] = v;
  const det = (cx: bigint, cy: bigint): bigint => (ax - cx) * (by - cy) - (ay - cy) * (bx - cx);
  const total = mid ? det(v[4], v[5]) + det(v[6], v[7]) : det(v[4], v[5]);
  return total > 0n ? 1 : total < 0n ? -1 : 0;
}
