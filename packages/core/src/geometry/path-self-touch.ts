// Finds where a Clipper2 output path touches itself: a vertex repeated, or a vertex resting inside one of its own
// edges. A uniform grid of about n/2 cells over the path's box keeps this near linear: each vertex is filed in
// its cell, and each edge looks only at the cells under its own box.
import type { Path64, Point64 } from '@countertype/clipper2-ts';
import { orient } from './predicates.ts';

export interface SelfTouches {
  /** The path with every resting vertex also inserted into the edge it rests on (the same array if none). */
  path: Path64;
  /** Some vertex occurs twice in `path`: the path must be cut into loops. */
  repeats: boolean;
}

let head = new Int32Array(64);
let next = new Int32Array(256);

export function findSelfTouches(path: Path64): SelfTouches {
  const n = path.length;
  if (n < 4) return { path, repeats: false };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of path) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  const g = Math.max(1, Math.floor(Math.sqrt(n / 2)));
  const sx = g / (maxX - minX + 1);
  const sy = g / (maxY - minY + 1);
  if (head.length < g * g) head = new Int32Array(g * g * 2);
  if (next.length < n) next = new Int32Array(n * 2);
  head.fill(-1, 0, g * g);

  let repeats = false;
  for (let i = 0; i < n; i++) {
    const p = path[i];
    const c = Math.min(g - 1, Math.floor((p.y - minY) * sy)) * g + Math.min(g - 1, Math.floor((p.x - minX) * sx));
    for (let k = head[c]; k !== -1 && !repeats; k = next[k]) if (path[k].x === p.x && path[k].y === p.y) repeats = true;
    next[i] = head[c];
    head[c] = i;
  }

  let inserts: Map<number, Point64[]> | null = null;
  for (let i = 0; i < n; i++) {
    const a = path[i];
    const b = path[i + 1 === n ? 0 : i + 1];
    const x0 = Math.min(a.x, b.x);
    const x1 = Math.max(a.x, b.x);
    const y0 = Math.min(a.y, b.y);
    const y1 = Math.max(a.y, b.y);
    const cx0 = Math.min(g - 1, Math.floor((x0 - minX) * sx));
    const cx1 = Math.min(g - 1, Math.floor((x1 - minX) * sx));
    const cy0 = Math.min(g - 1, Math.floor((y0 - minY) * sy));
    const cy1 = Math.min(g - 1, Math.floor((y1 - minY) * sy));
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let k = head[cy * g + cx]; k !== -1; k = next[k]) {
          const p = path[k];
          if (p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1) continue;
          if ((p.x === a.x && p.y === a.y) || (p.x === b.x && p.y === b.y)) continue;
          if (orient(a.x, a.y, b.x, b.y, p.x, p.y) !== 0) continue;
          inserts ??= new Map();
          const list = inserts.get(i);
          if (list === undefined) inserts.set(i, [p]);
          else list.push(p);
        }
      }
    }
  }
  if (inserts === null) return { path, repeats };

  const out: Path64 = [];
  for (let i = 0; i < n; i++) {
    const a = path[i];
    out.push(a);
    const list = inserts.get(i);
    if (list === undefined) continue;
    const b = path[i + 1 === n ? 0 : i + 1];
    const byX = Math.abs(b.x - a.x) >= Math.abs(b.y - a.y);
    const dir = byX ? Math.sign(b.x - a.x) : Math.sign(b.y - a.y);
    list.sort((p, q) => dir * (byX ? p.x - q.x : p.y - q.y));
    for (const p of list) out.push({ x: p.x, y: p.y });
  }
  return { path: out, repeats: true };
}
