import { describe, expect, it } from 'vitest';
import {
  ellipsoidalAreaM2 as ellipsoidalOf,
  muFromM2,
  MU_PER_M2,
  officialAreaM2 as officialOf,
  roundHalfAwayFromZero,
} from '../src/area/index.ts';
import * as K from '../src/area/cgcs2000.ts';
import { edgeTermUnscaled, TWO_B_SQUARED } from '../src/area/trapezoid.ts';
import { crsFromEpsg, type Crs } from '../src/crs/index.ts';
import type { NestedMultiPolygon, Polygon, Position, Ring } from '../src/types.ts';
import { asMultiPolygon } from './fixtures/area/as-multi-polygon.ts';
import { literalEllipsoidalAreaM2, literalTrapezoid } from './fixtures/area/literal-official-area.ts';
import { randomParcels } from './fixtures/area/random-parcels.ts';

const ZONE39 = crsFromEpsg(4527);
/** The area functions take the flat NestedMultiPolygon; these tests write polygons and multipolygons as literals. */
const ellipsoidalAreaM2 = (geom: Polygon | NestedMultiPolygon, crs: Crs): number => ellipsoidalOf(asMultiPolygon(geom), crs);
const officialAreaM2 = (geom: Polygon | NestedMultiPolygon, crs: Crs): number => officialOf(asMultiPolygon(geom), crs);
const DEG = Math.PI / 180;

const close = (ring: Position[]): Ring => [...ring, [ring[0]![0], ring[0]![1]]];

/** docs/LAND-SURVEY.md (Official area): zone 39 (CM 117°E), prefixed eastings; "§5 with 70 m densify + rounding" column. */
const VECTORS: { name: string; ring: Position[]; expected: number; official: number }[] = [
  {
    name: 'A near CM, 30°N',
    ring: [[39509648.63, 3320117.608], [39509748.63, 3320137.608], [39509738.63, 3320317.608], [39509643.63, 3320277.608]],
    expected: 16799.9594,
    official: 16799.96,
  },
  {
    name: 'B zone edge (1.45° off CM), 30°N',
    ring: [[39639912.63, 3320998.719], [39640012.63, 3321018.719], [39640002.63, 3321198.719], [39639907.63, 3321158.719]],
    expected: 16791.8868,
    official: 16791.89,
  },
  {
    name: 'C 3 × 5 km, 25°N',
    ring: [[39621145.842, 2766590.37], [39624145.842, 2767090.37], [39623845.842, 2771590.37], [39620995.842, 2770590.37]],
    expected: 12595327.9858,
    official: 12595327.99,
  },
];

describe('constants (docs/LAND-SURVEY.md (Official area), §5.2)', () => {
  it('match the printed values and each other', () => {
    const a = 6378137;
    const f = 1 / 298.257222101;
    expect(K.B_M).toBeCloseTo(a * (1 - f), 7);
    expect(K.E2).toBeCloseTo(f * (2 - f), 14);
    expect(K.EP2).toBeCloseTo(K.E2 / (1 - K.E2), 14);
    expect(K.C_M).toBeCloseTo((a * a) / K.B_M, 4);
    expect(K.RHO_SEC).toBeCloseTo(648000 / Math.PI, 6);
    // Computed from the printed e² (as TDDC3D and GAF do); §5.2 printed them from e² = f(2 − f), 1.2e-13 apart.
    expect(K.SERIES_A).toBeCloseTo(1.0033640898341927, 14);
    expect(K.SERIES_B / 0.001124189381927124).toBeCloseTo(1, 12);
    expect(K.SERIES_C / 1.699459473518905e-6).toBeCloseTo(1, 12);
    expect(K.SERIES_D / 2.7178578455775555e-9).toBeCloseTo(1, 12);
    expect(K.SERIES_E / 4.358419004834514e-12).toBeCloseTo(1, 12);
  });
});

