// Domain types shared by every stage. Pure data: no I/O here.
// Geometry uses GeoJSON-style nested arrays in the CRS of the change layer (x = easting/longitude, y = northing/latitude).

/** [x, y]: easting/northing in metres for Gauss-Krüger CRSs, longitude/latitude in degrees for geographic CRSs. */
export type Position = [number, number];
/** A closed ring: first position equals last. Orientation is not guaranteed. */
export type Ring = Position[];
/** [outer, ...holes] */
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];

export interface Bbox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** 三大类: 农用地 / 建设用地 / 未利用地 */
export type LandClass = 'agricultural' | 'construction' | 'unused';

/** docs/ARCHITECTURE.md (Outputs) change_type values. */
export type ChangeType =
  | 'non_agricultural'
  | 'non_grain_land'
  | 'agricultural_facility'
  | 'to_water'
  | 'to_unused'
  | 'non_grain_planting'
  | 'tree_intercrop'
  | 'abandoned'
  | 'paddy_to_dry'
  | 'restorable_loss'
  | 'gain';

export const CHANGE_TYPES: readonly ChangeType[] = [
  'non_agricultural',
  'non_grain_land',
  'agricultural_facility',
  'to_water',
  'to_unused',
  'non_grain_planting',
  'tree_intercrop',
  'abandoned',
  'paddy_to_dry',
  'restorable_loss',
  'gain',
];

/** docs/ARCHITECTURE.md (Outputs) severity values, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** docs/ARCHITECTURE.md (Protection layers) protection-layer kinds. */
export type ProtectionKind =
  | 'permanent-farmland'
  | 'farmland-reserve'
  | 'high-standard-farmland'
  | 'ecological-redline'
  | 'urban-development-boundary'
  | 'approved-construction'
  | 'facility-filing'
  | 'temporary-use'
  | 'context';

export const PROTECTION_KINDS: readonly ProtectionKind[] = [
  'permanent-farmland',
  'farmland-reserve',
  'high-standard-farmland',
  'ecological-redline',
  'urban-development-boundary',
  'approved-construction',
  'facility-filing',
  'temporary-use',
  'context',
];

/**
 * One piece of the change layer (DLTBGXGC) after field mapping: raw survey field names are mapped once,
 * at the input boundary, into these domain names. Optional fields are undefined when absent or empty.
 */
export interface ChangePiece {
  /** 0-based index of the feature in the input file. */
  featureIndex: number;
  /** BSM, else the feature index as a string. */
  pieceId: string;
  /** BGQDLBM */
  beforeCode: string;
  /** BGHDLBM */
  afterCode: string;
  /** BGHZLDWDM, else BGQZLDWDM, else ZLDWDM: 19 chars (county = first 6, township = 9, village = 12). */
  locationCode: string;
  /** BGHZLDWMC */
  locationName?: string;
  beforeName?: string; // BGQDLMC
  afterName?: string; // BGHDLMC
  beforeParcelId?: string; // BGQTBBSM
  afterParcelId?: string; // BGHTBBSM
  beforeParcelNo?: string; // BGQTBBH
  afterParcelNo?: string; // BGHTBBH
  beforePlanting?: string; // BGQZZSXDM
  afterPlanting?: string; // BGHZZSXDM
  afterRefinement?: string; // BGHTBXHDM
  afterSettlementCode?: string; // BGHCZCSXM
  afterSlopeClass?: string; // BGHGDPDJB
  beforeLandAreaM2?: number; // BGQTBDLMJ
  afterLandAreaM2?: number; // BGHTBDLMJ
  changeAreaM2?: number; // TBBGMJ
  /** BGQKCXS: 田坎 deduction coefficient before, a fraction in [0, 1) */
  beforeDeductionCoefficient?: number;
  /** BGHKCXS: 田坎 deduction coefficient after, a fraction in [0, 1) */
  afterDeductionCoefficient?: number;
  surveyDate?: string; // GXSJ (ISO date)
  surveyYear?: number; // SJNF
  geometry: MultiPolygon;
}

/**
 * The attributes LandWatch reads from approval, filing and temporary-use layers (docs/RULES.md "Layer attributes").
 * Dates are ISO (YYYY-MM-DD); a value the layer does not carry is undefined.
 */
export interface ProtectionAttributes {
  /** 批准机关 (approvals) */
  authority?: string;
  /** 批准文号 / 备案编号 / 临时用地批准文号 */
  reference?: string;
  /** 批准日期 */
  date?: string;
  /** 临时用地 start / end of the permitted period */
  start?: string;
  end?: string;
}

/** One feature of a protection layer, in the change layer's CRS. */
export interface ProtectionFeature {
  layerId: string;
  kind: ProtectionKind;
  featureIndex: number;
  geometry: MultiPolygon;
  /** only for the kinds whose attributes change a verdict (approved-construction, facility-filing, temporary-use) */
  attributes?: ProtectionAttributes;
}
