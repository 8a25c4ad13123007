// Boxes, planar area, the exact predicates and the integer grid.
import { describe, expect, it } from 'vitest';
import { bboxIntersects, bboxOf, multiPolygon, planarAreaOf } from '../src/geometry/index.ts';
import { fromGridX, fromGridY, gridFor, toGridX, toGridY } from '../src/geometry/integer-grid.ts';
import { compareHalfSum, orient, orientMid } from '../src/geometry/predicates.ts';
import { seededRandom } from './fixtures/geometry/random-polygons.ts';

/** x·2^1100 as an exact BigInt (every finite double is an integer multiple of 2^-1074). */
function big(x: number): bigint {
  const bits = new BigUint64Array(new Float64Array([x]).buffer)[0];
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    m |= 1n << 52n;
    exp = e - 1075;
  }
  const v = m << BigInt(exp + 1100);
  return bits >> 63n ? -v : v;
}

function refOrient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): bigint {
  return (big(ax) - big(cx)) * (big(by) - big(cy)) - (big(ay) - big(cy)) * (big(bx) - big(cx));
}

const sign = (v: bigint): number => (v > 0n ? 1 : v < 0n ? -1 : 0);

describe('bbox', () => {
  it('covers every ring of a MultiPolygon', () => {
    const poly = [[[0, 0], [4, 0], [4, 3], [0, 0]], [[1, -2], [2, -2], [2, -1], [1, -2]]] as [number, number][][];
    expect(bboxOf(multiPolygon([poly]))).toEqual({ minX: 0, minY: -2, maxX: 4, maxY: 3 });
    expect(bboxOf(multiPolygon([poly, [[[10, 10], [11, 10], [11, 11], [10, 10]]]]))).toEqual({ minX: 0, minY: -2, maxX: 11, maxY: 11 });
  });

  it('treats touching boxes as intersecting', () => {
    const a = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
    expect(bboxIntersects(a, { minX: 1, minY: 1, maxX: 2, maxY: 2 })).toBe(true);
    expect(bboxIntersects(a, { minX: 1.0000001, minY: 0, maxX: 2, maxY: 1 })).toBe(false);
  });

  it('planar area is |shell| − |holes| whatever the orientation', () => {
    const shell: [number, number][] = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]; // clockwise
    const hole: [number, number][] = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]; // counter-clockwise
    expect(planarAreaOf(multiPolygon([[shell, hole], [[[20, 0], [21, 0], [21, 1], [20, 0]]]]))).toBe(100 - 4 + 0.5);
  });
});

describe('exact predicates', () => {
  it('orient matches exact arithmetic on near-collinear Gauss-Krüger and degree coordinates', () => {
    const rng = seededRandom(7);
    for (let i = 0; i < 5000; i++) {
      const deg = i % 2 === 1;
      const s = deg ? 1e-5 : 1;
      const ax = (deg ? 113.1 : 39_512_345.678) + rng() * 1000 * s;
      const ay = (deg ? 28.1 : 3_012_345.678) + rng() * 1000 * s;
      const bx = ax + (rng() - 0.5) * 800 * s;
      const by = ay + (rng() - 0.5) * 800 * s;
      const t = rng() * 1.5 - 0.25;
      let cx = ax + t * (bx - ax);
      let cy = ay + t * (by - ay);
      if (i % 5 === 0) cy += (deg ? 1.4e-14 : 7.45e-9) * (rng() < 0.5 ? 1 : -1);
      if (i % 7 === 0) [cx, cy] = [ax, ay];
      expect(orient(ax, ay, bx, by, cx, cy)).toBe(sign(refOrient(ax, ay, bx, by, cx, cy)));
      const qx = ax + rng() * (bx - ax);
      const qy = ay + rng() * (by - ay);
      const mid = refOrient(ax, ay, bx, by, cx, cy) + refOrient(ax, ay, bx, by, qx, qy);
      expect(orientMid(ax, ay, bx, by, cx, cy, qx, qy)).toBe(sign(mid));
      const v = (cy + qy) / 2;
      expect(compareHalfSum(v, cy, qy)).toBe(sign(2n * big(v) - big(cy) - big(qy)));
    }
  });

  it('orient is exact far from the origin and for tiny values', () => {
    expect(orient(0, 0, 1e-300, 3e-300, 1e-310, 3e-310)).toBe(sign(refOrient(0, 0, 1e-300, 3e-300, 1e-310, 3e-310)));
    expect(orient(1e15, 1e15, 1e15 + 1, 1e15 + 1, 1e15 + 2, 1e15 + 2)).toBe(0);
    expect(orient(0.1, 0.1, 0.2, 0.2, 0.30000000000000004, 0.3)).toBe(sign(refOrient(0.1, 0.1, 0.2, 0.2, 0.30000000000000004, 0.3)));
  });
});

describe('integer grid', () => {
  it('uses the spacing of doubles per axis, so coordinates round-trip exactly', () => {
    const gk = gridFor({ minX: 39_512_000, minY: 3_012_000, maxX: 39_512_900, maxY: 3_012_900 });
    expect(gk.stepX).toBe(2 ** -27);
    expect(gk.stepY).toBe(2 ** -31);
    const deg = gridFor({ minX: 113.1, minY: 28.1, maxX: 113.11, maxY: 28.11 });
    expect(deg.stepX).toBe(2 ** -46);
    expect(deg.stepY).toBe(2 ** -48);
    const rng = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const x = 39_512_000 + rng() * 900;
      const y = 3_012_000 + rng() * 900;
      expect(Number.isInteger(toGridX(gk, x))).toBe(true);
      expect(fromGridX(gk, toGridX(gk, x))).toBe(x);
      expect(fromGridY(gk, toGridY(gk, y))).toBe(y);
      expect(Math.abs(toGridY(gk, y))).toBeLessThanOrEqual(2 ** 44);
    }
  });

  it('coarsens the step when a region is too wide for 2^44 units', () => {
    const wide = gridFor({ minX: 0.5, minY: 0.5, maxX: 5e5, maxY: 1 });
    expect((5e5 - 0.5) / wide.stepX).toBeLessThanOrEqual(2 ** 44);
  });
});
