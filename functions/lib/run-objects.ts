// Object keys of a run (DESIGN §2) and the run manifest written by ingest and read by detect-tile and finalize.
import type { AreaMismatch } from '@landwatch/core';
import type { TilePlan } from '@landwatch/fgb';
import type { LayerEntry, RunConfig } from '@landwatch/pipeline';

export const runKeys = {
  manifest: (runId: string) => `runs/${runId}/manifest.json`,
  status: (runId: string) => `runs/${runId}/status.json`,
  indexedInput: (runId: string) => `runs/${runId}/input/changes.fgb`,
  tilesPrefix: (runId: string) => `runs/${runId}/tiles/`,
  tileResult: (runId: string, tileId: string) => `runs/${runId}/tiles/${tileId}.json`,
  tileLayer: (runId: string, tileId: string) => `runs/${runId}/tiles/${tileId}.fgb`,
  alertSent: (runId: string, countyCode: string) => `runs/${runId}/alerts/${countyCode}.json`,
  finalized: (runId: string) => `runs/${runId}/finalized.json`,
  result: (surveyYear: number, countyCode: string, runId: string, file: string) =>
    `results/${surveyYear}/${countyCode}/${runId}/${file}`,
};

/** An object pinned by its ETag. */
export interface PinnedObject {
  bucket: string;
  key: string;
  etag: string;
  size: number;
}

export const MANIFEST_SCHEMA = 'landwatch.run-manifest/v1';

export interface RunManifest {
  schema: typeof MANIFEST_SCHEMA;
  runId: string;
  surveyYear: number;
  /** the upload's LastModified (ISO): the run's time, so that a rerun writes byte-identical objects */
  createdAt: string;
  upload: PinnedObject;
  /** what the tiles read: the upload itself when it has a spatial index, else ingest's indexed copy */
  input: PinnedObject;
  featuresCount: number;
  crsEpsg: number;
  config: RunConfig;
  configHash: string;
  /** the layer registry with each layer's pinned object in the reference bucket */
  layers: (LayerEntry & { object: PinnedObject })[];
  tiles: TilePlan[];
  /** county and township names of the run's codes, so that tiles need no national name table */
  divisionNames: Record<string, string>;
  /** issue 13: pieces whose computed area differs from TBBGMJ by > 1 % and 1 m² (docs/INPUT-CHECKS.md) */
  areaMismatches?: AreaMismatch[];
}

export const TILE_JOB_SCHEMA = 'landwatch.tile-job/v1';

export interface TileJob {
  schema: typeof TILE_JOB_SCHEMA;
  runId: string;
  tileId: string;
  manifestKey: string;
}

export const FINALIZE_REQUEST_SCHEMA = 'landwatch.finalize-request/v1';

export interface FinalizeRequest {
  schema: typeof FINALIZE_REQUEST_SCHEMA;
  runId: string;
  manifestKey: string;
}
