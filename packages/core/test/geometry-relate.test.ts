// relate on hand-made awkward cases, each checked against GEOS: shared edges, T-junctions, vertex contacts,
// holes, a crossing through a point where rings touch, and identical or nested polygons.
import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MULTI_POLYGON, multiPolygon, relate } from '../src/geometry/index.ts';
import type { NestedMultiPolygon, Position } from '../src/types.ts';
import { createGeosOracle, type GeosOracle } from './fixtures/geometry/geos-oracle.ts';

const X = 39_512_000;
const Y = 3_012_000;
const ring = (...pts: [number, number][]): Position[] => {
  const r = pts.map(([x, y]) => [X + x, Y + y] as Position);
  r.push([r[0][0], r[0][1]]);
  return r;
};
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => ring([x0, y0], [x1, y0], [x1, y1], [x0, y1]);

const CASES: { name: string; piece: NestedMultiPolygon; other: NestedMultiPolygon; expected: 'inside' | 'outside' | 'crossing' }[] = [
  { name: 'identical', piece: [[rect(0, 0, 10, 10)]], other: [[rect(0, 0, 10, 10)]], expected: 'inside' },
  { name: 'identical, reversed, extra collinear vertices', piece: [[rect(0, 0, 10, 10)]], other: [[ring([0, 0], [0, 10], [10, 10], [10, 5], [10, 0], [5, 0])]], expected: 'inside' },
  { name: 'shared edge, outside', piece: [[rect(0, 0, 10, 10)]], other: [[rect(10, 0, 20, 10)]], expected: 'outside' },
  { name: 'partly shared edge (T-junction), outside', piece: [[rect(0, 0, 10, 10)]], other: [[rect(10, 5, 20, 15)]], expected: 'outside' },
  { name: 'corner contact', piece: [[rect(0, 0, 10, 10)]], other: [[rect(10, 10, 20, 20)]], expected: 'outside' },
  { name: 'vertex on edge, outside', piece: [[rect(0, 0, 10, 10)]], other: [[ring([10, 5], [20, 0], [20, 10])]], expected: 'outside' },
  { name: 'vertex on edge, inside', piece: [[ring([10, 5], [5, 2], [5, 8])]], other: [[rect(0, 0, 10, 10)]], expected: 'inside' },
  { name: 'inside touching along an edge', piece: [[rect(0, 0, 5, 10)]], other: [[rect(0, 0, 10, 10)]], expected: 'inside' },
  { name: 'contains the other', piece: [[rect(0, 0, 10, 10)]], other: [[rect(2, 2, 4, 4)]], expected: 'crossing' },
  { name: 'fills the hole', piece: [[rect(2, 2, 4, 4)]], other: [[rect(0, 0, 10, 10), rect(2, 2, 4, 4).reverse()]], expected: 'outside' },
  { name: 'in the hole, touching it', piece: [[ring([2, 2], [3, 2], [3, 3])]], other: [[rect(0, 0, 10, 10), rect(2, 2, 4, 4)]], expected: 'outside' },
  { name: 'covers the hole', piece: [[rect(1, 1, 5, 5)]], other: [[rect(0, 0, 10, 10), rect(2, 2, 4, 4)]], expected: 'crossing' },
  { name: 'around the hole, touching it', piece: [[rect(4, 2, 6, 4)]], other: [[rect(0, 0, 10, 10), rect(2, 2, 4, 4)]], expected: 'inside' },
  { name: 'collinear overlap, crossing', piece: [[rect(0, 0, 10, 10)]], other: [[rect(5, 0, 15, 10)]], expected: 'crossing' },
  { name: 'hole of the piece holds the other', piece: [[rect(0, 0, 10, 10), rect(2, 2, 8, 8)]], other: [[rect(3, 3, 7, 7)]], expected: 'outside' },
  {
    // The other's edge crosses the piece's bottom edge at (5, 0), exactly where the piece's hole touches that edge.
    name: 'crossing through a point where the piece touches itself',
    piece: [[rect(0, 0, 10, 10), ring([5, 0], [4, 3], [6, 3])]],
    other: [[ring([3, -3], [7, 3], [9, -3])]],
    expected: 'crossing',
  },
  {
    name: 'crossing at a touch point, only inside the hole',
    piece: [[rect(0, 0, 10, 10), ring([5, 0], [3, 6], [7, 6])]],
    other: [[ring([5, 0], [4.5, 2], [5.5, 2])]],
    expected: 'outside',
  },
  { name: 'multipolygon: one part inside, one outside', piece: [[rect(0, 0, 2, 2)], [rect(20, 20, 22, 22)]], other: [[rect(-1, -1, 5, 5)]], expected: 'crossing' },
  { name: 'multipolygon: both parts inside', piece: [[rect(0, 0, 2, 2)], [rect(3, 3, 4, 4)]], other: [[rect(-1, -1, 5, 5)]], expected: 'inside' },
];

let oracle: GeosOracle;
beforeAll(async () => {
  oracle = await createGeosOracle();
});

describe('relate', () => {
  it.each(CASES)('$name → $expected (as GEOS)', ({ piece, other, expected }) => {
    expect(oracle.relation(multiPolygon(piece), multiPolygon(other))).toBe(expected);
    expect(relate(multiPolygon(piece), multiPolygon(other))).toBe(expected);
  });

  it('answers outside for disjoint boxes and empty geometry', () => {
    expect(relate(multiPolygon([[rect(0, 0, 1, 1)]]), multiPolygon([[rect(5, 5, 6, 6)]]))).toBe('outside');
    expect(relate(EMPTY_MULTI_POLYGON, multiPolygon([[rect(5, 5, 6, 6)]]))).toBe('outside');
  });
});
