// Where the boundary of one prepared area lies relative to another: walks each ring, cut at its contact points
// into pieces that are each wholly inside, outside, or on the other boundary, and locates one point per piece
// (the exact midpoint). Between contacts a ring cannot change sides, so a piece without a contact at its start
// inherits the location of the piece before it.
import { onSegment, type AreaContacts, type EdgeContacts } from './boundary-contacts.ts';
import { INSIDE, ON_BOUNDARY, OUTSIDE, locateMidpoint, locatePoint } from './locate-point.ts';
import type { PreparedArea } from './prepared-area.ts';

export interface BoundaryLocation {
  /** Some piece lies in the other area's interior. */
  inside: boolean;
  /** Some piece lies in the other area's exterior. */
  outside: boolean;
  /** Some piece runs along the other boundary with both interiors on the same side. */
  onSame: boolean;
  /** Some piece runs along the other boundary with the interiors on opposite sides. */
  onOpposite: boolean;
  /** A location could not be decided consistently (only for invalid input); callers answer 'crossing'. */
  undecided: boolean;
}

/** When to stop walking early. */
export type StopRule = 'mixed' | 'inside';

const UNKNOWN = 2;

/**
 * Locates the boundary of x relative to y. Only rings of x whose box meets `near` are walked (the others are
 * wholly outside y when `near` is y's box). Stops early under `stop`: 'mixed' once the boundary is known to be
 * partly inside (or on-same) and partly outside (or on-opposite); 'inside' at the first piece inside y.
 */
export function locateBoundary(x: PreparedArea, contacts: AreaContacts, y: PreparedArea, stop: StopRule): BoundaryLocation {
  const loc: BoundaryLocation = { inside: false, outside: false, onSame: false, onOpposite: false, undecided: false };
  const { xy, ringStart, ringBox } = x;
  const near = y.box;
  for (let r = 0; r < x.ringCount; r++) {
    if (ringBox[4 * r] > near.maxX || ringBox[4 * r + 2] < near.minX || ringBox[4 * r + 1] > near.maxY || ringBox[4 * r + 3] < near.minY) {
      loc.outside = true;
      continue;
    }
    if (contacts.rings === null || contacts.rings[r] === 0) {
      // No contact anywhere on the ring: it lies wholly inside or wholly outside y.
      const at = locatePoint(y, xy[2 * ringStart[r]], xy[2 * ringStart[r] + 1]);
      record(loc, at);
    } else {
      walkRing(x, r, contacts, y, loc, stop);
    }
    if (shouldStop(loc, stop)) return loc;
  }
  return loc;
}

function walkRing(x: PreparedArea, r: number, contacts: AreaContacts, y: PreparedArea, loc: BoundaryLocation, stop: StopRule): void {
  const xy = x.xy;
  const end = x.ringStart[r + 1] - 1;
  let status = UNKNOWN;
  for (let v = x.ringStart[r]; v < end; v++) {
    const c = contacts.edges.get(v);
    if (c === undefined) {
      if (status === UNKNOWN || status === ON_BOUNDARY) status = locateEdgeWithoutContact(xy, v, y);
      record(loc, status);
      continue;
    }
    const x0 = xy[2 * v];
    const y0 = xy[2 * v + 1];
    const x1 = xy[2 * v + 2];
    const y1 = xy[2 * v + 3];
    const splits = c.splits.length > 2 ? sortAlong(c.splits, x0, y0, x1, y1) : c.splits;
    let sx = x0;
    let sy = y0;
    let startIsContact = c.startOn;
    for (let k = 0; k <= splits.length; k += 2) {
      const tx = k < splits.length ? splits[k] : x1;
      const ty = k < splits.length ? splits[k + 1] : y1;
      if (tx === sx && ty === sy) continue;
      const along = c.collinear.length > 0 ? alongOtherBoundary(x, v, c, y, sx, sy, tx, ty) : 0;
      if (along !== 0) {
        if (along > 0) loc.onSame = true;
        else loc.onOpposite = true;
        status = ON_BOUNDARY;
      } else {
        if (status === UNKNOWN || status === ON_BOUNDARY || startIsContact) {
          status = locateMidpoint(y, sx, sy, tx, ty);
          if (status === ON_BOUNDARY) {
            loc.undecided = true; // a contact was missed: only possible for invalid geometry
            return;
          }
        }
        record(loc, status);
      }
      if (shouldStop(loc, stop)) return;
      sx = tx;
      sy = ty;
      startIsContact = true;
    }
  }
}

/** Location of an edge that touches nothing: outside when its box misses y, else the location of its start. */
function locateEdgeWithoutContact(xy: Float64Array, v: number, y: PreparedArea): number {
  const x0 = xy[2 * v];
  const y0 = xy[2 * v + 1];
  const x1 = xy[2 * v + 2];
  const y1 = xy[2 * v + 3];
  const box = y.box;
  if ((x0 < box.minX && x1 < box.minX) || (x0 > box.maxX && x1 > box.maxX)) return OUTSIDE;
  if ((y0 < box.minY && y1 < box.minY) || (y0 > box.maxY && y1 > box.maxY)) return OUTSIDE;
  const at = locatePoint(y, x0, y0);
  return at === ON_BOUNDARY ? locateMidpoint(y, x0, y0, x1, y1) : at;
}

/**
 * 1 when the piece s–t of edge v lies on a collinear edge of y with both interiors on the same side, -1 when on
 * opposite sides, 0 when it does not run along y's boundary.
 */
function alongOtherBoundary(
  x: PreparedArea, v: number, c: EdgeContacts, y: PreparedArea,
  sx: number, sy: number, tx: number, ty: number,
): number {
  const yxy = y.xy;
  for (const f of c.collinear) {
    const fx0 = yxy[2 * f];
    const fy0 = yxy[2 * f + 1];
    const fx1 = yxy[2 * f + 2];
    const fy1 = yxy[2 * f + 3];
    if (!onSegment(fx0, fy0, fx1, fy1, sx, sy) || !onSegment(fx0, fy0, fx1, fy1, tx, ty)) continue;
    // Same direction along the common line? Compare on the dominant axis of the piece.
    const sameDirection = Math.abs(tx - sx) >= Math.abs(ty - sy) ? tx > sx === fx1 > fx0 : ty > sy === fy1 > fy0;
    const xLeft = x.ringLeft[x.ringOf[v]] === 1;
    const yLeft = (y.ringLeft[y.ringOf[f]] === 1) === sameDirection;
    return xLeft === yLeft ? 1 : -1;
  }
  return 0;
}

/** Contact points sorted from the edge's start towards its end (they are collinear with it). */
function sortAlong(splits: number[], x0: number, y0: number, x1: number, y1: number): number[] {
  const byX = Math.abs(x1 - x0) >= Math.abs(y1 - y0);
  const ascending = byX ? x1 > x0 : y1 > y0;
  const order: number[] = [];
  for (let k = 0; k < splits.length; k += 2) order.push(k);
  const axis = byX ? 0 : 1;
  order.sort((i, j) => (ascending ? splits[i + axis] - splits[j + axis] : splits[j + axis] - splits[i + axis]));
  const out: number[] = [];
  for (const k of order) out.push(splits[k], splits[k + 1]);
  return out;
}

function record(loc: BoundaryLocation, status: number): void {
  if (status === INSIDE) loc.inside = true;
  else if (status === OUTSIDE) loc.outside = true;
}

function shouldStop(loc: BoundaryLocation, stop: StopRule): boolean {
  if (loc.undecided) return true;
  if (stop === 'inside') return loc.inside;
  return (loc.inside || loc.onSame) && (loc.outside || loc.onOpposite);
}
