// Runs a run's tile jobs on this thread and on worker threads, all taking jobs from one queue (the local port's).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { closeTileStage, runTileJob, type LocalRunPort, type TileJob, type TileJobOutcome, type TileResultDocument } from '@landwatch/pipeline';

/** What a worker thread needs to build its own port on the run's work folder. */
export interface TileLaneInit {
  workDir: string;
  outDir: string;
}

/** A worker lane's start: its port, every job of the stage, and the shared count of jobs taken. */
export interface TileLaneData extends TileLaneInit {
  jobs: TileJob[];
  /** One Int32 on a SharedArrayBuffer: each lane takes job `Atomics.add(taken, 0, 1)` until they run out. */
  taken: Int32Array;
}

/** What a worker sends: a tile result for the shelf, then the job's outcome. */
type WorkerMessage =
  | { kind: 'tile-result'; key: string; result: TileResultDocument }
  | { ok: true; result: TileJobOutcome }
  | { ok: false; tileId: string; error: string };

export class TileFailedError extends Error {
  constructor(
    readonly tileId: string,
    detail: string,
  ) {
    super(`tile ${tileId} failed: ${detail}`);
    this.name = 'TileFailedError';
  }
}

/**
 * Young generation of a tile lane's heap (worker threads; the main thread keeps Node's default, which only a command-
 * line flag could change). A tile's working set — the pieces and protection features it has read, repaired and
 * indexed — lives for the whole tile; with V8's default young generation it is copied by several scavenges and then
 * promoted, which is where a lane's garbage-collection time went (bench/DETECT-PROFILE.md, "Allocation").
 */
const TILE_LANE_YOUNG_MB = 96;

/** The bundled worker script next to the bundled CLI (dist/tile-worker.mjs). */
function workerScript(): string | undefined {
  const path = fileURLToPath(new URL('./tile-worker.mjs', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Runs the port's queued tile jobs on `workers` worker threads and on this thread, and reports each outcome as it
 * finishes. This thread is warm (it has just validated the input with the same decoding code) and otherwise idle,
 * so it works too; `workers = 0` runs everything here.
 *
 * Every lane takes its next job itself, from a counter in shared memory. When this thread handed each worker its
 * next job in answer to the last one's message, a worker waited for this thread to finish its own tile before it
 * could start another: 1.6 s of the worker's 7.9 s stayed idle at 100 000 pieces (CPU profile of both threads).
 */
export async function runTiles(
  port: LocalRunPort,
  init: TileLaneInit,
  workers: number,
  onResult: (r: TileJobOutcome) => void,
  /** the bundled worker script; tests that run this module from its source give dist's */
  script = workerScript(),
): Promise<void> {
  const jobs = port.tileJobs.splice(0);
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const nextJob = (): TileJob | undefined => {
    const i = Atomics.add(taken, 0, 1);
    return i < jobs.length ? jobs[i] : undefined;
  };
  const n = script ? Math.min(Math.max(0, workers), Math.max(0, jobs.length - 1)) : 0;
  const pool: Worker[] = [];
  let failure: unknown;
  const fail = (err: unknown) => {
    failure ??= err;
    // no lane takes another job
    Atomics.store(taken, 0, jobs.length);
    for (const w of pool) void w.terminate();
  };

  const workerLanes = Array.from({ length: n }, () => new Promise<void>((resolve) => {
    const workerData: TileLaneData = { ...init, jobs, taken };
    const w = new Worker(script!, { workerData, resourceLimits: { maxYoungGenerationSizeMb: TILE_LANE_YOUNG_MB } });
    pool.push(w);
    w.on('message', (msg: WorkerMessage) => {
      if (failure) return;
      if ('kind' in msg) return port.shelf?.set(msg.key, msg.result);
      if (msg.ok) onResult(msg.result);
      else fail(new TileFailedError(msg.tileId, msg.error));
    });
    w.on('error', fail);
    w.on('exit', () => resolve());
  }));

  const mainLane = (async () => {
    try {
      for (let job = nextJob(); job && !failure; job = nextJob()) {
        onResult(await runTileJob(port, job));
        // let worker messages in between tiles
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      await closeTileStage();
    }
  })().catch(fail);

  await Promise.all([mainLane, ...workerLanes]);
  if (failure) throw failure;
}
