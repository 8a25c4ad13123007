// The severity decision table (DOMAIN §6.6 + DESIGN §4) as data. assess-detection.ts evaluates it:
//   1. 'base' rows: the FIRST row whose condition holds sets the starting severity (one row per §6.3 change type,
//      more specific rows first);
//   2. 'modifier' rows: EVERY row whose condition holds is applied, in table order — escalations (永久基本农田) first,
//      then reports/flags, then lowerings (城镇开发边界, 已批, 备案), then marks and gain verdicts.
// Every row adds its rule ids (after the classification's) and its reason. Overlap tests use Coverage classes
// (overlap-coverage.ts): an overlap counts only if ≥ overlapMinM2 (1 m²) AND ≥ overlapMinShare (1 %) of the piece;
// 'full' means the uncovered remainder is below either threshold.
// Reason placeholders: {balance} → 进出平衡 | 占补平衡 (by regime); {share} → the covered share of the layer in the
// row's first overlap test, e.g. "63.2%"; {eligibility} → titles of the failed gain tests.
// Each row has a fixture named after its id in packages/core/test/fixtures/rules/.

import type { ChangeType, ProtectionKind } from '../types.ts';
import type { SeverityEffect } from './severity.ts';
import type { Tag } from './tags.ts';

/** Overlap test on one protection kind. */
export type CoverageTest = 'none' | 'any' | 'partial' | 'full' | 'not-full';

/** When a row applies: all given parts must hold. */
export interface DecisionCondition {
  /** The classification's change type is one of these. */
  changeTypes: readonly ChangeType[];
  /** The classification has at least one of these tags. */
  anyTag?: readonly Tag[];
  /** Coverage tests per protection kind; all must hold. */
  overlaps?: Partial<Record<ProtectionKind, CoverageTest>>;
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
  /** Short 中文 reason for the report (placeholders above). */
  reason: string;
}

const LOSSES: readonly ChangeType[] = ['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused'];
const NOT_GAIN: readonly ChangeType[] = [...LOSSES, 'non_grain_planting', 'tree_intercrop', 'abandoned'];

