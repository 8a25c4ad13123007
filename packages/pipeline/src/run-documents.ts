// One writer and one validating reader per run document (run-protocol.ts). A document that does not match its
// JSON Schema is never written as bytes and never trusted when read from bytes: RunDocumentError names the document
// and the mismatch. Tile results handed between stages of one process (the local port's shelf) stay objects: typed
// by the writer, never serialized, so there is nothing to parse or check on the way.
import { multiPolygon, toNested, type NestedMultiPolygon } from '@landwatch/core';
import type { ErrorObject } from 'ajv/dist/2020.js';
import * as generated from './run-document-validators.ts';
import { NotReadyError, StaleMessageError } from './run-errors.ts';
import type { RunStore } from './run-port.ts';
import {
  FINALIZE_REQUEST_SCHEMA,
  MANIFEST_SCHEMA,
  RUN_STATUS_SCHEMA,
  TILE_JOB_SCHEMA,
  TILE_RESULT_SCHEMA,
  runKeys,
  type FinalizeRequest,
  type RunManifest,
  type RunStatus,
  type RunTile,
  type TileJob,
  type TileResultDocument,
} from './run-protocol.ts';

/** A run document does not match its schema (a bug in its writer, or a corrupt object). */
export class RunDocumentError extends Error {
  override readonly name = 'RunDocumentError';
  constructor(
    readonly schema: string,
    readonly where: string,
    readonly errors: readonly Pick<ErrorObject, 'instancePath' | 'message' | 'keyword'>[],
  ) {
    super(`${where}: not a valid ${schema}: ${errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ')}`);
  }
}

/** A validator as ajv generates it: true or false, and the mismatches in `errors` after a false. */
interface ValidateFunction<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}

/** One validator per document, compiled ahead of time from its schema by scripts/run-document-validators.mjs
 * (compiling the manifest's schema at run time cost every process 0.15–0.4 s of CPU). */
const validators = generated as unknown as {
  manifest: ValidateFunction<RunManifest>;
  tileJob: ValidateFunction<TileJob>;
  tileResult: ValidateFunction<TileResultDocument>;
  finalizeRequest: ValidateFunction<FinalizeRequest>;
  runStatus: ValidateFunction<RunStatus>;
};

function checked<T>(validate: ValidateFunction<T>, schema: string, where: string, value: unknown): T {
  if (!validate(value)) throw new RunDocumentError(schema, where, validate.errors ?? []);
  return value;
}

