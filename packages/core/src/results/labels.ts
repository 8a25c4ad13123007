// 中文 labels for report and alert text.
import type { ChangeType, Severity } from '../types.ts';
import { SEVERITIES } from '../types.ts';
import type { CaseStatus } from '../verification/case-status.ts';

export const CHANGE_TYPE_LABELS: Record<ChangeType, string> = {
  non_agricultural: '非农化(转为建设用地)',
  non_grain_land: '非粮化(转为园林草坑塘等)',
  agricultural_facility: '转为农业设施建设用地',
  to_water: '转为水域',
  to_unused: '转为未利用地',
  non_grain_planting: '种植非粮作物',
  tree_intercrop: '林粮间作',
  abandoned: '撂荒(未耕种)',
  paddy_to_dry: '水田改旱地(水改旱)',
  restorable_loss: '可恢复耕地被占用',
  gain: '耕地流入',
};

/** The balance regime's name as printed in reports and alerts. */
export const BALANCE_REGIME_LABELS = { 'in-out-balance': '进出平衡', 'unified-occupation-compensation': '占补平衡' } as const;

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: '极严重',
  high: '严重',
  medium: '较重',
  low: '一般',
  info: '提示',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b2182b',
  high: '#ef6548',
  medium: '#fdae61',
  low: '#74add1',
  info: '#4d9221',
};

/** 耕地卫片监督 inspection categories (column `inspection_category`, docs/OUTPUTS.md). */
export const INSPECTION_CATEGORY_LABELS: Record<string, string> = {
  afforestation: '绿化造林',
  green_corridor: '绿色通道',
  orchard_tea_pond: '种植果树茶树/挖塘',
  turf: '草皮',
  lake_landscaping: '挖湖造景',
  roads_facilities: '道路与设施农业',
  construction: '非农建设',
  planting: '种植属性变化',
  other: '其他',
};

/** 处置建议 (column `disposition`, docs/OUTPUTS.md). */
export const DISPOSITION_LABELS: Record<string, string> = {
  restore: '整改恢复',
  restore_or_balance: '整改恢复或落实进出平衡',
  approval_check: '核查用地审批',
  verify: '实地核实',
  none: '无需处置',
};

/** 核查状态 of a case in the register (column `status`, docs/VERIFICATION.md). */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  pending: '待核查',
  verified_real: '已核实为真实变化',
  false_change: '伪变化',
  rectifying: '整改中',
  closed: '已办结',
};

/** Detection columns whose English codes people read in Chinese (workbook, report, alert); CSV/FGB keep the codes. */
const READABLE_VALUES: Record<string, Record<string, string>> = {
  severity: SEVERITY_LABELS,
  change_type: CHANGE_TYPE_LABELS,
  inspection_category: INSPECTION_CATEGORY_LABELS,
  disposition: DISPOSITION_LABELS,
  status: CASE_STATUS_LABELS,
};

/** The value a person reads for a detection column: the Chinese label of a code, else the value itself. */
export function readableValue(column: string, value: unknown): unknown {
  const labels = READABLE_VALUES[column];
  return labels && typeof value === 'string' ? (labels[value] ?? value) : value;
}

/** Severity as a number people can sort on: 1 = critical … 5 = info. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

/** From survey year 2025 the unified 占补平衡 replaces the annual 进出平衡 (docs/OUTPUTS.md). */
export function balanceRegimeName(surveyYear: number): string {
  return surveyYear >= 2025 ? '占补平衡' : '进出平衡';
}
