// Coordinate transformation through proj4. proj4 knows neither EPSG:4490 nor the CGCS2000 Gauss-Krüger codes,
// so every CRS is passed as its PROJ string (nothing is registered in proj4's global table).
// Convention everywhere: x = easting/longitude, y = northing/latitude (proj4's default, not EPSG axis order).

import proj4 from 'proj4';
import type { Position } from '../types.ts';
import type { Crs } from './crs.ts';

const CGCS2000_LONGLAT = '+proj=longlat +ellps=GRS80 +no_defs';
const WGS84_LONGLAT = '+proj=longlat +datum=WGS84 +no_defs';

/** The PROJ.4 string GDAL gives for the EPSG code (`gdalsrsinfo -o proj4`). */
export function crsProj4(crs: Crs): string {
  if (crs.kind === 'geographic') return crs.epsg === 4326 ? WGS84_LONGLAT : CGCS2000_LONGLAT;
  return (
    `+proj=tmerc +lat_0=0 +lon_0=${crs.centralMeridianDeg} +k=1 +x_0=${crs.falseEastingM} +y_0=0 ` +
    '+ellps=GRS80 +units=m +no_defs'
  );
}

/** The definition used for transforming: EPSG:4326 is treated as CGCS2000 (docs/ARCHITECTURE.md (Inputs)), so no datum shift applies. */
function transformDefinition(crs: Crs): string {
  return crs.kind === 'geographic' ? CGCS2000_LONGLAT : crsProj4(crs);
}

const cache = new Map<string, (p: Position) => Position>();

/** proj4's radians → degrees factor (lib/constants/values.js), so the fast path multiplies by the same double. */
const R2D = 57.29577951308232088;

interface Proj4Projection {
  projName?: string;
  to_meter?: number;
  from_greenwich?: number;
  long_wrap?: number;
  axis?: string;
  datum?: { datum_type: number; a: number; es: number };
  inverse(p: { x: number; y: number; z: number }): { x: number; y: number } | undefined;
}

/**
 * Gauss-Krüger → lon/lat on the same ellipsoid without a datum shift: proj4's own inverse projection and its degree
 * conversion, without the per-point work of its general transform (sanity checks, datum comparison, object copies),
 * which took about half the time where the write stage projects every result vertex (report map, task KML, case
 * register). Same operations on the same doubles, so the same results (packages/core/test/crs-transform.test.ts
 * compares them bit for bit); undefined when the definitions need more than that, and any non-finite point takes
 * proj4's full path, which rejects it as before.
 */
function directInverse(fromDef: string, toDef: string, full: (p: Position) => Position): ((p: Position) => Position) | undefined {
  const Proj = (proj4 as unknown as { Proj: new (def: string) => Proj4Projection }).Proj;
  const source = new Proj(fromDef);
  const dest = new Proj(toDef);
  const plain = (p: Proj4Projection) => p.from_greenwich === undefined && (p.axis === undefined || p.axis === 'enu');
  const sameDatum =
    source.datum !== undefined &&
    dest.datum !== undefined &&
    // 5 = PJD_NODATUM, 4 = PJD_WGS84 (no parameters): the only types for which proj4 applies no shift
    (source.datum.datum_type === 4 || source.datum.datum_type === 5) &&
    source.datum.datum_type === dest.datum.datum_type &&
    source.datum.a === dest.datum.a &&
    source.datum.es === dest.datum.es;
  if (source.projName === 'longlat' || dest.projName !== 'longlat' || !sameDatum || !plain(source) || !plain(dest) || dest.long_wrap !== undefined) return undefined;
  const toMeter = source.to_meter;
  return (p) => {
    const x = p[0];
    const y = p[1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return full(p);
    const q = source.inverse(toMeter ? { x: x * toMeter, y: y * toMeter, z: 0 } : { x, y, z: 0 });
    if (!q) return full(p);
    return [q.x * R2D, q.y * R2D];
  };
}

/**
 * A point transformation from one supported CRS to another (proj4's extended Transverse Mercator, accurate to
 * well below a millimetre within a zone). Returns a new Position; never mutates its input.
 */
export function makeTransform(from: Crs, to: Crs): (p: Position) => Position {
  const fromDef = transformDefinition(from);
  const toDef = transformDefinition(to);
  if (fromDef === toDef) return (p) => [p[0], p[1]];
  const key = `${fromDef}|${toDef}`;
  let transform = cache.get(key);
  if (transform === undefined) {
    const converter = proj4(fromDef, toDef);
    const full = (p: Position): Position => {
      const q = converter.forward([p[0], p[1]]);
      return [q[0]!, q[1]!];
    };
    transform = directInverse(fromDef, toDef, full) ?? full;
    cache.set(key, transform);
  }
  return transform;
}

const LON_LAT: Crs = Object.freeze({ kind: 'geographic', epsg: 4490, name: 'China Geodetic Coordinate System 2000' });

/** Transformation to CGCS2000 longitude/latitude in degrees. */
export function toLonLat(crs: Crs): (p: Position) => Position {
  return makeTransform(crs, LON_LAT);
}
