// ZZSXDM 种植属性 (planting / restoration attribute), docs/LAND-SURVEY.md (The change layer's fields).

import { attributeCodeList, type AttributeCode } from './attribute-code-list.ts';

/** One ZZSXDM value. */
export interface PlantingCode extends AttributeCode {
  /** Valid on 耕地 (LS, FLS, LYFL, XG, LLJZ, WG) rather than on non-耕地 (JKHF, GCHF). */
  onCultivated: boolean;
  /** 恢复属性: the land was 耕地 in 二调 and can be restored (JKHF, GCHF). */
  restorable: boolean;
}

const ON_NON_CULTIVATED = '园地, 林地 (incl. 0305), 0404, 1104/1104A/1104K, K-codes';

/** The ZZSXDM values of the final 三调 database standard. All [confirmed]. */
export const PLANTING_CODES = attributeCodeList<PlantingCode>('ZZSXDM', [
  { code: 'LS', name: '种植粮食作物', meaning: 'grain crops', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'FLS', name: '种植非粮食作物', meaning: 'non-grain crops (vegetables, oil, sugar, cotton, flowers, herbs…)', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'LYFL', name: '粮与非粮轮作', meaning: 'grain / non-grain rotation', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'XG', name: '休耕', meaning: 'planned fallow', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'LLJZ', name: '林粮间作', meaning: 'trees inter-planted with grain', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'WG', name: '未耕种', meaning: 'not cultivated (abandoned, 撂荒)', appliesTo: '耕地', status: 'confirmed', onCultivated: true, restorable: false },
  { code: 'JKHF', name: '即可恢复', meaning: 'was 耕地 in 二调; restorable immediately', appliesTo: ON_NON_CULTIVATED, status: 'confirmed', onCultivated: false, restorable: true },
  { code: 'GCHF', name: '工程恢复', meaning: 'was 耕地 in 二调; restorable with engineering works', appliesTo: ON_NON_CULTIVATED, status: 'confirmed', onCultivated: false, restorable: true },
]);

/**
 * ZZSXDM values removed before the final 三调 standard (docs/LAND-SURVEY.md (The change layer's fields), [single-source]). They are NOT in
 * PLANTING_CODES (so they are flagged as unknown); this list only lets a validator say "pre-final 三调 data".
 */
export const LEGACY_PLANTING_CODES = attributeCodeList<AttributeCode>('ZZSXDM', [
  { code: 'GZ', name: '耕种', meaning: 'cultivated (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'YM', name: '临时种植园木', meaning: 'temporary orchard trees (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'LM', name: '临时种植林木', meaning: 'temporary forest trees (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'LH', name: '绿化草地', meaning: 'greening grass (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'MC', name: '临时种植牧草', meaning: 'temporary pasture (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'KT', name: '临时坑塘', meaning: 'temporary pond (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'GSYY', name: '观赏园艺', meaning: 'ornamental horticulture (removed code)', appliesTo: '耕地', status: 'single-source' },
  { code: 'SSLM', name: '速生林木', meaning: 'fast-growing trees (removed code)', appliesTo: '耕地', status: 'single-source' },
]);
