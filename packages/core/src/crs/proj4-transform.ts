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
    transform = (p) => {
      const q = converter.forward([p[0], p[1]]);
      return [q[0]!, q[1]!];
    };
    cache.set(key, transform);
  }
  return transform;
}

const LON_LAT: Crs = Object.freeze({ kind: 'geographic', epsg: 4490, name: 'China Geodetic Coordinate System 2000' });

/** Transformation to CGCS2000 longitude/latitude in degrees. */
export function toLonLat(crs: Crs): (p: Position) => Position {
  return makeTransform(crs, LON_LAT);
}
