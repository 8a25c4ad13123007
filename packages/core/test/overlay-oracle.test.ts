// The clip engines, relate and clipToLayer against GEOS (geos-wasm) on realistic random pairs: irregular
// farmland pieces and protection polygons with holes, shared edges, collinear overlaps, touching vertices,
// identical polygons, pieces filling a hole, multipolygons, Gauss-Krüger metres and degrees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_MULTI_POLYGON, OverlayError, clipToLayer, clipperEngine, createGeosEngine, multiPolygon, planarAreaOf, relate, type ClipEngine,
} from '../src/geometry/index.ts';
import type { MultiPolygon, NestedMultiPolygon } from '../src/types.ts';
import { createGeosOracle, type GeosOracle } from './fixtures/geometry/geos-oracle.ts';
import { SCENARIOS, scenarioPair, seededRandom, type Pair, type Scenario } from './fixtures/geometry/random-polygons.ts';

const PAIRS_PER_SCENARIO = 40;
/** Clipped areas agree with GEOS to this fraction of the piece's area (metre data: far below 0.001 m²). */
const RELATIVE_TOLERANCE = 1e-9;

let oracle: GeosOracle;
let geosEngine: ClipEngine & { dispose(): void };

beforeAll(async () => {
  oracle = await createGeosOracle();
  geosEngine = await createGeosEngine();
});
afterAll(() => geosEngine.dispose());

function pairsOf(scenario: Scenario): Pair[] {
  const rng = seededRandom(1000 + SCENARIOS.indexOf(scenario));
  return Array.from({ length: PAIRS_PER_SCENARIO }, () => scenarioPair(rng, scenario));
}

describe.each(SCENARIOS)('scenario %s', (scenario) => {
  const pairs = pairsOf(scenario);

  it('clipper2 and GEOS clip the same area, and clipper2 output is valid', () => {
    for (const [i, { piece, candidates }] of pairs.entries()) {
      const ours = clipperEngine.intersect(piece, candidates);
      const theirs = geosEngine.intersect(piece, candidates);
      const tolerance = RELATIVE_TOLERANCE * planarAreaOf(piece);
      expect(Math.abs(planarAreaOf(ours) - planarAreaOf(theirs)), `pair ${i}`).toBeLessThanOrEqual(tolerance);
      if (ours.polygonEnds.length > 0) expect(oracle.invalidReason(ours), `pair ${i}`).toBeNull();
      expect(planarAreaOf(ours)).toBeCloseTo(oracle.area(ours), 6);
    }
  });

  it('relate agrees with GEOS covers / interior-disjoint', () => {
    for (const [i, { piece, candidates }] of pairs.entries()) {
      for (const [k, c] of candidates.entries()) {
        expect(relate(piece, c), `pair ${i} candidate ${k}`).toBe(oracle.relation(piece, c));
      }
    }
  });

  it('clipToLayer gives the GEOS area of piece ∩ union(candidates)', () => {
    for (const [i, { piece, candidates }] of pairs.entries()) {
      const clip = clipToLayer(piece, candidates);
      const expected = planarAreaOf(geosEngine.intersect(piece, candidates));
      expect(Math.abs(planarAreaOf(clip.clipped) - expected), `pair ${i}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * planarAreaOf(piece));
    }
  });
});

describe('regressions', () => {
  it('snap-rounds a result whose parts crossed by a fraction of a grid unit (fixtures/geometry/overlay/micro-crossing)', () => {
    const path = join(import.meta.dirname, 'fixtures/geometry/overlay/micro-crossing.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as { piece: NestedMultiPolygon; candidates: NestedMultiPolygon[] };
    const piece = multiPolygon(json.piece);
    const candidates = json.candidates.map(multiPolygon);
    const ours = clipperEngine.intersect(piece, candidates);
    expect(oracle.invalidReason(ours)).toBeNull();
    const expected = planarAreaOf(geosEngine.intersect(piece, candidates));
    expect(Math.abs(planarAreaOf(ours) - expected)).toBeLessThanOrEqual(RELATIVE_TOLERANCE * planarAreaOf(piece));
  });
});

describe('GEOS engine', () => {
  const square = (x: number, y: number, s: number): MultiPolygon => multiPolygon([[[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]]);

  it('returns no polygon for disjoint input and unions overlapping clips', () => {
    expect(geosEngine.intersect(square(0, 0, 1), [square(5, 5, 1)])).toEqual(EMPTY_MULTI_POLYGON);
    const clipped = geosEngine.intersect(square(0, 0, 10), [square(-5, -5, 10), square(0, 0, 5)]);
    expect(planarAreaOf(clipped)).toBeCloseTo(25, 12);
  });

  it('throws OverlayError with context when GEOS cannot compute (invalid input)', () => {
    const bowTie = multiPolygon([[[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]]);
    const err = (() => {
      try {
        geosEngine.intersect(bowTie, [square(0, 0, 10)]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(OverlayError);
    expect((err as OverlayError).engine).toBe('geos');
    expect((err as OverlayError).subjectVertices).toBe(5);
  });

  it('refuses use after dispose()', async () => {
    const engine = await createGeosEngine();
    engine.dispose();
    expect(() => engine.intersect(square(0, 0, 1), [square(0, 0, 1)])).toThrow(OverlayError);
  });
});
