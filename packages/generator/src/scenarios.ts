// What a change piece is: before/after land-use codes and attributes, drawn from realistic frequencies.
// Each scenario is one kind of change (docs/RULES.md); themes (what kind of place a patch of pieces lies in)
// weight the scenarios. Most pieces are not detections: forest→forest, construction→construction, 耕地→耕地.
import type { ChangeType } from '@landwatch/core';
import { GeneratorInvariantError } from './errors.ts';
import type { Rng } from './random.ts';

/** What kind of place a patch of change pieces lies in. */
export type Theme = 'farmland' | 'forest' | 'urban' | 'village' | 'mixed';

/** Where a piece lies relative to settlements: sets 城镇村属性码 (201 city, 202 town, 203 village). */
export type SettlementPlace = 'city' | 'town' | 'rural';

/** The attribute values of one piece that the scenario decides. Null = empty in the survey data. */
export interface PieceCodes {
  beforeCode: string;
  afterCode: string;
  beforePlanting: string | null;
  afterPlanting: string | null;
  afterRefinement: string | null;
  afterSettlement: string | null;
  afterSlope: string | null;
  /** True when only attributes changed (same parcel before and after: BGXW '1'). */
  attributeOnly: boolean;
}

export interface Scenario {
  key: string;
  /** docs/ARCHITECTURE.md, "Outputs" change_type this piece must be classified as, or null when it is not a detection. */
  changeType: ChangeType | null;
  /** True when the before code is 耕地 (0101/0102/0103). */
  beforeCultivated: boolean;
  draw(rng: Rng, place: SettlementPlace): PieceCodes;
}

type Table = readonly (readonly [string, number])[];