describe('§5.3 trapezoid series', () => {
  it('gives the check value 30°–31°N × 1° = 10 642 393 438.711 m² (closed form …438.712)', () => {
    expect(TWO_B_SQUARED * edgeTermUnscaled(30 * DEG, 31 * DEG, 1 * DEG)).toBeCloseTo(10_642_393_438.711, 3);
    const cell: Polygon = [close([[117, 30], [118, 30], [118, 31], [117, 31]])];
    expect(ellipsoidalAreaM2(cell, crsFromEpsg(4490))).toBeCloseTo(10_642_393_438.711, 3);
    // Closed form of b² ΔL ∫ cos B / (1 − e² sin² B)² dB.
    const e = Math.sqrt(K.E2);
    const primitive = (b: number): number => {
      const s = Math.sin(b);
      return s / (2 * (1 - K.E2 * s * s)) + Math.log((1 + e * s) / (1 - e * s)) / (4 * e);
    };
    const exact = K.B_M ** 2 * DEG * (primitive(31 * DEG) - primitive(30 * DEG));
    expect(exact).toBeCloseTo(10_642_393_438.712, 2);
    expect(Math.abs(ellipsoidalAreaM2(cell, crsFromEpsg(4490)) - exact)).toBeLessThan(0.005);
  });

  it('equals the ten-call form (literal transcription) to 1e-15 relative, and is antisymmetric exactly', () => {
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const b1 = (3 + 51 * ((i * 0.618034) % 1)) * DEG;
      const b2 = b1 + (((i * 0.414214) % 1) - 0.5) * (i % 3 === 0 ? 0.02 : 2e-5);
      const dl = (((i * 0.732051) % 1) - 0.5) * 0.1;
      const fast = TWO_B_SQUARED * edgeTermUnscaled(b1, b2, dl);
      const literal = literalTrapezoid(b1, b2, dl, dl, 0);
      worst = Math.max(worst, Math.abs(fast - literal) / Math.abs(literal));
      expect(edgeTermUnscaled(b2, b1, dl)).toBe(-edgeTermUnscaled(b1, b2, dl));
    }
    expect(worst).toBeLessThan(1e-14);
  });
});

describe('official area of Gauss-Krüger input (§5.4 + §5.3)', () => {
  it.each(VECTORS)('reproduces docs/LAND-SURVEY.md (Official area) vector $name to 1e-3 m²', ({ ring, expected, official }) => {
    const polygon: Polygon = [close(ring)];
    expect(Math.abs(ellipsoidalAreaM2(polygon, ZONE39) - expected)).toBeLessThan(1e-3);
    expect(officialAreaM2(polygon, ZONE39)).toBe(official);
  });

  it('gives the same vectors in the unprefixed zone (EPSG:4548) and in the 6° zone with CM 117° (EPSG:4498)', () => {
    for (const { ring, expected } of VECTORS) {
      const plain: Polygon = [close(ring.map(([x, y]): Position => [x - 39_000_000, y]))];
      const sixDegree: Polygon = [close(ring.map(([x, y]): Position => [x - 19_000_000, y]))];
      expect(Math.abs(ellipsoidalAreaM2(plain, crsFromEpsg(4548)) - expected)).toBeLessThan(1e-3);
      expect(Math.abs(ellipsoidalAreaM2(sixDegree, crsFromEpsg(4498)) - expected)).toBeLessThan(1e-3);
    }
  });

  it('densifies edges longer than 70 m: case C without it would be 71 m² smaller', () => {
    // Splitting every edge of C into pieces < 70 m beforehand changes nothing but rounding noise …
    const ring = VECTORS[2]!.ring;
    const dense: Position[] = [];
    ring.forEach((p, i) => {
      const q = ring[(i + 1) % ring.length]!;
      for (let k = 0; k < 100; k++) {
        dense.push([Math.round((p[0] + ((q[0] - p[0]) * k) / 100) * 1e4) / 1e4, Math.round((p[1] + ((q[1] - p[1]) * k) / 100) * 1e4) / 1e4]);
      }
    });
    const a = ellipsoidalAreaM2([close(dense)], ZONE39);
    expect(Math.abs(a - VECTORS[2]!.expected)).toBeLessThan(0.05);
    // … while the undensified value of docs/LAND-SURVEY.md (Official area) is 12 595 256.8198 (−71.17 m²).
    expect(VECTORS[2]!.expected - 12_595_256.8198).toBeCloseTo(71.166, 3);
  });

  it('equals the literal transcription (GAF-structured, ten trig calls, plain sums) on 400 random parcels', () => {
    let worst = 0;
    let worstLabel = '';
    for (const parcel of randomParcels(424242, 400)) {
      const fast = ellipsoidalAreaM2(parcel.geometry, parcel.crs);
      const literal = literalEllipsoidalAreaM2(parcel.geometry, parcel.crs);
      const edges = parcel.geometry.flat().reduce((n, ring) => n + ring.length, 0);
      // The literal sum is plain (uncompensated): allow its rounding, 1e-15 of the largest partial sum per edge.
      expect(Math.abs(fast - literal), parcel.label).toBeLessThan(1e-12 * fast + 1e-7 * edges);
      if (Math.abs(fast - literal) / fast > worst) {
        worst = Math.abs(fast - literal) / fast;
        worstLabel = `${parcel.label}: ${fast} vs ${literal}`;
      }
    }
    // Largest relative gap: a 22 m parcel 0.17° off the CM, 3e-10 — the literal form's absolute L (≈ 2.3 rad) minus L0.
    expect(worst, worstLabel).toBeLessThan(1e-9);
  });
});

