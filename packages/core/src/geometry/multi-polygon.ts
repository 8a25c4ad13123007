// Reading and building the flat MultiPolygon (types.ts): ring and polygon ranges, a growable builder for code that
// makes geometry vertex by vertex (clip output, repair, reprojection), and conversion from nested literals for tests
// and generated shapes. Nothing here allocates per vertex.
import type { MultiPolygon, NestedMultiPolygon } from '../types.ts';

/** The geometry with no polygon. */
export const EMPTY_MULTI_POLYGON: MultiPolygon = Object.freeze({
  xy: new Float64Array(0),
  ringEnds: new Uint32Array(0),
  polygonEnds: new Uint32Array(0),
});

export function polygonCount(geom: MultiPolygon): number {
  return geom.polygonEnds.length;
}

export function ringCount(geom: MultiPolygon): number {
  return geom.ringEnds.length;
}

/** Number of positions in a geometry (closing positions included). */
export function vertexCount(geom: MultiPolygon): number {
  return geom.xy.length >> 1;
}

/** First vertex of ring r. */
export function ringStart(geom: MultiPolygon, r: number): number {
  return r === 0 ? 0 : geom.ringEnds[r - 1];
}

/** One past the last vertex of ring r. */
export function ringEnd(geom: MultiPolygon, r: number): number {
  return geom.ringEnds[r];
}

/** The ring in vertices [from, to) of xy (x, y pairs; at least one vertex) ends on its first vertex. */
export function isClosedRing(xy: Float64Array, from: number, to: number): boolean {
  return xy[2 * from] === xy[2 * to - 2] && xy[2 * from + 1] === xy[2 * to - 1];
}

/** First ring (the shell) of polygon p. */
export function polygonStart(geom: MultiPolygon, p: number): number {
  return p === 0 ? 0 : geom.polygonEnds[p - 1];
}

/** One past the last ring of polygon p. */
export function polygonEnd(geom: MultiPolygon, p: number): number {
  return geom.polygonEnds[p];
}

/** Builds a MultiPolygon vertex by vertex: `vertex` …, `endRing`, … `endPolygon`, …, `finish`. */
export class MultiPolygonBuilder {
  private xy: Float64Array;
  private ringEnds: Uint32Array;
  private polygonEnds: Uint32Array;
  private vertices = 0;
  private rings = 0;
  private polygons = 0;

  constructor(vertexCapacity = 64) {
    this.xy = new Float64Array(2 * Math.max(4, vertexCapacity));
    this.ringEnds = new Uint32Array(4);
    this.polygonEnds = new Uint32Array(2);
  }

  /** Vertices of the ring being built so far. */
  get ringLength(): number {
    return this.vertices - (this.rings === 0 ? 0 : this.ringEnds[this.rings - 1]);
  }

  /** Rings of the polygon being built so far. */
  get polygonLength(): number {
    return this.rings - (this.polygons === 0 ? 0 : this.polygonEnds[this.polygons - 1]);
  }

  vertex(x: number, y: number): void {
    if (2 * this.vertices === this.xy.length) this.xy = grow(this.xy, this.xy.length * 2) as Float64Array;
    this.xy[2 * this.vertices] = x;
    this.xy[2 * this.vertices + 1] = y;
    this.vertices++;
  }

  /** Copies vertices [from, to) of a coordinate array (x, y pairs) into the ring being built. */
  copyVertices(xy: Float64Array, from: number, to: number): void {
    const need = 2 * (this.vertices + to - from);
    if (need > this.xy.length) this.xy = grow(this.xy, Math.max(need, this.xy.length * 2)) as Float64Array;
    this.xy.set(xy.subarray(2 * from, 2 * to), 2 * this.vertices);
    this.vertices += to - from;
  }

  /** Ends the ring being built (its vertices as given: close it by repeating the first). */
  endRing(): void {
    if (this.rings === this.ringEnds.length) this.ringEnds = grow(this.ringEnds, this.rings * 2) as Uint32Array;
    this.ringEnds[this.rings++] = this.vertices;
  }

  /** Drops the ring being built (its vertices since the last endRing). */
  dropRing(): void {
    this.vertices = this.rings === 0 ? 0 : this.ringEnds[this.rings - 1];
  }

