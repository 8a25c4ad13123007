// How much of a piece a protection layer covers, in three classes, with a sliver threshold so that
// misregistration slivers neither escalate nor lower a verdict (docs/RULES.md "Protection overlaps").

import { PROTECTION_KINDS, type ProtectionKind } from '../types.ts';
import { RuleInputError } from './errors.ts';
import { SHARE_THRESHOLD_MAX_M2, type RuleSet } from './rule-set.ts';

/**
 * Overlap keys that are parts of a layer chosen by its features' attributes (docs/RULES.md "Layer attributes"):
 * - 'approved-state-council': the part covered by approvals whose authority is 国务院;
 * - 'temporary-use-expired': the part covered only by temporary-use permits that ended before the survey's standard
 *   date (they no longer count as 'temporary-use').
 */
export const ATTRIBUTE_OVERLAP_KEYS = ['approved-state-council', 'temporary-use-expired'] as const;
export type OverlapKey = ProtectionKind | (typeof ATTRIBUTE_OVERLAP_KEYS)[number];
const OVERLAP_KEYS: readonly string[] = [...PROTECTION_KINDS, ...ATTRIBUTE_OVERLAP_KEYS];

/** Overlap area (m², of the clipped geometry) per protection-layer kind or attribute key; missing = 0. */
export type OverlapsM2 = Partial<Record<OverlapKey, number>>;

/**
 * - 'none': the overlap is a sliver (below overlapMinM2 or below overlapMinShare of the piece) or absent;
 * - 'full': the overlap counts and the uncovered remainder is itself a sliver (below either threshold);
 * - 'partial': otherwise.
 */
export type Coverage = 'none' | 'partial' | 'full';

/**
 * True when an area counts: at least overlapMinM2, and — only while it is below SHARE_THRESHOLD_MAX_M2 (the smallest
 * mapped parcel) — at least overlapMinShare × piece area. A share threshold alone would hide up to 1 % of any piece
 * (9 000 m² of a 1 km² piece); above the smallest mapped parcel an overlap is always real.
 */
export function isSignificant(areaM2: number, pieceAreaM2: number, rules: RuleSet): boolean {
  const { overlapMinM2, overlapMinShare } = rules.config;
  if (!(areaM2 > 0) || areaM2 < overlapMinM2) return false;
  return areaM2 >= SHARE_THRESHOLD_MAX_M2 || areaM2 >= overlapMinShare * pieceAreaM2;
}

/** Coverage class of one overlap. The overlap is clamped to the piece area (clipping noise). */
export function coverageOf(overlapM2: number, pieceAreaM2: number, rules: RuleSet): Coverage {
  const overlap = Math.min(overlapM2, pieceAreaM2);
  if (!isSignificant(overlap, pieceAreaM2, rules)) return 'none';
  return isSignificant(pieceAreaM2 - overlap, pieceAreaM2, rules) ? 'partial' : 'full';
}

/** Share of the piece covered, in [0, 1] (0 for an empty piece). */
export function shareOf(overlapM2: number, pieceAreaM2: number): number {
  return pieceAreaM2 > 0 ? Math.min(1, overlapM2 / pieceAreaM2) : 0;
}

/** Validates an area and an overlap map at an entry point; throws RuleInputError. */
export function checkAreas(operation: string, areaM2: number, overlapsM2: OverlapsM2): void {
  if (typeof areaM2 !== 'number' || !Number.isFinite(areaM2) || areaM2 < 0) {
    throw new RuleInputError(operation, 'areaM2', areaM2, 'a finite number ≥ 0');
  }
  if (overlapsM2 === null || typeof overlapsM2 !== 'object') {
    throw new RuleInputError(operation, 'overlapsM2', overlapsM2, 'an object keyed by protection kind');
  }
  for (const [kind, value] of Object.entries(overlapsM2)) {
    if (!OVERLAP_KEYS.includes(kind)) {
      throw new RuleInputError(operation, 'overlapsM2', kind, `a protection kind or attribute key (${OVERLAP_KEYS.join(', ')})`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RuleInputError(operation, `overlapsM2.${kind}`, value, 'a finite number ≥ 0');
    }
  }
}
