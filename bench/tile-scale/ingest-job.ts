// The ingest stage for one upload, in a fresh process: the pipeline's ingestRun over BenchRunPort (registry, header
// and layer checks, the scan of every feature, an indexed copy when the upload has no index, tile planning, the
// manifest and status writes, the tile jobs). The run's folder must be empty: a run found there is resumed, not
// ingested.
import { ingestRun, runKeys, type PinnedObject } from '@landwatch/pipeline';
import { timed } from './process-facts.ts';
import { benchPort, type RunPlace } from './run-files.ts';

export interface IngestJobInput extends RunPlace {
  mode: 'ingest';
  upload: PinnedObject;
  tileSize: number;
}

/** The run's time: fixed, so that every measurement of a county is the same run. */
export const BENCH_UPLOAD_TIME = '2024-12-31T00:00:00Z';

export async function ingestJob(job: IngestJobInput) {
  const port = benchPort(job);
  const { value: outcome, spent } = await timed(() => ingestRun(port, { upload: job.upload, modifiedAt: new Date(BENCH_UPLOAD_TIME), tileMaxFeatures: job.tileSize }));
  if (outcome.state !== 'accepted') throw new Error(`ingest rejected ${job.upload.key}: ${outcome.reasons.join('; ')}`);
  if (outcome.resumed) throw new Error(`ingest resumed an earlier run in ${job.workDir}: the folder must be empty`);
  const { manifest, timings } = outcome;
  const store = { ...port.requests };
  return {
    runId: manifest.runId,
    pieces: manifest.featuresCount,
    fileBytes: job.upload.size,
    tiles: manifest.tiles.length,
    indexedCopyMade: manifest.checks.indexedCopyMade,
    manifestBytes: (await port.get(runKeys.manifest(manifest.runId)))?.length ?? 0,
    ...spent,
    timings,
    gets: port.s3.gets,
    bytesFetched: port.s3.bytes,
    store,
  };
}
