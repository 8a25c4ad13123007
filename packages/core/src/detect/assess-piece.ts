// Stage "assess": the verdict on one measured, overlaid piece (severity, rule ids, reasons, gain eligibility).
import { assessDetection, isEligibleGain, type Assessment, type Classification, type OverlapsM2, type PieceFact, type RuleSet } from '../rules/index.ts';
import type { ChangePiece } from '../types.ts';

export interface PieceVerdict {
  assessment: Assessment;
  /** gains only: whether the gain is an eligible 转进 */
  eligibleGain?: boolean;
}

export function assessPiece(
  piece: ChangePiece,
  classification: Classification,
  areaM2: number,
  overlay: { overlapsM2: OverlapsM2; facts: readonly PieceFact[] },
  rules: RuleSet,
): PieceVerdict {
  const assessment = assessDetection(
    classification,
    {
      areaM2,
      overlapsM2: overlay.overlapsM2,
      facts: overlay.facts,
      afterCode: piece.afterCode,
      afterSlopeClass: piece.afterSlopeClass,
      afterRefinement: piece.afterRefinement,
      afterSettlementCode: piece.afterSettlementCode,
      afterPlanting: piece.afterPlanting,
    },
    rules,
  );
  // the assessment evaluates gain eligibility itself: one source for rule_ids and the ledger
  const eligibleGain = classification.changeType === 'gain' ? isEligibleGain(assessment) : undefined;
  return { assessment, eligibleGain };
}
