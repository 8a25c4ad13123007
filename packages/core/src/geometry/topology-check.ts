// The topological part of OGC validity for a MultiPolygon whose rings are already clean (closed, no repeated
// positions, 3+ distinct positions): no crossing or overlapping edges, no ring touching itself, no spikes,
// holes inside their shell and not inside each other, polygons not overlapping. Rings of different polygons
// (or a hole and its shell) may touch at points. Not checked: an interior cut in two by rings touching at two
// or more points. Exact predicates throughout.
import type { MultiPolygon } from '../types.ts';
import { onSegment } from './boundary-contacts.ts';
import { INSIDE, ON_BOUNDARY, OUTSIDE, locateInRing } from './locate-point.ts';
import { orient } from './predicates.ts';
import { prepareArea, type PreparedArea } from './prepared-area.ts';
import type { RepairKind } from './repair-kinds.ts';

/** The kinds of topological fault found (empty for valid geometry). */
export function topologyIssues(geom: MultiPolygon): Set<RepairKind> {
  const issues = new Set<RepairKind>();
  const area = prepareArea(geom);
  const ringPolygon = new Int32Array(area.ringCount);
  const shellOf: number[] = []; // ring index of each polygon's shell
  const { polygonEnds } = geom;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    shellOf.push(r);
    for (; r < polygonEnds[p]; r++) ringPolygon[r] = p;
  }
  findEdgeIssues(area, ringPolygon, issues);
  if (issues.size === 0) findContainmentIssues(area, geom, shellOf, issues);
  return issues;
}

let scratch = {
  box: new Float64Array(4 * 256), // minX, maxX, minY, maxY per edge
  cells: new Int32Array(4 * 256), // first and last cell column, first and last cell row per edge
  edge: new Int32Array(256), // start vertex per edge
  start: new Int32Array(257), // per cell: where its entries begin in `entries`
  entries: new Int32Array(1024), // edges filed per cell
};

/**
 * Spikes from one pass over consecutive edges; every other meeting of edges through a uniform grid of about n
 * cells over the area's box: each edge is filed in the cells under its box, and two edges are compared once, in
 * the first cell they share.
 */
