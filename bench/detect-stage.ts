// The detect stage alone, in one process: every tile of a county run with the pipeline's own runTile, on the main
// thread or on N worker threads taking tiles from one queue — no ingest checks, no writers. For profiling and for
// the lane question (does a second lane add throughput?) without the rest of `landwatch run` in the way. Prints wall
// time, process CPU, GC pause time and a sha256 over every tile's result (JSON: geometry doubles round-trip exactly),
// so a change can be shown to leave the results byte-identical.
//
//   node --import tsx bench/detect-stage.ts CHANGES.fgb layers.json [--lanes N] [--repeat R] [--tile-size N] [--young-mb M]
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRuleSet, divisionNamesFrom, landUseCodeTable, toNested, type MultiPolygon } from '@landwatch/core';
import { openFileByteSource, planTiles, readIndexLeaves, type TilePlan } from '@landwatch/fgb';
import { openChangeLayer, openProtectionLayers, parseLayerRegistry, runTile, type TileContext, type TileRun } from '@landwatch/pipeline';

interface Setup {
  changes: string;
  layers: string;
  tileSize: number;
}

async function openContext(setup: Setup): Promise<{ ctx: TileContext; tiles: TilePlan[] }> {
  const opened = await openChangeLayer(await openFileByteSource(setup.changes));
  if (!opened.ok) throw new Error(opened.reasons.join('; '));
  const layer = opened.layer;
  const entries = parseLayerRegistry(await readFile(setup.layers, 'utf8'), setup.layers);
  const base = dirname(resolve(setup.layers));
  const { layers, reasons } = await openProtectionLayers(entries, (e) => openFileByteSource(resolve(base, e.path)), { scan: false });
  if (reasons.length > 0) throw new Error(reasons.join('; '));
  const surveyYear = 2024;
  const ctx: TileContext = {
    runId: 'detect-stage',
    surveyYear,
    changes: layer,
    layers,
    rules: createRuleSet({ surveyYear }, landUseCodeTable()),
    names: divisionNamesFrom({}),
  };
  const leaves = await readIndexLeaves(layer.source, layer.header);
  return { ctx, tiles: planTiles(leaves, layer.header.dataSize, { maxFeatures: setup.tileSize }) };
}

/** What a lane sends back per tile: its timings and the digest of its result. */
interface TileDone {
  tileId: string;
  sha256: string;
  readMs: number;
  detectMs: number;
}

/** Runs one tile; its digest is taken after `clock` stops (JSON of 2 000 pieces' geometry is no part of the stage). */
async function runOne(ctx: TileContext, tile: TilePlan, clock: { ms: number }): Promise<TileDone> {
  const t0 = performance.now();
  const result: TileRun = await runTile(tile, ctx);
  const ms = performance.now() - t0;
  clock.ms += ms;
  const { stats: _stats, readMs, ...rest } = result;
  return { tileId: tile.tileId, sha256: createHash('sha256').update(JSON.stringify(rest, nestedGeometry)).digest('hex'), readMs, detectMs: ms - readMs };
}

/**
 * JSON replacer: geometry as the nested arrays it was written as before it became flat typed arrays, so that digests
 * stay comparable with those of earlier code (the same doubles in the same order).
 */
function nestedGeometry(_key: string, value: unknown): unknown {
  const g = value as Partial<MultiPolygon> | null;
  return g !== null && typeof g === 'object' && g.xy instanceof Float64Array && g.ringEnds instanceof Uint32Array ? toNested(g as MultiPolygon) : value;
}

if (!isMainThread) {
  const setup = workerData as Setup;
  const { ctx, tiles } = await openContext(setup);
  parentPort!.on('message', async (i: number | null) => {
    if (i === null) return parentPort!.close();
    parentPort!.postMessage(await runOne(ctx, tiles[i]!, { ms: 0 }));
  });
  parentPort!.postMessage('ready');
} else {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lanes: { type: 'string', default: '0' },
      repeat: { type: 'string', default: '1' },
      'tile-size': { type: 'string', default: '2000' },
      // worker lanes' young generation (MB); 0: V8's default
      'young-mb': { type: 'string', default: '0' },
    },
  });
  const [changes, layersPath] = positionals;
  if (!changes || !layersPath) throw new Error('usage: detect-stage.ts CHANGES.fgb layers.json [--lanes N] [--repeat R] [--tile-size N]');
  const setup: Setup = { changes: resolve(changes), layers: resolve(layersPath), tileSize: Number(values['tile-size']) };
  const lanes = Number(values.lanes);
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });

  const { ctx, tiles } = await openContext(setup);
  const workers = await Promise.all(Array.from({ length: lanes }, () => new Promise<Worker>((ready) => {
    // tsx's loader is not inherited by worker threads in Node 20: the worker registers it before importing this file
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const youngMb = Number(values['young-mb']);
    const w = new Worker(boot, { eval: true, workerData: setup, ...(youngMb > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}) });
    w.once('message', () => ready(w));
  })));
  for (let r = 0; r < Number(values.repeat); r++) {
    const done: TileDone[] = [];
    const clock = { ms: 0 };
    gcMs = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    if (lanes === 0) {
      for (const tile of tiles) done.push(await runOne(ctx, tile, clock));
    } else {
      let next = 0;
      await Promise.all(workers.map((w) => new Promise<void>((finish) => {
        const give = () => (next < tiles.length ? w.postMessage(next++) : finish());
        w.on('message', (d: TileDone) => {
          done.push(d);
          give();
        });
        give();
      })));
      for (const w of workers) w.removeAllListeners('message');
    }
    // one lane on this thread: the tiles' own time; with workers, wall time includes their digests (in parallel)
    const wallMs = lanes === 0 ? clock.ms : performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    done.sort((a, b) => a.tileId.localeCompare(b.tileId));
    const digest = createHash('sha256').update(done.map((d) => d.sha256).join('\n')).digest('hex');
    const sum = (k: 'readMs' | 'detectMs') => Math.round(done.reduce((s, d) => s + d[k], 0));
    console.log(JSON.stringify({
      lanes, tiles: tiles.length, wallMs: Math.round(wallMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      mainGcMs: Math.round(gcMs), readMs: sum('readMs'), detectMs: sum('detectMs'), results: digest.slice(0, 16),
    }));
  }
  for (const w of workers) w.postMessage(null);
  await (globalThis as { __stopHeap?: () => Promise<void> }).__stopHeap?.();
}
