// Deliberately broken geometries for a few change pieces (docs/ARCHITECTURE.md, "Inputs": repaired where possible, reported never
// dropped): bow-ties, an unclosed ring, repeated consecutive points, and one ring with fewer than 3 distinct points.
import type { NestedMultiPolygon, Position, Ring } from '@landwatch/core';

export type InvalidKind = 'bowtie' | 'unclosed' | 'repeated' | 'unrepairable';

/** Kinds for `count` invalid pieces: exactly one unrepairable (the first), then bow-tie, unclosed, repeated, … */
export function invalidKinds(count: number): InvalidKind[] {
  const cycle: InvalidKind[] = ['bowtie', 'unclosed', 'repeated', 'bowtie', 'repeated'];
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'unrepairable' : cycle[(i - 1) % cycle.length]));
}

/** Breaks a single-ring polygon (a closed ring of ≥ 5 positions) the given way; returns new arrays. */
export function breakGeometry(geometry: NestedMultiPolygon, kind: InvalidKind): NestedMultiPolygon {
  const ring = geometry[0][0];
  const open = ring.slice(0, -1).map(copy);
  const n = open.length;
  const q = Math.max(1, Math.floor(n / 4));
  let broken: Ring;
  switch (kind) {
    case 'bowtie': {
      // A→…→B, then D→…→C backwards: the closing edges B→D and C→A cross in the middle (a figure eight).
      const ab = open.slice(0, q + 1);
      const dc = open.slice(2 * q, Math.max(2 * q + 1, 3 * q + 1)).reverse();
      broken = [...ab, ...dc, copy(open[0])];
      break;
    }
    case 'unclosed':
      broken = open;
      break;
    case 'repeated': {
      broken = [];
      open.forEach((p, i) => {
        broken.push(p);
        if (i === 1) broken.push(copy(p), copy(p));
        if (i === q + 1) broken.push(copy(p));
      });
      broken.push(copy(open[0]));
      break;
    }
    case 'unrepairable':
      broken = [copy(open[0]), copy(open[q]), copy(open[q]), copy(open[0])];
      break;
  }
  return [[broken]];
}

function copy(p: Position): Position {
  return [p[0], p[1]];
}
