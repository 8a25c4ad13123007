// The run protocol (docs/ARCHITECTURE.md, "The run protocol"): the documents that pass between the stages of a run,
// each with one type here, one JSON Schema in packages/pipeline/schemas/, one writer and one validating reader
// (run-documents.ts). Object keys of a run live here too, so that every stage and both ports agree on them.
import type { AreaMismatch, TileResult } from '@landwatch/core';
import type { TilePlan } from '@landwatch/fgb';
import type { LayerEntry } from './layer-registry.ts';
import type { RunConfig } from './run-config.ts';

export const MANIFEST_SCHEMA = 'landwatch.run-manifest/v1';
export const TILE_JOB_SCHEMA = 'landwatch.tile-job/v1';
export const TILE_RESULT_SCHEMA = 'landwatch.tile-result/v1';
export const FINALIZE_REQUEST_SCHEMA = 'landwatch.finalize-request/v1';
export const RUN_STATUS_SCHEMA = 'landwatch.run-status/v1';

/** Keys of a run's objects, relative to the results store (an S3 bucket, or the CLI's output folder). */
export const runKeys = {
  manifest: (runId: string) => `runs/${runId}/manifest.json`,
  status: (runId: string) => `runs/${runId}/status.json`,
  indexedInput: (runId: string) => `runs/${runId}/input/changes.fgb`,
  /** a county's own indexed copy, in a run whose upload holds several counties */
  countyInput: (runId: string, countyCode: string) => `runs/${runId}/input/changes-${countyCode}.fgb`,
  layerCopy: (runId: string, layerId: string) => `runs/${runId}/layers/${layerId}.fgb`,
  tilesPrefix: (runId: string) => `runs/${runId}/tiles/`,
  tileResult: (runId: string, tileId: string) => `runs/${runId}/tiles/${tileId}.json`,
  /** the tile list a Distributed Map reads when it is too large for the execution input */
  tileItems: (runId: string) => `runs/${runId}/tile-items.json`,
  /** the claim of a county's alert: written with If-None-Match before the send. Outside runs/, whose work files
   * expire, so that a run redriven months later still finds its claims. */
  alertClaim: (runId: string, countyCode: string) => `alert-claims/${runId}/${countyCode}.json`,
  /** which run an upload key started, for the data team that only knows its key */
  byUpload: (uploadKey: string) => `by-upload/${uploadKey}.json`,
  resultsDir: (surveyYear: number, countyCode: string, runId: string) => `results/${surveyYear}/${countyCode}/${runId}`,
  result: (surveyYear: number, countyCode: string, runId: string, file: string) =>
    `results/${surveyYear}/${countyCode}/${runId}/${file}`,
};

/** An object pinned to one version: an S3 object by its ETag, a local file by its MD5 (what S3 reports as the
 * ETag of an object uploaded in one part), so that the same bytes get the same version on both ports. */
export interface PinnedObject {
  /** the S3 bucket; `local` for a file */
  bucket: string;
  /** the S3 key, or the file's absolute path */
  key: string;
  /** without quotes */
  etag: string;
  /** the S3 object version (a versioned uploads bucket): an overwrite mid-run cannot change what the run reads */
  versionId?: string;
  size: number;
}

/** A protection layer of the registry, pinned. */
export type PinnedLayer = LayerEntry & { object: PinnedObject };

/** Facts about the input found before detection; they go into summary.json `inputChecks`. */
export interface IngestChecks {
  indexedCopyMade: boolean;
  tiles: number;
  unknownCodes: { field: string; code: string; count: number }[];
  /** pieces whose computed area differs from their declared TBBGMJ by more than 1 % and 1 m² (docs/INPUT-CHECKS.md) */
  areaMismatches: AreaMismatch[];
}

/** Written by ingest once the upload is accepted; read by every later stage. */
export interface RunManifest {
  schema: typeof MANIFEST_SCHEMA;
  runId: string;
  surveyYear: number;
  /** the upload's modification time (ISO, whole seconds): the run's time, so that a rerun writes identical bytes */
  createdAt: string;
  upload: PinnedObject;
  /** what the tiles read: the upload itself when it has a spatial index, else ingest's indexed copy (a multi-county
   * run: the upload, and its tiles read `countyInputs`) */
  input: PinnedObject;
  featuresCount: number;
  crsEpsg: number;
  config: RunConfig;
  configHash: string;
  layers: PinnedLayer[];
  /** every tile of the run, in plan order; in a multi-county run each names its county */
  tiles: RunTile[];
  /** the 6-digit county codes of the run (from the pieces' location codes), each finalized on its own */
  counties: string[];
  /** a multi-county upload (a province) is split by county: each county's own indexed copy, which its tiles read
   * instead of `input` (absent for a single county, whose tiles read `input`) */
  countyInputs?: CountyInput[];
  /** county and township names of the run's codes, so that tiles need no national name table */
  divisionNames: Record<string, string>;
  checks: IngestChecks;
}

