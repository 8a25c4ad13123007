// Worker-thread entry: opens a tile session from workerData, then answers one message per tile.
import { parentPort, workerData } from 'node:worker_threads';
import type { TilePlan } from '@landwatch/fgb';
import { openTileSession, type TileSessionInit } from './tile-session.ts';

const port = parentPort;
if (!port) throw new Error('tile-worker must run in a worker thread');

const session = openTileSession(workerData as TileSessionInit);
port.on('message', async (msg: { tile: TilePlan } | { close: true }) => {
  if ('close' in msg) {
    await (await session).close();
    port.close();
    return;
  }
  try {
    const result = await (await session).run(msg.tile);
    port.postMessage({ ok: true, result });
  } catch (err) {
    port.postMessage({ ok: false, tileId: msg.tile.tileId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
