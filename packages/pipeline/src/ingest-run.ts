// Stage "ingest" (docs/ARCHITECTURE.md): validate an upload and its protection layers with every reason, decide the
// survey year and the run id, make an indexed copy when the upload has none, plan tiles as contiguous Hilbert runs,
// write the manifest and the accepted status, and hand the tile jobs to the dispatcher. A rejected upload gets a
// rejected status and run event and nothing else. An accepted run is handed to the port's startRun (one state machine
// execution named after the run on AWS, docs/ORCHESTRATION.md). The same function runs in the ingest Lambda and in
// the CLI.
import { join } from 'node:path';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRuleSet, landUseCodeTable, RejectedInputError, SURVEY_YEARS, YDYH_VERSION, type ClassificationOption, type FieldMap, type LandUseCodeTable } from '@landwatch/core';
import { planTiles, readIndexLeaves } from '@landwatch/fgb';
import { openChangeLayer, type ChangeLayer, type ScanResult } from './change-layer.ts';
import { countyOfLocation, spillByCounty, writeCountyCopy } from './county-split.ts';
import { scanWithClassification } from './classified-scan.ts';
import { divisionNamesFor } from './division-names.ts';
import { indexedCopy } from './indexed-copy.ts';
import type { InputLimits } from './input-limits.ts';
import { openProtectionLayers } from './protection-layer.ts';
import { DEFAULT_TILE_MAX_FEATURES, runConfigHash, type RunConfig } from './run-config.ts';
import { readManifestIfExists, writeManifest, writeRunStatus } from './run-documents.ts';
import { LOCAL_BUCKET } from './local-port.ts';
import { runIdFor, unknownYearRunId } from './run-id.ts';
import type { OpenedSource, RunPort } from './run-port.ts';
import { runKeys, type CountyInput, type PinnedLayer, type PinnedObject, type RunManifest, type RunStart, type RunTile } from './run-protocol.ts';
import { resolveSurveyYear, surveyYearFromPath } from './survey-year.ts';

export interface IngestRequest {
  /** the upload, pinned to the version that triggered the run */
  upload: PinnedObject;
  /** the upload's modification time: the run's time (summary.json, report), so that a rerun is byte-identical */
  modifiedAt: Date;
  /** the survey year given explicitly (`landwatch run --year`); the rule is docs/SURVEY-YEAR.md */
  declaredYear?: number;
  fieldMap?: FieldMap;
  tileMaxFeatures?: number;
  /** the layer of a multi-layer delivery to read (`--layer`) */
  layer?: string;
  /** the land-use classification of the codes (`--classification`, S3 metadata); default `auto` */
  classification?: ClassificationOption;
  /** bounds on the run's input (default DEFAULT_INPUT_LIMITS); a deployment whose protection layers cover a province
   * raises the run's position budget for them (docs/SCALE.md, "Province uploads") */
  limits?: Readonly<InputLimits>;
  /** progress of the feature scan and the indexed copy */
  onProgress?: (stage: 'validate' | 'index', done: number, total: number) => void;
}

export interface IngestTimings {
  validateMs: number;
  indexMs: number;
  planMs: number;
}

export type IngestOutcome =
  | { state: 'rejected'; runId: string; reasons: string[] }
  /** `resumed`: the run had been ingested before (a redelivered event, the same bytes uploaded again): it was only
   * started again, which is a no-op for a run already started */
  | { state: 'accepted'; manifest: RunManifest; resumed: boolean; timings: IngestTimings };

/** The whole-second ISO time of a date: the form every run document and result file uses. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function runConfigFor(year: number, layers: readonly PinnedLayer[], req: IngestRequest, codes: LandUseCodeTable): RunConfig {
  return {
    tileMaxFeatures: req.tileMaxFeatures ?? DEFAULT_TILE_MAX_FEATURES,
    fieldMap: req.fieldMap ?? {},
    codeTableVersion: codes.version,
    ruleSetVersion: createRuleSet({ surveyYear: year }, codes).version,
    layers: layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path, version: l.object.etag })),
  };
}

/** The table a run most likely used, for the resume check before the scan: the declared one, else 三调 (a run id
 * that names the other table simply finds no manifest, and the scan decides). */