  /** Ends the polygon being built (its rings since the last endPolygon). */
  endPolygon(): void {
    if (this.polygons === this.polygonEnds.length) this.polygonEnds = grow(this.polygonEnds, this.polygons * 2) as Uint32Array;
    this.polygonEnds[this.polygons++] = this.rings;
  }

  /** Drops the polygon being built (its rings and vertices since the last endPolygon). */
  dropPolygon(): void {
    this.rings = this.polygons === 0 ? 0 : this.polygonEnds[this.polygons - 1];
    this.vertices = this.rings === 0 ? 0 : this.ringEnds[this.rings - 1];
  }

  /** The geometry built (exactly sized copies); the builder is then empty again. */
  finish(): MultiPolygon {
    const geom: MultiPolygon = {
      xy: this.xy.slice(0, 2 * this.vertices),
      ringEnds: this.ringEnds.slice(0, this.rings),
      polygonEnds: this.polygonEnds.slice(0, this.polygons),
    };
    this.vertices = 0;
    this.rings = 0;
    this.polygons = 0;
    return geom;
  }
}

function grow(array: Float64Array | Uint32Array, length: number): Float64Array | Uint32Array {
  const grown = array instanceof Float64Array ? new Float64Array(length) : new Uint32Array(length);
  grown.set(array);
  return grown;
}

/** A MultiPolygon from nested literal arrays (tests, generated shapes), rings copied as written. */
export function multiPolygon(nested: NestedMultiPolygon): MultiPolygon {
  let vertices = 0;
  let rings = 0;
  for (const polygon of nested) {
    rings += polygon.length;
    for (const ring of polygon) vertices += ring.length;
  }
  const xy = new Float64Array(2 * vertices);
  const ringEnds = new Uint32Array(rings);
  const polygonEnds = new Uint32Array(nested.length);
  let v = 0;
  let r = 0;
  for (let p = 0; p < nested.length; p++) {
    for (const ring of nested[p]) {
      for (const position of ring) {
        xy[2 * v] = position[0];
        xy[2 * v + 1] = position[1];
        v++;
      }
      ringEnds[r++] = v;
    }
    polygonEnds[p] = r;
  }
  return { xy, ringEnds, polygonEnds };
}

/** The nested literal form (tests and diagnostics: it allocates an array per vertex). */
export function toNested(geom: MultiPolygon): NestedMultiPolygon {
  const out: NestedMultiPolygon = [];
  for (let p = 0; p < geom.polygonEnds.length; p++) {
    const polygon: NestedMultiPolygon[number] = [];
    for (let r = polygonStart(geom, p); r < geom.polygonEnds[p]; r++) {
      const ring: NestedMultiPolygon[number][number] = [];
      for (let v = ringStart(geom, r); v < geom.ringEnds[r]; v++) ring.push([geom.xy[2 * v], geom.xy[2 * v + 1]]);
      polygon.push(ring);
    }
    out.push(polygon);
  }
  return out;
}

/** Polygon p alone, as a MultiPolygon of one polygon (copies its coordinates). */
export function polygonAt(geom: MultiPolygon, p: number): MultiPolygon {
  const r0 = polygonStart(geom, p);
  const r1 = geom.polygonEnds[p];
  const v0 = ringStart(geom, r0);
  const v1 = r1 === 0 ? 0 : geom.ringEnds[r1 - 1];
  const ringEnds = new Uint32Array(r1 - r0);
  for (let r = r0; r < r1; r++) ringEnds[r - r0] = geom.ringEnds[r] - v0;
  return { xy: geom.xy.slice(2 * v0, 2 * v1), ringEnds, polygonEnds: Uint32Array.of(r1 - r0) };
}

/** The geometry with every vertex passed through `f` (a CRS transformation); rings and polygons are shared. */
export function mapVertices(geom: MultiPolygon, f: (p: [number, number]) => [number, number]): MultiPolygon {
  const { xy } = geom;
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    const q = f([xy[i], xy[i + 1]]);
    out[i] = q[0];
    out[i + 1] = q[1];
  }
  return { xy: out, ringEnds: geom.ringEnds, polygonEnds: geom.polygonEnds };
}
