// Snap rounding, as a rare fallback: Clipper2 rounds each intersection point to the grid, and an output edge can
// then pass less than a grid unit from another ring's vertex, on the wrong side (a micro-crossing). Routing every
// edge through each vertex whose hot pixel it crosses (the unit square centred on the vertex) removes them; a
// union afterwards drops the zero-width spikes this leaves. Brute force: only run on the few results that fail
// the validity check.
import type { Path64, Paths64, Point64 } from '@countertype/clipper2-ts';
import { orient } from './predicates.ts';

/** The paths with each vertex inserted into every edge (of any path) that crosses its hot pixel. */
export function snapToHotPixels(paths: Paths64): Paths64 {
  const vertices: Point64[] = [];
  for (const path of paths) for (const p of path) vertices.push(p);
  return paths.map((path) => {
    const out: Path64 = [];
    const n = path.length;
    for (let i = 0; i < n; i++) {
      const a = path[i];
      const b = path[i + 1 === n ? 0 : i + 1];
      push(out, a);
      const hits: Point64[] = [];
      const x0 = Math.min(a.x, b.x) - 0.5;
      const x1 = Math.max(a.x, b.x) + 0.5;
      const y0 = Math.min(a.y, b.y) - 0.5;
      const y1 = Math.max(a.y, b.y) + 0.5;
      for (const v of vertices) {
        if (v.x < x0 || v.x > x1 || v.y < y0 || v.y > y1) continue;
        if ((v.x === a.x && v.y === a.y) || (v.x === b.x && v.y === b.y)) continue;
        if (crossesPixel(a, b, v)) hits.push(v);
      }
      if (hits.length === 0) continue;
      // Order along a → b by projection (exact enough to order points at least a grid unit apart).
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      hits.sort((p, q) => (p.x - q.x) * dx + (p.y - q.y) * dy);
      for (const h of hits) push(out, h);
    }
    return out;
  });
}

/** Does segment a–b meet the closed unit square centred on v (its box does, and its line separates no corner)? */
function crossesPixel(a: Point64, b: Point64, v: Point64): boolean {
  const l = v.x - 0.5;
  const r = v.x + 0.5;
  const d = v.y - 0.5;
  const u = v.y + 0.5;
  const s1 = orient(a.x, a.y, b.x, b.y, l, d);
  const s2 = orient(a.x, a.y, b.x, b.y, r, d);
  const s3 = orient(a.x, a.y, b.x, b.y, r, u);
  const s4 = orient(a.x, a.y, b.x, b.y, l, u);
  return !((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0));
}

function push(path: Path64, p: Point64): void {
  const last = path[path.length - 1];
  if (last === undefined || last.x !== p.x || last.y !== p.y) path.push({ x: p.x, y: p.y });
}