const GD_BEFORE: Table = [['0101', 50], ['0103', 38], ['0102', 12]];
const DRY_BEFORE: Table = [['0103', 75], ['0102', 25]];
const DRY_AFTER: Table = [['0103', 70], ['0102', 30]];
/** Restorable non-耕地: 恢复属性 on 园/林/0404/坑塘, or a K-code. */
const RESTORABLE_BEFORE: Table = [['0201', 25], ['0301', 25], ['0404', 10], ['1104', 10], ['0201K', 15], ['0301K', 10], ['1104K', 5]];
const RESTORABLE_AFTER_LAND: Table = [['0301', 50], ['0201', 30], ['1104', 20]];
const GD_GAIN_AFTER: Table = [['0101', 35], ['0103', 50], ['0102', 15]];
const GRAIN_PLANTING: Table = [['LS', 80], ['LYFL', 14], ['XG', 6]];
const SLOPE: Table = [['1', 22], ['2', 34], ['3', 28], ['4', 12], ['5', 4]];
const FOREST: Table = [['0301', 45], ['0302', 15], ['0305', 10], ['0307', 30]];
const GARDEN: Table = [['0201', 45], ['0202', 20], ['0204', 25], ['0201K', 5], ['0204K', 5]];
const GRASS: Table = [['0404', 80], ['0403', 15], ['0401', 5]];
const WATER: Table = [['1104', 40], ['1107', 25], ['1101', 15], ['1104A', 15], ['1103', 5]];
const CONSTRUCTION: Table = [
  ['0702', 30], ['0701', 15], ['0601', 12], ['05H1', 8], ['1003', 8], ['1004', 8], ['08H2', 5], ['0809', 4],
  ['1201', 5], ['0602', 3], ['0508', 2],
];
const NON_AGRICULTURAL_RURAL: Table = [
  ['0702', 30], ['0601', 8], ['05H1', 6], ['0701', 4], ['1003', 10], ['1004', 6], ['08H2', 4], ['0809', 4],
  ['0602', 4], ['1201', 4], ['0810', 4], ['1102', 2], ['0508', 3], ['09', 2], ['1005', 2], ['1109', 1], ['08H1', 1],
  ['0810A', 1], ['08H2A', 1], ['1001', 1],
];
const NON_AGRICULTURAL_URBAN: Table = [
  ['0701', 22], ['05H1', 14], ['0601', 10], ['1004', 12], ['08H2', 6], ['0809', 5], ['0508', 6], ['1201', 5],
  ['0810', 5], ['0810A', 2], ['08H1', 3], ['1005', 3], ['1003', 4], ['0702', 4], ['08H2A', 2], ['1102', 1],
];
const NON_GRAIN_LAND_AFTER: Table = [
  ['0201', 18], ['0202', 5], ['0204', 6], ['0201K', 4], ['0202K', 1], ['0204K', 1], ['0301', 14], ['0302', 4],
  ['0305', 2], ['0307', 12], ['0301K', 3], ['0302K', 1], ['0307K', 2], ['0404', 5], ['0403', 3], ['0403K', 1],
  ['1104', 9], ['1104A', 6], ['1104K', 3],
];
const FACILITY_AFTER: Table = [['1202', 70], ['1006', 30]];
const WATER_AFTER: Table = [['1107', 45], ['1103', 20], ['1101', 35]];
const UNUSED_AFTER: Table = [['1206', 55], ['1106', 25], ['1207', 10], ['1204', 5], ['1205', 5]];
const GAIN_BEFORE: Table = [
  ['0201', 12], ['0201K', 8], ['0202', 4], ['0204', 6], ['0204K', 2], ['0301', 10], ['0301K', 5], ['0307', 10],
  ['0307K', 4], ['0302', 2], ['0404', 10], ['0403', 3], ['0403K', 2], ['1104', 8], ['1104K', 4], ['1202', 6],
  ['1206', 4], ['1006', 2],
];
const NON_CULTIVATED_TO_CONSTRUCTION: Table = [
  ['0301', 25], ['0307', 15], ['0201', 10], ['0404', 15], ['1206', 10], ['1104', 8], ['1202', 7], ['1006', 5], ['0305', 5],
];
const FACILITY_BEFORE: Table = [['1006', 40], ['1202', 40], ['1207', 20]];
const FACILITY_ND_AFTER: Table = [['1003', 30], ['1006', 20], ['1202', 30], ['0601', 10], ['0602', 10]];
const PLANTING_BEFORE_OUT: Table = [['LS', 75], ['LYFL', 12], ['FLS', 10], ['XG', 3]];
const PLANTING_BEFORE_ATTRIBUTES: Table = [['LS', 60], ['LYFL', 15], ['XG', 10], ['FLS', 15]];
const PLANTING_BEFORE_DECLINE: Table = [['LS', 70], ['FLS', 20], ['LYFL', 10]];
const GRAIN_AFTER_FLS: Table = [['LS', 80], ['LYFL', 20]];
const GAIN_PLANTING: Table = [['LS', 85], ['LYFL', 15]];
const HOMESTEAD: Table = [['0702', 1]];
const UNSTABLE_REFINEMENTS = ['LQGD', 'HDGD', 'SMGD', 'HQGD'];

/** Codes that carry 城镇村属性码 (docs/LAND-SURVEY.md, "Land-use codes": 05*, 06*, 07*, 08*, 09, 1004, 1005, 1201). */
function settlementCode(code: string, place: SettlementPlace, rng: Rng): string | null {
  if (code === '0602') return '204';
  if (code === '09') return '205';
  const needs = /^(05|06|07|08)/.test(code) || code === '1004' || code === '1005' || code === '1201';
  if (!needs) return null;
  const base = place === 'city' ? '201' : place === 'town' ? '202' : '203';
  return code === '0601' && rng.chance(0.4) ? `${base}A` : base;
}

/** 种植属性 allowed on a non-耕地 code (docs/LAND-SURVEY.md, "The change layer's fields"): 恢复属性 JKHF/GCHF on 园/林/0404/1104 and K-codes. */
function restorationPlanting(code: string, rng: Rng, share: number): string | null {
  if (!rng.chance(share)) return null;
  if (code === '0404') return 'GCHF';
  if (/^(02|03)/.test(code) || code.startsWith('1104')) return rng.chance(0.62) ? 'JKHF' : 'GCHF';
  return null;
}

function cultivatedAfter(rng: Rng, planting: string, slopeTable: Table = SLOPE): Pick<PieceCodes, 'afterRefinement' | 'afterSlope'> {
  const refinable = planting === 'LS' || planting === 'FLS' || planting === 'LYFL';
  return {
    afterSlope: rng.weighted(slopeTable),
    afterRefinement: refinable && rng.chance(0.03) ? rng.pick(UNSTABLE_REFINEMENTS) : null,
  };
}

