// `landwatch run`: the stages of the serverless pipeline in one process over the local file system —
// validate, index if needed, plan tiles (contiguous Hilbert runs), detect tiles on worker threads, merge per county,
// write the result files all at once.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  RejectedInputError,
  landUseCodeTable,
  createRuleSet,
  mergeTileResults,
  type CountyResult,
  type FieldMap,
} from '@landwatch/core';
import { openFileByteSource, planTiles, readIndexLeaves } from '@landwatch/fgb';
import {
  DEFAULT_TILE_MAX_FEATURES,
  divisionNamesFor,
  LayerRegistryError,
  runConfigHash,
  indexedCopy,
  jsonBytes,
  openChangeLayer,
  openProtectionLayers,
  parseLayerRegistry,
  renderCountyFiles,
  runIdFor,
  scanChangeLayer,
  surveyYearFromKey,
  type LayerEntry,
  type RunConfig,
  type TileRun,
  RUN_STATUS_SCHEMA,
} from '@landwatch/pipeline';
import { StagedOutput } from './files.ts';
import type { Progress } from './progress.ts';
import { runTiles } from './tile-pool.ts';

export interface RunOptions {
  changesPath: string;
  layersPath: string;
  outDir: string;
  year?: number;
  fieldMapPath?: string;
  workers?: number;
  tileMaxFeatures?: number;
  progress: Progress;
}

export interface RunTimings {
  validateMs: number;
  indexMs: number;
  planMs: number;
  tilesMs: number;
  mergeMs: number;
  writeMs: number;
  totalMs: number;
  /** summed over tiles (worker time, not wall time) */
  tileReadMs: number;
  tileClassifyMs: number;
  tileRepairMs: number;
  tileOverlayMs: number;
  tileAreaMs: number;
}