/** The decision table. Order matters (see top of file). */
export const DECISION_TABLE: readonly DecisionRow[] = deepFreeze([
  // ── base: one starting severity per §6.3 row ──────────────────────────────────────────────────────────────
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
    reason: '耕地转为湖泊水面：疑似挖湖造景，或河湖水面自然扩大（可豁免），需核查',
  },
  {
    id: 'base-to-water-natural',
    phase: 'base',
    when: { changeTypes: ['to_water'], anyTag: ['possible-natural-flooding'] },
    severity: { set: 'low' },
    reason: '耕地转为河流水面：可能为河湖水面自然扩大（可豁免），需核查',
  },
  {
    id: 'base-to-water',
    phase: 'base',
    when: { changeTypes: ['to_water'] },
    severity: { set: 'medium' },
    reason: '耕地转为水库水面或沟渠：须落实耕地{balance}',
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
    reason: '耕地转为未利用地：可能为自然灾害损毁（可豁免），需核查',
  },
  {
    id: 'base-non-grain-planting',
    phase: 'base',
    when: { changeTypes: ['non_grain_planting'] },
    severity: { set: 'info' },
    reason: '耕地种植属性变为种植非粮作物(FLS)：一般耕地在不破坏耕作层时允许',
  },
  {
    id: 'base-tree-intercrop',
    phase: 'base',
    when: { changeTypes: ['tree_intercrop'] },
    severity: { set: 'low' },
    reason: '耕地种植属性变为林粮间作(LLJZ)：关注是否转为林地',
  },
  {
    id: 'base-abandoned',
    phase: 'base',
    when: { changeTypes: ['abandoned'] },
    severity: { set: 'low' },
    reason: '耕地种植属性变为未耕种(WG)：撂荒',
  },
  {
    id: 'base-gain',
    phase: 'base',
    when: { changeTypes: ['gain'] },
    severity: { set: 'info' },
    reason: '非耕地变为耕地（耕地流入）',
  },

  // ── 永久基本农田: escalate ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'pbf-non-agricultural',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'critical' },
    ruleIds: ['pbf-nonagri'],
    reason: '占用永久基本农田（{share}）进行非农建设：仅国家重点项目经国务院批准方可占用',
  },
  {
    id: 'pbf-conversion',
    phase: 'modifier',
    when: { changeTypes: ['non_grain_land', 'agricultural_facility'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'critical' },
    ruleIds: ['pbf-no-conversion'],
    reason: '永久基本农田（{share}）不得转为其他农用地及农业设施建设用地',
  },
  {
    id: 'pbf-four-prohibitions',
    phase: 'modifier',
    when: {
      changeTypes: ['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water'],
      anyTag: ['plantation', 'forest', 'fish-pond', 'dig-lake-landscaping', 'facility-agricultural'],
      overlaps: { 'permanent-farmland': 'any' },
    },
    severity: { atLeast: 'critical' },
    ruleIds: ['pbf-four-prohibitions'],
    reason: '违反永久基本农田"四严禁"（林果业、挖塘养鱼、挖湖造景、新增养殖设施等）',
  },
  {
    id: 'pbf-water-unused',
    phase: 'modifier',
    when: { changeTypes: ['to_water', 'to_unused'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'high' },
    ruleIds: ['pbf-special-protection'],
    reason: '永久基本农田（{share}）转为水域或未利用地：不得擅自改变用途，需核查原因',
  },
  {
    id: 'pbf-tree-intercrop',
    phase: 'modifier',
    when: { changeTypes: ['tree_intercrop'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'medium' },
    ruleIds: ['pbf-four-prohibitions'],
    reason: '永久基本农田林粮间作：严禁占用永久基本农田发展林果业',
  },
  {
    id: 'pbf-non-grain-planting',
    phase: 'modifier',
    when: { changeTypes: ['non_grain_planting'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'low' },
    ruleIds: ['pbf-grain-priority'],
    reason: '永久基本农田种植非粮作物：与重点用于粮食生产的要求冲突',
  },
  {
    id: 'pbf-abandoned',
    phase: 'modifier',
    when: { changeTypes: ['abandoned'], overlaps: { 'permanent-farmland': 'any' } },
    severity: { atLeast: 'medium' },
    ruleIds: ['pbf-no-idle'],
    reason: '永久基本农田撂荒：不得闲置、荒芜',
  },
  {
    id: 'pbf-homestead',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], anyTag: ['rural-homestead'], overlaps: { 'permanent-farmland': 'any' } },
    reason: '八不准：不准占用永久基本农田建房',
  },
  {
    id: 'pbf-gain',
    phase: 'modifier',
    when: { changeTypes: ['gain'], overlaps: { 'permanent-farmland': 'any' } },
    reason: '位于永久基本农田范围内（{share}）：恢复为耕地',
  },

  // ── 一般耕地 ──────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'general-farmland-five-shall-nots',
    phase: 'modifier',
    when: {
      changeTypes: ['non_agricultural', 'non_grain_land', 'to_water'],
      anyTag: ['forest', 'grassland', 'wetland', 'dig-lake-landscaping'],
      overlaps: { 'permanent-farmland': 'not-full' },
    },
    ruleIds: ['five-shall-nots'],
    reason: '一般耕地"五不得"：不得挖湖造景、种植草皮、擅自退耕还林还草还湿、未经批准实施国土绿化',
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
    when: { changeTypes: ['non_agricultural'], overlaps: { 'approved-construction': 'full' } },
    severity: { atMost: 'low' },
    ruleIds: ['approved-construction'],
    reason: '已批建设用地完全覆盖：核实是否按批准范围和用途建设',
  },
  {
    id: 'approved-partial',
    phase: 'modifier',
    when: { changeTypes: ['non_agricultural'], overlaps: { 'approved-construction': 'partial' } },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['approved-construction'],
    reason: '已批建设用地部分覆盖（{share}）：未覆盖部分需核查',
  },
  {
    id: 'approved-pre-construction',
    phase: 'modifier',
    when: { changeTypes: ['to_unused'], anyTag: ['possible-pre-construction'], overlaps: { 'approved-construction': 'full' } },
    severity: { atMost: 'low' },
    ruleIds: ['approved-construction'],
    reason: '裸土地位于已批建设用地内：建设前期',
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
    id: 'facility-filing-full-in-pbf',
    phase: 'modifier',
    when: {
      changeTypes: ['agricultural_facility'],
      anyTag: ['facility-agricultural'],
      overlaps: { 'facility-filing': 'full', 'permanent-farmland': 'any' },
    },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['facility-filing'],
    reason: '设施农用地备案覆盖但涉及永久基本农田：核查是否符合"四严禁"',
  },
  {
    id: 'facility-filing-partial',
    phase: 'modifier',
    when: { changeTypes: ['agricultural_facility'], anyTag: ['facility-agricultural'], overlaps: { 'facility-filing': 'partial' } },
    severity: { lower: 1, floor: 'medium' },
    ruleIds: ['facility-filing'],
    reason: '设施农用地备案部分覆盖（{share}）：未覆盖部分需核查',
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
    id: 'temporary-use-in-pbf',
    phase: 'modifier',
    when: { changeTypes: NOT_GAIN, overlaps: { 'temporary-use': 'any', 'permanent-farmland': 'any' } },
    reason: '临时用地原则上不得占用永久基本农田',
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
