// What a county office should do with a detection (disposition 处置建议) and under which 耕地卫片监督 category it
// falls (inspection_category), from the classification and whether the piece touches 永久基本农田
// (docs/RULES.md "Disposition and inspection category").
import type { Classification } from './classify-change.ts';

export const DISPOSITIONS = ['restore', 'restore_or_balance', 'approval_check', 'verify', 'none'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const INSPECTION_CATEGORIES = [
  'afforestation',
  'green_corridor',
  'orchard_tea_pond',
  'turf',
  'lake_landscaping',
  'roads_facilities',
  'construction',
  'planting',
  'other',
] as const;
export type InspectionCategory = (typeof INSPECTION_CATEGORIES)[number];

/** Losses of 耕地 (and trees on it) that, on 永久基本农田, must be restored rather than balanced. */
const RESTORE_ON_PERMANENT_FARMLAND = new Set(['non_agricultural', 'non_grain_land', 'agricultural_facility', 'to_water', 'to_unused', 'tree_intercrop']);

/**
 * - restore: every loss of 永久基本农田 (a counted permanent-farmland overlap);
 * - approval_check: construction (非农化, restorable land built on);
 * - restore_or_balance: 一般耕地 to other agricultural use (园/林/草/坑塘, facilities);
 * - verify: water, unused land, planting attributes, 水改旱, restorable land planted with trees;
 * - none: gains.
 */
export function dispositionOf(c: Classification, onPermanentFarmland: boolean): Disposition {
  if (c.changeType === 'gain' || c.changeType === 'dry_to_paddy') return 'none';
  if (onPermanentFarmland && RESTORE_ON_PERMANENT_FARMLAND.has(c.changeType)) return 'restore';
  if (c.changeType === 'non_agricultural' || c.tags.includes('to-construction')) return 'approval_check';
  if (c.changeType === 'non_grain_land' || c.changeType === 'agricultural_facility') return 'restore_or_balance';
  return 'verify';
}

/**
 * The 耕地卫片监督 categories plus construction. 绿色通道 (green belts along roads and rivers) cannot be told apart from
 * other afforestation in survey codes, so forest targets are reported as afforestation; green_corridor stays in the
 * list for offices that reclassify on the ground. 0404 其他草地 is where turf (草皮) is mapped.
 */
export function inspectionCategoryOf(c: Classification, afterCode: string): InspectionCategory {
  const tags = c.tags as readonly string[];
  if (tags.includes('dig-lake-landscaping')) return 'lake_landscaping';
  if (c.changeType === 'non_agricultural' || tags.includes('to-construction')) return 'construction';
  if (c.changeType === 'agricultural_facility') return 'roads_facilities';
  if (c.changeType === 'non_grain_planting' || c.changeType === 'tree_intercrop' || c.changeType === 'abandoned') return 'planting';
  if (c.changeType === 'non_grain_land' || c.changeType === 'restorable_loss') {
    if (tags.includes('forest')) return 'afforestation';
    if (tags.includes('plantation') || tags.includes('fish-pond')) return 'orchard_tea_pond';
    if (afterCode.startsWith('0404')) return 'turf';
  }
  return 'other';
}
