// The measuring run of tile-scale: data, the children one at a time, progress lines, raw results as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { describeMachine } from '../machine.ts';
import { bundleChild, runChild, type Report } from './child.ts';
import { ensureCounty, freshRunDir, ingestForTiles } from './data.ts';
import { f0, f1, log } from './format.ts';
import type { TileScaleOptions } from './options.ts';
import { MB } from './process-facts.ts';
import { ASSUME } from './projection.ts';
import { report } from './report.ts';
import type { County } from './run-files.ts';

/** Evenly spread full tiles of a plan. */
function pickTiles<T extends { count: number }>(tiles: readonly T[], size: number, n: number): T[] {
  const full = tiles.filter((t) => t.count === size);
  const pool = full.length > 0 ? full : [...tiles];
  if (pool.length <= n) return pool;
  return Array.from({ length: n }, (_, k) => pool[Math.floor(((k + 0.5) * pool.length) / n)]);
}

/** Runs every measurement; `entry` is the script the children are bundled from. */
export async function measureAll(opts: TileScaleOptions, entry: string): Promise<void> {
  const started = performance.now();
  mkdirSync(opts.data, { recursive: true });
  const facts = describeMachine();
  log(`# tile-scale  ${facts.dateUtc}`);
  log(`machine: nproc ${facts.cores}, ${facts.cpuModel}, Node ${facts.nodeVersion}, ${facts.totalMemGiB} GiB RAM (${facts.freeMemGiB} free), load ${facts.loadAverage.join(' ')}`);
  log(`options: ${JSON.stringify({ ...opts, data: undefined })}`);
  log(`data: ${opts.data}`);

  const main = await ensureCounty(join(opts.data, `county-${opts.changes}`), opts.changes, opts.seed, log);
  const small = await ensureCounty(join(opts.data, `county-${opts.small}`), opts.small, opts.seed, log);
  const bundle = await bundleChild(entry, opts.data);
  const runs = join(opts.data, 'runs');
  const results: Report = { machine: facts, options: opts, tiles: [], ingest: {}, county: {}, finalize: {} };

  // -- per tile: runs planned with each tile size by the pipeline's ingest, then one fresh process per tile --------
  log(`\n## detect-tile, one fresh process per tile (${basename(main.upload.key)}: ${main.pieces} pieces, ${f1(main.upload.size / MB)} MiB)`);
  for (const size of opts.sizes) {
    const workDir = join(runs, `tiles-${size}`);
    const manifest = await ingestForTiles(main, size, workDir);
    for (const [k, tile] of pickTiles(manifest.tiles, size, opts.perSize).entries()) {
      const check = opts.latencyMs > 0 && size === ASSUME.tileSize && k === 0;
      const latencyCheck = check ? { latencyMs: opts.latencyMs, mbps: opts.mbps } : undefined;
      const r = await runChild(bundle, { mode: 'tile', workDir, pinnedLayers: manifest.layers, runId: manifest.runId, tileId: tile.tileId, latencyCheck });
      results.tiles.push({ size, ...r });
      log(`  size ${size} ${tile.tileId}: ${f0(r.totalMs)} ms wall, ${f0(r.totalCpuMs)} ms CPU (warm ${f0(r.warm.cpuMs)}), peak RSS ${f0(r.peakColdRssMB)} MiB (${f0(r.peakWarmRssMB)} after the 2nd), ${r.gets.total} GETs${check ? ' + latency check' : ''}`);
    }
  }

  // -- ingest, the county's tiles, finalize: one run per county, each stage a fresh process ------------------------
  log(`\n## ingest → every tile job → finalize, tiles of ${ASSUME.tileSize} (fresh process each)`);
  for (const [name, county] of [['main', main], ['small', small]] as const) await measureCounty(name, county, bundle, runs, results);

  results.elapsedSeconds = (performance.now() - started) / 1000;
  results.loadAverageEnd = loadavg().map((x) => +x.toFixed(2));
  log(`\nload average at the end: ${results.loadAverageEnd.join(' ')} (${facts.cores} cores shared with other work: read CPU ms, not wall ms)`);
  report(results);
  const jsonPath = opts.json ?? join(opts.data, 'tile-scale-results.json');
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
  log(`\nraw results: ${jsonPath}   (${f0(results.elapsedSeconds)} s)`);
}

async function measureCounty(name: 'main' | 'small', county: County, bundle: string, runs: string, results: Report): Promise<void> {
  const place = { workDir: await freshRunDir(join(runs, `county-${name}`)), pinnedLayers: county.pinnedLayers };
  const ingest = await runChild(bundle, { mode: 'ingest', ...place, upload: county.upload, tileSize: ASSUME.tileSize });
  results.ingest[name] = ingest;
  log(`  ingest ${ingest.pieces} pieces: ${f0(ingest.ms)} ms (${f0((ingest.pieces / ingest.ms) * 1000)} pieces/s), ${ingest.tiles} tiles, peak RSS ${f0(ingest.peakRssMB)} MiB`);
  if (county.unindexed) {
    const unindexedPlace = { workDir: await freshRunDir(join(runs, `unindexed-${name}`)), pinnedLayers: county.pinnedLayers };
    const u = await runChild(bundle, { mode: 'ingest', ...unindexedPlace, upload: county.unindexed, tileSize: ASSUME.tileSize });
    results.ingest[`unindexed-${name}`] = u;
    log(`  ingest of the unindexed copy: ${f0(u.ms)} ms, of which the indexed copy ${f0(u.timings.indexMs)} ms, peak RSS ${f0(u.peakRssMB)} MiB`);
  } else log('  ingest of an unindexed copy: skipped (ogr2ogr not found)');
  const c = await runChild(bundle, { mode: 'county', ...place, runId: ingest.runId });
  results.county[name] = c;
  log(`  county ${c.pieces} pieces, ${c.tiles} tiles: ${f0(c.ms)} ms, ${c.detections} detections, ${f1(c.tileResultBytes / MB)} MiB tile results, peak RSS ${f0(c.peakRssMB)} MiB`);
  const fin = await runChild(bundle, { mode: 'finalize', ...place, runId: ingest.runId });
  results.finalize[name] = fin;
  log(`  finalize ${fin.detections} detections: read ${f0(fin.readMs)} + merge ${f0(fin.mergeMs)} + write ${f0(fin.writeMs)} ms, ${f1(fin.outBytes / MB)} MiB out, peak RSS ${f0(fin.peakRssMB)} MiB`);
}
