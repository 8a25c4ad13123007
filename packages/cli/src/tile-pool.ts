// Runs tiles on worker threads (or in this thread with workers = 0) and yields results as they finish.
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

export async function runTiles(
  tiles: readonly TilePlan[],
  init: TileSessionInit,
  workers: number,
  onResult: (r: TileRun) => void,
): Promise<void> {
  const script = workerScript();
  if (workers <= 0 || !script || tiles.length === 0) {
    const session = await openTileSession(init);
    try {
      for (const t of tiles) onResult(await session.run(t));
    } finally {
      await session.close();
    }
    return;
  }
  const queue = [...tiles];
  const n = Math.min(workers, tiles.length);
  await new Promise<void>((resolve, reject) => {
    let active = n;
    let failed = false;
    const pool: Worker[] = [];
    const stopAll = () => pool.forEach((w) => void w.terminate());
    for (let i = 0; i < n; i++) {
      const w = new Worker(script, { workerData: init });
      pool.push(w);
      const next = () => {
        const tile = queue.shift();
        if (tile) w.postMessage({ tile });
        else w.postMessage({ close: true });
      };
      w.on('message', (msg: { ok: true; result: TileRun } | { ok: false; tileId: string; error: string }) => {
        if (failed) return;
        if (msg.ok) {
          onResult(msg.result);
          next();
        } else {
          failed = true;
          stopAll();
          reject(new TileFailedError(msg.tileId, msg.error));
        }
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(err);
      });
      w.on('exit', () => {
        active--;
        if (active === 0 && !failed) resolve();
      });
      next();
    }
  });
}
