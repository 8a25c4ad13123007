// The official ellipsoidal area (docs/LAND-SURVEY.md (Official area)) of a Polygon or MultiPolygon: per polygon |outer| − Σ|holes| (abs per
// ring: GeoJSON/FlatGeobuf orientation is not guaranteed), summed; rounded to 2 decimals only in officialAreaM2.

import type { Crs } from '../crs/index.ts';
import type { MultiPolygon, Polygon } from '../types.ts';
import { gkFrame, type GkFrame } from './gauss-kruger-inverse.ts';
import { geographicRingSum, gkRingSum } from './ring-area.ts';
import { roundScaled } from './round-half-away-from-zero.ts';
import { TWO_B_SQUARED } from './trapezoid.ts';

/** Unrounded official area in m². Gauss-Krüger input follows §5.4 + §5.3, geographic input §5.3 directly. */
export function ellipsoidalAreaM2(geom: MultiPolygon | Polygon, crs: Crs): number {
  const frame = crs.kind === 'gauss-kruger' ? frameOf(crs.epsg, crs.centralMeridianDeg, crs.falseEastingM) : undefined;
  const lonRefDeg = frame === undefined ? referenceLongitude(geom) : 0;
  if (isPolygon(geom)) return polygonArea(geom, frame, lonRefDeg);
  let total = 0;
  for (let i = 0; i < geom.length; i++) total += polygonArea(geom[i]!, frame, lonRefDeg);
  return total;
}

/** ellipsoidalAreaM2 rounded to 2 decimals (cents of m²), half away from zero: the value reported as area_m2. */
export function officialAreaM2(geom: MultiPolygon | Polygon, crs: Crs): number {
  return roundScaled(ellipsoidalAreaM2(geom, crs), 100, 2);
}

const frames = new Map<number, GkFrame>();

function frameOf(epsg: number, centralMeridianDeg: number, falseEastingM: number): GkFrame {
  let frame = frames.get(epsg);
  if (frame === undefined) {
    frame = gkFrame(centralMeridianDeg, falseEastingM);
    frames.set(epsg, frame);
  }
  return frame;
}

/**
 * |outer| − Σ|holes| (GeoJSON/FlatGeobuf orientation is not guaranteed), never below 0: a hole larger than its
 * shell is invalid input, repaired upstream. `frame` set: Gauss-Krüger; else geographic with reference meridian.
 */
function polygonArea(polygon: Polygon, frame: GkFrame | undefined, lonRefDeg: number): number {
  if (polygon.length === 0) return 0;
  let area = 0;
  for (let i = 0; i < polygon.length; i++) {
    const ring = polygon[i]!;
    const sum = Math.abs(frame === undefined ? geographicRingSum(ring, lonRefDeg) : gkRingSum(ring, frame));
    area += i === 0 ? sum : -sum;
  }
  area *= TWO_B_SQUARED;
  return area < 0 ? 0 : area; // NaN passes through
}

/** The whole degree nearest the first vertex: L0 for geographic input (cancels; keeps terms small and exact). */
function referenceLongitude(geom: MultiPolygon | Polygon): number {
  const polygon = isPolygon(geom) ? geom : geom[0];
  const vertex = polygon?.[0]?.[0];
  return vertex === undefined || !Number.isFinite(vertex[0]) ? 0 : Math.round(vertex[0]);
}

function isPolygon(geom: MultiPolygon | Polygon): geom is Polygon {
  const first = geom[0]?.[0];
  return first !== undefined && typeof first[0] === 'number';
}
