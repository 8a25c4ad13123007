// Properties of relate / clipToLayer / the clipper2 engine on random realistic pairs (fast-check drives the
// seeds and scenarios; the generators are in fixtures/geometry/random-polygons.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bboxOf, clipToLayer, clipperEngine, multiPolygon, planarAreaOf, relate, toNested } from '../src/geometry/index.ts';
import type { MultiPolygon } from '../src/types.ts';
import { SCENARIOS, rotateStart, scenarioPair, seededRandom, type Pair } from './fixtures/geometry/random-polygons.ts';

const RUNS = { numRuns: 60, seed: 20261122 };
const RELATIVE = 1e-9;

const pairs = fc
  .tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...SCENARIOS))
  .map(([seed, scenario]) => scenarioPair(seededRandom(seed), scenario));

const area = planarAreaOf;

function boxOf(geom: MultiPolygon): [number, number, number, number] {
  const b = bboxOf(geom);
  return [b.minX, b.minY, b.maxX, b.maxY];
}

function rect(x0: number, y0: number, x1: number, y1: number): MultiPolygon {
  return multiPolygon([[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]]);
}

/** Every ring reversed and started at another vertex. */
function scrambled(geom: MultiPolygon, shift: number): MultiPolygon {
  return multiPolygon(toNested(geom).map((p) => p.map((ring) => rotateStart([...ring].reverse(), shift % (ring.length - 1)))));
}

describe('overlay properties', () => {
  it('the clipped area never exceeds the piece area', () => {
    fc.assert(
      fc.property(pairs, ({ piece, candidates }: Pair) => {
        const clipped = area(clipToLayer(piece, candidates).clipped);
        expect(clipped).toBeLessThanOrEqual(area(piece) * (1 + RELATIVE));
      }),
      RUNS,
    );
  });

  it('the clipped areas of two halves of a piece sum to the clipped area of the piece', () => {
    fc.assert(
      fc.property(pairs, fc.double({ min: 0.2, max: 0.8, noNaN: true }), ({ piece, candidates }: Pair, t) => {
        const [x0, y0, x1, y1] = boxOf(piece);
        const cut = x0 + (x1 - x0) * t;
        const pad = Math.max(x1 - x0, y1 - y0);
        const left = clipperEngine.intersect(piece, [rect(x0 - pad, y0 - pad, cut, y1 + pad)]);
        const right = clipperEngine.intersect(piece, [rect(cut, y0 - pad, x1 + pad, y1 + pad)]);
        expect(Math.abs(area(left) + area(right) - area(piece))).toBeLessThanOrEqual(RELATIVE * area(piece));
        const whole = area(clipToLayer(piece, candidates).clipped);
        const halves = area(clipToLayer(left, candidates).clipped) + area(clipToLayer(right, candidates).clipped);
        expect(Math.abs(halves - whole)).toBeLessThanOrEqual(RELATIVE * area(piece));
      }),
      RUNS,
    );
  });

  it('ring starts, orientation and candidate order change nothing', () => {
    fc.assert(
      fc.property(pairs, fc.nat(1000), ({ piece, candidates }: Pair, shift) => {
        const base = clipToLayer(piece, candidates);
        const other = clipToLayer(scrambled(piece, shift), [...candidates].reverse().map((c) => scrambled(c, shift + 1)));
        expect(other.relation).toBe(base.relation);
        expect(Math.abs(area(other.clipped) - area(base.clipped))).toBeLessThanOrEqual(RELATIVE * area(piece));
        for (const c of candidates) expect(relate(scrambled(piece, shift), scrambled(c, shift + 3))).toBe(relate(piece, c));
      }),
      RUNS,
    );
  });

  it('inside ⇒ the engine clips the whole piece; outside ⇒ nothing', () => {
    fc.assert(
      fc.property(pairs, ({ piece, candidates }: Pair) => {
        for (const c of candidates) {
          const relation = relate(piece, c);
          const clipped = area(clipperEngine.intersect(piece, [c]));
          if (relation === 'inside') expect(Math.abs(clipped - area(piece))).toBeLessThanOrEqual(RELATIVE * area(piece));
          if (relation === 'outside') expect(clipped).toBeLessThanOrEqual(RELATIVE * area(piece));
          if (relation === 'crossing') {
            expect(clipped).toBeGreaterThan(0);
            expect(clipped).toBeLessThan(area(piece));
          }
        }
      }),
      RUNS,
    );
  });
});