function other(rng: Rng, table: Table, not: string): string {
  for (let i = 0; i < 8; i++) {
    const c = rng.weighted(table);
    if (c !== not) return c;
  }
  return not;
}

/** A land-class change between two non-耕地 codes (not a detection). */
function nonCultivated(key: string, before: Table, after: Table, sameShare: number): Scenario {
  return {
    key,
    changeType: null,
    beforeCultivated: false,
    draw(rng, place) {
      const drawn = rng.weighted(before);
      const same = rng.chance(sameShare);
      const afterCode = same ? drawn : other(rng, after, drawn);
      // restorable land (恢复属性, K-codes) that changes class is a restorable_loss: that is its own scenario
      const beforeCode = same ? drawn : drawn.replace(/K$/, '');
      return {
        beforeCode,
        afterCode,
        beforePlanting: same ? restorationPlanting(beforeCode, rng, 0.12) : null,
        afterPlanting: restorationPlanting(afterCode, rng, 0.12),
        afterRefinement: null,
        afterSettlement: settlementCode(afterCode, place, rng),
        afterSlope: null,
        attributeOnly: same && rng.chance(0.7),
      };
    },
  };
}

/** 耕地 → a non-耕地 code: a detection of the given type. */
function cultivatedOut(key: string, changeType: ChangeType, after: (place: SettlementPlace) => Table): Scenario {
  return {
    key,
    changeType,
    beforeCultivated: true,
    draw(rng, place) {
      const afterCode = rng.weighted(after(place));
      return {
        beforeCode: rng.weighted(GD_BEFORE),
        afterCode,
        beforePlanting: rng.weighted(PLANTING_BEFORE_OUT),
        afterPlanting: restorationPlanting(afterCode, rng, 0.15),
        afterRefinement: null,
        afterSettlement: settlementCode(afterCode, place, rng),
        afterSlope: null,
        attributeOnly: false,
      };
    },
  };
}

/** 耕地 → 耕地 whose planting attribute becomes `to` (FLS, LLJZ, WG): a detection of the given type. */
function plantingChange(key: string, changeType: ChangeType, from: Table, to: string): Scenario {
  return {
    key,
    changeType,
    beforeCultivated: true,
    draw(rng) {
      const beforeCode = rng.weighted(GD_BEFORE);
      // 水田 → dry is paddy_to_dry whatever the planting attribute: only dry pieces are recoded here
      const recode = beforeCode !== '0101' && rng.chance(0.15);
      return {
        beforeCode,
        afterCode: recode ? other(rng, GD_BEFORE, beforeCode) : beforeCode,
        beforePlanting: rng.weighted(from),
        afterPlanting: to,
        ...cultivatedAfter(rng, to),
        afterSettlement: null,
        attributeOnly: !recode && rng.chance(0.8),
      };
    },
  };
}

