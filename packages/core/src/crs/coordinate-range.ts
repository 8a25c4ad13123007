// The coordinates a supported CRS can hold at all: degrees within ±180 / ±90, Gauss-Krüger eastings inside their
// zone's million-metre band (the zone number in front when prefixed) and northings of the northern hemisphere.
// Checked before any geometry work: an easting of 3.7e7 labelled as degrees, or a northing of 1e20, is caught here
// instead of sending a polygon 1e20 m wide into the clipper (see docs/INPUT-CHECKS.md).
import type { Crs } from './crs.ts';

export interface CoordinateRange {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** For messages: 'longitude −180..180, latitude −90..90'. */
  text: string;
}

/** Largest northing of the northern hemisphere on the ellipsoid (the pole is ≈ 9 997 km from the equator). */
const MAX_NORTHING_M = 10_000_000;

export function coordinateRange(crs: Crs): CoordinateRange {
  if (crs.kind === 'geographic') return { minX: -180, minY: -90, maxX: 180, maxY: 90, text: 'longitude −180..180, latitude −90..90 degrees' };
  const minX = crs.falseEastingM - 500_000;
  const maxX = crs.falseEastingM + 500_000;
  return { minX, minY: 0, maxX, maxY: MAX_NORTHING_M, text: `easting ${minX}..${maxX}, northing 0..${MAX_NORTHING_M} metres` };
}

/** Whether a box lies inside the CRS's range (bounds included). */
export function boxInRange(r: CoordinateRange, minX: number, minY: number, maxX: number, maxY: number): boolean {
  return minX >= r.minX && minY >= r.minY && maxX <= r.maxX && maxY <= r.maxY;
}