function parseJson(bytes: Uint8Array | string, schema: string, where: string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch (err) {
    throw new RunDocumentError(schema, where, [{ instancePath: '', keyword: 'json', message: (err as Error).message }]);
  }
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
const JSON_TYPE = 'application/json';

// --- manifest

export async function writeManifest(store: RunStore, manifest: RunManifest): Promise<void> {
  const key = runKeys.manifest(manifest.runId);
  checked(validators.manifest, MANIFEST_SCHEMA, key, manifest);
  await store.put({ key, bytes: encode(manifest), contentType: JSON_TYPE });
}

/** The run's manifest, or undefined when the run was never ingested (or has expired). */
export async function readManifestIfExists(store: RunStore, manifestKey: string): Promise<RunManifest | undefined> {
  const bytes = await store.get(manifestKey);
  if (!bytes) return undefined;
  return checked(validators.manifest, MANIFEST_SCHEMA, manifestKey, parseJson(bytes, MANIFEST_SCHEMA, manifestKey));
}

/** The run's manifest; a missing one means the message outlived its run. @throws StaleMessageError */
export async function readManifest(store: RunStore, manifestKey: string): Promise<RunManifest> {
  const manifest = await readManifestIfExists(store, manifestKey);
  if (!manifest) throw new StaleMessageError(`no manifest at ${manifestKey} (run expired or never ingested)`);
  return manifest;
}

// --- tile jobs and finalize requests (message bodies)

export function tileJobFor(runId: string, tileId: string): TileJob {
  return checked(validators.tileJob, TILE_JOB_SCHEMA, `tile ${tileId}`, { schema: TILE_JOB_SCHEMA, runId, tileId, manifestKey: runKeys.manifest(runId) });
}

/** A tile job from a message body. @throws RunDocumentError */
export function parseTileJob(body: string, where: string): TileJob {
  return checked(validators.tileJob, TILE_JOB_SCHEMA, where, parseJson(body, TILE_JOB_SCHEMA, where));
}

export function finalizeRequestFor(runId: string, countyCode: string): FinalizeRequest {
  return checked(validators.finalizeRequest, FINALIZE_REQUEST_SCHEMA, `${runId}:${countyCode}`, {
    schema: FINALIZE_REQUEST_SCHEMA,
    runId,
    manifestKey: runKeys.manifest(runId),
    countyCode,
  });
}

/** A finalize request from a message body. @throws RunDocumentError */
export function parseFinalizeRequest(body: string, where: string): FinalizeRequest {
  return checked(validators.finalizeRequest, FINALIZE_REQUEST_SCHEMA, where, parseJson(body, FINALIZE_REQUEST_SCHEMA, where));
}

// --- tile results

export async function writeTileResult(store: RunStore, result: Omit<TileResultDocument, 'schema'>): Promise<void> {
  const key = runKeys.tileResult(result.runId, result.tileId);
  const doc: TileResultDocument = { schema: TILE_RESULT_SCHEMA, ...result };
  if (store.shelf) return store.shelf.set(key, doc);
  const json = tileResultJson(doc);
  checked(validators.tileResult, TILE_RESULT_SCHEMA, key, json);
  // compact: tile results are work files read by one program, and geometry dominates them
  await store.put({ key, bytes: new TextEncoder().encode(JSON.stringify(json)), contentType: JSON_TYPE });
}

/**
 * A tile result's geometry as the schema writes it, nested arrays of positions: the flat MultiPolygon's typed arrays
 * have no JSON form. Only results that travel as bytes take this way (and tileResultFromJson back).
 */
function tileResultJson(doc: TileResultDocument): unknown {
  return {
    ...doc,
    detections: doc.detections.map((d) => ({ ...d, geometry: toNested(d.geometry) })),
    overlaps: doc.overlaps.map((o) => ({ ...o, geometry: toNested(o.geometry) })),
  };
}

/** A checked tile result read from bytes, its geometry made flat again (in place). */
function tileResultFromJson(json: TileResultDocument): TileResultDocument {
  for (const d of json.detections) d.geometry = multiPolygon(d.geometry as unknown as NestedMultiPolygon);
  for (const o of json.overlaps) o.geometry = multiPolygon(o.geometry as unknown as NestedMultiPolygon);
  return json;
}

/** Whether a tile's result is stored: "this tile is done" (pendingTiles asks the same of every tile at once). */
export async function isTileDone(store: RunStore, runId: string, tileId: string): Promise<boolean> {
  const key = runKeys.tileResult(runId, tileId);
  return store.shelf?.has(key) || store.exists(key);
}

/** The tiles of a run whose results are not stored yet, in plan order (one listing, not one request per tile). */
export async function pendingTiles(store: RunStore, manifest: RunManifest): Promise<string[]> {
  const done = new Set(await store.list(runKeys.tilesPrefix(manifest.runId)));
  const key = (tileId: string) => runKeys.tileResult(manifest.runId, tileId);
  return manifest.tiles.filter((t) => !done.has(key(t.tileId)) && !store.shelf?.has(key(t.tileId))).map((t) => t.tileId);
}

/** The results of the given tiles of a run (default: every tile), in plan order, each passed through `keep` as it is
 * read. @throws NotReadyError when a tile is not done yet */
export async function readTileResults(
  store: RunStore,
  manifest: RunManifest,
  keep: (doc: TileResultDocument) => TileResultDocument = (doc) => doc,
  tiles: readonly RunTile[] = manifest.tiles,
): Promise<TileResultDocument[]> {
  const results: TileResultDocument[] = [];
  for (const t of tiles) {
    const key = runKeys.tileResult(manifest.runId, t.tileId);
    const doc = store.shelf?.get(key) ?? (await readTileResultBytes(store, key));
    if (!doc) throw new NotReadyError(`tile ${t.tileId} of ${manifest.tiles.length} is not done yet`, { runId: manifest.runId });
    if (doc.runId !== manifest.runId || doc.tileId !== t.tileId) {
      throw new RunDocumentError(TILE_RESULT_SCHEMA, key, [{ instancePath: '/tileId', keyword: 'const', message: `is ${doc.runId}/${doc.tileId}` }]);
    }
    results.push(keep(doc));
  }
  return results;
}

async function readTileResultBytes(store: RunStore, key: string): Promise<TileResultDocument | undefined> {
  const bytes = await store.get(key);
  return bytes && tileResultFromJson(checked(validators.tileResult, TILE_RESULT_SCHEMA, key, parseJson(bytes, TILE_RESULT_SCHEMA, key)));
}

// --- run status

type StatusInput = RunStatus extends infer S ? (S extends RunStatus ? Omit<S, 'schema'> : never) : never;

/** The one writer of runs/{runId}/status.json. */
export async function writeRunStatus(store: RunStore, status: StatusInput): Promise<string> {
  const key = runKeys.status(status.runId);
  const doc = checked(validators.runStatus, RUN_STATUS_SCHEMA, key, { schema: RUN_STATUS_SCHEMA, ...status });
  await store.put({ key, bytes: encode(doc), contentType: JSON_TYPE });
  return key;
}

export async function readRunStatus(store: RunStore, runId: string): Promise<RunStatus | undefined> {
  const key = runKeys.status(runId);
  const bytes = await store.get(key);
  return bytes ? checked(validators.runStatus, RUN_STATUS_SCHEMA, key, parseJson(bytes, RUN_STATUS_SCHEMA, key)) : undefined;
}
