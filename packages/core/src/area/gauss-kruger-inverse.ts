// docs/LAND-SURVEY.md (Official area) steps 3–7: the specification's inverse Gauss-Krüger series (K-series foot-point latitude, then the
// B and L series to u⁶ / u⁵) and the arc-second rounding of B and L.
// Same formulas, arranged for speed: one trigonometric call per point (sin E; cos E as √(1 − sin²E); sin and cos
// of Bf by angle addition from E and the small foot-point correction Bf − E ≤ 0.003 rad, whose sine and cosine are
// exact Taylor polynomials); constant divisions as multiplications; a whole ring per call, so that the processor
// overlaps the independent points and V8 never boxes a double at a call boundary. The result equals the literal
// transcription to ~1e-16 relative (tested); valid for |E|, |Bf| < 80°.

import { C_M, EP2, K0, K1, K2, K3, K4, PI_SPEC, RHO_SEC } from './cgcs2000.ts';
import { roundScaled } from './round-half-away-from-zero.ts';

/** Per-zone constants of steps 2 and 7. */
export interface GkFrame {
  /** False easting of the CRS (zone prefix included when prefixed), metres. */
  falseEastingM: number;
  /** L0 in radians, converted with the specification's π (as the reference implementations do). */
  l0Rad: number;
  /** L0 in arc-seconds, rounded to 6 decimals like every L. */
  l0Sec: number;
}

export function gkFrame(centralMeridianDeg: number, falseEastingM: number): GkFrame {
  const l0Rad = (centralMeridianDeg * PI_SPEC) / 180;
  return { falseEastingM, l0Rad, l0Sec: roundScaled(l0Rad * RHO_SEC, 1e6, 6) };
}

const INV_C = 1 / C_M;
const INV_6 = 1 / 6;
const INV_12 = 1 / 12;
const INV_24 = 1 / 24;
const INV_30 = 1 / 30;
const INV_42 = 1 / 42;
const INV_120 = 1 / 120;
const INV_720 = 1 / 720;

/**
 * Northing x and easting from the central meridian y (metres, false easting already removed) → latitude B and
 * longitude offset L − L0 (radians), unrounded. Writes out[0] = B, out[1] = L − L0.
 */
export function gaussKrugerInverseRad(x: number, y: number, out: Float64Array): void {
  out[0] = x;
  out[1] = y;
  gaussKrugerInverseInPlace(out, 1, undefined);
}

/**
 * In place on the first `count` pairs of a Float64Array: reads (x northing, y easting from the CM), writes
 * (B, L − L0) in radians. With a frame, step 7 too: B and L = L0 + (L − L0) in arc-seconds rounded to 6 decimals,
 * then back to radians (L − L0 from the rounded values; that subtraction is exact).
 */
export function gaussKrugerInverseInPlace(buffer: Float64Array, count: number, frame: GkFrame | undefined): void {
  const l0Rad = frame === undefined ? 0 : frame.l0Rad;
  const l0Sec = frame === undefined ? 0 : frame.l0Sec;
  for (let i = 0; i < 2 * count; i += 2) {
    const x = buffer[i]!;
    const y = buffer[i + 1]!;
    // Step 3: foot-point latitude Bf = E + cos E · (K1 sin E − K2 sin³E + K3 sin⁵E − K4 sin⁷E).
    const e = K0 * x;
    const sinE = Math.sin(e);
    const sinE2 = sinE * sinE;
    const cosE = Math.sqrt(1 - sinE2);
    const d = cosE * sinE * (K1 - sinE2 * (K2 - sinE2 * (K3 - sinE2 * K4))); // Bf − E
    const bf = e + d;
    const d2 = d * d;
    const sinD = d * (1 - d2 * INV_6 * (1 - d2 * 0.05 * (1 - d2 * INV_42)));
    const cosD = 1 - d2 * 0.5 * (1 - d2 * INV_12 * (1 - d2 * INV_30));
    const sinBf = sinE * cosD + cosE * sinD;
    const cosBf = cosE * cosD - sinE * sinD;
    // Step 4: t = tan Bf, η² = e′² cos² Bf, V² = 1 + η², N = c / V, u = y / N.
    const secBf = 1 / cosBf;
    const t = sinBf * secBf;
    const t2 = t * t;
    const eta2 = EP2 * cosBf * cosBf;
    const v2 = 1 + eta2;
    const u = y * Math.sqrt(v2) * INV_C;
    const u2 = u * u;
    // Step 5: B = Bf − (V²t/2)u² + (5 + 3t² + η² − 9η²t²)(V²t/24)u⁴ − (61 + 90t² + 45t⁴)(V²t/720)u⁶.
    const v2t = v2 * t;
    const b =
      bf -
      v2t * u2 * 0.5 +
      (5 + 3 * t2 + eta2 - 9 * eta2 * t2) * v2t * u2 * u2 * INV_24 -
      (61 + 90 * t2 + 45 * t2 * t2) * v2t * u2 * u2 * u2 * INV_720;
    // Step 6: L − L0 = [u − (1 + 2t² + η²)u³/6 + (5 + 28t² + 24t⁴ + 6η² + 8η²t²)u⁵/120] / cos Bf.
    const dl =
      (u -
        (1 + 2 * t2 + eta2) * u2 * u * INV_6 +
        (5 + 28 * t2 + 24 * t2 * t2 + 6 * eta2 + 8 * eta2 * t2) * u2 * u2 * u * INV_120) *
      secBf;
    if (frame === undefined) {
      buffer[i] = b;
      buffer[i + 1] = dl;
    } else {
      // Step 7: arc-seconds, 6 decimals, back to radians.
      buffer[i] = roundScaled(b * RHO_SEC, 1e6, 6) / RHO_SEC;
      buffer[i + 1] = (roundScaled((dl + l0Rad) * RHO_SEC, 1e6, 6) - l0Sec) / RHO_SEC;
    }
  }
}
