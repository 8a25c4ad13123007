// Which change type (if any) a DLTBGXGC piece is, from its before/after codes and planting attributes alone
// (docs/RULES.md "Change types"). Protection layers come later (assess-detection.ts).

import { normalizeAttributeCode } from '../codes/attribute-code-list.ts';
import { UnknownLandUseCodeError } from '../codes/errors.ts';
import { normalizeLandUseCode, type LandUseCode } from '../codes/land-use-code-table.ts';
import { PLANTING_CODES } from '../codes/planting-codes.ts';
import type { ChangePiece, ChangeType } from '../types.ts';
import type { RuleSet } from './rule-set.ts';
import type { Tag } from './tags.ts';

/**
 * What a classified piece is: a detection's change type, or 'dry_to_paddy' (0102/0103 → 0101 水田): not a detection,
 * but the balance ledger counts it (dry_to_paddy_m2).
 */
export type ClassifiedChange = ChangeType | 'dry_to_paddy';

/** The outcome of classifyChange. */
export interface Classification {
  changeType: ClassifiedChange;
  /** Rules that follow from the codes alone (overlap-dependent rules are added by assessDetection). */
  ruleIds: string[];
  /** Facts about the change (see TAGS). */
  tags: Tag[];
  /** Before is 0101 水田 and after is not. */
  paddyLoss: boolean;
  /** After is 0101 水田 and before is not. */
  paddyGain: boolean;
}

/** Input of classifyChange: the four fields of a ChangePiece it reads. */
export type ClassifyInput = Pick<ChangePiece, 'beforeCode' | 'afterCode' | 'beforePlanting' | 'afterPlanting'>;

/** After-codes (or their parents) of the change-type rows that are not decided by 三大类 alone. */
const FACILITY_TARGETS: Readonly<Record<string, Tag>> = { '1202': 'facility-agricultural', '1006': 'rural-road' };
const WATER_TARGETS: Readonly<Record<string, Tag[]>> = {
  '1101': ['possible-natural-flooding'],
  '1102': ['dig-lake-landscaping', 'possible-natural-flooding'],
  '1103': ['reservoir'],
  '1107': ['ditch'],
};
// 湿地 targets 1105 沿海滩涂, 1106 内陆滩涂, 1108 沼泽地 are treated alike: 未利用地, most often water that spread
// over the land (the exemption 河湖水面自然扩大), so they are to_unused, flagged for review and not counted as 转出.
const WETLAND_TARGETS: ReadonlySet<string> = new Set(['1105', '1106', '1108']);
const UNUSED_TARGETS: Readonly<Record<string, Tag>> = {
  '1204': 'possible-natural-disaster',
  '1205': 'possible-natural-disaster',
  '1206': 'possible-pre-construction',
  '1207': 'possible-natural-disaster',
};
/** 一级 divisions of the code number (0303 → '03') that are 非粮化 land-class targets. */
const NON_GRAIN_DIVISIONS: Readonly<Record<string, Tag>> = { '02': 'plantation', '03': 'forest', '04': 'grassland' };
/** 水田 and the two dry 耕地 classes. */
const PADDY = '0101';
const DRY: ReadonlySet<string> = new Set(['0102', '0103']);

/**
 * Classifies one piece (docs/RULES.md "Change types"):
 * - 耕地 → non-耕地: non_agricultural / agricultural_facility / to_water / to_unused / non_grain_land;
 * - non-耕地 → 耕地: gain;
 * - 耕地 → 耕地: paddy_to_dry (0101 → 0102/0103); else non_grain_planting (after FLS), tree_intercrop (after LLJZ),
 *   abandoned (after WG) — by the after-attribute alone, as the survey's planting rows are; else dry_to_paddy
 *   (0102/0103 → 0101, ledger only); otherwise null;
 * - restorable non-耕地 (JKHF/GCHF, a K-code, 1208) → construction, 园地, 林地 or 坑塘: restorable_loss;
 * - other non-耕地 → non-耕地: null.
 * Codes are normalised first; an unknown code throws UnknownLandUseCodeError.
 */
