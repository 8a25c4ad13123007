// MultiPolygon ⇄ GEOS geometry through geos-wasm's heap. Every GEOS geometry made here belongs to the caller,
// who must destroy it (GEOSGeom_destroy); collections and polygons own the parts they were built from.
import type { MultiPolygon, Polygon, Position, Ring } from '../types.ts';
import { ringSignedArea } from './planar-area.ts';

export type Geos = Awaited<ReturnType<typeof import('geos-wasm').default>>;

const GEOS_POLYGON = 3;
const GEOS_MULTIPOLYGON = 6;
const GEOS_GEOMETRYCOLLECTION = 7;

/** A GEOS MultiPolygon (pointer) for the geometry; throws when GEOS rejects a ring. */
export function multiPolygonToGeos(geos: Geos, geom: MultiPolygon): number {
  const parts: number[] = [];
  try {
    for (const polygon of geom) parts.push(polygonToGeos(geos, polygon));
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

function polygonToGeos(geos: Geos, polygon: Polygon): number {
  const rings: number[] = [];
  try {
    for (const ring of polygon) rings.push(ringToGeos(geos, ring));
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

function ringToGeos(geos: Geos, ring: Ring): number {
  const closed = ring.length > 0 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  const n = ring.length + (closed ? 0 : 1);
  const M = geos.Module;
  const buf = M._malloc(16 * n);
  const heap = M.HEAPF64;
  for (let i = 0; i < n; i++) {
    const p = ring[i === ring.length ? 0 : i];
    heap[buf / 8 + 2 * i] = p[0];
    heap[buf / 8 + 2 * i + 1] = p[1];
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
  const out: MultiPolygon = [];
  collectPolygons(geos, g, out);
  return out;
}

function collectPolygons(geos: Geos, g: number, out: MultiPolygon): void {
  const type = geos.GEOSGeomTypeId(g);
  if (type === GEOS_POLYGON) {
    if (geos.GEOSisEmpty(g)) return;
    const shell = readRing(geos, geos.GEOSGetExteriorRing(g), true);
    const polygon: Polygon = [shell];
    const holes = geos.GEOSGetNumInteriorRings(g);
    for (let i = 0; i < holes; i++) polygon.push(readRing(geos, geos.GEOSGetInteriorRingN(g, i), false));
    out.push(polygon);
  } else if (type === GEOS_MULTIPOLYGON || type === GEOS_GEOMETRYCOLLECTION) {
    const n = geos.GEOSGetNumGeometries(g);
    for (let i = 0; i < n; i++) collectPolygons(geos, geos.GEOSGetGeometryN(g, i), out);
  }
}

function readRing(geos: Geos, ring: number, counterClockwise: boolean): Ring {
  const M = geos.Module;
  const seq = geos.GEOSGeom_getCoordSeq(ring);
  const sizePtr = M._malloc(4);
  geos.GEOSCoordSeq_getSize(seq, sizePtr);
  const n = M.HEAPU32[sizePtr / 4];
  M._free(sizePtr);
  const buf = M._malloc(16 * Math.max(1, n));
  geos.GEOSCoordSeq_copyToBuffer(seq, buf, 0, 0);
  const heap = M.HEAPF64;
  const out: Position[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [heap[buf / 8 + 2 * i], heap[buf / 8 + 2 * i + 1]];
  M._free(buf);
  if (ringSignedArea(out) > 0 !== counterClockwise) out.reverse();
  return out;
}
