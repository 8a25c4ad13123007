// @landwatch/pipeline — the stages of a run over a port (docs/ARCHITECTURE.md). The CLI and the Lambda handlers are
// adapters: they build a port and call these stages.

// stages
export { ingestRun, isoSeconds, type IngestOutcome, type IngestRequest, type IngestTimings } from './ingest-run.ts'; // validate, plan, dispatch
export { runTileJob, closeTileStage, type TileJobOutcome } from './run-tile-job.ts'; // one tile: detect, store
export {
  failRun,
  finalizeCounty,
  finalizeRun,
  finishRun,
  type FinalizeCountyOutcome,
  type FinalizeOptions,
  type FinalizeOutcome,
  type FinalizeTimings,
} from './finalize-run.ts'; // per county: merge, write, alert; the run's end
export { sendAlertOnce, type AlertSendOutcome } from './alert-claim.ts'; // one alert per county per run

// the port and its local implementation
export type { LayerSource, OpenedSource, RunDispatch, RunNotify, RunPort, RunStore, SharedLink, StoredFile, TileResultShelf } from './run-port.ts';
export { LocalRunPort, LOCAL_BUCKET, openPinnedFile, pinFile, sha256File, type LocalRunPortOptions } from './local-port.ts';

// the run protocol: documents, their schemas, readers and writers
export {
  FINALIZE_REQUEST_SCHEMA,
  MANIFEST_SCHEMA,
  RUN_EVENT_SCHEMA,
  RUN_STATUS_SCHEMA,
  TILE_JOB_SCHEMA,
  TILE_RESULT_SCHEMA,
  runKeys,
  countyTiles,
  tileInput,
  type CountyInput,
  type FinalizeRequest,
  type FinishedCounty,
  type IngestChecks,
  type PinnedLayer,
  type PinnedObject,
  type RunEvent,
  type RunEventInput,
  type RunManifest,
  type RunState,
  type RunStart,
  type RunStatus,
  type RunTile,
  type TileItem,
  type TileJob,
  type TileResultDocument,
  type UploadRef,
} from './run-protocol.ts';
export {
  RunDocumentError,
  finalizeRequestFor,
  parseFinalizeRequest,
  parseTileJob,
  readManifest,
  readManifestIfExists,
  readRunStatus,
  readTileResults,
  tileJobFor,
  writeRunStatus,
} from './run-documents.ts';
export {
  MalformedMessageError,
  NotReadyError,
  ObjectChangedError,
  ObjectNotFoundError,
  PreconditionFailedError,
  RejectedInputError,
  StaleMessageError,
  TransientError,
  UnsupportedEventError,
} from './run-errors.ts';

// identity and configuration
export { configHash, deliveryContentSha256, normaliseEtag, parseRunId, runIdFor, surveyYearFromKey, unknownYearRunId, RUN_ID_PATTERN, RunIdError, type DeliveryPart } from './run-id.ts';
export { canonicalJson, NotCanonicalJsonError } from './canonical-json.ts';
export { DEFAULT_TILE_MAX_FEATURES, runConfigHash, type RunConfig } from './run-config.ts';
export { resolveSurveyYear, surveyYearFromPath, type SurveyYearInput, type SurveyYearResult } from './survey-year.ts';

// the parts the stages are made of (also used by `landwatch inspect`/`index`, the benchmarks and tests)
export { parseLayerRegistry, LayerRegistryError, type LayerEntry } from './layer-registry.ts';
export { messageNaming, openChangeLayer, scanChangeLayer, type ChangeLayer, type ScanResult } from './change-layer.ts';
export { openProtectionLayers, readProtectionInBbox, TargetBoxes, type OpenProtectionOptions, type ProtectionLayer } from './protection-layer.ts';
export { DEFAULT_INPUT_LIMITS, VertexBudget, type InputLimits } from './input-limits.ts'; // bounds on per-feature and per-run work
export { checkProtectionGeometry, validateProtectionLayer, type ProtectionLayerCheck } from './validate-protection-layer.ts'; // protection layers validated like uploads
export { runTile, type TileContext, type TileRun } from './tile.ts';
export { jsonBytes, RESULT_FILES, RESULT_CONTENT_TYPES, countyFiles, renderCountyFiles, resultLayerBytes, type ResultFile } from './county-files.ts';
export { chinaDivisionNames, divisionNamesFor } from './division-names.ts';
export { indexedCopy } from './indexed-copy.ts';
export { scanWithClassification, type ClassifiedScan } from './classified-scan.ts'; // change-layer scan under a classification option (sandiao / ydyh / auto)
export { detectionsXlsx } from './detections-xlsx.ts'; // detections.xlsx (text cells, severity rank, three sheets)
export { detectionsQml } from './qgis-style.ts'; // detections.qml (QGIS style by severity)
export { countyAlertFor, countyAlertJson } from './county-alert-file.ts'; // the county alert for a county's files

// verification round trip (docs/VERIFICATION.md): task packages, the case register's files
export { renderTaskFiles, taskFiles, TASK_CONTENT_TYPES, type TaskFile } from './task-files.ts';
export { taskKml, type KmlCase } from './task-kml.ts';
export {
  loadRegister,
  readAnswerRecords,
  readCountyDetections,
  rebuildRegister,
  rebuildUntilStable,
  recordAnswerFile,
  registerKeys,
  renderRegisterFiles,
  sha256Hex,
  type AnswerRecord,
  type RecordAnswerInput,
  type RecordOutcome,
  type RegisterStore,
} from './register-files.ts';
export { FolderStore } from './folder-store.ts';
export { caseHistoryFor, withHistory, type CaseHistory } from './case-history.ts';
export { answerUploadKey, applyAnswerUpload, type AnswerUpload, type AnswerUploadOutcome } from './answer-upload.ts';
