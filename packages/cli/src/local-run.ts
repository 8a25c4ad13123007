// `landwatch run`: the run's stages (ingest → tiles → finalize, the same functions the Lambdas call) over a local
// port: a work folder beside the output, tiles on worker threads, and results moved into place at the end, whole.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { RejectedInputError, type ClassificationOption, type CountyResult, type FieldMap } from '@landwatch/core';
import { finalizeRun, FolderStore, ingestRun, jsonBytes, LocalRunPort, pinFile, runKeys, type TileJobOutcome } from '@landwatch/pipeline';
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
  /** the layer of a multi-layer delivery (`--layer`) */
  layer?: string;
  /** the land-use classification of the codes (`--classification`, default auto) */
  classification?: ClassificationOption;
  progress: Progress;
  /** finalize's threshold for writing a county's large files through files (default 0: every county's; see below) */
  fileAbove?: number;
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

async function readFieldMap(path: string): Promise<FieldMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RejectedInputError([`${path}: cannot read field map: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as FieldMap;
  } catch (err) {
    throw new RejectedInputError([`${path}: field map is not JSON: ${(err as Error).message}`]);
  }
}

export async function runLocal(opts: RunOptions): Promise<RunOutcome> {
  const t0 = performance.now();
  const progress = opts.progress;
  const changesPath = resolve(opts.changesPath);
  const outDir = resolve(opts.outDir);
  const fieldMap = opts.fieldMapPath ? await readFieldMap(resolve(opts.fieldMapPath)) : {};
  let upload;
  let modifiedAt;
  try {
    [upload, modifiedAt] = await Promise.all([pinFile(changesPath), stat(changesPath).then((s) => s.mtime)]);
  } catch (err) {
    throw new RejectedInputError([`${changesPath}: cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  const workDir = join(outDir, '.landwatch-tmp', `${process.pid}-${Date.now().toString(36)}`);
  const port = new LocalRunPort({ workDir, outDir, registryPath: resolve(opts.layersPath) });
  try {
    // --- ingest: validate, decide year and run id, index if needed, plan tiles
    progress.stage('validate');
    const ingest = await ingestRun(port, {
      upload,
      modifiedAt,
      declaredYear: opts.year,
      fieldMap,
      tileMaxFeatures: opts.tileMaxFeatures,
      layer: opts.layer,
      classification: opts.classification,
      onProgress: (stage, n, total) => {
        progress.stage(stage);
        progress.update(n, total, 'pieces');
      },
    });
    if (ingest.state === 'rejected') throw new RejectedInputError(ingest.reasons);
    const { manifest } = ingest;

    // --- tiles: this thread and worker threads take tile jobs from one queue. Default: one worker per core beyond
    // two. Measured on 2 vCPUs (bench/RESULTS.md): a second lane was slower than one at 20 000 pieces and 1.15–1.18×
    // faster at 100 000 (peak RSS up to 481 MiB) — V8's concurrent GC and compiler use the idle core for free, while
    // a worker starts with a cold JIT, compiles the detect path again and takes that core away.
    progress.stage('detect');
    const tTiles = performance.now();
    const cores = availableParallelism();
    const workers = opts.workers ?? (cores > 2 ? cores - 1 : 0);
    const done: NonNullable<TileJobOutcome>[] = [];
    let piecesDone = 0;
    await runTiles(port, { workDir, outDir }, workers, (r) => {
      if (!r) return;
      done.push(r);
      piecesDone += r.stats.pieces;
      progress.update(piecesDone, manifest.featuresCount, 'pieces');
    });
    const tilesMs = performance.now() - tTiles;

    // --- finalize: merge per county, write the result files, build the alerts; then move the results into place
    progress.stage('write');
    // every county's files are written through files, whatever its size: here storing a made file is a rename, and
    // a file written through one refilled buffer takes no fresh memory, where bytes in memory take their size twice
    // (the parts, then the joined file). Fresh memory is dear on the machines we measure on: each 4 KiB page costs
    // 11 µs the first time it is touched (bench/RESULTS-LOG.md, "Fresh memory"); at 20 000 pieces the bytes in memory
    // were 15 000 of the run's 65 000 page faults.
    const finalized = await finalizeRun(
      port,
      { runId: manifest.runId, manifestKey: runKeys.manifest(manifest.runId) },
      { history: new FolderStore(outDir), fileAbove: opts.fileAbove ?? 0 }, // issue 11: earlier survey years under --out
    );
    if (finalized.state !== 'finished') throw new Error(`run ${manifest.runId} was finalized before`);
    const tCommit = performance.now();
    const outputDirs = await port.commit(manifest, finalized.counties.map((c) => c.countyCode));
    const sum = (f: (r: NonNullable<TileJobOutcome>) => number) => done.reduce((a, r) => a + f(r), 0);
    const timings: RunTimings = {
      ...ingest.timings,
      tilesMs,
      mergeMs: finalized.timings.mergeMs,
      writeMs: finalized.timings.writeMs + (performance.now() - tCommit),
      totalMs: performance.now() - t0,
      tileReadMs: sum((r) => r.readMs),
      tileClassifyMs: sum((r) => r.stats.timings.classifyMs),
      tileRepairMs: sum((r) => r.stats.timings.repairMs),
      tileOverlayMs: sum((r) => r.stats.timings.overlayMs),
      tileAreaMs: sum((r) => r.stats.timings.areaMs),
    };
    return {
      runId: manifest.runId,
      surveyYear: manifest.surveyYear,
      pieces: manifest.featuresCount,
      tiles: manifest.tiles.length,
      workers,
      counties: finalized.counties,
      outputDirs,
      timings,
    };
  } catch (err) {
    await port.abort();
    throw err;
  } finally {
    progress.done();
  }
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
    /** the Node options the run had (a large run is started with a larger young generation: launch.ts) */
    nodeOptions: process.execArgv,
    counties: o.counties.map((c) => ({
      code: c.countyCode,
      detections: c.detections.length,
      overlaps: c.overlaps.length,
      overlapAreaByLayerM2: Object.fromEntries(c.summary.protectionLayers.map((l) => [l.id, l.areaM2])),
      overlapAreaByKindM2: c.summary.protectionLayers.reduce<Record<string, number>>((acc, l) => ((acc[l.kind] = (acc[l.kind] ?? 0) + l.areaM2), acc), {}),
    })),
  };
}
