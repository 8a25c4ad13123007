// Small geometry predicates for the tests (planar, exact enough for generated data).
import type { NestedMultiPolygon, Position, Ring } from '@landwatch/core';

export function bboxOf(g: NestedMultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of g) {
    for (const [x, y] of polygon[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

export function pointInRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(polygon: Ring[], x: number, y: number): boolean {
  if (!pointInRing(polygon[0], x, y)) return false;
  return !polygon.slice(1).some((hole) => pointInRing(hole, x, y));
}

function orient(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** True when two segments cross properly (touching at shared endpoints does not count). */
export function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** True when a closed ring crosses itself (non-adjacent edges cross). */
export function selfCrosses(ring: Ring): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

export function isClosed(ring: Ring): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return a[0] === b[0] && a[1] === b[1];
}

export function hasRepeatedPoints(ring: Ring): boolean {
  return ring.some((p, i) => i > 0 && p[0] === ring[i - 1][0] && p[1] === ring[i - 1][1]);
}

export function distinctPoints(ring: Ring): number {
  return new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
}

/** A valid polygon here: closed simple rings of ≥ 4 positions, no repeated points, holes inside the outer ring. */
export function polygonProblems(polygon: Ring[]): string[] {
  const problems: string[] = [];
  polygon.forEach((ring, i) => {
    if (ring.length < 4) problems.push(`ring ${i} has ${ring.length} positions`);
    if (!isClosed(ring)) problems.push(`ring ${i} is not closed`);
    if (hasRepeatedPoints(ring)) problems.push(`ring ${i} repeats a point`);
    if (selfCrosses(ring)) problems.push(`ring ${i} crosses itself`);
    if (i > 0 && !ring.every(([x, y]) => pointInRing(polygon[0], x, y))) problems.push(`hole ${i} leaves the outer ring`);
  });
  return problems;
}

/** Shoelace area relative to the first vertex (large Gauss-Krüger coordinates would lose precision otherwise). */
export function ringSignedArea(ring: Ring): number {
  const [x0, y0] = ring[0];
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return s / 2;
}

export function multiPolygonArea(g: NestedMultiPolygon): number {
  let a = 0;
  for (const polygon of g) polygon.forEach((ring, i) => (a += (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring))));
  return a;
}
