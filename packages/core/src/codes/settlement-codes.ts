// CZCSXM 城镇村属性码 / CZCLX 城镇村等用地类型 (the "20x" codes), docs/LAND-SURVEY.md (Land-use codes).

import { attributeCodeList, type AttributeCode } from './attribute-code-list.ts';

/** One CZCSXM value. All are 建设用地 in 三大类 ("20 城镇村及工矿用地"). */
export interface SettlementCode extends AttributeCode {
  /** 201/202/203: what the rules call 城镇村庄范围. */
  settlement: boolean;
  /** The A-variant (stand-alone industrial land attached to a city/town/village). Whether these count as
   * 城镇村庄范围 is uncertain: RuleSetConfig.settlementAVariantsCountAsSettlement decides. */
  standaloneIndustrial: boolean;
}

/** The eight CZCSXM values. All [confirmed] (TD/T 1055 表A.3 + TDDC3D). */
export const SETTLEMENT_CODES = attributeCodeList<SettlementCode>('CZCSXM', [
  { code: '201', name: '城市', meaning: 'inside a city built-up extent', appliesTo: '城镇村等用地', status: 'confirmed', settlement: true, standaloneIndustrial: false },
  { code: '201A', name: '城市独立工业用地', meaning: 'stand-alone industrial land attached to a city', appliesTo: '0601', status: 'confirmed', settlement: false, standaloneIndustrial: true },
  { code: '202', name: '建制镇', meaning: 'inside an organised town', appliesTo: '城镇村等用地', status: 'confirmed', settlement: true, standaloneIndustrial: false },
  { code: '202A', name: '建制镇独立工业用地', meaning: 'stand-alone industrial land attached to a town', appliesTo: '0601', status: 'confirmed', settlement: false, standaloneIndustrial: true },
  { code: '203', name: '村庄', meaning: 'inside a village settlement', appliesTo: '城镇村等用地', status: 'confirmed', settlement: true, standaloneIndustrial: false },
  { code: '203A', name: '村庄独立工业用地', meaning: 'stand-alone industrial land attached to a village', appliesTo: '0601', status: 'confirmed', settlement: false, standaloneIndustrial: true },
  { code: '204', name: '盐田及采矿用地', meaning: 'salt pans and mining land outside settlements', appliesTo: '0602, 0603, 1201', status: 'confirmed', settlement: false, standaloneIndustrial: false },
  { code: '205', name: '特殊用地', meaning: 'special-use land outside settlements', appliesTo: '09', status: 'confirmed', settlement: false, standaloneIndustrial: false },
]);
