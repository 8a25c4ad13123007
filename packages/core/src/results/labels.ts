// 中文 labels for report and alert text.
import type { ChangeType, Severity } from '../types.ts';

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