export const SCENARIOS: readonly Scenario[] = [
  nonCultivated('forest-forest', FOREST, FOREST, 0.35),
  nonCultivated('garden-forest', [...GARDEN, ...FOREST.map(([c, w]) => [c, w / 2] as const)], [...FOREST, ...GARDEN], 0),
  nonCultivated('grass-forest', GRASS, [...FOREST, ...GRASS], 0.2),
  nonCultivated('water-water', WATER, WATER, 0.2),
  nonCultivated('construction-construction', CONSTRUCTION, CONSTRUCTION, 0.3),
  nonCultivated('other-to-construction', NON_CULTIVATED_TO_CONSTRUCTION, CONSTRUCTION, 0),
  {
    key: 'cultivated-recode',
    changeType: null,
    beforeCultivated: true,
    draw(rng) {
      // dry → dry or dry → 水田 (the ledger's dry_to_paddy_m2; not a detection)
      const beforeCode = rng.weighted(DRY_BEFORE);
      const afterPlanting = rng.weighted(GRAIN_PLANTING);
      return {
        beforeCode,
        afterCode: other(rng, GD_BEFORE, beforeCode),
        beforePlanting: rng.weighted(GRAIN_PLANTING),
        afterPlanting,
        ...cultivatedAfter(rng, afterPlanting),
        afterSettlement: null,
        attributeOnly: false,
      };
    },
  },
  {
    key: 'cultivated-attributes',
    changeType: null,
    beforeCultivated: true,
    draw(rng) {
      const beforeCode = rng.weighted(GD_BEFORE);
      const beforePlanting = rng.weighted(PLANTING_BEFORE_ATTRIBUTES);
      const afterPlanting = beforePlanting === 'FLS' ? rng.weighted(GRAIN_AFTER_FLS) : rng.weighted(GRAIN_PLANTING);
      return {
        beforeCode,
        afterCode: beforeCode,
        beforePlanting,
        afterPlanting,
        ...cultivatedAfter(rng, afterPlanting),
        afterSettlement: null,
        attributeOnly: rng.chance(0.6),
      };
    },
  },
  nonCultivated('facility-road', FACILITY_BEFORE, FACILITY_ND_AFTER, 0.25),
  cultivatedOut('non-agricultural', 'non_agricultural', (place) => (place === 'rural' ? NON_AGRICULTURAL_RURAL : NON_AGRICULTURAL_URBAN)),
  cultivatedOut('non-grain-land', 'non_grain_land', () => NON_GRAIN_LAND_AFTER),
  cultivatedOut('agricultural-facility', 'agricultural_facility', () => FACILITY_AFTER),
  cultivatedOut('to-water', 'to_water', () => WATER_AFTER),
  cultivatedOut('to-unused', 'to_unused', () => UNUSED_AFTER),
  plantingChange('non-grain-planting', 'non_grain_planting', GRAIN_AFTER_FLS, 'FLS'),
  plantingChange('tree-intercrop', 'tree_intercrop', PLANTING_BEFORE_DECLINE, 'LLJZ'),
  plantingChange('abandoned', 'abandoned', PLANTING_BEFORE_DECLINE, 'WG'),
  {
    key: 'gain',
    changeType: 'gain',
    beforeCultivated: false,
    draw(rng) {
      const beforeCode = rng.weighted(GAIN_BEFORE);
      const afterPlanting = rng.weighted(GAIN_PLANTING);
      const ineligible = rng.chance(0.2) ? rng.pick(['slope', 'refinement', 'settlement'] as const) : null;
      return {
        beforeCode,
        afterCode: rng.weighted(GD_GAIN_AFTER),
        beforePlanting: restorationPlanting(beforeCode, rng, beforeCode.endsWith('K') ? 0.6 : 0.55),
        afterPlanting,
        afterSlope: ineligible === 'slope' ? '5' : rng.weighted(SLOPE.slice(0, 4)),
        afterRefinement: ineligible === 'refinement' ? 'HDGD' : null,
        afterSettlement: ineligible === 'settlement' ? '203' : null,
        attributeOnly: false,
      };
    },
  },
  cultivatedOut('homestead', 'non_agricultural', () => HOMESTEAD),
  {
    key: 'paddy-to-dry',
    changeType: 'paddy_to_dry',
    beforeCultivated: true,
    draw(rng) {
      const afterPlanting = rng.weighted(GRAIN_PLANTING);
      return {
        beforeCode: '0101',
        afterCode: rng.weighted(DRY_AFTER),
        beforePlanting: rng.weighted(GRAIN_PLANTING),
        afterPlanting,
        ...cultivatedAfter(rng, afterPlanting),
        afterSettlement: null,
        attributeOnly: false,
      };
    },
  },
  {
    key: 'restorable-loss',
    changeType: 'restorable_loss',
    beforeCultivated: false,
    draw(rng, place) {
      const beforeCode = rng.weighted(RESTORABLE_BEFORE);
      const base = beforeCode.replace(/K$/, '');
      const afterCode = rng.chance(0.5) ? rng.weighted(CONSTRUCTION) : other(rng, RESTORABLE_AFTER_LAND, base);
      return {
        beforeCode,
        afterCode,
        beforePlanting: beforeCode.endsWith('K') ? null : restorationPlanting(beforeCode, rng, 1),
        afterPlanting: null,
        afterRefinement: null,
        afterSettlement: settlementCode(afterCode, place, rng),
        afterSlope: null,
        attributeOnly: false,
      };
    },
  },
];

