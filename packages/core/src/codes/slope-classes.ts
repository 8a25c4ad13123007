// GDPDJB 耕地坡度级别 (slope class of 耕地), docs/LAND-SURVEY.md (The change layer's fields).

import { attributeCodeList, type AttributeCode } from './attribute-code-list.ts';

/** One GDPDJB value: slope in the half-open interval (minDeg, maxDeg]. */
export interface SlopeClass extends AttributeCode {
  /** Lower bound in degrees, exclusive (0 for class 1, which includes 0°). */
  minDeg: number;
  /** Upper bound in degrees, inclusive; null = unbounded. */
  maxDeg: number | null;
}

/** The five GDPDJB classes. Bins [confirmed]; class 5 is the "25° 以上陡坡" of the 进出平衡 exclusions. */
export const SLOPE_CLASSES = attributeCodeList<SlopeClass>('GDPDJB', [
  { code: '1', name: '≤2°', meaning: 'flat, slope ≤ 2°', appliesTo: '耕地', status: 'confirmed', minDeg: 0, maxDeg: 2 },
  { code: '2', name: '2°–6°', meaning: 'slope in (2°, 6°]', appliesTo: '耕地', status: 'confirmed', minDeg: 2, maxDeg: 6 },
  { code: '3', name: '6°–15°', meaning: 'slope in (6°, 15°]', appliesTo: '耕地', status: 'confirmed', minDeg: 6, maxDeg: 15 },
  { code: '4', name: '15°–25°', meaning: 'slope in (15°, 25°]', appliesTo: '耕地', status: 'confirmed', minDeg: 15, maxDeg: 25 },
  { code: '5', name: '>25°', meaning: 'steep slope > 25°', appliesTo: '耕地', status: 'confirmed', minDeg: 25, maxDeg: null },
]);
