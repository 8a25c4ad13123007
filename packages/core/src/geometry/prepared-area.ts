// A MultiPolygon with what the exact predicates (relate, point location) derive from it: ring starts, ring of every
// vertex, ring boxes and orientation. Cached per geometry object: a protection polygon is prepared once and reused for
// every piece that meets it. Geometry handed to this module must not be mutated afterwards.
import type { Bbox, MultiPolygon } from '../types.ts';
import { isClosedRing } from './multi-polygon.ts';
import { ringSignedArea } from './planar-area.ts';

export interface PreparedArea {
  /**
   * x0, y0, x1, y1, … of every ring; each ring is closed (its last vertex repeats its first). The geometry's own
   * array when its rings are all closed and of 2 or more vertices (valid geometry), else a closed copy.
   */
  readonly xy: Float64Array;
  /** Ring r spans vertices [ringStart[r], ringStart[r + 1]); edge v joins vertex v and v + 1 inside a ring. */
  readonly ringStart: Int32Array;
  /** Ring index of every vertex. */
  readonly ringOf: Int32Array;
  /** 1 when the area's interior lies left of the ring's direction (a counter-clockwise shell, a clockwise hole). */
  readonly ringLeft: Uint8Array;
  /** minX, minY, maxX, maxY of every ring. */
  readonly ringBox: Float64Array;
  readonly box: Bbox;
  readonly ringCount: number;
  /** Every coordinate is a finite number. */
  readonly finite: boolean;
}

const cache = new WeakMap<MultiPolygon, PreparedArea>();

/** The prepared form of a geometry, built on first use and cached by object identity. */
export function prepareArea(geom: MultiPolygon): PreparedArea {
  let prepared = cache.get(geom);
  if (prepared === undefined) {
    prepared = buildPreparedArea(geom);
    cache.set(geom, prepared);
  }
  return prepared;
}

/**
 * Drops the prepared form of a geometry that is kept beyond its overlay. The detect stage keeps every detection's
 * geometry until the result files are written; without this its prepared form (ring index per vertex, ring boxes)
 * stayed alive beside it, about a sixth of the heap of a 100 k-piece county's write stage.
 */
export function releasePreparedArea(geom: MultiPolygon): void {
  cache.delete(geom);
}

/** Whether a geometry's prepared form is cached (for tests of what the detect stage keeps). */
export function hasPreparedArea(geom: MultiPolygon): boolean {
  return cache.has(geom);
}

function buildPreparedArea(geom: MultiPolygon): PreparedArea {
  const { ringEnds, polygonEnds } = geom;
  const source = geom.xy;
  // Rings of fewer than 2 vertices are left out and unclosed rings closed; valid geometry (every ring closed) is
  // read in place, without a copy of its coordinates.
  let vertices = 0;
  let rings = 0;
  let inPlace = true;
  for (let r = 0, from = 0; r < ringEnds.length; from = ringEnds[r++]) {
    const to = ringEnds[r];
    if (to - from < 2) {
      inPlace = false;
      continue;
    }
    rings++;
    const closed = isClosedRing(source, from, to);
    if (!closed) inPlace = false;
    vertices += to - from + (closed ? 0 : 1);
  }
  const xy = inPlace ? source : new Float64Array(vertices * 2);
  const ringStart = new Int32Array(rings + 1);
  const ringOf = new Int32Array(vertices);
  const ringLeft = new Uint8Array(rings);
  const ringBox = new Float64Array(rings * 4);
  let v = 0;
  let r = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let nonFinite = 0; // stays 0 unless some coordinate is NaN or infinite (x − x is then NaN)
  let g = 0; // ring of the geometry
  for (let p = 0; p < polygonEnds.length; p++) {
    for (const shell = g; g < polygonEnds[p]; g++) {
      const from = g === 0 ? 0 : ringEnds[g - 1];
      const to = ringEnds[g];
      if (to - from < 2) continue;
      ringStart[r] = v;
      let rx0 = Infinity;
      let ry0 = Infinity;
      let rx1 = -Infinity;
      let ry1 = -Infinity;
      const n = to - from + (isClosedRing(source, from, to) ? 0 : 1);
      for (let i = 0; i < n; i++) {
        const k = 2 * (i === to - from ? from : from + i);
        const x = source[k];
        const y = source[k + 1];
        if (!inPlace) {
          xy[2 * v] = x;
          xy[2 * v + 1] = y;
        }
        ringOf[v] = r;
        nonFinite += x - x + (y - y);
        v++;
        if (x < rx0) rx0 = x;
        if (x > rx1) rx1 = x;
        if (y < ry0) ry0 = y;
        if (y > ry1) ry1 = y;
      }
      ringBox[4 * r] = rx0;
      ringBox[4 * r + 1] = ry0;
      ringBox[4 * r + 2] = rx1;
      ringBox[4 * r + 3] = ry1;
      const ccw = ringSignedArea(source, from, to) > 0;
      ringLeft[r] = ccw === (g === shell) ? 1 : 0;
      if (rx0 < minX) minX = rx0;
      if (ry0 < minY) minY = ry0;
      if (rx1 > maxX) maxX = rx1;
      if (ry1 > maxY) maxY = ry1;
      r++;
    }
  }
  ringStart[rings] = v;
  return {
    xy, ringStart, ringOf, ringLeft, ringBox, box: { minX, minY, maxX, maxY }, ringCount: rings, finite: nonFinite === 0,
  };
}
