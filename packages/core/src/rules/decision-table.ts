// The severity decision table as data (docs/RULES.md "Decision table"). assess-detection.ts evaluates it:
//   1. 'base' rows: the FIRST row whose condition holds sets the starting severity (one row per change type,
//      more specific rows first);
//   2. 'modifier' rows: EVERY row whose condition holds is applied, in table order — escalations (永久基本农田) first,
//      then reports/flags, then lowerings (城镇开发边界, 已批, 备案), then marks and gain verdicts.
// Every row adds its rule ids (after the classification's) and its reason; the reason ends with the legal basis of
// the row (its `basis` rule, else its first rule id, else the classification's first rule). Overlap tests use
// Coverage classes (overlap-coverage.ts): an overlap counts when ≥ overlapMinM2 and, below 200 m², ≥ overlapMinShare
// of the piece; 'full' means the uncovered remainder does not count.
// Reason placeholders: {balance} → 进出平衡 | 占补平衡 (by regime); {share} → the covered share of the key in the
// row's first overlap test, e.g. "63.2%"; {eligibility} → titles of the failed gain tests.
// Each row has a fixture named after its id in packages/core/test/fixtures/rules/.

import type { ChangeType } from '../types.ts';
import type { ClassifiedChange } from './classify-change.ts';
import type { OverlapKey } from './overlap-coverage.ts';
import type { SeverityEffect } from './severity.ts';
import type { Tag } from './tags.ts';

/** Overlap test on one protection kind or attribute key. */
export type CoverageTest = 'none' | 'any' | 'partial' | 'full' | 'not-full';

/** Facts about a piece found in the overlay (layer attributes), beside the classification's tags. */
export type PieceFact = 'approval-after-change';

/** When a row applies: all given parts must hold. */
export interface DecisionCondition {
  /** The classification's change type is one of these. */
  changeTypes: readonly ClassifiedChange[];
  /** The classification has at least one of these tags. */
  anyTag?: readonly Tag[];
  /** The classification has none of these tags. */
  noTag?: readonly Tag[];
  /** Coverage tests per protection kind or attribute key; all must hold. */
  overlaps?: Partial<Record<OverlapKey, CoverageTest>>;
  /** The overlay found this fact. */
  fact?: PieceFact;
  /** Gains only: outcome of gainEligibility. */
  eligible?: boolean;
}

/** One row of the table. */
export interface DecisionRow {
  /** Stable id; also the fixture name. */
  id: string;
  phase: 'base' | 'modifier';
  when: DecisionCondition;
  /** Severity effect; none = the row only adds rule ids / a reason. */
  severity?: SeverityEffect;
  /** Rule ids the row adds. */
  ruleIds?: readonly string[];
  /** The rule whose citation the reason names (default: the first of ruleIds, else the classification's first). */
  basis?: string;
  /** Short 中文 reason (placeholders above); the legal basis is appended when the reason is written. */
  reason: string;
}

const LOSSES: readonly ChangeType[] = ['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused'];
const NOT_GAIN: readonly ChangeType[] = [
  ...LOSSES,
  'non_grain_planting',
  'tree_intercrop',
  'abandoned',
  'paddy_to_dry',
  'restorable_loss',
];
/** The targets the 四严禁 name: 林果业, 挖塘养鱼, 挖湖造景, new facilities. */
const FOUR_PROHIBITION_TAGS: readonly Tag[] = ['plantation', 'forest', 'fish-pond', 'dig-lake-landscaping', 'facility-agricultural'];

