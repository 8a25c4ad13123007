// Where the boundaries of two prepared areas meet: for every edge that touches the other boundary, the points
// of contact (vertices of either area lying on it) and the other area's collinear edges that overlap it.
// A proper crossing (two edges crossing at a point inside both, with no vertex there) decides the relation at
// once, so the search stops and reports it.
import { orient } from './predicates.ts';
import type { PreparedArea } from './prepared-area.ts';

export interface EdgeContacts {
  /** The edge's first vertex lies on the other boundary. */
  startOn: boolean;
  /** The edge's last vertex lies on the other boundary. */
  endOn: boolean;
  /** x, y of contact points strictly inside the edge (unsorted, may repeat). */
  splits: number[];
  /** Start-vertex indices of the other area's edges collinear with this one and overlapping it. */
  collinear: number[];
}

export interface AreaContacts {
  /** Keyed by edge (its start-vertex index); one shared empty map until the first contact. */
  edges: ReadonlyMap<number, EdgeContacts>;
  /** 1 for rings with at least one contact; null while there are none. */
  rings: Uint8Array | null;
}

export interface Contacts {
  readonly a: AreaContacts;
  readonly b: AreaContacts;
}

/** Returned instead of contacts when two edges cross properly: the interiors overlap and neither contains the other. */
export const PROPER_CROSSING = 'proper-crossing';

const NO_EDGES: ReadonlyMap<number, EdgeContacts> = new Map();
/** Shared by every pair without contacts; never written (edgeContacts only runs on a pair's own contacts). */
const NO_CONTACTS: Contacts = { a: { edges: NO_EDGES, rings: null }, b: { edges: NO_EDGES, rings: null } };

/** What findContacts fills in and hands back, call after call. */
const reused = {
  contacts: { a: { edges: NO_EDGES, rings: null }, b: { edges: NO_EDGES, rings: null } } as Contacts,
  edgesA: new Map<number, EdgeContacts>(),
  edgesB: new Map<number, EdgeContacts>(),
  ringsA: new Uint8Array(16),
  ringsB: new Uint8Array(16),
  /** edge records; the first `used` are this call's */
  records: [] as EdgeContacts[],
  used: 0,
};

/** An area's contacts before the first contact: the shared empty map, no ring flagged. */
function reset(contacts: AreaContacts, edges: Map<number, EdgeContacts>): void {
  if (contacts.rings !== null) edges.clear();
  contacts.edges = NO_EDGES;
  contacts.rings = null;
}

let scratchA: Int32Array = new Int32Array(256);
let scratchB: Int32Array = new Int32Array(256);

/**
 * Every contact between the boundaries of a and b, or PROPER_CROSSING as soon as one proper crossing is found.
 * The contacts are valid until the next call: their maps, records and ring flags are reused from call to call
 * (relate reads them at once). A relate per (piece, candidate) pair made them the detect stage's largest allocator
 * after decoding (allocation profile of the 20 k bench county, bench/DETECT-PROFILE.md).
 */
export function findContacts(a: PreparedArea, b: PreparedArea): Contacts | typeof PROPER_CROSSING {
  scratchA = edgesNear(a, b, scratchA);
  const nA = scratchCount;
  scratchB = edgesNear(b, a, scratchB);
  const nB = scratchCount;
  if (nA === 0 || nB === 0) return NO_CONTACTS;
  const contacts = reused.contacts;
  reset(contacts.a, reused.edgesA);
  reset(contacts.b, reused.edgesB);
  reused.used = 0;
  const axy = a.xy;
  const bxy = b.xy;
  const candA = scratchA;
  const candB = scratchB;
  for (let i = 0; i < nA; i++) {
    const e = candA[i];
    const ax0 = axy[2 * e];
    const ay0 = axy[2 * e + 1];
    const ax1 = axy[2 * e + 2];
    const ay1 = axy[2 * e + 3];
    const eMinX = ax0 < ax1 ? ax0 : ax1;
    const eMaxX = ax0 < ax1 ? ax1 : ax0;
    const eMinY = ay0 < ay1 ? ay0 : ay1;
    const eMaxY = ay0 < ay1 ? ay1 : ay0;
    for (let j = 0; j < nB; j++) {
      const f = candB[j];
      const bx0 = bxy[2 * f];
      const bx1 = bxy[2 * f + 2];
      if ((bx0 < eMinX && bx1 < eMinX) || (bx0 > eMaxX && bx1 > eMaxX)) continue;
      const by0 = bxy[2 * f + 1];
      const by1 = bxy[2 * f + 3];
      if ((by0 < eMinY && by1 < eMinY) || (by0 > eMaxY && by1 > eMaxY)) continue;
      const o1 = orient(bx0, by0, bx1, by1, ax0, ay0);
      const o2 = orient(bx0, by0, bx1, by1, ax1, ay1);
      if (o1 * o2 > 0) continue;
      const o3 = orient(ax0, ay0, ax1, ay1, bx0, by0);
      const o4 = orient(ax0, ay0, ax1, ay1, bx1, by1);
      if (o3 * o4 > 0) continue;
      if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
        const v = vertexAtCrossing(a, b, e, f);
        if (v === null) return PROPER_CROSSING;
        // A vertex sits exactly at the crossing (rings touching there): split both edges at it and go on.
        addPoint(contacts.a, a, e, v[0], v[1]);
        addPoint(contacts.b, b, f, v[0], v[1]);
        continue;
      }
      if (o1 === 0 && o2 === 0) {
        // Collinear with overlapping boxes: the segments overlap (or touch end to end).
        edgeContacts(contacts.a, a, e).collinear.push(f);
        edgeContacts(contacts.b, b, f).collinear.push(e);
      }
      if (o1 === 0 && onSegment(bx0, by0, bx1, by1, ax0, ay0)) {
        addPoint(contacts.a, a, e, ax0, ay0);
        addPoint(contacts.b, b, f, ax0, ay0);
      }
      if (o2 === 0 && onSegment(bx0, by0, bx1, by1, ax1, ay1)) {
        addPoint(contacts.a, a, e, ax1, ay1);
        addPoint(contacts.b, b, f, ax1, ay1);
      }
      if (o3 === 0 && onSegment(ax0, ay0, ax1, ay1, bx0, by0)) {
        addPoint(contacts.a, a, e, bx0, by0);
        addPoint(contacts.b, b, f, bx0, by0);
      }
      if (o4 === 0 && onSegment(ax0, ay0, ax1, ay1, bx1, by1)) {
        addPoint(contacts.a, a, e, bx1, by1);
        addPoint(contacts.b, b, f, bx1, by1);
      }
    }
  }
  return contacts;
}

