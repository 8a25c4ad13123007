// Classify each piece once: the tile reads protection features for these pieces and detects them without
// classifying again.
import { classifyChange, type RuleSet } from '../rules/index.ts';
import type { ChangePiece } from '../types.ts';
import type { ClassifiedPiece } from './tile-types.ts';

/** The piece with its classification when it is a detection (or a 旱改水 piece the ledger counts), else null. */
export function classifyPiece(piece: ChangePiece, rules: RuleSet): ClassifiedPiece | null {
  const classification = classifyChange(piece, rules);
  return classification === null ? null : { piece, classification };
}

/** The pieces that are detections (and the 旱改水 pieces the ledger counts), each with its classification, in input order. */
export function classifyPieces(pieces: readonly ChangePiece[], rules: RuleSet): ClassifiedPiece[] {
  const out: ClassifiedPiece[] = [];
  for (const piece of pieces) {
    const classified = classifyPiece(piece, rules);
    if (classified !== null) out.push(classified);
  }
  return out;
}
