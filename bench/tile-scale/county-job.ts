// A whole county after its ingest, each part in a fresh process: every tile job of the run in one process (the
// tile stage's throughput, sources kept open between tiles of the run as a warm Lambda keeps them), then the
// finalize stage (tile results read back through their schema, merged per county, result files rendered and stored,
// alerts, status). Both are the pipeline's own stages over BenchRunPort.
import { join } from 'node:path';
import { closeTileStage, finalizeRun, readManifest, runKeys, runTileJob, tileJobFor } from '@landwatch/pipeline';
import { timed } from './process-facts.ts';
import { benchPort, bytesUnder, type RunPlace } from './run-files.ts';

export interface CountyJobInput extends RunPlace {
  mode: 'county';
  runId: string;
}

export interface FinalizeJobInput extends RunPlace {
  mode: 'finalize';
  runId: string;
}

export async function countyJob(job: CountyJobInput) {
  const port = benchPort(job);
  const manifest = await readManifest(port, runKeys.manifest(job.runId));
  const { value: detections, spent } = await timed(async () => {
    let n = 0;
    for (const tile of manifest.tiles) n += (await runTileJob(port, tileJobFor(job.runId, tile.tileId)))?.stats.detections ?? 0;
    await closeTileStage();
    return n;
  });
  return {
    tiles: manifest.tiles.length,
    pieces: manifest.featuresCount,
    detections,
    tileResultBytes: await bytesUnder(join(job.workDir, runKeys.tilesPrefix(job.runId))),
    ...spent,
    gets: port.s3.gets,
  };
}

export async function finalizeJob(job: FinalizeJobInput) {
  const port = benchPort(job);
  const { value: outcome, spent } = await timed(() => finalizeRun(port, { runId: job.runId, manifestKey: runKeys.manifest(job.runId) }));
  const { counties, timings, manifest } = outcome;
  return {
    tiles: manifest.tiles.length,
    pieces: manifest.featuresCount,
    counties: counties.length,
    detections: counties.reduce((n, c) => n + c.detections.length, 0),
    tileResultBytes: await bytesUnder(join(job.workDir, runKeys.tilesPrefix(job.runId))),
    outBytes: await bytesUnder(join(job.workDir, 'results')),
    ...spent,
    /** reading the tile results back (GET, parse, schema check) and the manifest: what merge and write leave */
    readMs: spent.ms - timings.mergeMs - timings.writeMs,
    mergeMs: timings.mergeMs,
    /** rendering every county's files and storing them, the alert claims and alerts, the status */
    writeMs: timings.writeMs,
    store: { ...port.requests },
  };
}