/** For a point known to be collinear with segment 0–1: does it lie on the closed segment? */
export function onSegment(x0: number, y0: number, x1: number, y1: number, px: number, py: number): boolean {
  if (Math.abs(x1 - x0) >= Math.abs(y1 - y0)) {
    if (x0 === x1) return px === x0 && py === y0; // zero-length edge
    return x0 < x1 ? px >= x0 && px <= x1 : px >= x1 && px <= x0;
  }
  return y0 < y1 ? py >= y0 && py <= y1 : py >= y1 && py <= y0;
}

let scratchCount = 0;

/** Start-vertex indices of the edges of `area` whose boxes meet `other`'s box, into `out` (count in scratchCount). */
function edgesNear(area: PreparedArea, other: PreparedArea, out: Int32Array): Int32Array {
  const { xy, ringStart, ringBox } = area;
  const { minX, minY, maxX, maxY } = other.box;
  let n = 0;
  for (let r = 0; r < area.ringCount; r++) {
    if (ringBox[4 * r] > maxX || ringBox[4 * r + 2] < minX || ringBox[4 * r + 1] > maxY || ringBox[4 * r + 3] < minY) continue;
    const end = ringStart[r + 1] - 1;
    for (let v = ringStart[r]; v < end; v++) {
      const x0 = xy[2 * v];
      const x1 = xy[2 * v + 2];
      if ((x0 < minX && x1 < minX) || (x0 > maxX && x1 > maxX)) continue;
      const y0 = xy[2 * v + 1];
      const y1 = xy[2 * v + 3];
      if ((y0 < minY && y1 < minY) || (y0 > maxY && y1 > maxY)) continue;
      if (n === out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = v;
    }
  }
  scratchCount = n;
  return out;
}

function edgeContacts(contacts: AreaContacts, area: PreparedArea, edge: number): EdgeContacts {
  let c = contacts.edges.get(edge);
  if (c === undefined) {
    if (contacts.rings === null) {
      const isA = contacts === reused.contacts.a;
      let rings = isA ? reused.ringsA : reused.ringsB;
      if (rings.length < area.ringCount) rings = new Uint8Array(2 * area.ringCount);
      else rings.fill(0, 0, area.ringCount);
      if (isA) reused.ringsA = rings;
      else reused.ringsB = rings;
      contacts.rings = rings;
      contacts.edges = isA ? reused.edgesA : reused.edgesB;
    }
    c = reused.records[reused.used];
    if (c === undefined) reused.records.push((c = { startOn: false, endOn: false, splits: [], collinear: [] }));
    else {
      c.startOn = false;
      c.endOn = false;
      c.splits.length = 0;
      c.collinear.length = 0;
    }
    reused.used++;
    (contacts.edges as Map<number, EdgeContacts>).set(edge, c);
    contacts.rings[area.ringOf[edge]] = 1;
  }
  return c;
}

function addPoint(contacts: AreaContacts, area: PreparedArea, edge: number, x: number, y: number): void {
  const c = edgeContacts(contacts, area, edge);
  const xy = area.xy;
  if (x === xy[2 * edge] && y === xy[2 * edge + 1]) c.startOn = true;
  else if (x === xy[2 * edge + 2] && y === xy[2 * edge + 3]) c.endOn = true;
  else c.splits.push(x, y);
}

/** A vertex of either area lying on both edges (so at their crossing point), or null. */
function vertexAtCrossing(a: PreparedArea, b: PreparedArea, e: number, f: number): [number, number] | null {
  const axy = a.xy;
  const bxy = b.xy;
  const minX = Math.max(Math.min(axy[2 * e], axy[2 * e + 2]), Math.min(bxy[2 * f], bxy[2 * f + 2]));
  const maxX = Math.min(Math.max(axy[2 * e], axy[2 * e + 2]), Math.max(bxy[2 * f], bxy[2 * f + 2]));
  const minY = Math.max(Math.min(axy[2 * e + 1], axy[2 * e + 3]), Math.min(bxy[2 * f + 1], bxy[2 * f + 3]));
  const maxY = Math.min(Math.max(axy[2 * e + 1], axy[2 * e + 3]), Math.max(bxy[2 * f + 1], bxy[2 * f + 3]));
  for (const xy of [axy, bxy]) {
    for (let v = 0; v < xy.length; v += 2) {
      const x = xy[v];
      const y = xy[v + 1];
      if (x < minX || x > maxX || y < minY || y > maxY) continue;
      if (
        orient(axy[2 * e], axy[2 * e + 1], axy[2 * e + 2], axy[2 * e + 3], x, y) === 0 &&
        orient(bxy[2 * f], bxy[2 * f + 1], bxy[2 * f + 2], bxy[2 * f + 3], x, y) === 0
      ) {
        return [x, y];
      }
    }
  }
  return null;
}
