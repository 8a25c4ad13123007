// One piece against the candidate polygons of one protection layer: the covered part, computed only when it
// has to be. Candidates may overlap each other; their overlap counts once.
import type { MultiPolygon } from '../types.ts';
import { bboxOverlapsWithArea } from './bbox.ts';
import type { ClipEngine } from './clip-engine.ts';
import { clipperEngine } from './clipper-engine.ts';
import { EMPTY_MULTI_POLYGON } from './multi-polygon.ts';
import { prepareArea } from './prepared-area.ts';
import { relatePrepared, type Relation } from './relate.ts';

export interface LayerClip {
  /** inside: within one candidate; outside: meets no candidate's interior; crossing: partly covered. */
  relation: Relation;
  /** piece ∩ union(candidates): the piece itself when inside, no polygon when outside. */
  clipped: MultiPolygon;
  /** Candidates handed to the engine (0 unless crossing). */
  clippedCandidates: number;
}

/**
 * piece ∩ union(candidates). Fast paths: the piece inside any candidate → the piece itself, no engine call;
 * outside every candidate → no polygon; otherwise one engine call with the candidates it crosses (those it is outside
 * of add no area). Geometry is cached by identity (prepared-area.ts) and must not be mutated afterwards.
 */
export function clipToLayer(piece: MultiPolygon, candidates: MultiPolygon[], engine: ClipEngine = clipperEngine): LayerClip {
  const p = prepareArea(piece);
  let crossing: MultiPolygon[] | null = null;
  if (p.ringCount > 0) {
    for (const candidate of candidates) {
      const c = prepareArea(candidate);
      if (!bboxOverlapsWithArea(p.box, c.box)) continue;
      const relation = relatePrepared(p, c);
      if (relation === 'inside') return { relation, clipped: piece, clippedCandidates: 0 };
      if (relation === 'crossing') (crossing ??= []).push(candidate);
    }
  }
  if (crossing === null) return { relation: 'outside', clipped: EMPTY_MULTI_POLYGON, clippedCandidates: 0 };
  return { relation: 'crossing', clipped: engine.intersect(piece, crossing), clippedCandidates: crossing.length };
}
