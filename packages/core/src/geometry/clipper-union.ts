// Clipper2 unions of integer paths, and closed rings → paths on the integer grid.
import { ClipType, Clipper64, FillRule, type Path64, type Paths64 } from '@countertype/clipper2-ts';
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

/** The closed ring in vertices [from, to) of xy (x, y pairs) as an (open) path of grid points. */
export function ringToPath(xy: Float64Array, from: number, to: number, grid: IntegerGrid): Path64 {
  const n = to - from - 1;
  const path: Path64 = new Array(n);
  for (let i = 0; i < n; i++) path[i] = { x: toGridX(grid, xy[2 * (from + i)]), y: toGridY(grid, xy[2 * (from + i) + 1]) };
  return path;
}
