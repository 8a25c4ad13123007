// Clipper2 unions of integer paths, and closed rings → paths on the integer grid.
import { ClipType, Clipper64, FillRule, type Path64, type Paths64 } from '@countertype/clipper2-ts';
import type { Ring } from '../types.ts';
import { installExactClipperPredicates } from './clipper-exact-predicates.ts';
import { toGridX, toGridY, type IntegerGrid } from './integer-grid.ts';

installExactClipperPredicates();

/** The union of the paths under the fill rule (outer paths positive, holes negative); throws when Clipper2 fails. */
export function unite(paths: Paths64, fillRule: FillRule): Paths64 {
  const clipper = new Clipper64();
  clipper.addSubject(paths);
  const solution: Paths64 = [];
  if (!clipper.execute(ClipType.Union, fillRule, solution)) throw new Error('Clipper2 could not complete a union');
  return solution;
}

/** A closed ring as an (open) path of grid points. */
export function ringToPath(ring: Ring, grid: IntegerGrid): Path64 {
  const n = ring.length - 1;
  const path: Path64 = new Array(n);
  for (let i = 0; i < n; i++) path[i] = { x: toGridX(grid, ring[i][0]), y: toGridY(grid, ring[i][1]) };
  return path;
}