/** The decision table. Order matters (see top of file). */
export const DECISION_TABLE: readonly DecisionRow[] = deepFreeze([
  // ── base: one starting severity per change type ───────────────────────────────────────────────────────────
  {
    id: 'base-non-agricultural',
    phase: 'base',
    when: { changeTypes: ['non_agricultural'] },
    severity: { set: 'high' },
    reason: '耕地转为建设用地（非农化）：须农用地转用审批并落实耕地占补平衡',
  },
  {
    id: 'base-non-grain-land',
    phase: 'base',
    when: { changeTypes: ['non_grain_land'] },
    severity: { set: 'medium' },
    reason: '耕地转为园地、林地、草地、坑塘等其他农用地（非粮化）：须落实耕地{balance}',
  },
  {
    id: 'base-agricultural-facility',
    phase: 'base',
    when: { changeTypes: ['agricultural_facility'] },
    severity: { set: 'medium' },
    reason: '耕地转为农业设施建设用地（设施农用地/农村道路）：须备案或审批并落实耕地{balance}',
  },
  {
    id: 'base-to-water-lake',
    phase: 'base',
    when: { changeTypes: ['to_water'], anyTag: ['dig-lake-landscaping'] },
    severity: { set: 'medium' },
    reason: '耕地转为湖泊水面：疑似挖湖造景，或河湖水面自然扩大（不计入转出），需核查',
  },
  {
    id: 'base-to-water-natural',
    phase: 'base',
    when: { changeTypes: ['to_water'], anyTag: ['possible-natural-flooding'] },
    severity: { set: 'low' },
    reason: '耕地转为河流水面：可能为河湖水面自然扩大（不计入转出），需核查',
  },
  {
    id: 'base-to-water',
    phase: 'base',
    when: { changeTypes: ['to_water'] },
    severity: { set: 'medium' },
    reason: '耕地转为水库水面或沟渠：须落实耕地{balance}',
  },
  {
    id: 'base-to-unused-wetland',
    phase: 'base',
    when: { changeTypes: ['to_unused'], anyTag: ['wetland'] },
    severity: { set: 'low' },
    reason: '耕地转为滩涂、沼泽等湿地：可能为河湖水面自然扩大（不计入转出），需核查',
  },
  {
    id: 'base-to-unused-pre-construction',
    phase: 'base',
    when: { changeTypes: ['to_unused'], anyTag: ['possible-pre-construction'] },
    severity: { set: 'medium' },
    reason: '耕地转为裸土地：常为推土动土（建设前期），需核查',
  },
  {
    id: 'base-to-unused',
    phase: 'base',
    when: { changeTypes: ['to_unused'] },
    severity: { set: 'low' },
    reason: '耕地转为未利用地：可能为自然灾害损毁（不计入转出），需核查',
  },
  {
    id: 'base-non-grain-planting',
    phase: 'base',
    when: { changeTypes: ['non_grain_planting'] },
    severity: { set: 'info' },
    reason: '耕地种植属性为种植非粮作物(FLS)：一般耕地在不破坏耕作层时允许',
  },
  {
    id: 'base-tree-intercrop',
    phase: 'base',
    when: { changeTypes: ['tree_intercrop'] },
    severity: { set: 'low' },
    reason: '耕地种植属性为林粮间作(LLJZ)：关注是否转为林地',
  },
  {
    id: 'base-abandoned',
    phase: 'base',
    when: { changeTypes: ['abandoned'] },
    severity: { set: 'low' },
    reason: '耕地种植属性为未耕种(WG)：撂荒',
  },
  {
    id: 'base-paddy-to-dry',
    phase: 'base',
    when: { changeTypes: ['paddy_to_dry'] },
    severity: { set: 'low' },
    reason: '水田改为水浇地或旱地（水改旱）：水田面积减少，需核实原因',
  },
  {
    id: 'base-restorable-loss-construction',
    phase: 'base',
    when: { changeTypes: ['restorable_loss'], anyTag: ['to-construction'] },
    severity: { set: 'high' },
    reason: '可恢复为耕地的土地（即可恢复/工程恢复、可调整地类、后备耕地）转为建设用地',
  },
  {
    id: 'base-restorable-loss',
    phase: 'base',
    when: { changeTypes: ['restorable_loss'] },
    severity: { set: 'medium' },
    reason: '可恢复为耕地的土地（即可恢复/工程恢复、可调整地类、后备耕地）转为林地、园地或坑塘',
  },
  {
    id: 'base-gain',
    phase: 'base',
    when: { changeTypes: ['gain'] },
    severity: { set: 'info' },
    reason: '非耕地变为耕地（耕地流入）',
  },
  {
    id: 'base-dry-to-paddy',
    phase: 'base',
    when: { changeTypes: ['dry_to_paddy'] },
    severity: { set: 'info' },
    basis: 'paddy-balance',
    reason: '旱地、水浇地改为水田：计入旱改水面积',
  },

  // ── 永久基本农田: escalate (one fact, one row) ───────────────────────────────────────────────────────────────
  {
    id: 'permanent-farmland-non-agricultural',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'critical' },
    ruleIds: ['permanent-farmland-non-agricultural'],
    reason: '占用永久基本农田（{share}）进行非农建设：仅国家重点项目经国务院批准方可占用，须整改恢复',
  },
  {
    // targets the 四严禁 do not name: grass, wetland, other 农用地, 农村道路, 水库/沟渠 — the general prohibition
    id: 'permanent-farmland-conversion',
    phase: 'modifier',
    when: {
      changeTypes: ['non_grain_land', 'agricultural_facility', 'to_water'],
      anyTag: ['balance-out'],
      noTag: FOUR_PROHIBITION_TAGS,
      overlaps: { 'permanent-farmland': 'any' },
    },
    severity: { atLeast: 'critical' },
    ruleIds: ['permanent-farmland-no-conversion'],
    reason: '永久基本农田（{share}）不得转为其他农用地及农业设施建设用地，须整改恢复',
  },
  {
    id: 'permanent-farmland-four-prohibitions',
    phase: 'modifier',
    when: {
      changeTypes: ['non_grain_land', 'agricultural_facility', 'to_water'],
      anyTag: FOUR_PROHIBITION_TAGS,
      overlaps: { 'permanent-farmland': 'any' },
    },
    severity: { atLeast: 'critical' },
    ruleIds: ['permanent-farmland-four-prohibitions'],
    reason: '永久基本农田（{share}）违反"四严禁"（林果业、挖塘养鱼、挖湖造景、新增养殖设施等），须整改恢复',
  },
  {
    // LLJZ is trees on the land: on 永久基本农田 the 四严禁 forbid it outright, as for an orchard — same id, same verdict
    id: 'permanent-farmland-tree-intercrop',
    phase: 'modifier',
    when: { changeTypes: ['tree_intercrop'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'critical' },
    ruleIds: ['permanent-farmland-four-prohibitions'],
    reason: '永久基本农田（{share}）林粮间作：严禁占用永久基本农田发展林果业，须整改恢复',
  },
  {
    id: 'permanent-farmland-water-unused',
    phase: 'modifier',
    when: {
      changeTypes: ['to_water', 'to_unused'],
      noTag: ['balance-out', 'dig-lake-landscaping'],
      overlaps: { 'permanent-farmland': 'any' },
    },
    severity: { atLeast: 'high' },
    ruleIds: ['permanent-farmland-special-protection'],
    reason: '永久基本农田（{share}）转为水域或未利用地：不得擅自改变用途，需核查原因',
  },
  {
    id: 'permanent-farmland-non-grain-planting',
    phase: 'modifier',
    when: { changeTypes: ['non_grain_planting'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'low' },
    ruleIds: ['permanent-farmland-grain-priority'],
    reason: '永久基本农田种植非粮作物：与重点用于粮食生产的要求冲突',
  },
  {
    id: 'permanent-farmland-paddy-to-dry',
    phase: 'modifier',
    when: { changeTypes: ['paddy_to_dry'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'medium' },
    ruleIds: ['permanent-farmland-grain-priority'],
    reason: '永久基本农田（{share}）水田改旱：永久基本农田重点用于粮食生产，特别是稻谷',
  },
  {
    id: 'permanent-farmland-abandoned',
    phase: 'modifier',
    when: { changeTypes: ['abandoned'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'medium' },
    ruleIds: ['permanent-farmland-no-idle'],
    reason: '永久基本农田撂荒：不得闲置、荒芜',
  },
  {
    id: 'permanent-farmland-homestead',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], anyTag: ['rural-homestead'], overlaps: { 'permanent-farmland': 'any' } },
    basis: 'eight-prohibitions-housing',
    reason: '八不准：不准占用永久基本农田建房',
  },
  {
    id: 'permanent-farmland-gain',
    phase: 'modifier',
    when: { changeTypes: ['gain'], overlaps: { 'permanent-farmland': 'any' } },
    reason: '位于永久基本农田范围内（{share}）：恢复为耕地',
  },

  // ── 一般耕地: the 五不得 name 挖湖造景/草皮, 退耕还林还草, 绿化带, 国土绿化, and 园地/林地 by leased capital ─────
  {
    id: 'general-farmland-five-shall-nots',
    phase: 'modifier',
    when: {
      changeTypes: ['non_agricultural', 'non_grain_land', 'to_water'],
      anyTag: ['forest', 'plantation', 'natural-grassland', 'dig-lake-landscaping'],
      overlaps: { 'permanent-farmland': 'not-full' },
    },
    ruleIds: ['five-shall-nots'],
    reason: '一般耕地"五不得"：不得挖湖造景、擅自退耕还林还草、未经批准实施国土绿化或将流转耕地转为林地园地',
  },

  // ── other layers: report / flag ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'high-standard-farmland',
    phase: 'modifier',
    when: { changeTypes: LOSSES, overlaps: { 'high-standard-farmland': 'any' } },
    severity: { atLeast: 'medium' },
    ruleIds: ['high-standard-farmland'],
    reason: '涉及高标准农田（{share}）：在高标准农田内转出耕地，重点关注',
  },
  {
    id: 'farmland-reserve',
    phase: 'modifier',
    when: { changeTypes: LOSSES, overlaps: { 'farmland-reserve': 'any' } },
    ruleIds: ['farmland-reserve'],
    reason: '涉及永久基本农田储备区（{share}），按一般耕地管理',
  },
  {
    id: 'ecological-redline',
    phase: 'modifier',
    when: { changeTypes: NOT_GAIN, overlaps: { 'ecological-redline': 'any' } },
    ruleIds: ['ecological-redline'],
    reason: '涉及生态保护红线（{share}）',
  },

  // ── lower: planned or approved use ───────────────────────────────────────────────────────────────────────────
  {
    id: 'urban-boundary-full',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'urban-development-boundary': 'full' } },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['urban-development-boundary'],
    reason: '位于城镇开发边界内：属规划建设用途，仍须办理农用地转用审批',
  },
  {
    id: 'urban-boundary-partial',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'urban-development-boundary': 'partial' } },
    ruleIds: ['urban-development-boundary'],
    reason: '部分（{share}）位于城镇开发边界内：严重程度不降低',
  },
  {
    id: 'approved-full',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural', 'restorable_loss'], overlaps: { 'approved-construction': 'full', 'permanent-farmland': 'none' } },
    severity: { atMost: 'low' },
    ruleIds: ['approved-construction'],
    reason: '已批建设用地完全覆盖：核实是否按批准范围和用途建设',
  },
  {
    id: 'approved-partial',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural', 'restorable_loss'], overlaps: { 'approved-construction': 'partial', 'permanent-farmland': 'none' } },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['approved-construction'],
    reason: '已批建设用地部分覆盖（{share}）：未覆盖部分需核查',
  },
  {
    id: 'approved-state-council-full',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'approved-state-council': 'full', 'permanent-farmland': 'any' } },
    severity: { atMost: 'low' },
    ruleIds: ['approved-construction'],
    basis: 'permanent-farmland-approval-authority',
    reason: '国务院批准的建设用地完全覆盖（涉及永久基本农田）：核实是否按批准范围和用途建设',
  },
  {
    id: 'approved-state-council-partial',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'approved-state-council': 'partial', 'permanent-farmland': 'any' } },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['approved-construction'],
    basis: 'permanent-farmland-approval-authority',
    reason: '国务院批准的建设用地部分覆盖（{share}）：未覆盖部分需核查',
  },
  {
    id: 'permanent-farmland-approval-authority',
    phase: 'modifier',
    when: {
      changeTypes: ['non_agricultural'],
      overlaps: { 'approved-construction': 'any', 'approved-state-council': 'none', 'permanent-farmland': 'any' },
    },
    ruleIds: ['permanent-farmland-approval-authority'],
    reason: '覆盖图斑的批准文件批准机关不是国务院（或未载明）：不能作为占用永久基本农田的依据，严重程度不降低',
  },
  {
    id: 'approved-pre-construction',
    phase: 'modifier',
    when: {
      changeTypes: ['to_unused'],
      anyTag: ['possible-pre-construction'],
      overlaps: { 'approved-construction': 'full', 'permanent-farmland': 'none' },
    },
    severity: { atMost: 'low' },
    ruleIds: ['approved-construction'],
    reason: '裸土地位于已批建设用地内：建设前期',
  },
  {
    // the approval still covers the piece, but construction came first: never below medium
    id: 'approval-after-change',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural', 'to_unused', 'restorable_loss'], fact: 'approval-after-change' },
    severity: { atLeast: 'medium' },
    ruleIds: ['approval-after-change'],
    reason: '批准日期晚于图斑更新时间：疑似未批先建',
  },
  {
    id: 'facility-filing-full',
    phase: 'modifier',
    when: {
      changeTypes: ['agricultural_facility'],
      anyTag: ['facility-agricultural'],
      overlaps: { 'facility-filing': 'full', 'permanent-farmland': 'none' },
    },
    severity: { atMost: 'low' },
    ruleIds: ['facility-filing'],
    reason: '设施农用地备案完全覆盖：仍须落实耕地{balance}',
  },
  {
    id: 'facility-filing-partial',
    phase: 'modifier',
    when: {
      changeTypes: ['agricultural_facility'],
      anyTag: ['facility-agricultural'],
      overlaps: { 'facility-filing': 'partial', 'permanent-farmland': 'none' },
    },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['facility-filing'],
    reason: '设施农用地备案部分覆盖（{share}）：未覆盖部分需核查',
  },
  {
    id: 'facility-filing-in-permanent-farmland',
    phase: 'modifier',
    when: {
      changeTypes: ['agricultural_facility'],
      anyTag: ['facility-agricultural'],
      overlaps: { 'facility-filing': 'any', 'permanent-farmland': 'any' },
    },
    ruleIds: ['facility-filing'],
    basis: 'permanent-farmland-four-prohibitions',
    reason: '设施农用地备案不能使永久基本农田上新增的设施合法：严重程度不降低',
  },

  // ── marks ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'temporary-use',
    phase: 'modifier',
    when: { changeTypes: NOT_GAIN, overlaps: { 'temporary-use': 'any' } },
    ruleIds: ['temporary-use'],
    reason: '位于临时用地范围内（{share}）：使用期满须复垦',
  },
  {
    id: 'temporary-use-in-permanent-farmland',
    phase: 'modifier',
    when: { changeTypes: NOT_GAIN, overlaps: { 'temporary-use': 'any', 'permanent-farmland': 'any' } },
    basis: 'temporary-use',
    reason: '临时用地原则上不得占用永久基本农田',
  },
  {
    id: 'temporary-use-expired',
    phase: 'modifier',
    when: { changeTypes: NOT_GAIN, overlaps: { 'temporary-use-expired': 'any' } },
    ruleIds: ['temporary-use-expired'],
    reason: '临时用地使用期已满（{share}）：不再视为临时用地，应复垦',
  },

  // ── gains ─────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'gain-eligible',
    phase: 'modifier',
    when: { changeTypes: ['gain'], eligible: true },
    reason: '符合转进条件：可计入耕地{balance}',
  },
  {
    id: 'gain-ineligible',
    phase: 'modifier',
    when: { changeTypes: ['gain'], eligible: false },
    reason: '不能计入耕地{balance}：{eligibility}',
  },
]);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
