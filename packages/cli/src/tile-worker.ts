// Worker-thread entry: a local run port on the run's work folder (from workerData), then tile jobs, each taken from
// the stage's shared counter (tile-pool.ts) until none is left or one fails.
import { parentPort, workerData } from 'node:worker_threads';
import { closeTileStage, LocalRunPort, runTileJob } from '@landwatch/pipeline';
import type { TileLaneData } from './tile-pool.ts';

const port = parentPort;
if (!port) throw new Error('tile-worker must run in a worker thread');

const { jobs, taken, ...init } = workerData as TileLaneData;
// tile results go to the main thread as objects (structured clone), before the job's own answer
const runPort = new LocalRunPort({
  ...init,
  shelf: { set: (key, result) => port.postMessage({ kind: 'tile-result', key, result }), get: () => undefined, has: () => false },
});
try {
  for (let i = Atomics.add(taken, 0, 1); i < jobs.length; i = Atomics.add(taken, 0, 1)) {
    const job = jobs[i]!;
    try {
      port.postMessage({ ok: true, result: await runTileJob(runPort, job) });
    } catch (err) {
      port.postMessage({ ok: false, tileId: job.tileId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      break;
    }
  }
} finally {
  await closeTileStage();
  port.close();
}