describe('geometry handling', () => {
  const square = (e: number, n: number, side: number): Ring =>
    close([[e, n], [e + side, n], [e + side, n + side], [e, n + side]]);
  const shell = square(39_510_000, 3_320_000, 300);
  const hole = square(39_510_100, 3_320_100, 50).reverse();

  it('subtracts holes, sums polygons, accepts Polygon and NestedMultiPolygon alike', () => {
    const outer = ellipsoidalAreaM2([shell], ZONE39);
    const inner = ellipsoidalAreaM2([hole], ZONE39);
    expect(outer).toBeCloseTo(90_000, -1);
    expect(ellipsoidalAreaM2([shell, hole], ZONE39)).toBeCloseTo(outer - inner, 9);
    const other = square(39_511_000, 3_320_000, 100);
    const multi: NestedMultiPolygon = [[shell, hole], [other]];
    expect(ellipsoidalAreaM2(multi, ZONE39)).toBeCloseTo(outer - inner + ellipsoidalAreaM2([other], ZONE39), 8);
    expect(ellipsoidalAreaM2([[shell, hole]], ZONE39)).toBe(ellipsoidalAreaM2([shell, hole], ZONE39));
  });

  it('treats an unclosed ring as closed and ignores orientation', () => {
    expect(ellipsoidalAreaM2([shell.slice(0, -1)], ZONE39)).toBe(ellipsoidalAreaM2([shell], ZONE39));
    expect(ellipsoidalAreaM2([[...shell].reverse()], ZONE39)).toBeCloseTo(ellipsoidalAreaM2([shell], ZONE39), 9);
  });

  it('gives 0 for empty and degenerate input, never a negative area, NaN for NaN coordinates', () => {
    expect(ellipsoidalAreaM2([], ZONE39)).toBe(0);
    expect(ellipsoidalAreaM2([[]], ZONE39)).toBe(0);
    expect(ellipsoidalAreaM2([[[[39_510_000, 3_320_000], [39_510_100, 3_320_000]]]], ZONE39)).toBe(0);
    // A collinear out-and-back ring is not exactly 0: its edges are straight in the (L, F) plane between computation
    // points, which differ on the way out and back (70 m densification). A few mm².
    const flat = ellipsoidalAreaM2([close([[39_510_000, 3_320_000], [39_510_100, 3_320_000], [39_510_200, 3_320_000]])], ZONE39);
    expect(flat).toBeGreaterThanOrEqual(0);
    expect(flat).toBeLessThan(0.01);
    expect(ellipsoidalAreaM2([hole, shell], ZONE39)).toBe(0); // "hole" larger than its shell: invalid, clamped
    expect(officialAreaM2([hole, shell], ZONE39)).toBe(0);
    expect(ellipsoidalAreaM2([close([[39_510_000, Number.NaN], [39_510_100, 3_320_000], [39_510_100, 3_320_100]])], ZONE39)).toBeNaN();
  });

  it('densifies only edges longer than 70 m (exactly 70 m: no point)', () => {
    const exactly70 = ellipsoidalAreaM2([close([[39_510_000, 3_320_000], [39_510_070, 3_320_000], [39_510_070, 3_320_070], [39_510_000, 3_320_070]])], ZONE39);
    const literal = literalEllipsoidalAreaM2([close([[39_510_000, 3_320_000], [39_510_070, 3_320_000], [39_510_070, 3_320_070], [39_510_000, 3_320_070]])], ZONE39);
    expect(exactly70).toBeCloseTo(literal, 6); // a midpoint would move it by ≈ 1e-3 m²
    expect(exactly70).toBeCloseTo(4900, -1);
  });

  it('refuses coordinates that cannot be metres of one zone instead of looping on them', () => {
    expect(() => ellipsoidalAreaM2([close([[0, 0], [1e13, 0], [1e13, 1e13]])], ZONE39)).toThrow(RangeError);
  });

  it('works the same for geographic input in EPSG:4490 and 4326', () => {
    const ring = close([[117.1, 30], [117.101, 30], [117.101, 30.001], [117.1, 30.001]]);
    const a = ellipsoidalAreaM2([ring], crsFromEpsg(4490));
    expect(a).toBeCloseTo(96.48 * 110.85, -1);
    expect(ellipsoidalAreaM2([ring], crsFromEpsg(4326))).toBe(a);
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [0.125, 2, 0.13],
    [-0.125, 2, -0.13],
    [-2.5, 0, -3],
    [2.5, 0, 3],
    [1.0049, 2, 1],
    [16799.955, 2, 16799.96],
    [-16799.955, 2, -16799.96],
    [39509648.63005, 4, 39509648.6301],
    [421199.9999995, 6, 421200],
    [5e-7, 6, 0.000001],
    [1.5e-7, 6, 0],
    [123.456, 0, 123],
    [0, 2, 0],
    [1e22, 2, 1e22],
  ])('rounds %s to %s decimals as %s', (x, decimals, expected) => {
    expect(roundHalfAwayFromZero(x, decimals)).toBe(expected);
  });

  it('passes NaN and infinities through and refuses bad decimals', () => {
    expect(roundHalfAwayFromZero(Number.NaN, 2)).toBeNaN();
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(() => roundHalfAwayFromZero(1, 2.5)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 16)).toThrow(RangeError);
  });

  it('agrees with decimal rounding of the shortest representation on 20 000 random values', () => {
    for (let i = 0; i < 20_000; i++) {
      const x = Number(((i * 7919) % 100_000) / 1000 + (i % 7) * 1e-6 + 0.0005 * (i % 2));
      const decimals = i % 5;
      const expected = decimalReference(x, decimals);
      expect(roundHalfAwayFromZero(x, decimals), `${x} @${decimals}`).toBe(expected);
    }
  });
});

/** Rounds the shortest decimal representation of x (≥ 0, not in exponent notation) half up, with BigInt. */
function decimalReference(x: number, decimals: number): number {
  const [integer, fraction = ''] = String(x).split('.');
  const digits = BigInt(integer! + fraction.padEnd(decimals + 1, '0').slice(0, decimals + 1));
  return Number((digits + 5n) / 10n) / 10 ** decimals;
}

describe('units', () => {
  it('converts m² to 亩 with the exact factor 3/2000', () => {
    expect(MU_PER_M2).toBe(0.0015);
    expect(muFromM2(2000 / 3)).toBeCloseTo(1, 15);
    expect(muFromM2(10_000)).toBe(15);
    expect(muFromM2(16_799.96)).toBeCloseTo(25.19994, 10);
  });
});
