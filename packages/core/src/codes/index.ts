// Public API of the code tables.
//   land-use-code-data   the DLBM tables of docs/LAND-SURVEY.md (Land-use codes) as data, per version
//   land-use-code-table  versioned lookup (三调 and 用地用海), rule concepts, normalisation, tally of unknown codes
//   ydyh-code-data       the 用地用海 2023 table as data, with each code's 三调 rule concept
//   classification       sandiao / ydyh / auto: declared, from S3 metadata, or decided from the codes
//   attribute-code-list  lookup + normalisation for the attribute fields
//   planting-codes       ZZSXDM 种植属性 (+ removed legacy values)
//   refinement-codes     TBXHDM 图斑细化
//   slope-classes        GDPDJB 耕地坡度级别
//   settlement-codes     CZCSXM 城镇村属性码
//   errors               UnknownLandUseCodeError, UnknownCodeTableVersionError
export { CURRENT_LAND_USE_CODE_VERSION, GROUP_NAMES, type CodeStatus } from './land-use-code-data.ts';
export {
  LAND_USE_CODE_VERSIONS,
  landUseCodeTable,
  normalizeLandUseCode,
  tallyUnknownCodes,
  type CodeLookup,
  type LandUseCode,
  type LandUseCodeTable,
} from './land-use-code-table.ts';
export { YDYH_GROUP_NAMES, YDYH_VERSION } from './ydyh-code-data.ts';
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
} from './classification.ts';
export { normalizeAttributeCode, type AttributeCode, type AttributeCodeList } from './attribute-code-list.ts';
export { LEGACY_PLANTING_CODES, PLANTING_CODES, type PlantingCode } from './planting-codes.ts';
export { REFINEMENT_CODES, type RefinementCode } from './refinement-codes.ts';
export { SLOPE_CLASSES, type SlopeClass } from './slope-classes.ts';
export { SETTLEMENT_CODES, type SettlementCode } from './settlement-codes.ts';
export { UnknownCodeTableVersionError, UnknownLandUseCodeError, type UnknownLandUseCodeErrorContext } from './errors.ts';
