// Runs the tiles of a run on this thread and on worker threads, all taking tiles from one queue.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TilePlan } from '@landwatch/fgb';
import type { TileRun } from '@landwatch/pipeline';
import { openTileSession, type TileSessionInit } from './tile-session.ts';

export class TileFailedError extends Error {
  constructor(
    readonly tileId: string,
    detail: string,
  ) {
    super(`tile ${tileId} failed: ${detail}`);
    this.name = 'TileFailedError';
  }
}

/** The bundled worker script next to the bundled CLI (dist/tile-worker.mjs). */
function workerScript(): string | undefined {
  const path = fileURLToPath(new URL('./tile-worker.mjs', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Runs tiles on `workers` worker threads and on this thread, all taking tiles from one queue, and reports each result
 * as it finishes. This thread is warm (it has just validated the input with the same decoding code) and otherwise
 * idle, so it works too; `workers = 0` runs everything here.
 */
export async function runTiles(
  tiles: readonly TilePlan[],
  init: TileSessionInit,
  workers: number,
  onResult: (r: TileRun) => void,
): Promise<void> {
  const queue = [...tiles];
  const script = workerScript();
  const n = script ? Math.min(Math.max(0, workers), Math.max(0, tiles.length - 1)) : 0;
  const pool: Worker[] = [];
  let failure: unknown;
  const fail = (err: unknown) => {
    failure ??= err;
    queue.length = 0;
    for (const w of pool) void w.terminate();
  };

  const workerLanes = Array.from({ length: n }, () => new Promise<void>((resolve) => {
    const w = new Worker(script!, { workerData: init });
    pool.push(w);
    const next = () => {
      const tile = queue.shift();
      if (tile) w.postMessage({ tile });
      else w.postMessage({ close: true });
    };
    w.on('message', (msg: { ok: true; result: TileRun } | { ok: false; tileId: string; error: string }) => {
      if (failure) return;
      if (msg.ok) {
        onResult(msg.result);
        next();
      } else fail(new TileFailedError(msg.tileId, msg.error));
    });
    w.on('error', fail);
    w.on('exit', () => resolve());
    next();
  }));

  const mainLane = (async () => {
    const session = await openTileSession(init);
    try {
      for (let tile = queue.shift(); tile && !failure; tile = queue.shift()) {
        onResult(await session.run(tile));
        // let worker messages in between tiles
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      await session.close();
    }
  })().catch(fail);

  await Promise.all([mainLane, ...workerLanes]);
  if (failure) throw failure;
}