function guessedTableFor(option: ClassificationOption | undefined): LandUseCodeTable {
  return option === 'ydyh' ? landUseCodeTable(YDYH_VERSION) : landUseCodeTable();
}

export async function ingestRun(port: RunPort, req: IngestRequest): Promise<IngestOutcome> {
  const t0 = performance.now();
  // the layers are pinned (a local port hashes them, on another thread) while the change layer is scanned below
  const registryPending = port.layers();
  registryPending.catch(() => {}); // awaited below; an early return must not leave its failure unhandled
  // the run's identity is the upload's bytes, not its ETag (which changes with the multipart part size)
  const contentPending = port.contentSha256(req.upload).catch(() => undefined);
  let contentSha256: string | undefined;
  const pinned = async () => {
    const layers = await registryPending;
    contentSha256 = await contentPending;
    return layers;
  };
  const identity = (surveyYear: number, configHash: string) => runIdFor({ surveyYear, contentSha256: contentSha256 ?? EMPTY_SHA256, configHash });

  // a run already ingested (a redelivered upload event): send again the tile jobs whose results are missing. The
  // run id needs the survey year and the code table, which the scan decides; when both can be guessed before it
  // (the year given or in the key, a declared table) and that run exists, it was validated with them already.
  const keyYear = surveyYearFromPath(req.upload.key);
  const declaredOrKeyYear = req.declaredYear ?? keyYear;
  const guessedTable = guessedTableFor(req.classification);
  let resumeChecked: string | undefined;
  // a year the rules do not cover (--year 1950, a file named …-1985) is refused after the scan, with its reason
  const guessedYear = declaredOrKeyYear !== undefined && declaredOrKeyYear >= SURVEY_YEARS.first && declaredOrKeyYear <= SURVEY_YEARS.last ? declaredOrKeyYear : undefined;
  // (not where no run can be stored yet: a fresh work folder)
  const early = guessedYear !== undefined && port.mayHoldRuns !== false ? await pinned() : undefined;
  if (guessedYear !== undefined && early && early.reasons.length === 0) {
    resumeChecked = identity(guessedYear, runConfigHash(runConfigFor(guessedYear, early.layers, req, guessedTable)));
    const resumed = await resume(port, resumeChecked);
    if (resumed) await writeUploadPointer(port, req.upload, resumed.runId);
    if (resumed) return { state: 'accepted', manifest: resumed, resumed: true, timings: { validateMs: performance.now() - t0, indexMs: 0, planMs: 0 } };
  }

  const opened: OpenedSource[] = [];
  const open = async (object: PinnedObject, name?: string) => {
    const source = await port.open(object);
    opened.push(source);
    // a converted delivery is read from its copy, but messages name the delivery
    return name === undefined ? source : { ...source, name };
  };
  // deliveries in other formats (GeoPackage, Shapefile, File Geodatabase, zips) are converted once, here
  const converted: PinnedObject[] = [];
  // the reasons in the order the checks are listed: registry, change layer, protection layers, the change layer's scan
  const reasons: string[] = [];
  const convert = async (object: PinnedObject, options: { layer?: string; spatialIndex: boolean }, what: string) => {
    try {
      const copy = await port.convertDelivery(object, options);
      if (copy) converted.push(copy);
      return copy;
    } catch (err) {
      if (!(err instanceof RejectedInputError)) throw err;
      reasons.push(...err.reasons.map((r) => (what ? `${what}: ${r}` : r)));
      return null;
    }
  };
  try {
    // validate: header, layers, then every feature — all reasons together
    let layer: ChangeLayer | undefined;
    let scan: ScanResult | undefined;
    let codes: LandUseCodeTable | undefined;
    const changesCopy = await convert(req.upload, { layer: req.layer, spatialIndex: false }, '');
    const source =
      changesCopy === null
        ? undefined
        : await open(changesCopy ?? req.upload, changesCopy ? req.upload.key : undefined).catch((err: Error) => {
            reasons.push(`${req.upload.key}: cannot open: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
            return undefined;
          });
    if (source) {
      const header = await openChangeLayer(source, req.fieldMap);
      if (header.ok) layer = header.layer;
      else reasons.push(...header.reasons);
    }
    const scanReasons: string[] = [];
    if (layer) {
      const total = layer.header.featuresCount;
      const classified = await scanWithClassification(layer, req.classification ?? 'auto', (n) => req.onProgress?.('validate', n, total));
      scan = classified.scan;
      if (classified.decision.ok) codes = classified.decision.table;
      else scanReasons.push(...classified.decision.reasons);
      scanReasons.push(...scan.reasons);
    }
    const registry = await pinned();
    reasons.unshift(...registry.reasons);
    // protection layers: what the tiles will read (a delivery's indexed copy, or the layer itself)
    const byId = new Map(registry.layers.map((l) => [l.id, l.object]));
    const readable = new Map<string, PinnedObject>();
    for (const l of registry.layers) {
      const copy = await convert(l.object, { layer: l.layer, spatialIndex: true }, `layer ${l.id}`);
      if (copy !== null) readable.set(l.id, copy ?? l.object);
    }
    const protection = await openProtectionLayers(
      registry.layers.filter((l) => readable.has(l.id)),
      (e) => {
        const original = byId.get(e.id)!;
        const copy = readable.get(e.id)!;
        return open(copy, copy !== original ? original.key : undefined);
      },
      req.limits ? { limits: req.limits } : {},
    );
    reasons.push(...protection.reasons, ...scanReasons);
    const resolved = resolveSurveyYear({ optionYear: req.declaredYear, dataYears: scan?.surveyYears ?? {}, keyYear });
    const year = resolved.ok ? { ok: true as const, surveyYear: resolved.year } : { ok: false as const };
    if (!resolved.ok && (reasons.length === 0 || scan)) reasons.push(...resolved.reasons.map((r) => `${req.upload.key}: ${r}`));

    if (reasons.length > 0 || !layer || !scan || !codes || !year.ok) {
      const runId = year.ok
        ? identity(year.surveyYear, registry.reasons.length === 0 && codes ? runConfigHash(runConfigFor(year.surveyYear, registry.layers, req, codes)) : 'input-unusable')
        : unknownYearRunId({ contentSha256: contentSha256 ?? EMPTY_SHA256 });
      await reject(port, req.upload, runId, year.ok ? year.surveyYear : undefined, reasons);
      await writeUploadPointer(port, req.upload, runId);
      return { state: 'rejected', runId, reasons };
    }
    const surveyYear = year.surveyYear;
    const config = runConfigFor(surveyYear, registry.layers, req, codes);
    const configHash = runConfigHash(config);
    const runId = identity(surveyYear, configHash);
    if (runId !== resumeChecked) {
      const resumed = await resume(port, runId);
      if (resumed) await writeUploadPointer(port, req.upload, runId);
      if (resumed) return { state: 'accepted', manifest: resumed, resumed: true, timings: { validateMs: performance.now() - t0, indexMs: 0, planMs: 0 } };
    }
    const validateMs = performance.now() - t0;

    const counties = [...new Set(scan.townshipCodes.map(countyOfLocation))].sort();
    const indexProgress = (n: number) => req.onProgress?.('index', n, layer!.header.featuresCount);
    let input = req.upload;
    let tiles: RunTile[];
    let countyInputs: CountyInput[] | undefined;
    let indexMs: number;
    let planMs: number;
    if (counties.length > 1) {
      // several counties (a province): split by county, each county indexed and tiled on its own, so that no tile
      // mixes counties and a county's finalize reads its own tiles only
      const tIndex = performance.now();
      const split = await storeCountyCopies(port, layer, runId, config.tileMaxFeatures, req.fieldMap, indexProgress);
      ({ tiles, countyInputs } = split);
      indexMs = performance.now() - tIndex - split.planMs;
      planMs = split.planMs;
    } else {
      // index: tiles need contiguous Hilbert runs; an unindexed upload gets an indexed copy (spilled to disk)
      const tIndex = performance.now();
      if (layer.header.indexNodeSize === 0) {
        input = await storeIndexedCopy(port, layer, runId, indexProgress);
        const reopened = await openChangeLayer(await open(input), req.fieldMap);
        if (!reopened.ok) throw new Error(`indexed copy unreadable: ${reopened.reasons.join('; ')}`);
        layer = reopened.layer;
      }
      indexMs = performance.now() - tIndex;

      // plan tiles: contiguous runs of features in Hilbert order
      const tPlan = performance.now();
      const leaves = await readIndexLeaves(layer.source, layer.header);
      tiles = planTiles(leaves, layer.header.dataSize, { maxFeatures: config.tileMaxFeatures });
      planMs = performance.now() - tPlan;
    }

    // converted protection layers are kept beside the run, pinned, for its tiles (the config keeps the originals')
    const layers: PinnedLayer[] = [];
    for (const l of registry.layers) {
      const copy = readable.get(l.id)!;
      layers.push(copy === l.object ? l : { ...l, object: await port.putFile(runKeys.layerCopy(runId, l.id), copy.key) });
    }

    const manifest: RunManifest = {
      schema: 'landwatch.run-manifest/v1',
      runId,
      surveyYear,
      createdAt: isoSeconds(req.modifiedAt),
      upload: req.upload,
      input,
      featuresCount: layer.header.featuresCount,
      crsEpsg: layer.crs.epsg,
      config,
      configHash,
      layers,
      tiles,
      counties,
      ...(countyInputs ? { countyInputs } : {}),
      divisionNames: divisionNamesFor(scan.townshipCodes),
      checks: { indexedCopyMade: input !== req.upload || countyInputs !== undefined, tiles: tiles.length, unknownCodes: scan.unknownCodes, areaMismatches: scan.areaMismatches },
    };
    await writeManifest(port, manifest);
    await writeUploadPointer(port, req.upload, runId);
    const statusKey = await writeRunStatus(port, {
      runId,
      surveyYear,
      state: 'accepted',
      upload: req.upload,
      features: manifest.featuresCount,
      tiles: tiles.length,
      indexedCopy: manifest.checks.indexedCopyMade,
      areaMismatches: scan.areaMismatches,
    });
    await startRun(port, manifest);
    await port.sendRunEvent({ type: 'accepted', runId, surveyYear, upload: req.upload, features: manifest.featuresCount, tiles: tiles.length, statusKey });
    return { state: 'accepted', manifest, resumed: false, timings: { validateMs, indexMs, planMs } };
  } finally {
    await Promise.all(opened.map((s) => s.close()));
    await Promise.all(converted.map((c) => rm(dirname(c.key), { recursive: true, force: true })));
  }
}

/** sha256 of no bytes: the identity of an upload that cannot be read at all (it is rejected). */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Step Functions' limit on an execution's input is 256 KiB; the tiles go inline only well below it (≈ 9 000 tiles). */
const INLINE_TILES_MAX_BYTES = 200 * 1024;

/** Starts the run with its counties and its tiles: inline while they fit the execution input, else as the key of
 * the tile list (a JSON array the Distributed Map's ItemReader reads), written here beside the manifest. */
async function startRun(port: RunPort, manifest: RunManifest): Promise<void> {
  const tiles = manifest.tiles.map((t) => ({ tileId: t.tileId }));
  // a folder's port has no bucket: the local runner's tile list is read from the work folder
  const start: RunStart = { runId: manifest.runId, manifestKey: runKeys.manifest(manifest.runId), bucket: port.bucket ?? LOCAL_BUCKET, counties: manifest.counties, tiles };
  if (Buffer.byteLength(JSON.stringify(start)) <= INLINE_TILES_MAX_BYTES) return port.startRun(start);
  const tilesKey = runKeys.tileItems(manifest.runId);
  await port.put({ key: tilesKey, bytes: new TextEncoder().encode(JSON.stringify(tiles)), contentType: 'application/json' });
  const { tiles: _inline, ...rest } = start;
  await port.startRun({ ...rest, tilesKey });
}

/** An ingested run's manifest after starting it again (a no-op where it runs or ran); undefined when the run is new. */
async function resume(port: RunPort, runId: string): Promise<RunManifest | undefined> {
  const manifest = await readManifestIfExists(port, runKeys.manifest(runId));
  if (!manifest) return undefined;
  await startRun(port, manifest);
  return manifest;
}

/** `by-upload/{key}.json`: the run an upload key (at this version) belongs to, for a data team that knows only its
 * key (`landwatch aws status KEY`). The same bytes under two keys: two pointers, one run. */
async function writeUploadPointer(port: RunPort, upload: PinnedObject, runId: string): Promise<void> {
  const pointer = { key: upload.key, etag: upload.etag, ...(upload.versionId ? { versionId: upload.versionId } : {}), runId, statusKey: runKeys.status(runId) };
  await port.put({ key: runKeys.byUpload(upload.key), bytes: new TextEncoder().encode(`${JSON.stringify(pointer, null, 2)}\n`), contentType: 'application/json' });
}

async function reject(port: RunPort, upload: PinnedObject, runId: string, surveyYear: number | undefined, reasons: string[]): Promise<void> {
  const statusKey = await writeRunStatus(port, { runId, ...(surveyYear !== undefined ? { surveyYear } : {}), state: 'rejected', upload, reasons });
  await port.sendRunEvent({ type: 'rejected', runId, ...(surveyYear !== undefined ? { surveyYear } : {}), upload, reasons, statusKey });
}

/** A multi-county upload split by county (county-split.ts): each county's indexed copy stored and pinned, and its
 * tiles planned over it, numbered on from the previous county's, each naming its county. */
async function storeCountyCopies(
  port: RunPort,
  layer: ChangeLayer,
  runId: string,
  maxFeatures: number,
  fieldMap: FieldMap | undefined,
  onProgress: (n: number) => void,
): Promise<{ tiles: RunTile[]; countyInputs: CountyInput[]; planMs: number }> {
  await mkdir(port.tmpDir, { recursive: true });
  const spills = await spillByCounty(layer, port.tmpDir, onProgress);
  const tiles: RunTile[] = [];
  const countyInputs: CountyInput[] = [];
  let planMs = 0;
  try {
    for (const county of spills.counties) {
      const file = join(port.tmpDir, `${runId}-changes-${county.countyCode}.fgb`);
      let input: PinnedObject;
      try {
        await writeCountyCopy(layer, county, port.tmpDir, file);
        input = await port.putFile(runKeys.countyInput(runId, county.countyCode), file);
      } finally {
        await rm(file, { force: true });
      }
      const tPlan = performance.now();
      const source = await port.open(input);
      try {
        const copy = await openChangeLayer(source, fieldMap);
        if (!copy.ok) throw new Error(`indexed copy of county ${county.countyCode} unreadable: ${copy.reasons.join('; ')}`);
        const leaves = await readIndexLeaves(copy.layer.source, copy.layer.header);
        for (const t of planTiles(leaves, copy.layer.header.dataSize, { maxFeatures })) {
          tiles.push({ ...t, tileId: `t${String(tiles.length).padStart(5, '0')}`, countyCode: county.countyCode });
        }
      } finally {
        await source.close();
      }
      planMs += performance.now() - tPlan;
      countyInputs.push({ countyCode: county.countyCode, input, featuresCount: county.count });
    }
  } finally {
    await spills.dispose();
  }
  return { tiles, countyInputs, planMs };
}

/** Writes the indexed, Hilbert-sorted copy of the upload to the run's work area and pins it. */
async function storeIndexedCopy(port: RunPort, layer: ChangeLayer, runId: string, onProgress: (n: number) => void): Promise<PinnedObject> {
  const file = join(port.tmpDir, `${runId}-changes.fgb`);
  await mkdir(port.tmpDir, { recursive: true });
  try {
    const writer = await indexedCopy(layer.source, layer.header, { spillDir: port.tmpDir, onProgress });
    await writer.finishToFile(file);
    return await port.putFile(runKeys.indexedInput(runId), file);
  } finally {
    await rm(file, { force: true });
  }
}