function findEdgeIssues(area: PreparedArea, ringPolygon: Int32Array, issues: Set<RepairKind>): void {
  const { xy, ringStart, ringOf } = area;
  let n = 0;
  for (let r = 0; r < area.ringCount; r++) {
    const first = ringStart[r];
    const last = ringStart[r + 1] - 2; // last edge; vertex last + 1 repeats vertex first
    for (let v = first; v <= last; v++) {
      const p = v === first ? last : v - 1; // the vertex before v
      if (isSpike(xy[2 * p], xy[2 * p + 1], xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3])) issues.add('spike');
    }
    n += last - first + 1;
  }
  const g = Math.max(1, Math.round(Math.sqrt(n)));
  if (scratch.edge.length < n || scratch.start.length < g * g + 1) {
    const size = 2 * n;
    scratch = {
      box: new Float64Array(4 * size), cells: new Int32Array(4 * size), edge: new Int32Array(size),
      start: new Int32Array(2 * g * g + 1), entries: scratch.entries,
    };
  }
  const { box, cells, edge, start } = scratch;
  const { minX, minY, maxX, maxY } = area.box;
  const sx = g / (maxX - minX || 1);
  const sy = g / (maxY - minY || 1);
  start.fill(0, 0, g * g + 1);
  let filed = 0;
  let k = 0;
  for (let r = 0; r < area.ringCount; r++) {
    for (let v = ringStart[r]; v < ringStart[r + 1] - 1; v++) {
      const x0 = xy[2 * v];
      const x1 = xy[2 * v + 2];
      const y0 = xy[2 * v + 1];
      const y1 = xy[2 * v + 3];
      const bx0 = x0 < x1 ? x0 : x1;
      const bx1 = x0 < x1 ? x1 : x0;
      const by0 = y0 < y1 ? y0 : y1;
      const by1 = y0 < y1 ? y1 : y0;
      box[4 * k] = bx0;
      box[4 * k + 1] = bx1;
      box[4 * k + 2] = by0;
      box[4 * k + 3] = by1;
      const c0 = Math.min(g - 1, Math.floor((bx0 - minX) * sx));
      const c1 = Math.min(g - 1, Math.floor((bx1 - minX) * sx));
      const r0 = Math.min(g - 1, Math.floor((by0 - minY) * sy));
      const r1 = Math.min(g - 1, Math.floor((by1 - minY) * sy));
      cells[4 * k] = c0;
      cells[4 * k + 1] = c1;
      cells[4 * k + 2] = r0;
      cells[4 * k + 3] = r1;
      for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) start[row * g + col + 1]++;
      filed += (c1 - c0 + 1) * (r1 - r0 + 1);
      edge[k++] = v;
    }
  }
  for (let c = 1; c <= g * g; c++) start[c] += start[c - 1];
  if (scratch.entries.length < filed) scratch.entries = new Int32Array(2 * filed);
  const entries = scratch.entries;
  for (let i = 0; i < n; i++) {
    for (let row = cells[4 * i + 2]; row <= cells[4 * i + 3]; row++) {
      for (let col = cells[4 * i]; col <= cells[4 * i + 1]; col++) entries[start[row * g + col]++] = i;
    }
  }
  // `start` now holds each cell's end; its beginning is the previous cell's end.
  for (let cell = 0; cell < g * g; cell++) {
    const from = cell === 0 ? 0 : start[cell - 1];
    const to = start[cell];
    const col = cell % g;
    const row = (cell - col) / g;
    for (let i = from; i < to; i++) {
      const a = entries[i];
      const ax0 = box[4 * a];
      const ax1 = box[4 * a + 1];
      const ay0 = box[4 * a + 2];
      const ay1 = box[4 * a + 3];
      for (let j = i + 1; j < to; j++) {
        const b = entries[j];
        if (box[4 * b] > ax1 || box[4 * b + 1] < ax0 || box[4 * b + 2] > ay1 || box[4 * b + 3] < ay0) continue;
        // Compare each pair once: in the first cell both are filed in.
        if (Math.max(cells[4 * a], cells[4 * b]) !== col || Math.max(cells[4 * a + 2], cells[4 * b + 2]) !== row) continue;
        const e = edge[a];
        const f = edge[b];
        if (ringOf[e] === ringOf[f] && adjacent(ringStart, ringOf[e], e, f)) continue; // spikes are done above
        checkPair(area, ringPolygon, e, f, issues);
      }
    }
  }
}

/** Edges e and f of ring r share a vertex. */
function adjacent(ringStart: Int32Array, r: number, e: number, f: number): boolean {
  if (e - f === 1 || f - e === 1) return true;
  const first = ringStart[r];
  const last = ringStart[r + 1] - 2;
  return (e === first && f === last) || (f === first && e === last);
}

/** Classifies the meeting of non-adjacent edges e and f (their boxes overlap). */
function checkPair(area: PreparedArea, ringPolygon: Int32Array, e: number, f: number, issues: Set<RepairKind>): void {
  const { xy, ringOf } = area;
  const ax0 = xy[2 * e];
  const ay0 = xy[2 * e + 1];
  const ax1 = xy[2 * e + 2];
  const ay1 = xy[2 * e + 3];
  const bx0 = xy[2 * f];
  const by0 = xy[2 * f + 1];
  const bx1 = xy[2 * f + 2];
  const by1 = xy[2 * f + 3];
  const ring = ringOf[e];
  const sameRing = ring === ringOf[f];
  const o1 = orient(bx0, by0, bx1, by1, ax0, ay0);
  const o2 = orient(bx0, by0, bx1, by1, ax1, ay1);
  if (o1 * o2 > 0) return;
  const o3 = orient(ax0, ay0, ax1, ay1, bx0, by0);
  const o4 = orient(ax0, ay0, ax1, ay1, bx1, by1);
  if (o3 * o4 > 0) return;
  const samePolygon = ringPolygon[ring] === ringPolygon[ringOf[f]];
  const crossingKind: RepairKind = samePolygon ? 'self-intersection' : 'overlapping-polygons';
  if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    issues.add(crossingKind);
    return;
  }
  if (o1 === 0 && o2 === 0) {
    if (overlapLength(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1) > 0) {
      issues.add(crossingKind);
      return;
    }
  }
  // The edges touch at a point: allowed between different rings, a fault within one ring.
  if (sameRing) {
    const touching =
      (o1 === 0 && onSegment(bx0, by0, bx1, by1, ax0, ay0)) ||
      (o2 === 0 && onSegment(bx0, by0, bx1, by1, ax1, ay1)) ||
      (o3 === 0 && onSegment(ax0, ay0, ax1, ay1, bx0, by0)) ||
      (o4 === 0 && onSegment(ax0, ay0, ax1, ay1, bx1, by1));
    if (touching) issues.add('self-intersection');
  }
}

