// TBXHDM 图斑细化 (parcel refinement), docs/LAND-SURVEY.md (The change layer's fields).

import { attributeCodeList, type AttributeCode } from './attribute-code-list.ts';

/** One TBXHDM value. */
export interface RefinementCode extends AttributeCode {
  /**
   * One of the six "unstable 耕地" refinements named by the 进出平衡 转进 exclusions (河道、湖区、林区、牧区、沙荒、
   * 石漠化; docs/LAND-SURVEY.md (The change layer's fields), §6.4). YJGD is a 耕地 refinement too but is not in that list.
   */
  unstableCultivated: boolean;
}

const GD = '耕地';

/** The TBXHDM values. Names of the industrial codes are inferred from pinyin (the land-survey reference marks them as inferred). */
export const REFINEMENT_CODES = attributeCodeList<RefinementCode>('TBXHDM', [
  { code: 'HDGD', name: '河道耕地', meaning: '耕地 inside river channels', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'HQGD', name: '湖区耕地', meaning: '耕地 in lake areas', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'LQGD', name: '林区耕地', meaning: '耕地 inside forest areas', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'MQGD', name: '牧区耕地', meaning: '耕地 inside pastoral areas', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'SHGD', name: '沙荒耕地', meaning: '耕地 in sandy wasteland', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'SMGD', name: '石漠化耕地', meaning: '耕地 on rocky-desertified land', appliesTo: GD, status: 'confirmed', unstableCultivated: true },
  { code: 'YJGD', name: '盐碱耕地', meaning: 'saline-alkali 耕地 (name uncertain)', appliesTo: GD, status: 'uncertain', unstableCultivated: false },
  { code: 'LQYD', name: '林区种植园用地', meaning: 'plantation inside forest areas', appliesTo: '0201/0202/0204 (+K)', status: 'confirmed', unstableCultivated: false },
  { code: 'GCCD', name: '灌丛草地', meaning: 'shrub grassland', appliesTo: '04xx (mostly 0404)', status: 'confirmed', unstableCultivated: false },
  { code: 'HDGY', name: '火电工业用地', meaning: 'thermal power', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'GTGY', name: '钢铁工业用地', meaning: 'steel', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'MTGY', name: '煤炭工业用地', meaning: 'coal', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'SNGY', name: '水泥工业用地', meaning: 'cement', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'BLGY', name: '玻璃工业用地', meaning: 'glass', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'DLGY', name: '电解铝工业用地', meaning: 'electrolytic aluminium', appliesTo: '0601', status: 'single-source', unstableCultivated: false },
  { code: 'FQ', name: '废弃', meaning: 'abandoned mine / railway / highway', appliesTo: '0602, 1001, 1003', status: 'confirmed', unstableCultivated: false },
  { code: 'LJTM', name: '垃圾填埋', meaning: 'landfill', appliesTo: '0301, 0302, 0305, 0307, 0404', status: 'confirmed', unstableCultivated: false },
]);
