// Classify each piece once: the tile reads protection features for these pieces and detects them without
// classifying again.
import { classifyChange, type RuleSet } from '../rules/index.ts';
import type { ChangePiece } from '../types.ts';
import type { ClassifiedPiece } from './tile-types.ts';

/** The pieces that are detections (and the 旱改水 pieces the ledger counts), each with its classification, in input order. */
export function classifyPieces(pieces: readonly ChangePiece[], rules: RuleSet): ClassifiedPiece[] {
  const out: ClassifiedPiece[] = [];
  for (const piece of pieces) {
    const classification = classifyChange(piece, rules);
    if (classification !== null) out.push({ piece, classification });
  }
  return out;
}
