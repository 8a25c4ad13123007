// Worker-thread entry: a local run port on the run's work folder (from workerData), then one tile job per message.
import { parentPort, workerData } from 'node:worker_threads';
import { closeTileStage, LocalRunPort, runTileJob, type TileJob } from '@landwatch/pipeline';
import type { TileLaneInit } from './tile-pool.ts';

const port = parentPort;
if (!port) throw new Error('tile-worker must run in a worker thread');

// tile results go to the main thread as objects (structured clone), before the job's own answer
const runPort = new LocalRunPort({
  ...(workerData as TileLaneInit),
  shelf: { set: (key, result) => port.postMessage({ kind: 'tile-result', key, result }), get: () => undefined, has: () => false },
});
port.on('message', async (msg: { job: TileJob } | { close: true }) => {
  if ('close' in msg) {
    await closeTileStage();
    port.close();
    return;
  }
  try {
    port.postMessage({ ok: true, result: await runTileJob(runPort, msg.job) });
  } catch (err) {
    port.postMessage({ ok: false, tileId: msg.job.tileId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
