import { describe, expect, it } from 'vitest';
import { buildCountyModel, patchPlanOf } from '../src/county-model.ts';
import { resolveOptions } from '../src/options.ts';
import { PatchGeometry } from '../src/patch-geometry.ts';
import type { Position, Ring } from '@landwatch/core';
import { DEMO_CHANGES, DEMO_SEED, demoCounty } from './support/fixture.ts';
import { multiPolygonArea } from './support/geometry-checks.ts';

const key = (a: Position, b: Position) => `${a[0]},${a[1]};${b[0]},${b[1]}`;

function segments(ring: Ring): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < ring.length; i++) out.push(key(ring[i], ring[i + 1]));
  return out;
}

describe('pieces of a patch tessellate it with exactly shared edges', () => {
  const { pieces, invalid } = demoCounty();
  const model = buildCountyModel(resolveOptions({ seed: DEMO_SEED, changes: DEMO_CHANGES }));

  it('every edge between two pieces appears in both, vertex for vertex, and the pieces fill their patch', () => {
    let sharedSegments = 0;
    let checkedPatches = 0;
    const problems: string[] = [];
    for (let p = 0; p < model.patches; p++) {
      const first = model.pieceOffsets[p];
      const last = model.pieceOffsets[p + 1];
      const { plan } = patchPlanOf(model, p);
      if (last - first !== plan.pieces.length) continue; // the last patch may be cut short
      if (Array.from({ length: last - first }, (_, l) => first + l).some((i) => invalid.has(i))) continue;
      checkedPatches++;
      const geometry = new PatchGeometry(model.opts.seed, plan);
      const allCells = plan.pieces.flatMap((piece) => piece.cells);
      const boundary = new Set(geometry.outline(allCells).flatMap(segments));
      const filled = new Set(plan.pieces.flatMap((piece) => [piece.enclaveOf, ...piece.islandCells]).filter((c) => c >= 0));
      const emptyHoles = plan.pieces.map((piece) => piece.holeCell).filter((c) => c >= 0 && !filled.has(c));
      for (const cell of emptyHoles) for (const s of segments(geometry.holeRing(cell).slice().reverse())) boundary.add(s);
      // Directed segments of every piece ring, with the piece that owns them.
      const owner = new Map<string, number>();
      for (let i = first; i < last; i++) {
        for (const polygon of pieces[i].geometry) {
          for (const ring of polygon) {
            for (const s of segments(ring)) {
              if (owner.has(s)) problems.push(`patch ${p}: segment ${s} used twice in the same direction`);
              owner.set(s, i);
            }
          }
        }
      }
      for (const [s, i] of owner) {
        const [a, b] = s.split(';');
        const other = owner.get(`${b};${a}`);
        if (other !== undefined) {
          if (other === i) problems.push(`patch ${p}: piece ${i} meets itself along ${s}`);
          sharedSegments++;
        } else if (!boundary.has(s)) {
          problems.push(`patch ${p}: piece ${i} segment ${s} is neither shared nor on the patch boundary`);
        }
      }
      // The pieces fill the patch: their areas sum to the grid outline minus the holes left empty.
      let sum = 0;
      for (let i = first; i < last; i++) sum += multiPolygonArea(pieces[i].geometry);
      const outline = multiPolygonArea(geometry.outline(allCells).map((ring) => [ring]));
      const empty = emptyHoles.reduce((a, cell) => a + multiPolygonArea([[geometry.holeRing(cell)]]), 0);
      if (Math.abs(sum - (outline - empty)) > 0.01) problems.push(`patch ${p}: pieces cover ${sum} m² of ${outline - empty}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(checkedPatches).toBeGreaterThan(model.patches * 0.9);
    expect(sharedSegments).toBeGreaterThan(DEMO_CHANGES * 5);
  });
});