export function classifyChange(piece: ClassifyInput, rules: RuleSet): Classification | null {
  const before = lookup(piece.beforeCode, 'beforeCode', rules);
  const after = lookup(piece.afterCode, 'afterCode', rules);
  const beforeCultivated = isCultivated(before, rules);
  const afterCultivated = isCultivated(after, rules);

  let result: Classification | null;
  if (!beforeCultivated && !afterCultivated) result = restorableLoss(before, after, piece);
  else if (beforeCultivated && afterCultivated) result = cultivatedChange(before, after, piece);
  else if (afterCultivated) result = gain(before, piece);
  else result = loss(after, rules);
  if (result === null) return null;

  result.paddyLoss = before.paddy && !after.paddy;
  result.paddyGain = after.paddy && !before.paddy;
  if (result.paddyLoss) result.tags.push('paddy-loss');
  if (result.paddyGain) result.tags.push('paddy-gain');
  if (result.paddyLoss && (result.tags.includes('balance-out') || result.tags.includes('balance-occupied'))) {
    result.ruleIds.push('paddy-balance');
  }
  if (before.status === 'uncertain' || after.status === 'uncertain') {
    result.tags.push('uncertain-code');
    result.ruleIds.push('uncertain-land-use-code');
  }
  return result;
}

/** 耕地 for the rules: 0101–0103, plus 1208 when the rule set says so. */
export function isCultivated(code: LandUseCode, rules: RuleSet): boolean {
  return code.cultivated || (code.code === '1208' && rules.config.treat1208AsCultivated);
}

function lookup(raw: string, field: string, rules: RuleSet): LandUseCode {
  const code = normalizeLandUseCode(raw);
  // the 三调 class the rules below are written for (a 用地用海 code's crosswalked class), from the run's own table
  const entry = rules.codes.ruleConcept(code);
  if (entry === undefined) throw new UnknownLandUseCodeError(code, rules.codes.version, { field });
  return entry;
}

function make(changeType: ClassifiedChange, tags: Tag[], ruleIds: string[]): Classification {
  return { changeType, ruleIds, tags, paddyLoss: false, paddyGain: false };
}

/** The regime's rule for 耕地 → other 农用地 / 农业设施建设用地. */
function balanceRule(rules: RuleSet): string {
  return rules.config.balanceRegime;
}

/** The regime's rule for 耕地 → 建设用地. */
function compensationRule(rules: RuleSet): string {
  return rules.config.balanceRegime === 'in-out-balance' ? 'occupation-compensation' : 'unified-occupation-compensation';
}

/** 耕地 → non-耕地. Rows are tried in the documented order; explicit code lists win over the 00 湿地 group. */
function loss(after: LandUseCode, rules: RuleSet): Classification {
  const base = after.parent ?? after.code;
  const kTag: Tag[] = after.suffix === 'K' ? ['adjustable-k-code'] : [];

  if (after.landClass === 'construction') {
    const tags: Tag[] = [];
    const ruleIds = ['six-prohibitions-nonagri', compensationRule(rules)];
    // Only 0810 itself: 0810A 广场用地 is a paved square, not landscaping.
    if (after.code === '0810') {
      tags.push('dig-lake-landscaping');
      ruleIds.push('six-prohibitions-lake');
    }
    if (base === '0702') {
      tags.push('rural-homestead');
      ruleIds.push('eight-prohibitions-housing');
    }
    // the unified 占补平衡 counts construction as 占用 in the same ledger
    if (rules.config.balanceRegime === 'unified-occupation-compensation') tags.push('balance-occupied');
    return make('non_agricultural', tags, ruleIds);
  }
  const facility = FACILITY_TARGETS[base];
  if (facility !== undefined) {
    return make('agricultural_facility', [facility, 'balance-out'], [balanceRule(rules)]);
  }
  const water = WATER_TARGETS[base];
  if (water !== undefined) {
    // 1103/1107 are 农用地 ("other 农用地": counted as 转出); 1101/1102 are 未利用地 and may be natural expansion
    // of rivers/lakes (exempt), so they are flagged for review and not counted.
    if (after.landClass === 'agricultural') return make('to_water', [...water, 'balance-out'], [balanceRule(rules)]);
    const ruleIds = ['natural-change-review'];
    if (water.includes('dig-lake-landscaping')) ruleIds.push('six-prohibitions-lake');
    return make('to_water', [...water], ruleIds);
  }
  if (WETLAND_TARGETS.has(base)) return make('to_unused', ['wetland', 'possible-natural-flooding'], ['natural-change-review']);
  const unused = UNUSED_TARGETS[base];
  if (unused !== undefined) return make('to_unused', [unused], ['natural-change-review']);

  const divisionTag = NON_GRAIN_DIVISIONS[base.slice(0, 2)];
  const tags: Tag[] = [];
  if (divisionTag !== undefined) tags.push(divisionTag);
  if (base === '0401') tags.push('natural-grassland');
  if (base === '1104') tags.push('fish-pond');
  if (after.group === '00') tags.push('wetland');
  if (tags.length > 0 || after.landClass === 'agricultural') {
    if (tags.length === 0) tags.push('other-agricultural');
    const ruleIds = [balanceRule(rules)];
    if (divisionTag === 'forest') ruleIds.push('six-prohibitions-afforestation');
    return make('non_grain_land', [...tags, ...kTag, 'balance-out'], ruleIds);
  }
  // Remaining 未利用地 not listed in the rows (1110 冰川及永久积雪): by 三大类.
  return make('to_unused', ['possible-natural-disaster'], ['natural-change-review']);
}

