// One tile job as the detect-tile Lambda runs it, in a fresh process: the pipeline's runTileJob over BenchRunPort
// (manifest GET, done check, open the change layer and the protection layers, runTile, the tile result written by
// the pipeline's writer). Reads go through the Lambdas' S3 byte source, so GET counts and bytes
// are a Lambda's. Then warm passes in the same process: the tile again as a warm Lambda environment would run the
// next run's tile (the previous run's sources closed, the JIT warm), optionally with a simulated latency per request
// as a check of the critical-path model.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { closeTileStage, runKeys, runTileJob, tileJobFor } from '@landwatch/pipeline';
import type { BenchRunPort } from './bench-port.ts';
import type { LatencyModel } from './fake-s3.ts';
import { MB, memoryFacts, timed, type Spent } from './process-facts.ts';
import { benchPort, type RunPlace } from './run-files.ts';

export interface TileJobInput extends RunPlace {
  mode: 'tile';
  runId: string;
  tileId: string;
  latencyCheck?: LatencyModel;
}

/** Requests and bytes one after another: what latency adds to a tile's wall time. */
export interface CriticalPath {
  requests: number;
  bytes: number;
}

/** One pass: the stage run, with the result removed first so that it is not "done" already. */
async function pass(port: BenchRunPort, job: TileJobInput) {
  await closeTileStage();
  await rm(join(job.workDir, runKeys.tileResult(job.runId, job.tileId)), { force: true });
  port.resetCounts();
  return timed(() => runTileJob(port, tileJobFor(job.runId, job.tileId)));
}

/**
 * The critical path of a tile's requests, from the code's structure: store requests are sequential; the change
 * layer's reads are sequential (header, then the tile's range); protection layers are opened one after another,
 * then read all at once (Promise.all), each layer's reads one after another.
 */
function criticalPath(port: BenchRunPort): CriticalPath {
  const start = port.tileReadStart;
  const [change, ...layers] = port.sources;
  const control = port.requests.get + port.requests.put + port.requests.head + port.requests.list;
  if (!start || !change) return { requests: control + port.s3.gets, bytes: port.s3.bytes };
  const opening = layers.map((_, i) => ({ requests: start.requests[i + 1], bytes: start.bytes[i + 1] }));
  const reading = layers.map((s, i) => ({ requests: s.stats.requests - start.requests[i + 1], bytes: s.stats.bytesFetched - start.bytes[i + 1] }));
  const sum = (xs: { requests: number; bytes: number }[], k: 'requests' | 'bytes') => xs.reduce((n, x) => n + x[k], 0);
  const max = (xs: { requests: number; bytes: number }[], k: 'requests' | 'bytes') => Math.max(0, ...xs.map((x) => x[k]));
  return {
    requests: control + change.stats.requests + sum(opening, 'requests') + max(reading, 'requests'),
    bytes: change.stats.bytesFetched + sum(opening, 'bytes') + max(reading, 'bytes'),
  };
}

/** Wall ms of the phases of the cold pass, read off the port's marks. */
function phases(port: BenchRunPort, job: TileJobInput, started: number, spent: Spent) {
  const firstOpen = port.marks.find((m) => m.kind === 'open')?.at ?? started;
  const resultPut = port.marks.find((m) => m.kind === 'put' && m.key === runKeys.tileResult(job.runId, job.tileId))?.at ?? started + spent.ms;
  const readStart = port.tileReadStart?.at ?? firstOpen;
  return {
    /** manifest GET + validation, done check, status (first tile only) */
    controlMs: firstOpen - started,
    /** change layer and protection layers opened, headers read */
    openMs: readStart - firstOpen,
    /** runTile (read, classify, repair, overlay, area) and the tile result validated and encoded */
    tileMs: resultPut - readStart,
    /** the done check and the tile result PUT */
    storeMs: started + spent.ms - resultPut,
  };
}

export async function tileJob(job: TileJobInput) {
  const port = benchPort(job);
  const rssBeforeMB = process.memoryUsage().rss / MB;
  const started = performance.now();
  const cold = await pass(port, job);
  const outcome = cold.value;
  if (!outcome) throw new Error(`tile ${job.tileId}: the stage found it done already`);
  const phase = phases(port, job, started, cold.spent);
  const path = criticalPath(port);
  const gets = { total: port.s3.gets, changes: port.sources[0]?.stats.requests ?? 0, layers: port.sources.slice(1).reduce((n, s) => n + s.stats.requests, 0) };
  const store = { ...port.requests };
  const bytesFetched = port.s3.bytes;
  const stored = await port.get(runKeys.tileResult(job.runId, job.tileId));
  const resultBytes = stored?.length ?? 0;
  const protectionFeatures: unknown = stored ? JSON.parse(new TextDecoder().decode(stored)).protectionFeatures : undefined;
  const peakColdRssMB = memoryFacts().peakRssMB;

  const warm = (await pass(port, job)).spent;
  const peakWarmRssMB = memoryFacts().peakRssMB;
  // latency check: warm passes alternately without and with simulated latency (same process, same JIT state)
  const latencyCheck = job.latencyCheck && { plain: [] as number[], withLatency: [] as number[], model: job.latencyCheck };
  for (let i = 0; latencyCheck && i < 3; i++) {
    port.s3.latency = undefined;
    latencyCheck.plain.push((await pass(port, job)).spent.ms);
    port.s3.latency = latencyCheck.model;
    latencyCheck.withLatency.push((await pass(port, job)).spent.ms);
  }
  await closeTileStage();

  return {
    tileId: job.tileId,
    pieces: outcome.stats.pieces,
    detections: outcome.stats.detections,
    overlaps: outcome.stats.overlaps,
    candidatePairs: outcome.stats.candidatePairs,
    clipFailures: outcome.stats.clipFailures,
    protectionFeatures: typeof protectionFeatures === 'number' ? protectionFeatures : NaN,
    readMs: outcome.readMs,
    timings: outcome.stats.timings,
    phases: phase,
    totalMs: cold.spent.ms,
    totalCpuMs: cold.spent.cpuMs,
    warm,
    gets,
    store,
    bytesFetched,
    criticalPath: path,
    resultBytes,
    rssBeforeMB,
    /** peak RSS after the first (cold) invocation, and after the second (warm) one; peakRssMB includes the latency check */
    peakColdRssMB,
    peakWarmRssMB,
    latencyCheck,
  };
}