/** p → q → r turns back along itself (r on the line through p, q, on p's side of q). */
function isSpike(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  if (orient(px, py, qx, qy, rx, ry) !== 0) return false;
  return Math.abs(qx - px) >= Math.abs(qy - py) ? qx > px !== rx > qx || rx === qx : qy > py !== ry > qy || ry === qy;
}

/** Length (on the dominant axis) of the overlap of two collinear segments; ≤ 0 when they only touch or miss. */
function overlapLength(ax0: number, ay0: number, ax1: number, ay1: number, bx0: number, by0: number, bx1: number, by1: number): number {
  const byX = Math.abs(ax1 - ax0) >= Math.abs(ay1 - ay0);
  const a0 = byX ? ax0 : ay0;
  const a1 = byX ? ax1 : ay1;
  const b0 = byX ? bx0 : by0;
  const b1 = byX ? bx1 : by1;
  return Math.min(Math.max(a0, a1), Math.max(b0, b1)) - Math.max(Math.min(a0, a1), Math.min(b0, b1));
}

function findContainmentIssues(area: PreparedArea, geom: MultiPolygon, shellOf: number[], issues: Set<RepairKind>): void {
  const { polygonEnds } = geom;
  const polygons = polygonEnds.length;
  for (let p = 0; p < polygons; p++) {
    const shell = shellOf[p];
    const holes = polygonEnds[p] - shell - 1;
    for (let h = shell + 1; h <= shell + holes; h++) {
      if (ringLocation(area, h, shell) === OUTSIDE) issues.add('hole-outside-shell');
      for (let g = shell + 1; g <= shell + holes; g++) {
        if (g !== h && boxWithin(area, h, g) && ringLocation(area, h, g) === INSIDE) issues.add('nested-hole');
      }
    }
  }
  for (let p = 0; p < polygons; p++) {
    for (let q = 0; q < polygons; q++) {
      if (p === q) continue;
      const inner = shellOf[q];
      const outer = shellOf[p];
      if (!boxWithin(area, inner, outer) || ringLocation(area, inner, outer) !== INSIDE) continue;
      // Polygon q lies within p's shell: valid only inside one of p's holes.
      let inHole = false;
      for (let h = outer + 1; h < polygonEnds[p]; h++) if (ringLocation(area, inner, h) === INSIDE) inHole = true;
      if (!inHole) issues.add('overlapping-polygons');
    }
  }
}

/** Where ring r lies relative to ring s (they do not cross): decided by r's first vertex not on s. */
function ringLocation(area: PreparedArea, r: number, s: number): number {
  const { xy, ringStart } = area;
  for (let v = ringStart[r]; v < ringStart[r + 1] - 1; v++) {
    const at = locateInRing(area, s, xy[2 * v], xy[2 * v + 1]);
    if (at !== ON_BOUNDARY) return at;
  }
  return ON_BOUNDARY;
}

function boxWithin(area: PreparedArea, r: number, s: number): boolean {
  const b = area.ringBox;
  return b[4 * r] >= b[4 * s] && b[4 * r + 1] >= b[4 * s + 1] && b[4 * r + 2] <= b[4 * s + 2] && b[4 * r + 3] <= b[4 * s + 3];
}
