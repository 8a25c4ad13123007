// Ring-level repairs that need no topology: non-finite positions, unclosed rings, repeated positions,
// degenerate rings and duplicate rings. A geometry without any of these is returned as the same object, after
// one pass that allocates nothing.
import type { MultiPolygon } from '../types.ts';
import { MultiPolygonBuilder } from './multi-polygon.ts';
import { orient } from './predicates.ts';
import type { RepairKind } from './repair-kinds.ts';

/** The geometry with ring-level faults fixed (the same object when there are none); found kinds go to `found`. */
export function cleanRings(geom: MultiPolygon, found: Set<RepairKind>): MultiPolygon {
  if (!needsCleanup(geom)) return geom;
  const { xy, ringEnds, polygonEnds } = geom;
  const out = new MultiPolygonBuilder(xy.length >> 1);
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    for (const shell = r; r < polygonEnds[p]; r++) {
      if (!cleanRing(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r], out, found)) {
        found.add('degenerate-ring');
        if (r === shell) {
          r = polygonEnds[p]; // no shell: the holes go with it
          break;
        }
        continue;
      }
    }
    if (out.polygonLength > 0) out.endPolygon();
  }
  return dropDuplicateRings(out.finish(), found);
}

/** True when some ring is malformed, unclosed, has repeated or non-finite positions, is degenerate, or repeats. */
function needsCleanup(geom: MultiPolygon): boolean {
  const { xy, ringEnds, polygonEnds } = geom;
  for (let p = 0; p < polygonEnds.length; p++) {
    if (polygonEnds[p] === (p === 0 ? 0 : polygonEnds[p - 1])) return true; // a polygon without rings
  }
  for (let r = 0; r < ringEnds.length; r++) {
    const from = r === 0 ? 0 : ringEnds[r - 1];
    const to = ringEnds[r];
    if (to - from < 4) return true;
    let px = NaN;
    let py = NaN;
    let ppx = NaN;
    let ppy = NaN;
    for (let i = 2 * from; i < 2 * to; i += 2) {
      const x = xy[i];
      const y = xy[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return true;
      if ((x === px && y === py) || (x === ppx && y === ppy)) return true; // repeat, or a p → q → p back-track
      ppx = px;
      ppy = py;
      px = x;
      py = y;
    }
    if (xy[2 * from] !== px || xy[2 * from + 1] !== py) return true;
    // back-tracks through the closing position: the second-to-last position equals the second
    if (xy[2 * to - 4] === xy[2 * from + 2] && xy[2 * to - 3] === xy[2 * from + 3]) return true;
    if (collinear(xy, from, to - from - 1)) return true; // stops at the first position off the line
  }
  return ringEnds.length > 1 && hasDuplicateRings(geom);
}

/**
 * Adds the ring in vertices [from, to) of xy to `out`, closed, without non-finite or repeated positions; false (and
 * nothing added) when fewer than 3 distinct positions remain.
 */
function cleanRing(xy: Float64Array, from: number, to: number, out: MultiPolygonBuilder, found: Set<RepairKind>): boolean {
  const open: number[] = []; // x, y pairs
  for (let i = 2 * from; i < 2 * to; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      found.add('non-finite');
      continue;
    }
    const n = open.length;
    if (n > 0 && open[n - 2] === x && open[n - 1] === y) {
      found.add('repeated-points');
      continue;
    }
    open.push(x, y);
  }
  if (open.length > 2) {
    const n = open.length;
    if (open[0] === open[n - 2] && open[1] === open[n - 1]) {
      open.length = n - 2; // the closing position
    } else {
      found.add('unclosed-ring');
    }
  }
  // A closing position repeated twice ([a, b, c, a, a]) was caught as a repeat above.
  removeBackTracks(open, found);
  const n = open.length / 2;
  if (n < 3 || collinear(open, 0, n)) return false;
  for (let i = 0; i < n; i++) out.vertex(open[2 * i], open[2 * i + 1]);
  out.vertex(open[0], open[1]);
  out.endRing();
  return true;
}

/**
 * Drops exact back-tracks p → q → p of the open ring (q and the second p), cyclically, until none is left: the
 * common digitising spike. Spikes that return to a different point are left to the rebuild.
 */
