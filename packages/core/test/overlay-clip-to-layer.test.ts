// clipToLayer's fast paths and engine use, and the clipper2 engine's own guarantees.
import { InternalClipper } from '@countertype/clipper2-ts';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_MULTI_POLYGON, OverlayError, clipToLayer, clipperEngine, multiPolygon, planarAreaOf, toNested, type ClipEngine,
} from '../src/geometry/index.ts';
import type { MultiPolygon, Ring } from '../src/types.ts';

const X = 39_512_000;
const Y = 3_012_000;

function squareRing(x: number, y: number, w: number, h = w): Ring {
  return [[X + x, Y + y], [X + x + w, Y + y], [X + x + w, Y + y + h], [X + x, Y + y + h], [X + x, Y + y]];
}

function square(x: number, y: number, w: number, h = w): MultiPolygon {
  return multiPolygon([[squareRing(x, y, w, h)]]);
}

function spyEngine(): ClipEngine & { calls: MultiPolygon[][] } {
  const calls: MultiPolygon[][] = [];
  return {
    name: 'spy',
    calls,
    intersect(subject, clips) {
      calls.push(clips);
      return clipperEngine.intersect(subject, clips);
    },
  };
}

describe('clipToLayer', () => {
  it('returns the piece itself, without an engine call, when it lies inside a candidate', () => {
    const piece = square(10, 10, 20);
    const engine = spyEngine();
    const clip = clipToLayer(piece, [square(100, 100, 5), square(0, 0, 50)], engine);
    expect(clip).toEqual({ relation: 'inside', clipped: piece, clippedCandidates: 0 });
    expect(clip.clipped).toBe(piece);
    expect(engine.calls).toHaveLength(0);
  });

  it('counts a piece inside a candidate that shares its boundary as inside', () => {
    const piece = square(0, 0, 20);
    expect(clipToLayer(piece, [square(0, 0, 20, 40)], spyEngine()).relation).toBe('inside');
  });

  it('returns no polygon without an engine call when the piece is outside every candidate (touching included)', () => {
    const engine = spyEngine();
    const clip = clipToLayer(square(0, 0, 10), [square(10, 0, 10), square(-10, -10, 10), square(50, 50, 10)], engine);
    expect(clip).toEqual({ relation: 'outside', clipped: EMPTY_MULTI_POLYGON, clippedCandidates: 0 });
    expect(engine.calls).toHaveLength(0);
    expect(clipToLayer(square(0, 0, 10), [])).toEqual({ relation: 'outside', clipped: EMPTY_MULTI_POLYGON, clippedCandidates: 0 });
  });

  it('makes one engine call with only the crossing candidates', () => {
    const engine = spyEngine();
    const a = square(-5, 0, 10);
    const b = square(5, 5, 10);
    const clip = clipToLayer(square(0, 0, 10), [a, square(10, 0, 10), b, square(40, 40, 1)], engine);
    expect(clip.relation).toBe('crossing');
    expect(clip.clippedCandidates).toBe(2);
    expect(engine.calls).toEqual([[a, b]]);
    expect(planarAreaOf(clip.clipped)).toBeCloseTo(50 + 25, 9);
  });

  it('counts overlapping candidates once', () => {
    const clip = clipToLayer(square(0, 0, 10), [square(-1, -1, 7, 12), square(4, -1, 7, 12)]);
    expect(clip.relation).toBe('crossing');
    expect(planarAreaOf(clip.clipped)).toBeCloseTo(100, 9);
  });

  it('uses a candidate hole: a piece filling it is outside, a piece across its edge is crossing', () => {
    const withHole = multiPolygon([[squareRing(0, 0, 100), squareRing(40, 40, 20).reverse()]]);
    expect(clipToLayer(square(40, 40, 20), [withHole]).relation).toBe('outside');
    const across = clipToLayer(square(30, 45, 20, 10), [withHole]);
    expect(across.relation).toBe('crossing');
    expect(planarAreaOf(across.clipped)).toBeCloseTo(100, 9);
  });
});

describe('clipper2 engine', () => {
  it('returns shells counter-clockwise and holes clockwise, closed', () => {
    const ring = squareRing(0, 0, 100);
    const hole = squareRing(40, 40, 20).reverse();
    const out = clipperEngine.intersect(multiPolygon([[[...ring].reverse(), [...hole].reverse()]]), [square(-10, -10, 200)]);
    expect(toNested(out)).toHaveLength(1);
    const [shell, inner] = toNested(out)[0];
    expect(shell[0]).toEqual(shell[shell.length - 1]);
    expect(signedArea(shell)).toBeGreaterThan(0);
    expect(signedArea(inner)).toBeLessThan(0);
    expect(planarAreaOf(out)).toBe(100 * 100 - 20 * 20);
  });

  it('returns untouched vertices bit for bit (exact integer grid)', () => {
    const ring: Ring = [[X + 0.123456789, Y + 0.987654321], [X + 77.7, Y + 3.3], [X + 50.05, Y + 60.06], [X + 0.123456789, Y + 0.987654321]];
    const out = clipperEngine.intersect(multiPolygon([[ring]]), [square(-100, -100, 400)]);
    const inputs = new Set(ring.map((p) => p.join(',')));
    for (const p of toNested(out)[0][0]) expect(inputs.has(p.join(','))).toBe(true);
  });

  it('throws OverlayError for non-finite coordinates', () => {
    const bad = multiPolygon([[[[X, Y], [Infinity, Y], [X + 1, Y + 1], [X, Y]]]]);
    expect(() => clipperEngine.intersect(bad, [square(0, 0, 1)])).toThrow(OverlayError);
    const nan = multiPolygon([[[[X, Y], [X + 5, Y], [NaN, Y + 1], [X, Y + 5], [X, Y]]]]);
    expect(() => clipperEngine.intersect(square(0, 0, 2), [nan])).toThrow(/non-finite/);
  });

  it('replaces the clipper2-ts isCollinear, whose 64-bit products keep only 32 bits per operand', () => {
    // The vendor's multiplyUInt64 truncates its operands with `>>> 0`: above 2^32 unrelated points look collinear.
    expect(InternalClipper.multiplyUInt64(2 ** 33, 5)).toEqual(InternalClipper.multiplyUInt64(0, 5));
    expect(InternalClipper.isCollinear({ x: 0, y: 0 }, { x: 2 ** 33, y: 1 }, { x: 2 ** 34, y: 5 })).toBe(false);
    expect(InternalClipper.isCollinear({ x: 0, y: 0 }, { x: 2 ** 40, y: 3 * 2 ** 38 }, { x: 2 ** 41, y: 3 * 2 ** 39 })).toBe(true);
  });
});

function signedArea(ring: [number, number][]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += (ring[i - 1][0] - X) * (ring[i][1] - Y) - (ring[i][0] - X) * (ring[i - 1][1] - Y);
  return s / 2;
}
