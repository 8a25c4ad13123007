import { describe, expect, it } from 'vitest';
import { UnknownLandUseCodeError } from '../src/codes/index.ts';
import {
  GAIN_EXCLUSION_RULE_IDS,
  RuleInputError,
  assessDetection,
  classifyChange,
  createRuleSet,
  gainEligibility,
  isEligibleGain,
  ruleById,
} from '../src/rules/index.ts';

const rules = createRuleSet({ surveyYear: 2023 });
const base = { areaM2: 1000, overlapsM2: {} };

describe('gainEligibility (docs/RULES.md 转进 exclusions)', () => {
  it('a gain with clean attributes is eligible', () => {
    expect(gainEligibility({ ...base, afterSlopeClass: '4', afterRefinement: '', afterPlanting: 'LS', afterSettlementCode: '204' }, rules)).toEqual({
      eligible: true,
      reasons: [],
    });
    expect(gainEligibility(base, rules)).toEqual({ eligible: true, reasons: [] });
  });

  it.each([
    ['slope > 25°', { afterSlopeClass: '5' }, 'gain-slope-over-25'],
    ['河道耕地', { afterRefinement: 'HDGD' }, 'gain-unstable-refinement'],
    ['湖区耕地', { afterRefinement: 'hqgd' }, 'gain-unstable-refinement'],
    ['林区耕地', { afterRefinement: 'LQGD' }, 'gain-unstable-refinement'],
    ['牧区耕地', { afterRefinement: 'MQGD' }, 'gain-unstable-refinement'],
    ['沙荒耕地', { afterRefinement: 'SHGD' }, 'gain-unstable-refinement'],
    ['石漠化耕地', { afterRefinement: 'SMGD' }, 'gain-unstable-refinement'],
    ['生态保护红线', { overlapsM2: { 'ecological-redline': 20 } }, 'gain-in-ecological-redline'],
    ['城市', { afterSettlementCode: '201' }, 'gain-in-settlement'],
    ['建制镇', { afterSettlementCode: '202' }, 'gain-in-settlement'],
    ['村庄', { afterSettlementCode: ' 203 ' }, 'gain-in-settlement'],
    ['未耕种', { afterPlanting: 'WG' }, 'gain-abandoned'],
    ['from 建设用地 under 进出平衡', { beforeCode: '0702' }, 'gain-not-in-out-source'],
    ['from 未利用地 under 进出平衡', { beforeCode: '1206' }, 'gain-not-in-out-source'],
    ['unknown slope class', { afterSlopeClass: '05' }, 'gain-unverifiable-attribute'],
    ['unknown refinement', { afterRefinement: 'XXGD' }, 'gain-unverifiable-attribute'],
    ['unknown settlement code', { afterSettlementCode: '206' }, 'gain-unverifiable-attribute'],
    ['unknown planting code (e.g. a removed one)', { afterPlanting: 'GZ' }, 'gain-unverifiable-attribute'],
  ])('%s → %s', (_, extra, reason) => {
    const result = gainEligibility({ ...base, ...extra }, rules);
    expect(result).toEqual({ eligible: false, reasons: [reason] });
    expect(() => ruleById(reason)).not.toThrow();
    expect(GAIN_EXCLUSION_RULE_IDS).toContain(reason);
  });

  it('lists every exclusion that applies, in table order', () => {
    const result = gainEligibility(
      { ...base, afterSlopeClass: '5', afterRefinement: 'SMGD', afterSettlementCode: '203', afterPlanting: 'WG', overlapsM2: { 'ecological-redline': 1000 } },
      rules,
    );
    expect(result.reasons).toEqual([
      'gain-slope-over-25',
      'gain-unstable-refinement',
      'gain-in-ecological-redline',
      'gain-in-settlement',
      'gain-abandoned',
    ]);
  });

  it('does not exclude on slivers of 生态保护红线', () => {
    expect(gainEligibility({ ...base, overlapsM2: { 'ecological-redline': 9.9 } }, rules).eligible).toBe(true); // 0.99 %
    expect(gainEligibility({ areaM2: 50, overlapsM2: { 'ecological-redline': 0.9 } }, rules).eligible).toBe(true); // < 1 m²
  });

  it('settlement A-variants count only when configured', () => {
    expect(gainEligibility({ ...base, afterSettlementCode: '203A' }, rules).eligible).toBe(true);
    const withA = createRuleSet({ surveyYear: 2023, settlementAVariantsCountAsSettlement: true });
    expect(gainEligibility({ ...base, afterSettlementCode: '203A' }, withA).reasons).toEqual(['gain-in-settlement']);
    expect(gainEligibility({ ...base, afterSettlementCode: '204' }, withA).eligible).toBe(true);
  });

  it('the source test applies only under 进出平衡 and only from non-农用地', () => {
    expect(gainEligibility({ ...base, beforeCode: '0301' }, rules).eligible).toBe(true);
    expect(gainEligibility({ ...base, beforeCode: '1202' }, rules).eligible).toBe(true); // 农业设施建设用地
    expect(gainEligibility({ ...base, beforeCode: '0702' }, createRuleSet({ surveyYear: 2025 })).eligible).toBe(true);
    expect(() => gainEligibility({ ...base, beforeCode: '9999' }, rules)).toThrow(UnknownLandUseCodeError);
  });

  it('rejects bad areas', () => {
    expect(() => gainEligibility({ areaM2: -1, overlapsM2: {} }, rules)).toThrow(RuleInputError);
  });

  it('assessDetection reaches the same verdict, and isEligibleGain reads it back', () => {
    const cases = [
      { piece: { beforeCode: '0301', afterCode: '0101' }, extra: {} },
      { piece: { beforeCode: '0301', afterCode: '0101', afterPlanting: 'WG' }, extra: { afterPlanting: 'WG' } },
      { piece: { beforeCode: '0702', afterCode: '0101' }, extra: {} },
      { piece: { beforeCode: '0201', afterCode: '0103' }, extra: { afterSlopeClass: '5' } },
    ];
    for (const { piece, extra } of cases) {
      const c = classifyChange(piece, rules)!;
      const assessment = assessDetection(c, { ...base, ...extra }, rules);
      const direct = gainEligibility({ ...base, ...extra, beforeCode: piece.beforeCode }, rules);
      expect(isEligibleGain(assessment)).toBe(direct.eligible);
      for (const reason of direct.reasons) expect(assessment.ruleIds).toContain(reason);
    }
  });
});
