// The summary tables of a tile-scale run (printed after measuring, or again from saved raw results), then the
// projection.
import type { Report } from './child.ts';
import { f0, f1, f2, log, median, table } from './format.ts';
import { MB } from './process-facts.ts';
import { projection } from './projection.ts';

export function report(r: Report): void {
  log('\n## per-tile summary: medians over the measured tiles (peak RSS: max); CPU = user + system of the child');
  const sizes = [...new Set<number>(r.tiles.map((t: Report) => t.size))];
  table(
    ['tile size', 'tiles', 'wall ms', 'CPU ms', 'warm CPU ms', 'control', 'open', 'read', 'classify', 'repair', 'overlay', 'area', 'tile (all)', 'store', 'CPU ms/piece', 'peak RSS MiB', 'after 2nd run', 'GETs', 'store req.', 'MiB fetched', 'prot. features', 'result JSON KiB'],
    sizes.map((size) => {
      const xs: Report[] = r.tiles.filter((t: Report) => t.size === size);
      const m = (f: (t: Report) => number) => median(xs.map(f));
      return [
        size, xs.length, f0(m((t) => t.totalMs)), f0(m((t) => t.totalCpuMs)), f0(m((t) => t.warm.cpuMs)), f0(m((t) => t.phases.controlMs)), f0(m((t) => t.phases.openMs)), f0(m((t) => t.readMs)),
        f0(m((t) => t.timings.classifyMs)), f0(m((t) => t.timings.repairMs)), f0(m((t) => t.timings.overlayMs)), f0(m((t) => t.timings.areaMs)),
        f0(m((t) => t.phases.tileMs)), f0(m((t) => t.phases.storeMs)), f2(m((t) => t.totalCpuMs / t.pieces)), f0(Math.max(...xs.map((t) => t.peakColdRssMB))), f0(Math.max(...xs.map((t) => t.peakWarmRssMB))),
        f0(m((t) => t.gets.total)), f0(m((t) => t.store.get + t.store.put + t.store.head + t.store.list)), f1(m((t) => t.bytesFetched / MB)), f0(m((t) => t.protectionFeatures)), f0(m((t) => t.resultBytes / 1024)),
      ];
    }),
  );
  log('(wall ms of the first, cold invocation: control = manifest GET, done check, status; open = layers opened; tile (all) = read + detect + the');
  log(' tile result validated and encoded, of which read / classify / repair / overlay / area; store = the done check and the tile result PUT)');
  log(`child init (Node bootstrap + bundle load): median ${f0(median(r.tiles.map((t: Report) => t.initMs)))} ms wall, ${f0(median(r.tiles.map((t: Report) => t.initCpuMs)))} ms CPU, RSS ${f0(median(r.tiles.map((t: Report) => t.rssInitMB)))} MiB`);
  const checked: Report[] = r.tiles.filter((t: Report) => t.latencyCheck);
  if (checked.length > 0) {
    log(`\n## latency check: warm passes of one tile, alternately plain and with ${r.options.latencyMs} ms + bytes / ${r.options.mbps} MB/s per request`);
    table(
      ['tile', 'requests', 'MiB', 'critical-path requests', 'critical-path MiB', 'plain ms (3 runs)', 'with latency ms (3 runs)', 'added ms (medians)', 'model: path requests × latency + path MiB / rate'],
      checked.map((t) => {
        const lc = t.latencyCheck;
        const model = t.criticalPath.requests * lc.model.latencyMs + t.criticalPath.bytes / (lc.model.mbps * 1e3);
        const all = t.gets.total + t.store.get + t.store.put + t.store.head + t.store.list;
        return [`${t.size} ${t.tileId}`, all, f1(t.bytesFetched / MB), t.criticalPath.requests, f1(t.criticalPath.bytes / MB),
          lc.plain.map(f0).join(' / '), lc.withLatency.map(f0).join(' / '), f0(median(lc.withLatency) - median(lc.plain)), f0(model)];
      }),
    );
  }
  log('\n## ingest, county and finalize: the pipeline\'s stages, fresh process each (CPU ms)');
  const rows: (string | number)[][] = [];
  for (const k of ['main', 'small']) {
    const i = r.ingest[k];
    const u = r.ingest[`unindexed-${k}`];
    const c = r.county[k];
    const f = r.finalize[k];
    rows.push([`ingest ${i.pieces} → ${i.tiles} tiles (validate ${f0(i.timings.validateMs)} + plan ${f0(i.timings.planMs)} ms wall)`, f0(i.cpuMs), f0((i.pieces / i.cpuMs) * 1000), f0(i.gets + i.store.get + i.store.put + i.store.head + i.store.list), f0(i.peakRssMB)]);
    if (u) rows.push([`ingest unindexed ${u.pieces} (indexed copy ${f0(u.timings.indexMs)} ms wall)`, f0(u.cpuMs), f0((u.pieces / u.cpuMs) * 1000), f0(u.gets + u.store.get + u.store.put + u.store.head + u.store.list), f0(u.peakRssMB)]);
    rows.push([`county ${c.pieces}, all ${c.tiles} tile jobs in one process`, f0(c.cpuMs), f0((c.pieces / c.cpuMs) * 1000), f0(c.gets), f0(c.peakRssMB)]);
    rows.push([`finalize ${f.detections} detections (read ${f0(f.readMs)} + merge ${f0(f.mergeMs)} + write ${f0(f.writeMs)} ms wall; ${f.counties} county, ${f1(f.outBytes / MB)} MiB)`, f0(f.cpuMs), f0((f.pieces / f.cpuMs) * 1000), f0(f.store.get + f.store.put + f.store.head + f.store.list), f0(f.peakRssMB)]);
  }
  table(['step', 'CPU ms', 'pieces/s', 'requests', 'peak RSS MiB'], rows);
  projection(r);
}