function removeBackTracks(open: number[], found: Set<RepairKind>): void {
  for (let i = 0; open.length >= 6 && i < open.length / 2; ) {
    const n = open.length / 2;
    const a = (i - 1 + n) % n;
    const b = (i + 1) % n;
    if (open[2 * a] !== open[2 * b] || open[2 * a + 1] !== open[2 * b + 1]) {
      i++;
      continue;
    }
    found.add('spike');
    open.splice(2 * Math.max(i, b), 2);
    open.splice(2 * Math.min(i, b), 2);
    i = Math.max(0, Math.min(i, b) - 1); // the removal may expose a back-track just before
  }
}

/** All of the n positions from vertex `from` of xy on one line (or fewer than 3 distinct). */
function collinear(xy: ArrayLike<number>, from: number, n: number): boolean {
  const ax = xy[2 * from];
  const ay = xy[2 * from + 1];
  let bx = NaN;
  let by = NaN;
  let haveB = false;
  for (let i = from + 1; i < from + n; i++) {
    const px = xy[2 * i];
    const py = xy[2 * i + 1];
    if (!haveB) {
      if (px !== ax || py !== ay) {
        bx = px;
        by = py;
        haveB = true;
      }
      continue;
    }
    if (orient(ax, ay, bx, by, px, py) !== 0) return false;
  }
  return true;
}

function hasDuplicateRings(geom: MultiPolygon): boolean {
  const seen = new Set<string>();
  const { xy, ringEnds } = geom;
  for (let r = 0; r < ringEnds.length; r++) {
    const coarse = coarseKey(xy, r === 0 ? 0 : ringEnds[r - 1], ringEnds[r]);
    if (seen.has(coarse)) return true; // possible duplicate: the full check runs in cleanRings
    seen.add(coarse);
  }
  return false;
}

/** Rings that are identical up to start and direction are dropped after their first occurrence. */
function dropDuplicateRings(geom: MultiPolygon, found: Set<RepairKind>): MultiPolygon {
  if (!hasDuplicateRings(geom)) return geom;
  const { xy, ringEnds, polygonEnds } = geom;
  const seen = new Set<string>();
  const out = new MultiPolygonBuilder(xy.length >> 1);
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    for (const shell = r; r < polygonEnds[p]; r++) {
      const from = r === 0 ? 0 : ringEnds[r - 1];
      const to = ringEnds[r];
      const key = canonicalKey(xy, from, to);
      if (seen.has(key)) {
        found.add('duplicate-ring');
        if (r === shell) {
          r = polygonEnds[p]; // a repeated shell: the polygon repeats a part already kept
          break;
        }
        continue;
      }
      seen.add(key);
      out.copyVertices(xy, from, to);
      out.endRing();
    }
    if (out.polygonLength > 0) out.endPolygon();
  }
  return out.finish();
}

/** Equal for equal rings (length and box), cheap. */
function coarseKey(xy: Float64Array, from: number, to: number): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 2 * from; i < 2 * to; i += 2) {
    if (xy[i] < minX) minX = xy[i];
    if (xy[i] > maxX) maxX = xy[i];
    if (xy[i + 1] < minY) minY = xy[i + 1];
    if (xy[i + 1] > maxY) maxY = xy[i + 1];
  }
  return `${to - from}:${minX}:${minY}:${maxX}:${maxY}`;
}

/** The closed ring's positions from its smallest one, in the direction whose second position is smaller. */
function canonicalKey(xy: Float64Array, from: number, to: number): string {
  const n = to - from - 1; // without the closing position
  const at = (i: number) => 2 * (from + i);
  const less = (i: number, j: number) => xy[at(i)] < xy[at(j)] || (xy[at(i)] === xy[at(j)] && xy[at(i) + 1] < xy[at(j) + 1]);
  let start = 0;
  for (let i = 1; i < n; i++) if (less(i, start)) start = i;
  const step = less((start + 1) % n, (start - 1 + n) % n) ? 1 : -1;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = at((start + step * i + n * n) % n);
    parts.push(`${xy[k]},${xy[k + 1]}`);
  }
  return parts.join(';');
}
