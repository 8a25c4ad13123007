// docs/RULES.md "Gains": is a gain (non-耕地 → 耕地) an eligible 转进, i.e. may it balance 转出?

import { normalizeAttributeCode } from '../codes/attribute-code-list.ts';
import { UnknownLandUseCodeError } from '../codes/errors.ts';
import { normalizeLandUseCode } from '../codes/land-use-code-table.ts';
import { PLANTING_CODES } from '../codes/planting-codes.ts';
import { REFINEMENT_CODES } from '../codes/refinement-codes.ts';
import { SETTLEMENT_CODES } from '../codes/settlement-codes.ts';
import { SLOPE_CLASSES } from '../codes/slope-classes.ts';
import type { LandClass } from '../types.ts';
import { checkAreas, isSignificant, type OverlapsM2 } from './overlap-coverage.ts';
import type { RuleSet } from './rule-set.ts';

/** Input of gainEligibility: the after-state attributes of the gained piece and its overlaps. */
export interface GainEligibilityInput {
  /** BGHGDPDJB. */
  afterSlopeClass?: string;
  /** BGHTBXHDM. */
  afterRefinement?: string;
  /** BGHCZCSXM. */
  afterSettlementCode?: string;
  /** BGHZZSXDM. */
  afterPlanting?: string;
  /** Piece area, m². */
  areaM2: number;
  /** Overlap areas per protection kind, m². */
  overlapsM2: OverlapsM2;
  /** BGQDLBM. Optional: when given and the regime is 进出平衡, a source outside 农用地 is not a 转进. */
  beforeCode?: string;
}

/** The verdict. */
export interface GainEligibility {
  eligible: boolean;
  /** Rule ids of every exclusion that applies, in documented order (empty when eligible). */
  reasons: string[];
}

/**
^ * The exclusions that can be tested in data:
 * - 'gain-slope-over-25': GDPDJB = 5;
 * - 'gain-unstable-refinement': TBXHDM ∈ {HDGD, HQGD, LQGD, MQGD, SHGD, SMGD};
 * - 'gain-in-ecological-redline': a significant overlap with ecological-redline (same sliver threshold as elsewhere);
 * - 'gain-in-settlement': CZCSXM ∈ {201, 202, 203} (+ 201A/202A/203A if settlementAVariantsCountAsSettlement);
 * - 'gain-abandoned': ZZSXDM = WG (not long-term stable);
 * - 'gain-not-in-out-source': regime 进出平衡 and beforeCode given and not 农用地 (that is 补充耕地 under 占补平衡);
 * - 'gain-unverifiable-attribute': a slope/refinement/settlement/planting value not in its code list. Unknown values
 *   are never guessed, so the gain is not counted until the value is fixed.
 * Not testable without layers the pipeline does not have: polluted land (严格管控类), 自然保护地, 饮用水水源一级保护区,
 * 毁林 / 退耕还林 sources, flips back in later years.
 */
export function gainEligibility(input: GainEligibilityInput, rules: RuleSet): GainEligibility {
  let source: LandClass | undefined;
  if (input.beforeCode !== undefined) {
    const code = normalizeLandUseCode(input.beforeCode);
    const entry = rules.codes.get(code);
    if (entry === undefined) throw new UnknownLandUseCodeError(code, rules.codes.version, { field: 'beforeCode' });
    source = entry.landClass;
  }
  return evaluateGain(input, source, rules);
}

/** Exclusion rule ids that gainEligibility can return. */
export const GAIN_EXCLUSION_RULE_IDS: readonly string[] = [
  'gain-slope-over-25',
  'gain-unstable-refinement',
  'gain-in-ecological-redline',
  'gain-in-settlement',
  'gain-abandoned',
  'gain-not-in-out-source',
  'gain-unverifiable-attribute',
];

/** gainEligibility with the source's 三大类 already known (undefined = not tested). */
export function evaluateGain(
  input: Omit<GainEligibilityInput, 'beforeCode'>,
  sourceClass: LandClass | undefined,
  rules: RuleSet,
): GainEligibility {
  checkAreas('gainEligibility', input.areaM2, input.overlapsM2);
  const reasons: string[] = [];
  let unverifiable = false;

  const slope = normalizeAttributeCode(input.afterSlopeClass);
  if (slope !== undefined) {
    if (SLOPE_CLASSES.get(slope) === undefined) unverifiable = true;
    else if (slope === '5') reasons.push('gain-slope-over-25');
  }
  const refinement = normalizeAttributeCode(input.afterRefinement);
  if (refinement !== undefined) {
    const entry = REFINEMENT_CODES.get(refinement);
    if (entry === undefined) unverifiable = true;
    else if (entry.unstableCultivated) reasons.push('gain-unstable-refinement');
  }
  if (isSignificant(input.overlapsM2['ecological-redline'] ?? 0, input.areaM2, rules)) {
    reasons.push('gain-in-ecological-redline');
  }
  const settlement = normalizeAttributeCode(input.afterSettlementCode);
  if (settlement !== undefined) {
    const entry = SETTLEMENT_CODES.get(settlement);
    if (entry === undefined) unverifiable = true;
    else if (entry.settlement || (entry.standaloneIndustrial && rules.config.settlementAVariantsCountAsSettlement)) {
      reasons.push('gain-in-settlement');
    }
  }
  const planting = normalizeAttributeCode(input.afterPlanting);
  if (planting !== undefined) {
    if (PLANTING_CODES.get(planting) === undefined) unverifiable = true;
    else if (planting === 'WG') reasons.push('gain-abandoned');
  }
  if (sourceClass !== undefined && sourceClass !== 'agricultural' && rules.config.balanceRegime === 'in-out-balance') {
    reasons.push('gain-not-in-out-source');
  }
  if (unverifiable) reasons.push('gain-unverifiable-attribute');
  return { eligible: reasons.length === 0, reasons };
}

/** True when an assessment of a gain carries none of the exclusion rule ids (use it to feed BalanceLedger.add). */
export function isEligibleGain(assessment: { ruleIds: readonly string[] }): boolean {
  return !assessment.ruleIds.some((id) => GAIN_EXCLUSION_RULE_IDS.includes(id));
}
