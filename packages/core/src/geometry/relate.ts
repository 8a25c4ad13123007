// Exact relation of a piece to another area, without clipping: inside (piece ⊆ other, boundary contact allowed),
// outside (interiors disjoint), or crossing. Box rejection first, then boundary contacts (a proper crossing
// decides at once), then the location of each boundary relative to the other area.
import type { MultiPolygon } from '../types.ts';
import { bboxOverlapsWithArea } from './bbox.ts';
import { PROPER_CROSSING, findContacts } from './boundary-contacts.ts';
import { locateBoundary } from './boundary-location.ts';
import { prepareArea, type PreparedArea } from './prepared-area.ts';

export type Relation = 'inside' | 'outside' | 'crossing';

/**
 * inside: piece ⊆ other; outside: the interiors are disjoint (touching boundaries allowed); crossing: neither.
 * Both must be valid polygonal geometry; they are cached by identity (see prepared-area.ts) and must not be
 * mutated afterwards.
 */
export function relate(piece: MultiPolygon, other: MultiPolygon): Relation {
  return relatePrepared(prepareArea(piece), prepareArea(other));
}

export function relatePrepared(a: PreparedArea, b: PreparedArea): Relation {
  if (a.ringCount === 0 || b.ringCount === 0) return 'outside';
  if (!bboxOverlapsWithArea(a.box, b.box)) return 'outside';
  const contacts = findContacts(a, b);
  if (contacts === PROPER_CROSSING) return 'crossing';

  // a ⊆ b  ⇔  no part of ∂a lies outside b or along ∂b facing away, and no part of ∂b lies inside a.
  // Interiors meet  ⇔  part of ∂a lies inside b or along ∂b on the same side, or part of ∂b lies inside a.
  const boundaryA = locateBoundary(a, contacts.a, b, 'mixed');
  if (boundaryA.undecided) return 'crossing';
  const meets = boundaryA.inside || boundaryA.onSame;
  const leaves = boundaryA.outside || boundaryA.onOpposite;
  if (meets && leaves) return 'crossing';
  const boundaryB = locateBoundary(b, contacts.b, a, 'inside');
  if (boundaryB.inside || boundaryB.undecided) return 'crossing';
  return meets ? 'inside' : 'outside';
}
