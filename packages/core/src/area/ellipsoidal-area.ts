// The official ellipsoidal area (docs/LAND-SURVEY.md (Official area)) of a MultiPolygon: per polygon |outer| − Σ|holes| (abs per
// ring: GeoJSON/FlatGeobuf orientation is not guaranteed), summed; rounded to 2 decimals only in officialAreaM2.

import type { Crs } from '../crs/index.ts';
import type { MultiPolygon } from '../types.ts';
import { gkFrame, type GkFrame } from './gauss-kruger-inverse.ts';
import { geographicRingSum, gkRingSum } from './ring-area.ts';
import { roundScaled } from './round-half-away-from-zero.ts';
import { TWO_B_SQUARED } from './trapezoid.ts';

/** Unrounded official area in m². Gauss-Krüger input follows §5.4 + §5.3, geographic input §5.3 directly. */
export function ellipsoidalAreaM2(geom: MultiPolygon, crs: Crs): number {
  const frame = crs.kind === 'gauss-kruger' ? frameOf(crs.epsg, crs.centralMeridianDeg, crs.falseEastingM) : undefined;
  const lonRefDeg = frame === undefined ? referenceLongitude(geom) : 0;
  let total = 0;
  for (let p = 0; p < geom.polygonEnds.length; p++) total += polygonArea(geom, p, frame, lonRefDeg);
  return total;
}

/** ellipsoidalAreaM2 rounded to 2 decimals (cents of m²), half away from zero: the value reported as area_m2. */
export function officialAreaM2(geom: MultiPolygon, crs: Crs): number {
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
function polygonArea(geom: MultiPolygon, p: number, frame: GkFrame | undefined, lonRefDeg: number): number {
  const { xy, ringEnds, polygonEnds } = geom;
  const shell = p === 0 ? 0 : polygonEnds[p - 1];
  if (polygonEnds[p] === shell) return 0;
  let area = 0;
  for (let r = shell; r < polygonEnds[p]; r++) {
    const from = r === 0 ? 0 : ringEnds[r - 1];
    const to = ringEnds[r];
    const sum = Math.abs(frame === undefined ? geographicRingSum(xy, from, to, lonRefDeg) : gkRingSum(xy, from, to, frame));
    area += r === shell ? sum : -sum;
  }
  area *= TWO_B_SQUARED;
  return area < 0 ? 0 : area; // NaN passes through
}

/** The whole degree nearest the first vertex: L0 for geographic input (cancels; keeps terms small and exact). */
function referenceLongitude(geom: MultiPolygon): number {
  // the first vertex of the first polygon's shell, when it has one
  const none = geom.polygonEnds.length === 0 || geom.polygonEnds[0] === 0 || geom.ringEnds[0] === 0;
  const x = geom.xy[0];
  return none || !Number.isFinite(x) ? 0 : Math.round(x);
}
