// Ring-level repairs that need no topology: non-finite positions, unclosed rings, repeated positions,
// degenerate rings and duplicate rings. A geometry without any of these is returned as the same object, after
// one pass that allocates nothing.
import type { MultiPolygon, Polygon, Position, Ring } from '../types.ts';
import { orient } from './predicates.ts';
import type { RepairKind } from './repair-kinds.ts';

/** The geometry with ring-level faults fixed (the same object when there are none); found kinds go to `found`. */
export function cleanRings(geom: MultiPolygon, found: Set<RepairKind>): MultiPolygon {
  if (!needsCleanup(geom)) return geom;
  const out: MultiPolygon = [];
  for (const polygon of geom) {
    if (!Array.isArray(polygon)) continue;
    const cleaned: Polygon = [];
    for (let k = 0; k < polygon.length; k++) {
      const ring = cleanRing(polygon[k], found);
      if (ring === null) {
        found.add('degenerate-ring');
        if (k === 0) break; // no shell: the holes go with it
        continue;
      }
      cleaned.push(ring);
    }
    if (cleaned.length > 0) out.push(cleaned);
  }
  return dropDuplicateRings(out, found);
}

/** True when some ring is malformed, unclosed, has repeated or non-finite positions, is degenerate, or repeats. */
function needsCleanup(geom: MultiPolygon): boolean {
  if (!Array.isArray(geom)) return true;
  let rings = 0;
  for (const polygon of geom) {
    if (!Array.isArray(polygon) || polygon.length === 0) return true;
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) return true;
      rings++;
      let px = NaN;
      let py = NaN;
      let ppx = NaN;
      let ppy = NaN;
      for (const p of ring) {
        const x = p[0];
        const y = p[1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) return true;
        if ((x === px && y === py) || (x === ppx && y === ppy)) return true; // repeat, or a p → q → p back-track
        ppx = px;
        ppy = py;
        px = x;
        py = y;
      }
      const first = ring[0];
      if (first[0] !== px || first[1] !== py) return true;
      const n = ring.length - 1; // back-tracks through the closing position
      if (samePosition(ring[n - 1], ring[1])) return true;
      if (collinear(ring, ring.length - 1)) return true; // stops at the first position off the line
    }
  }
  return rings > 1 && hasDuplicateRings(geom);
}

/** The ring closed, without non-finite or repeated positions; null when fewer than 3 distinct positions remain. */
function cleanRing(ring: Ring, found: Set<RepairKind>): Ring | null {
  if (!Array.isArray(ring)) return null;
  const open: Position[] = [];
  for (const p of ring) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      found.add('non-finite');
      continue;
    }
    const last = open[open.length - 1];
    if (last !== undefined && last[0] === p[0] && last[1] === p[1]) {
      found.add('repeated-points');
      continue;
    }
    open.push([p[0], p[1]]);
  }
  if (open.length > 1) {
    const first = open[0];
    const last = open[open.length - 1];
    if (first[0] === last[0] && first[1] === last[1]) {
      open.pop(); // the closing position
    } else {
      found.add('unclosed-ring');
    }
  }
  // A closing position repeated twice ([a, b, c, a, a]) was caught as a repeat above.
  removeBackTracks(open, found);
  if (open.length < 3 || collinear(open, open.length)) return null;
  open.push([open[0][0], open[0][1]]);
  return open;
}

/**
 * Drops exact back-tracks p → q → p of the open ring (q and the second p), cyclically, until none is left: the
 * common digitising spike. Spikes that return to a different point are left to the rebuild.
 */
function removeBackTracks(open: Position[], found: Set<RepairKind>): void {
  for (let i = 0; open.length >= 3 && i < open.length; ) {
    const n = open.length;
    if (!samePosition(open[(i - 1 + n) % n], open[(i + 1) % n])) {
      i++;
      continue;
    }
    found.add('spike');
    const j = (i + 1) % n;
    open.splice(Math.max(i, j), 1);
    open.splice(Math.min(i, j), 1);
    i = Math.max(0, Math.min(i, j) - 1); // the removal may expose a back-track just before
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** All of the first n positions on one line (or fewer than 3 distinct). */
function collinear(ring: Ring, n: number): boolean {
  const a = ring[0];
  let b: Position | undefined;
  for (let i = 1; i < n; i++) {
    const p = ring[i];
    if (b === undefined) {
      if (p[0] !== a[0] || p[1] !== a[1]) b = p;
      continue;
    }
    if (orient(a[0], a[1], b[0], b[1], p[0], p[1]) !== 0) return false;
  }
  return true;
}

function hasDuplicateRings(geom: MultiPolygon): boolean {
  const seen = new Set<string>();
  for (const polygon of geom) {
    for (const ring of polygon) {
      const coarse = coarseKey(ring);
      if (seen.has(coarse)) return true; // possible duplicate: the full check runs in cleanRings
      seen.add(coarse);
    }
  }
  return false;
}

/** Rings that are identical up to start and direction are dropped after their first occurrence. */
function dropDuplicateRings(geom: MultiPolygon, found: Set<RepairKind>): MultiPolygon {
  const coarse = new Set<string>();
  let candidates = false;
  for (const polygon of geom) {
    for (const ring of polygon) {
      const key = coarseKey(ring);
      if (coarse.has(key)) candidates = true;
      coarse.add(key);
    }
  }
  if (!candidates) return geom;
  const seen = new Set<string>();
  const out: MultiPolygon = [];
  for (const polygon of geom) {
    const kept: Polygon = [];
    for (let k = 0; k < polygon.length; k++) {
      const key = canonicalKey(polygon[k]);
      if (seen.has(key)) {
        found.add('duplicate-ring');
        if (k === 0) break; // a repeated shell: the polygon repeats a part already kept
        continue;
      }
      seen.add(key);
      kept.push(polygon[k]);
    }
    if (kept.length > 0) out.push(kept);
  }
  return out;
}

/** Equal for equal rings (length and box), cheap. */
function coarseKey(ring: Ring): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  return `${ring.length}:${minX}:${minY}:${maxX}:${maxY}`;
}

/** The ring's positions from its smallest one, in the direction whose second position is smaller. */
function canonicalKey(ring: Ring): string {
  const open = ring.slice(0, -1);
  const n = open.length;
  let start = 0;
  for (let i = 1; i < n; i++) if (less(open[i], open[start])) start = i;
  const forward = open[(start + 1) % n];
  const backward = open[(start - 1 + n) % n];
  const step = less(forward, backward) ? 1 : -1;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = open[(start + step * i + n * n) % n];
    parts.push(`${p[0]},${p[1]}`);
  }
  return parts.join(';');
}

function less(a: Position, b: Position): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