/** A tile of the plan: a byte range of `input`, or of its county's copy in a multi-county run. */
export type RunTile = TilePlan & { countyCode?: string };

/** One county of a multi-county run: its indexed copy and how many pieces it holds. */
export interface CountyInput {
  countyCode: string;
  input: PinnedObject;
  featuresCount: number;
}

/** What a tile reads: its county's copy in a multi-county run, else the run's input. */
export function tileInput(manifest: RunManifest, tile: RunTile): PinnedObject {
  if (tile.countyCode === undefined || !manifest.countyInputs) return manifest.input;
  const county = manifest.countyInputs.find((c) => c.countyCode === tile.countyCode);
  if (!county) throw new Error(`run ${manifest.runId}: tile ${tile.tileId} names county ${tile.countyCode}, which has no input in the manifest`);
  return county.input;
}

/** The tiles a county's finalize reads: its own in a multi-county run, else every tile (they are all its). */
export function countyTiles(manifest: RunManifest, countyCode: string): RunTile[] {
  return manifest.countyInputs ? manifest.tiles.filter((t) => t.countyCode === countyCode) : manifest.tiles;
}

/** One tile of a run to detect. */
export interface TileJob {
  schema: typeof TILE_JOB_SCHEMA;
  runId: string;
  tileId: string;
  manifestKey: string;
}

/** What one tile found: written by the tile stage, read by finalize. */
export interface TileResultDocument extends TileResult {
  schema: typeof TILE_RESULT_SCHEMA;
  runId: string;
  tileId: string;
  /** time spent reading the tile's pieces and protection features (ms, whole) */
  readMs: number;
  protectionFeatures: number;
}

/** Asks for one county of a run to be finalized once every tile is done. */
export interface FinalizeRequest {
  schema: typeof FINALIZE_REQUEST_SCHEMA;
  runId: string;
  manifestKey: string;
  countyCode: string;
}

/** One tile as the run's Distributed Map iterates it. */
export interface TileItem {
  tileId: string;
}

/**
 * What coordinates an accepted run is started with: the input of the run's state machine execution (named after the
 * run). The tiles travel inline while the input stays under Step Functions' 256 KiB limit, else the Distributed Map
 * reads them from `tilesKey` in the results bucket (docs/ORCHESTRATION.md).
 */
export interface RunStart {
  runId: string;
  manifestKey: string;
  /** the results bucket (where tilesKey lives); `local` on the CLI */
  bucket: string;
  /** the run's counties, each finalized on its own after every tile */
  counties: string[];
  tiles?: TileItem[];
  tilesKey?: string;
}

/** One county of a finished run. */
export interface FinishedCounty {
  code: string;
  name: string;
  detections: number;
  alertBatchId: string;
}

interface StatusBase {
  schema: typeof RUN_STATUS_SCHEMA;
  runId: string;
  surveyYear?: number;
  upload: PinnedObject;
}

/** runs/{runId}/status.json: where a run stands. One union, written by writeRunStatus only. */
export type RunStatus =
  | (StatusBase & { state: 'rejected'; reasons: string[] })
  | (StatusBase & { state: 'accepted'; surveyYear: number; features: number; tiles: number; indexedCopy: boolean; areaMismatches: AreaMismatch[] })
  | (StatusBase & { state: 'running'; surveyYear: number; features: number; tiles: number })
  | (StatusBase & { state: 'failed'; tileId?: string; reason: string })
  | (StatusBase & { state: 'finished'; surveyYear: number; features: number; tiles: number; counties: FinishedCounty[] });

export type RunState = RunStatus['state'];

export const RUN_EVENT_SCHEMA = 'landwatch.run-event/v1';

/** The upload a run event names (the size is optional in the event's schema). */
export type UploadRef = Omit<PinnedObject, 'size'> & { size?: number };

interface RunEventBase {
  schema: typeof RUN_EVENT_SCHEMA;
  runId: string;
  surveyYear?: number;
  /** ISO 8601 */
  occurredAt: string;
  upload?: UploadRef;
  /** runs/{runId}/status.json */
  statusKey?: string;
}

/** Run events for the data teams (functions/schemas/run-event.v1.schema.json), discriminated by `type`. */
export type RunEvent =
  | (RunEventBase & { type: 'accepted'; upload: UploadRef; features: number; tiles: number })
  | (RunEventBase & { type: 'rejected'; upload: UploadRef; reasons: string[] })
  | (RunEventBase & { type: 'tile-failed'; tileId: string; reason: string; receiveCount?: number })
  | (RunEventBase & { type: 'finished'; detections: number; counties: Omit<FinishedCounty, 'name'>[] });

/** What a stage provides: `schema` and `occurredAt` are filled in by the sender. */
export type RunEventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'schema' | 'occurredAt'> : never) : never;