const index = (key: string): number => {
  const i = SCENARIOS.findIndex((s) => s.key === key);
  if (i < 0) throw new GeneratorInvariantError('scenarios', `no scenario ${key}`);
  return i;
};

type Weights = readonly (readonly [number, number])[];
const weights = (w: Record<string, number>): Weights => Object.entries(w).map(([k, v]) => [index(k), v] as const);

/** Scenario weights per theme. Detections are ≈ 45 % on farmland, fewer elsewhere. */
export const THEME_SCENARIOS: Readonly<Record<Theme, Weights>> = {
  farmland: weights({
    'forest-forest': 3, 'garden-forest': 4, 'grass-forest': 2, 'water-water': 3, 'construction-construction': 4,
    'other-to-construction': 3, 'cultivated-recode': 16, 'cultivated-attributes': 14, 'facility-road': 3,
    'non-agricultural': 10, 'non-grain-land': 9, 'agricultural-facility': 4, 'to-water': 2, 'to-unused': 2,
    'non-grain-planting': 7, 'tree-intercrop': 1.5, abandoned: 2.5, gain: 7, 'paddy-to-dry': 2, 'restorable-loss': 1,
  }),
  forest: weights({
    'forest-forest': 40, 'garden-forest': 12, 'grass-forest': 8, 'water-water': 2, 'other-to-construction': 8,
    'construction-construction': 2, 'cultivated-recode': 2, 'cultivated-attributes': 2, 'facility-road': 2,
    'non-grain-land': 8, gain: 6, abandoned: 3, 'tree-intercrop': 2, 'to-unused': 2, 'non-agricultural': 2,
    'agricultural-facility': 1,
  }),
  urban: weights({
    'construction-construction': 35, 'other-to-construction': 12, 'cultivated-attributes': 3, 'cultivated-recode': 2,
    'water-water': 2, 'facility-road': 2, 'non-agricultural': 28, 'to-unused': 5, 'agricultural-facility': 2,
    'non-grain-land': 2, gain: 1, 'non-grain-planting': 2, abandoned: 2,
  }),
  village: weights({
    'construction-construction': 22, 'other-to-construction': 6, 'cultivated-recode': 8, 'cultivated-attributes': 8,
    'garden-forest': 4, 'forest-forest': 3, 'water-water': 4, 'facility-road': 4, 'non-agricultural': 14,
    'agricultural-facility': 7, 'non-grain-land': 6, gain: 4, 'non-grain-planting': 4, abandoned: 3, 'to-water': 1.5,
    'to-unused': 1, 'tree-intercrop': 1,
  }),
  mixed: weights({
    'forest-forest': 8, 'garden-forest': 6, 'grass-forest': 4, 'water-water': 4, 'construction-construction': 8,
    'other-to-construction': 5, 'cultivated-recode': 8, 'cultivated-attributes': 8, 'facility-road': 3,
    'non-agricultural': 7, 'non-grain-land': 8, 'agricultural-facility': 3, 'to-water': 2, 'to-unused': 2,
    'non-grain-planting': 4, 'tree-intercrop': 2, abandoned: 2, gain: 6, 'paddy-to-dry': 1, 'restorable-loss': 1,
  }),
};

/** Scenario weights for a piece that fills a hole of another piece (a house plot or pond inside a field). */
export const ENCLAVE_SCENARIOS: Weights = weights({ homestead: 45, 'construction-construction': 35, 'water-water': 20 });


/** The scenario used to make sure every change_type occurs at least once. */
export const SCENARIO_FOR_TYPE: Readonly<Record<ChangeType, number>> = {
  non_agricultural: index('non-agricultural'),
  non_grain_land: index('non-grain-land'),
  agricultural_facility: index('agricultural-facility'),
  to_water: index('to-water'),
  to_unused: index('to-unused'),
  non_grain_planting: index('non-grain-planting'),
  tree_intercrop: index('tree-intercrop'),
  abandoned: index('abandoned'),
  paddy_to_dry: index('paddy-to-dry'),
  restorable_loss: index('restorable-loss'),
  gain: index('gain'),
};
