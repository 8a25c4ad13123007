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

/** A radius (m) below N/√(1+η²) everywhere on the CGCS2000 ellipsoid: with it the Gauss–Krüger point scale is
 * bounded from above, k ≤ 1 + x²/(2R²) (x the distance from the central meridian) to within the slack below. */
const SCALE_RADIUS_M = 6.3e6;
/** Beyond this distance from the central meridian no bound is given (far outside any zone: the series is not used). */
const BOUND_MAX_OFFSET_M = 1e6;
/** Relative slack on the bound for what the point-scale series and the plane sums leave out (the official method's
 * 70 m densification, fourth-order terms): orders of magnitude below it for county pieces. */
const BOUND_SLACK = 5e-4;
/** Twice the most a point moves when the official method rounds it to 4 decimals of a metre. */
const ROUNDED_POINT_M = 1e-4;

/**
 * Bounds [low, high] on officialAreaM2 of a Gauss–Krüger geometry whose polygons have no holes, from sums in the plane
 * alone (no inverse projection). The projection is conformal with point scale k ≥ 1 (k0 = 1), so the ellipsoidal area
 * of a ring is the integral of its winding number over the plane weighted by 1/k², between 1/k_max² and 1. Per ring,
 * with S its signed plane area and T the sum of its trapezoids' absolute areas (which bounds the area it winds over):
 * |S| − δT ≤ |official| ≤ |S| + δT, δ = 1 − 1/k_max², plus the slack, the points' rounding and the cent of the result's. Undefined
 * for geographic input, for polygons with holes and far outside the zone: the caller then measures.
 */
export function officialAreaBoundsM2(geom: MultiPolygon, crs: Crs): [number, number] | undefined {
  if (crs.kind !== 'gauss-kruger') return undefined;
  const { xy, ringEnds, polygonEnds } = geom;
  for (let p = 0; p < polygonEnds.length; p++) if (polygonEnds[p] !== p + 1) return undefined; // holes, or an empty polygon
  let low = 0;
  let high = 0;
  for (let r = 0, from = 0; r < ringEnds.length; from = ringEnds[r++]) {
    const to = ringEnds[r];
    if (to - from < 3) continue; // no area either way
    // relative to the ring's first vertex: prefixed eastings are eight digits, and their products would lose the area
    const x0 = xy[2 * from];
    const y0 = xy[2 * from + 1];
    let twiceSigned = 0;
    let twiceAbsolute = 0;
    let perimeter = 0;
    let offset = Math.abs(x0 - crs.falseEastingM);
    for (let i = from; i < to; i++) {
      const j = i + 1 < to ? i + 1 : from; // the closing edge too (zero when the ring is closed)
      const ax = xy[2 * i] - x0;
      const ay = xy[2 * i + 1] - y0;
      const bx = xy[2 * j] - x0;
      const by = xy[2 * j + 1] - y0;
      const cross = ax * by - bx * ay;
      twiceSigned += cross;
      twiceAbsolute += Math.abs(cross);
      perimeter += Math.hypot(bx - ax, by - ay);
      offset = Math.max(offset, Math.abs(xy[2 * i] - crs.falseEastingM));
    }
    if (!(offset <= BOUND_MAX_OFFSET_M)) return undefined; // also NaN
    const kMax = 1 + (offset * offset) / (2 * SCALE_RADIUS_M * SCALE_RADIUS_M);
    const delta = 1 - 1 / (kMax * kMax) + BOUND_SLACK;
    const plane = Math.abs(twiceSigned) / 2;
    // the official method rounds every point to 0.1 mm: the area moves by at most the perimeter times that
    const spread = (delta * twiceAbsolute) / 2 + perimeter * ROUNDED_POINT_M;
    low += Math.max(0, plane - spread);
    high += plane + spread;
  }
  return [Math.max(0, low - 0.01), high + 0.01];
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
