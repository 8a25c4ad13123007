// MultiPolygon ⇄ GEOS geometry through geos-wasm's heap. Every GEOS geometry made here belongs to the caller,
// who must destroy it (GEOSGeom_destroy); collections and polygons own the parts they were built from.
import type { MultiPolygon } from '../types.ts';
import { isClosedRing, MultiPolygonBuilder } from './multi-polygon.ts';
import { ringSignedArea } from './planar-area.ts';

export type Geos = Awaited<ReturnType<typeof import('geos-wasm').default>>;

const GEOS_POLYGON = 3;
const GEOS_MULTIPOLYGON = 6;
const GEOS_GEOMETRYCOLLECTION = 7;

/** A GEOS MultiPolygon (pointer) for the geometry; throws when GEOS rejects a ring. */
export function multiPolygonToGeos(geos: Geos, geom: MultiPolygon): number {
  const parts: number[] = [];
  try {
    for (let p = 0; p < geom.polygonEnds.length; p++) parts.push(polygonToGeos(geos, geom, p));
    return collection(geos, GEOS_MULTIPOLYGON, parts);
  } catch (err) {
    for (const p of parts) geos.GEOSGeom_destroy(p);
    throw err;
  }
}

/** A GEOS collection of the given type that owns `parts`. */
export function collection(geos: Geos, type: number, parts: number[]): number {
  const M = geos.Module;
  const ptr = M._malloc(4 * Math.max(1, parts.length));
  M.HEAPU32.set(parts, ptr / 4);
  const g = geos.GEOSGeom_createCollection(type, ptr, parts.length);
  M._free(ptr);
  if (!g) throw new Error('GEOS could not build a collection');
  return g;
}

function polygonToGeos(geos: Geos, geom: MultiPolygon, p: number): number {
  const { xy, ringEnds, polygonEnds } = geom;
  const rings: number[] = [];
  try {
    for (let r = p === 0 ? 0 : polygonEnds[p - 1]; r < polygonEnds[p]; r++) rings.push(ringToGeos(geos, xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r]));
  } catch (err) {
    for (const r of rings) geos.GEOSGeom_destroy(r);
    throw err;
  }
  const M = geos.Module;
  const holes = rings.length - 1;
  const ptr = holes > 0 ? M._malloc(4 * holes) : 0;
  if (holes > 0) M.HEAPU32.set(rings.slice(1), ptr / 4);
  const g = geos.GEOSGeom_createPolygon(rings[0], ptr, holes);
  if (ptr) M._free(ptr);
  if (!g) throw new Error('GEOS could not build a polygon');
  return g;
}

/** The ring in vertices [from, to) of xy, closed if it is not. */
function ringToGeos(geos: Geos, xy: Float64Array, from: number, to: number): number {
  const length = to - from;
  const closed = length > 0 && isClosedRing(xy, from, to);
  const n = length + (closed ? 0 : 1);
  const M = geos.Module;
  const buf = M._malloc(16 * n);
  const heap = M.HEAPF64;
  for (let i = 0; i < n; i++) {
    const k = 2 * (i === length ? from : from + i);
    heap[buf / 8 + 2 * i] = xy[k];
    heap[buf / 8 + 2 * i + 1] = xy[k + 1];
  }
  const seq = geos.GEOSCoordSeq_copyFromBuffer(buf, n, 0, 0);
  M._free(buf);
  const g = geos.GEOSGeom_createLinearRing(seq);
  if (!g) throw new Error(`GEOS rejected a ring of ${n} positions`);
  return g;
}

/**
 * The polygonal part of a GEOS geometry (points and lines of a collection are dropped), with shells
 * counter-clockwise and holes clockwise.
 */
export function geosToMultiPolygon(geos: Geos, g: number): MultiPolygon {
  const out = new MultiPolygonBuilder();
  collectPolygons(geos, g, out);
  return out.finish();
}

function collectPolygons(geos: Geos, g: number, out: MultiPolygonBuilder): void {
  const type = geos.GEOSGeomTypeId(g);
  if (type === GEOS_POLYGON) {
    if (geos.GEOSisEmpty(g)) return;
    readRing(geos, geos.GEOSGetExteriorRing(g), true, out);
    const holes = geos.GEOSGetNumInteriorRings(g);
    for (let i = 0; i < holes; i++) readRing(geos, geos.GEOSGetInteriorRingN(g, i), false, out);
    out.endPolygon();
  } else if (type === GEOS_MULTIPOLYGON || type === GEOS_GEOMETRYCOLLECTION) {
    const n = geos.GEOSGetNumGeometries(g);
    for (let i = 0; i < n; i++) collectPolygons(geos, geos.GEOSGetGeometryN(g, i), out);
  }
}

function readRing(geos: Geos, ring: number, counterClockwise: boolean, out: MultiPolygonBuilder): void {
  const M = geos.Module;
  const seq = geos.GEOSGeom_getCoordSeq(ring);
  const sizePtr = M._malloc(4);
  geos.GEOSCoordSeq_getSize(seq, sizePtr);
  const n = M.HEAPU32[sizePtr / 4];
  M._free(sizePtr);
  const buf = M._malloc(16 * Math.max(1, n));
  geos.GEOSCoordSeq_copyToBuffer(seq, buf, 0, 0);
  const heap = M.HEAPF64;
  const xy = heap.slice(buf / 8, buf / 8 + 2 * n);
  M._free(buf);
  const reverse = ringSignedArea(xy, 0, n) > 0 !== counterClockwise;
  for (let i = 0; i < n; i++) {
    const k = 2 * (reverse ? n - 1 - i : i);
    out.vertex(xy[k], xy[k + 1]);
  }
  out.endRing();
}
