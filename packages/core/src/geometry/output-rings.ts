// Clipper2's closed output paths → MultiPolygon. Clipper2 never lets edges cross, but a path may touch itself
// (a figure-eight through a repeated vertex, or a vertex resting on one of its own edges: an "inverted hole"
// pinched to its shell), which OGC calls a ring self-intersection. Paths are therefore cut at such points into
// simple loops; positive loops become shells and negative loops holes, each hole going to the smallest shell
// that contains it. Coordinates return through the exact integer grid.
import type { Path64, Paths64, Point64 } from '@countertype/clipper2-ts';
import type { MultiPolygon } from '../types.ts';
import { fromGridX, fromGridY, type IntegerGrid } from './integer-grid.ts';
import { EMPTY_MULTI_POLYGON, MultiPolygonBuilder } from './multi-polygon.ts';
import { findSelfTouches } from './path-self-touch.ts';
import { orient } from './predicates.ts';

interface Loop {
  path: Path64;
  twiceArea: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function pathsToMultiPolygon(paths: Paths64, grid: IntegerGrid): MultiPolygon {
  const shells: Loop[] = [];
  const holes: Loop[] = [];
  for (const path of paths) {
    const touches = findSelfTouches(path);
    const loops = touches.repeats ? simpleLoops(touches.path) : touches.path.length >= 3 ? [touches.path] : [];
    for (const loop of loops) {
      const l = measure(loop);
      if (l.twiceArea > 0) shells.push(l);
      else if (l.twiceArea < 0) holes.push(l);
    }
  }
  if (shells.length === 0) return EMPTY_MULTI_POLYGON;
  const owners: Loop[][] = shells.map(() => []);
  if (shells.length === 1) {
    for (const h of holes) owners[0].push(h);
  } else {
    // Smallest containing shell first.
    const order = shells.map((_, i) => i).sort((i, j) => shells[i].twiceArea - shells[j].twiceArea);
    for (const h of holes) {
      for (const i of order) {
        const s = shells[i];
        if (h.minX < s.minX || h.maxX > s.maxX || h.minY < s.minY || h.maxY > s.maxY) continue;
        if (loopInside(h.path, s.path)) {
          owners[i].push(h);
          break;
        }
      }
    }
  }
  let vertices = 0;
  for (const s of shells) vertices += s.path.length + 1;
  for (const h of holes) vertices += h.path.length + 1;
  const out = new MultiPolygonBuilder(vertices);
  for (let i = 0; i < shells.length; i++) {
    addRing(out, shells[i].path, grid);
    for (const h of owners[i]) addRing(out, h.path, grid);
    out.endPolygon();
  }
  return out.finish();
}

/** The path cut into loops that repeat no vertex (loops of fewer than three vertices are dropped). */
function simpleLoops(path: Path64): Path64[] {
  const loops: Path64[] = [];
  const stack: Point64[] = [];
  const at = new Map<string, number>();
  for (const p of path) {
    const key = `${p.x},${p.y}`;
    const k = at.get(key);
    if (k === undefined) {
      at.set(key, stack.length);
      stack.push(p);
      continue;
    }
    // p closes the loop stack[k..]: emit it, keep stack[k] (= p) as the junction.
    const loop = stack.splice(k + 1);
    loop.unshift(stack[k]);
    for (let i = 1; i < loop.length; i++) at.delete(`${loop[i].x},${loop[i].y}`);
    if (loop.length >= 3) loops.push(loop);
  }
  // The remainder may wrap around: its first vertex equal to a later one was handled above.
  if (stack.length >= 3) loops.push(stack);
  return loops;
}

function measure(path: Path64): Loop {
  let twiceArea = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const n = path.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const p = path[i];
    twiceArea += (path[j].x - p.x) * (path[j].y + p.y);
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  return { path, twiceArea, minX, minY, maxX, maxY };
}

/** Is the loop (which touches `shell` at most at vertices) inside it? Decided by its first vertex off the shell. */
function loopInside(loop: Path64, shell: Path64): boolean {
  for (const p of loop) {
    const where = locateInPath(p.x, p.y, shell);
    if (where !== 0) return where > 0;
  }
  // Every vertex on the shell: the loop runs along it; test an edge midpoint (grid coordinates double exactly).
  const a = loop[0];
  const b = loop[1];
  return locateInPath((a.x + b.x) / 2, (a.y + b.y) / 2, shell) > 0;
}

/** 1 inside, -1 outside, 0 on the path (exact crossing-number test). */
function locateInPath(x: number, y: number, path: Path64): number {
  const n = path.length;
  let inside = false;
  let a = path[n - 1];
  for (let i = 0; i < n; i++) {
    const b = path[i];
    if (a.y === y && b.y === y) {
      if ((a.x - x) * (b.x - x) <= 0) return 0;
    } else if (!(a.y > y && b.y > y) && !(a.y < y && b.y < y)) {
      const o = orient(a.x, a.y, b.x, b.y, x, y);
      if (o === 0) return 0;
      const bAbove = b.y > y;
      if (a.y > y !== bAbove && (bAbove ? o > 0 : o < 0)) inside = !inside;
    }
    a = b;
  }
  return inside ? 1 : -1;
}

/** The path as a closed ring of the geometry being built. */
function addRing(out: MultiPolygonBuilder, path: Path64, grid: IntegerGrid): void {
  const n = path.length;
  for (let i = 0; i < n; i++) out.vertex(fromGridX(grid, path[i].x), fromGridY(grid, path[i].y));
  out.vertex(fromGridX(grid, path[0].x), fromGridY(grid, path[0].y));
  out.endRing();
}
