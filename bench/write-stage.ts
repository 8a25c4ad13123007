// `node --import tsx bench/write-stage.ts CHANGES.fgb LAYERS.json [REPEAT]`: runs a county in-process, then times
// every writer of the write stage on its result, one at a time, best of REPEAT (default 3), with the bytes each
// makes (wall and CPU time: CPU includes the thread pool's compression and the collector) — to see where the write stage's time goes (bench/RESULTS.md). Not part of the test suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { balanceCsv, crsFromEpsg, DETECTION_COLUMNS, detectionsCsv, OVERLAP_COLUMNS, reportHtml } from '@landwatch/core';
import { detectionsXlsx, renderTaskFiles, resultLayerBytes } from '@landwatch/pipeline';
import { runLocal } from '../packages/cli/src/local-run.ts';
import { createProgress } from '../packages/cli/src/progress.ts';

const [changesPath, layersPath, repeatArg] = process.argv.slice(2);
if (!changesPath || !layersPath) {
  process.stderr.write('usage: node --import tsx bench/write-stage.ts CHANGES.fgb LAYERS.json [REPEAT]\n');
  process.exit(2);
}
const repeat = Number(repeatArg ?? 3);
const out = mkdtempSync(join(tmpdir(), 'lw-write-'));
try {
  const outcome = await runLocal({ changesPath, layersPath, outDir: out, progress: createProgress({ enabled: false }) });
  const county = outcome.counties[0]!;
  const crs = crsFromEpsg(Number(/EPSG:(\d+)/.exec(county.summary.run.input.crs)![1]));
  const size = (v: Uint8Array | string | { bytes: Uint8Array }[]) =>
    typeof v === 'string' ? Buffer.byteLength(v) : Array.isArray(v) ? v.reduce((n, f) => n + f.bytes.length, 0) : v.length;
  const measure = async (name: string, f: () => Promise<Uint8Array | string | { bytes: Uint8Array }[]> | Uint8Array | string | { bytes: Uint8Array }[]) => {
    let best = Infinity;
    let bestCpu = Infinity;
    let bytes = 0;
    for (let i = 0; i < repeat; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      bytes = size(await f());
      best = Math.min(best, performance.now() - t0);
      const cpu = process.cpuUsage(c0);
      bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    }
    process.stdout.write(`${name.padEnd(16)} ${best.toFixed(0).padStart(6)} ms wall ${bestCpu.toFixed(0).padStart(6)} ms CPU ${(bytes / 1e6).toFixed(2).padStart(7)} MB\n`);
  };
  process.stdout.write(`${county.detections.length} detections, ${county.overlaps.length} overlaps; best of ${repeat}\n`);
  await measure('detections.fgb', () => resultLayerBytes('detections', 'd', crs, DETECTION_COLUMNS, county.detections));
  await measure('overlaps.fgb', () => resultLayerBytes('overlaps', 'o', crs, OVERLAP_COLUMNS, county.overlaps));
  await measure('detections.csv', () => detectionsCsv(county.detections));
  await measure('balance.csv', () => balanceCsv(county));
  await measure('detections.xlsx', () => detectionsXlsx(county));
  await measure('report.html', () => reportHtml(county, crs));
  await measure('tasks/', () => renderTaskFiles(county, crs));
} finally {
  rmSync(out, { recursive: true, force: true });
}
