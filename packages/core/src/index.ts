// @landwatch/core — the pure domain: data in, data out (no file system, network, environment or logging).
// Named exports only: what the pipeline, the CLI, the Lambdas, the benchmarks and the tests use. The geodesic test
// oracle (GeographicLib) lives behind the subpath '@landwatch/core/oracle' so that no Lambda bundle loads it.

// geometry and domain types
export {
  CHANGE_TYPES,
  PROTECTION_KINDS,
  SEVERITIES,
  type Bbox,
  type ChangePiece,
  type ChangeType,
  type LandClass,
  type MultiPolygon,
  type NestedMultiPolygon,
  type Polygon,
  type Position,
  type ProtectionAttributes,
  type ProtectionFeature,
  type ProtectionKind,
  type Ring,
  type Severity,
} from './types.ts';
// supported CRSs, WKT, reprojection
export {
  CGCS2000,
  UnsupportedCrsError,
  crsFromDescription,
  crsFromEpsg,
  crsProj4,
  crsWkt,
  gkCrsForLongitude,
  isInChinaLonLat,
  makeTransform,
  toLonLat,
  boxInRange,
  coordinateRange,
  type CoordinateRange,
  type Crs,
} from './crs/index.ts';
// official ellipsoidal area (docs/RULES.md "Areas")
export { MU_PER_M2, ellipsoidalAreaM2, muFromM2, officialAreaM2, roundHalfAwayFromZero } from './area/index.ts';
// bbox, relate, clipping, validity repair
export {
  EMPTY_MULTI_POLYGON,
  MultiPolygonBuilder,
  OverlayError,
  bboxIntersects,
  bboxOf,
  clipToLayer,
  clipperEngine,
  createGeosEngine,
  mapVertices,
  multiPolygon,
  planarAreaOf,
  polygonAt,
  polygonCount,
  polygonEnd,
  polygonStart,
  relate,
  repairGeometry,
  ringCount,
  ringEnd,
  ringStart,
  toNested,
  vertexCount,
  type ClipEngine,
  type RepairResult,
} from './geometry/index.ts';
// versioned land-use code tables
export {
  CURRENT_LAND_USE_CODE_VERSION,
  LAND_USE_CODE_VERSIONS,
  LEGACY_PLANTING_CODES,
  PLANTING_CODES,
  REFINEMENT_CODES,
  SETTLEMENT_CODES,
  SLOPE_CLASSES,
  UnknownCodeTableVersionError,
  UnknownLandUseCodeError,
  landUseCodeTable,
  normalizeAttributeCode,
  normalizeLandUseCode,
  tallyUnknownCodes,
  YDYH_VERSION,
  type LandUseCode,
  type LandUseCodeTable,
} from './codes/index.ts';
// classification versions: 三调 or 用地用海 2023 (docs/CLASSIFICATIONS.md)
export {
  CLASSIFICATION_METADATA_KEY,
  CLASSIFICATION_OPTIONS,
  ClassificationOptionError,
  classificationEvidence,
  classificationFromMetadata,
  classificationOfTable,
  codeTableVersionFor,
  defaultClassificationTables,
  parseClassificationOption,
  resolveClassification,
  type ClassificationDecision,
  type ClassificationEvidence,
  type ClassificationOption,
  type ClassificationTables,
  type ClassificationVersion,
} from './codes/index.ts';
// change classification, severity, balance ledger (docs/RULES.md)
export {
  BalanceLedger,
  DECISION_TABLE,
  GAIN_EXCLUSION_RULE_IDS,
  PROTECTION_EFFECTS,
  RULES,
  RULES_VERSION,
  RuleInputError,
  RuleSetConfigError,
  SURVEY_YEARS,
  TAGS,
  UnknownRuleError,
  assessDetection,
  classifyChange,
  coverageOf,
  createRuleSet,
  gainEligibility,
  isCultivated,
  isEligibleGain,
  isSignificant,
  ruleById,
  traceAssessment,
  type Assessment,
  type BalanceEntry,
  type BalanceRow,
  type Classification,
  type Coverage,
  type OverlapsM2,
  type RuleDefinition,
  type RuleSet,
  type RuleSetConfig,
} from './rules/index.ts';
// change-layer fields → ChangePiece; header and feature validation with every reason
export { CHANGE_FIELDS, UPLOAD_INDEX_COLUMN, resolveChangeSchema, toChangePiece, type ChangeField, type ChangeSchema, type FieldMap } from './input/change-fields.ts';
export { AREA_CHECK, ChangeLayerValidator, RejectedInputError, validateHeader, type AreaMismatch } from './input/validate-changes.ts';
export { isoDate } from './input/iso-date.ts';
// detection / overlap records and their columns; administrative names
export {
  DETECTION_COLUMNS,
  OVERLAP_COLUMNS,
  fileRecord,
  fileValue,
  type ColumnDef,
  type ColumnType,
  type Detection,
  type DetectionCaseState,
  type DetectionRow,
  type Overlap,
  type OverlapRow,
} from './detect/detection.ts';
export { divisionNamesFrom, type DivisionNames } from './detect/divisions.ts';
// stage: detect one tile
export { classifyPiece, classifyPieces } from './detect/classify-pieces.ts';
export { detectTile } from './detect/detect-tile.ts';
export type { ClassifiedPiece, PieceIssue, ProtectionLayerInfo, TileInput, TileResult, TileStats } from './detect/tile-types.ts';
// stage: merge tiles per county, summary, balance; files and the county alert
export { mergeTileResults, type CountAndArea, type CountyResult, type CountySummary, type RunInfo } from './results/county-results.ts';
export { balanceCsv, detectionsCsv, detectionsCsvParts } from './results/csv.ts';
export { reportHtml, reportHtmlParts } from './results/report-html.ts';
export {
  ALERT_WORST_CASES,
  COUNTY_ALERT_SCHEMA,
  COUNTY_ALERT_SCHEMA_V1,
  buildCountyAlert,
  countyAlertV1,
  maxSeverity,
  type CountyAlert,
  type CountyAlertCase,
  type CountyAlertCases,
  type CountyAlertFiles,
  type CountyAlertHistory,
} from './results/county-alert.ts';
export { ALERT_TEXT_MAX, countyAlertText } from './results/county-alert-text.ts';
export {
  BALANCE_REGIME_LABELS,
  CASE_STATUS_LABELS,
  CHANGE_TYPE_LABELS,
  DISPOSITION_LABELS,
  INSPECTION_CATEGORY_LABELS,
  SEVERITY_COLORS,
  SEVERITY_LABELS,
  balanceRegimeName,
  readableValue,
  severityRank,
} from './results/labels.ts';
