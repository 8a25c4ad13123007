// Domain types shared by every stage. Pure data: no I/O here.
// Geometry is held in flat typed arrays in the CRS of the change layer (x = easting/longitude, y = northing/latitude):
// one Float64Array of coordinates per geometry instead of one small array per vertex, which is what the tile's working
// set and the county result are made of (docs/ARCHITECTURE.md). geometry/multi-polygon.ts reads and builds it.

/**
 * One or more polygons, each a shell and its holes. Rings are stored as read or as made: closed (the last vertex
 * repeats the first) unless the input was not; orientation is not guaranteed.
 */
export interface MultiPolygon {
  /** x0, y0, x1, y1, … of every ring, ring after ring */
  readonly xy: Float64Array;
  /** ring r spans vertices [r === 0 ? 0 : ringEnds[r - 1], ringEnds[r]) */
  readonly ringEnds: Uint32Array;
  /** polygon p spans rings [p === 0 ? 0 : polygonEnds[p - 1], polygonEnds[p]); its first ring is the shell */
  readonly polygonEnds: Uint32Array;
}

/** [x, y]: easting/northing in metres for Gauss-Krüger CRSs, longitude/latitude in degrees for geographic CRSs. */
export type Position = [number, number];
/** A ring written as a literal (tests, generated shapes): closed, first position equals last. */
export type Ring = Position[];
/** [outer, ...holes], written as a literal */
export type Polygon = Ring[];
/** A MultiPolygon written as nested literal arrays: geometry/multi-polygon.ts `multiPolygon()` turns it into one. */
export type NestedMultiPolygon = Polygon[];

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