export interface RunOutcome {
  runId: string;
  surveyYear: number;
  pieces: number;
  tiles: number;
  /** worker threads used besides the main thread (which takes tiles too) */
  workers: number;
  counties: CountyResult[];
  outputDirs: string[];
  timings: RunTimings;
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function readJsonFile<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RejectedInputError([`${path}: cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new RejectedInputError([`${path}: ${what} is not JSON: ${(err as Error).message}`]);
  }
}

export async function runLocal(opts: RunOptions): Promise<RunOutcome> {
  const t0 = performance.now();
  const progress = opts.progress;
  const changesPath = resolve(opts.changesPath);
  const outDir = resolve(opts.outDir);
  const codeTableVersion = landUseCodeTable().version;

  // --- validate: registry, change-layer header, protection layers, then a full scan of the change layer
  progress.stage('validate');
  const fieldMap: FieldMap = opts.fieldMapPath ? await readJsonFile<FieldMap>(resolve(opts.fieldMapPath), 'field map') : {};
  const registryPath = resolve(opts.layersPath);
  let entries: LayerEntry[];
  try {
    entries = parseLayerRegistry(await readFile(registryPath, 'utf8'), registryPath).map((e) => ({
      ...e,
      path: resolve(dirname(registryPath), e.path),
    }));
  } catch (err) {
    if (err instanceof LayerRegistryError) throw new RejectedInputError(err.reasons.map((r) => `${registryPath}: ${r}`));
    throw new RejectedInputError([`${registryPath}: cannot read layer registry: ${(err as Error).message}`]);
  }
  let source;
  try {
    source = await openFileByteSource(changesPath);
  } catch (err) {
    throw new RejectedInputError([`${changesPath}: cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  const layerSources: { close(): Promise<void> }[] = [];
  try {
    const opened = await openChangeLayer(source, fieldMap);
    const { layers, reasons: layerReasons } = await openProtectionLayers(entries, async (e) => {
      const s = await openFileByteSource(e.path);
      layerSources.push(s);
      return s;
    });
    if (!opened.ok) throw new RejectedInputError([...opened.reasons, ...layerReasons]);
    const codes = landUseCodeTable(codeTableVersion);
    const scan = await scanChangeLayer(opened.layer, codes, (n) => progress.update(n, opened.layer.header.featuresCount, 'pieces'));
    const yearReasons: string[] = [];
    // the survey year: --year, else the most common SJNF/GXSJ year, else the path (…/changes/{year}/…)
    const commonYear = Object.entries(scan.surveyYears).sort((a, b) => b[1] - a[1])[0]?.[0];
    const year = opts.year ?? (commonYear !== undefined ? Number(commonYear) : surveyYearFromKey(changesPath.replace(/\\/g, '/')));
    if (year === undefined || !Number.isFinite(year)) {
      yearReasons.push(`${changesPath}: cannot tell the survey year: no SJNF/GXSJ values and no --year`);
    }
    const reasons = [...scan.reasons, ...layerReasons, ...yearReasons];
    if (reasons.length > 0) throw new RejectedInputError(reasons);
    const validateMs = performance.now() - t0;
    const surveyYearFinal = year as number;

    // --- run id from the input's content hash and the configuration
    const layerVersions = await Promise.all(entries.map(async (e) => ({ id: e.id, kind: e.kind, path: basename(e.path), version: await fileSha256(e.path) })));
    const config: RunConfig = {
      tileMaxFeatures: opts.tileMaxFeatures ?? DEFAULT_TILE_MAX_FEATURES,
      fieldMap,
      codeTableVersion,
      ruleSetVersion: createRuleSet({ surveyYear: surveyYearFinal }, codes).version,
      layers: layerVersions,
    };
    const inputHash = await fileSha256(changesPath);
    const runId = runIdFor({ surveyYear: surveyYearFinal, bucket: 'local', key: basename(changesPath), etag: inputHash, configHash: runConfigHash(config) });
    const stagingDir = join(outDir, '.landwatch-tmp', runId);
    const staged = new StagedOutput(outDir, stagingDir);

    try {
      // --- index: an unindexed upload gets an indexed, Hilbert-sorted copy
      const tIndex = performance.now();
      let changesForTiles = changesPath;
      let layer = opened.layer;
      if (layer.header.indexNodeSize === 0) {
        progress.stage('index');
        await mkdir(stagingDir, { recursive: true });
        const writer = await indexedCopy(source, layer.header, {
          spillDir: stagingDir,
          onProgress: (n) => progress.update(n, layer.header.featuresCount, 'pieces'),
        });
        changesForTiles = join(stagingDir, 'input-indexed.fgb');
        await writer.finishToFile(changesForTiles);
        const indexedSource = await openFileByteSource(changesForTiles);
        layerSources.push(indexedSource);
        const reopened = await openChangeLayer(indexedSource, fieldMap);
        if (!reopened.ok) throw new Error(`indexed copy unreadable: ${reopened.reasons.join('; ')}`);
        layer = reopened.layer;
      }
      const indexMs = performance.now() - tIndex;

      // --- plan tiles: contiguous runs of features in Hilbert order
      const tPlan = performance.now();
      const leaves = await readIndexLeaves(layer.source, layer.header);
      const tiles = planTiles(leaves, layer.header.dataSize, { maxFeatures: config.tileMaxFeatures });
      const planMs = performance.now() - tPlan;

      // --- detect tiles
      progress.stage('detect');
      const tTiles = performance.now();
      const results: TileRun[] = [];
      let piecesDone = 0;
      // worker threads besides this thread, which takes tiles too. Default: one per core beyond two. Measured on
      // 2 vCPUs (bench/RESULTS.md): a second lane was slower than one — V8's concurrent GC and compiler use the
      // idle core for free, while a worker starts with a cold JIT and takes that core away.
      const cores = availableParallelism();
      const workers = opts.workers ?? (cores > 2 ? cores - 1 : 0);
      await runTiles(
        tiles,
        {
          changesPath: changesForTiles,
          fieldMap,
          layers: entries,
          runId,
          surveyYear: surveyYearFinal,
          codeTableVersion,
          divisionNames: divisionNamesFor(scan.townshipCodes),
        },
        workers,
        (r) => {
          results.push(r);
          piecesDone += r.stats.pieces;
          progress.update(piecesDone, layer.header.featuresCount, 'pieces');
        },
      );
      const tilesMs = performance.now() - tTiles;

      // --- merge per county and write
      progress.stage('write');
      const tMerge = performance.now();
      results.sort((a, b) => a.tileId.localeCompare(b.tileId));
      const generatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const counties = mergeTileResults(results, {
        runId,
        surveyYear: surveyYearFinal,
        generatedAt,
        input: { file: basename(changesPath), featuresCount: layer.header.featuresCount, crs: `EPSG:${layer.crs.epsg} ${layer.crs.name}`, sha256OrEtag: inputHash },
        codeTableVersion,
        ruleSetVersion: config.ruleSetVersion,
        layers: layers.map((l) => ({ ...l.info, source: basename(l.source.name), version: layerVersions.find((v) => v.id === l.info.id)?.version })),
        inputChecks: {
          indexedCopyMade: changesForTiles !== changesPath,
          tiles: tiles.length,
          unknownCodes: scan.unknownCodes,
          areaMismatches: scan.areaMismatches, // issue 13: declared vs computed area, > 1 % and 1 m²
        },
      });
      const mergeMs = performance.now() - tMerge;
      const tWrite = performance.now();
      for (const county of counties) {
        const files = await renderCountyFiles(county, layer.crs);
        await staged.stageDir(join('results', String(surveyYearFinal), county.countyCode, runId), files);
      }
      const timings: RunTimings = {
        validateMs,
        indexMs,
        planMs,
        tilesMs,
        mergeMs,
        writeMs: 0,
        totalMs: 0,
        tileReadMs: sum(results, (r) => r.readMs),
        tileClassifyMs: sum(results, (r) => r.stats.timings.classifyMs),
        tileRepairMs: sum(results, (r) => r.stats.timings.repairMs),
        tileOverlayMs: sum(results, (r) => r.stats.timings.overlayMs),
        tileAreaMs: sum(results, (r) => r.stats.timings.areaMs),
      };
      const status = {
        schema: RUN_STATUS_SCHEMA,
        runId,
        surveyYear: surveyYearFinal,
        state: 'done',
        input: changesPath,
        pieces: layer.header.featuresCount,
        tiles: tiles.length,
        counties: counties.map((c) => ({ code: c.countyCode, name: c.countyName, detections: c.detections.length })),
        inputChecks: { areaMismatches: scan.areaMismatches }, // issue 13
        config,
      };
      await staged.stageDir(join('runs', runId), [['status.json', jsonBytes(status)]]);
      const outputDirs = (await staged.commit()).filter((d) => d.includes(`${join('results', '')}`));
      timings.writeMs = performance.now() - tWrite;
      timings.totalMs = performance.now() - t0;
      progress.done();
      return { runId, surveyYear: surveyYearFinal, pieces: layer.header.featuresCount, tiles: tiles.length, workers, counties, outputDirs, timings };
    } catch (err) {
      await staged.abort();
      throw err;
    }
  } finally {
    progress.done();
    await source.close();
    await Promise.all(layerSources.map((s) => s.close()));
  }
}

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((a, x) => a + f(x), 0);
}

/** Writes a small JSON file (used by generate/demo). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, jsonBytes(value));
}

/** Machine-readable facts of a run (`--stats FILE`, read by the benchmark): counts and timings, no geometry. */
export type RunStats = ReturnType<typeof runStats>;

export function runStats(o: RunOutcome) {
  return {
    runId: o.runId,
    surveyYear: o.surveyYear,
    pieces: o.pieces,
    tiles: o.tiles,
    workers: o.workers,
    timings: o.timings,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    counties: o.counties.map((c) => ({
      code: c.countyCode,
      detections: c.detections.length,
      overlaps: c.overlaps.length,
      overlapAreaByLayerM2: Object.fromEntries(c.summary.protectionLayers.map((l) => [l.id, l.areaM2])),
      overlapAreaByKindM2: c.summary.protectionLayers.reduce<Record<string, number>>((acc, l) => ((acc[l.kind] = (acc[l.kind] ?? 0) + l.areaM2), acc), {}),
    })),
  };
}
