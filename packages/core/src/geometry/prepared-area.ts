// A MultiPolygon flattened into typed arrays for the exact predicates (relate, point location), cached per
// geometry object: a protection polygon is prepared once and reused for every piece that meets it. Geometry
// handed to this module must not be mutated afterwards.
import type { Bbox, MultiPolygon } from '../types.ts';
import { ringSignedArea } from './planar-area.ts';

export interface PreparedArea {
  /** x0, y0, x1, y1, … of every ring; each ring is closed (its last vertex repeats its first). */
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

function buildPreparedArea(geom: MultiPolygon): PreparedArea {
  let vertices = 0;
  let rings = 0;
  for (const polygon of geom) {
    for (const ring of polygon) {
      if (ring.length < 2) continue;
      rings++;
      vertices += ring.length + (isClosed(ring) ? 0 : 1);
    }
  }
  const xy = new Float64Array(vertices * 2);
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
  for (const polygon of geom) {
    for (let k = 0; k < polygon.length; k++) {
      const ring = polygon[k];
      if (ring.length < 2) continue;
      ringStart[r] = v;
      let rx0 = Infinity;
      let ry0 = Infinity;
      let rx1 = -Infinity;
      let ry1 = -Infinity;
      const n = ring.length + (isClosed(ring) ? 0 : 1);
      for (let i = 0; i < n; i++) {
        const p = ring[i === ring.length ? 0 : i];
        const x = p[0];
        const y = p[1];
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
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
      const ccw = ringSignedArea(ring) > 0;
      ringLeft[r] = ccw === (k === 0) ? 1 : 0;
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

function isClosed(ring: readonly (readonly number[])[]): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return a[0] === b[0] && a[1] === b[1];
}