/** non-耕地 → 耕地. */
function gain(before: LandUseCode, piece: ClassifyInput): Classification {
  const source: Tag =
    before.landClass === 'agricultural' ? 'from-agricultural' : before.landClass === 'construction' ? 'from-construction' : 'from-unused';
  const tags: Tag[] = [source];
  const planting = normalizeAttributeCode(piece.beforePlanting);
  if (planting !== undefined && PLANTING_CODES.get(planting)?.restorable === true) tags.push('restorable');
  if (before.suffix === 'K') tags.push('adjustable-k-code');
  tags.push('balance-in');
  return make('gain', tags, ['gain-candidate']);
}

/**
 * 耕地 → 耕地. 水改旱 is a land-class change and wins over the planting attribute; the planting rows read the
 * after-attribute alone (FLS → FLS on a re-surveyed piece is still non-grain planting); dry → 水田 is ledger-only
 * unless a planting row applies (then the detection carries the 'dry-to-paddy' tag for the ledger).
 */
function cultivatedChange(before: LandUseCode, after: LandUseCode, piece: ClassifyInput): Classification | null {
  const beforeBase = before.parent ?? before.code;
  const afterBase = after.parent ?? after.code;
  if (beforeBase === PADDY && DRY.has(afterBase)) return make('paddy_to_dry', ['paddy-to-dry'], ['paddy-to-dry']);
  const dryToPaddy: Tag[] = DRY.has(beforeBase) && afterBase === PADDY ? ['dry-to-paddy'] : [];
  const planting = normalizeAttributeCode(piece.afterPlanting);
  if (planting === 'FLS') return make('non_grain_planting', [...dryToPaddy], ['grain-priority']);
  if (planting === 'LLJZ') return make('tree_intercrop', [...dryToPaddy], ['tree-intercrop']);
  if (planting === 'WG') return make('abandoned', [...dryToPaddy], ['abandonment']);
  return dryToPaddy.length > 0 ? make('dry_to_paddy', dryToPaddy, []) : null;
}

/**
 * Restorable non-耕地 (before-planting JKHF/GCHF, a K-suffixed before-code, or 1208 后备耕地 when not counted as 耕地)
 * turned into construction, 园地, 林地 or 坑塘 (a different class than before). Other non-耕地 changes: null.
 */
function restorableLoss(before: LandUseCode, after: LandUseCode, piece: ClassifyInput): Classification | null {
  const planting = normalizeAttributeCode(piece.beforePlanting);
  const restorable = (planting !== undefined && PLANTING_CODES.get(planting)?.restorable === true) || before.suffix === 'K' || before.code === '1208';
  if (!restorable) return null;
  const beforeBase = before.parent ?? before.code;
  const afterBase = after.parent ?? after.code;
  if (afterBase === beforeBase) return null;
  if (after.landClass === 'construction') return make('restorable_loss', ['restorable', 'to-construction'], ['restorable-land-loss']);
  const division = NON_GRAIN_DIVISIONS[afterBase.slice(0, 2)];
  if (division === 'plantation' || division === 'forest') return make('restorable_loss', ['restorable', division], ['restorable-land-loss']);
  if (afterBase === '1104') return make('restorable_loss', ['restorable', 'fish-pond'], ['restorable-land-loss']);
  return null;
}
