// `node --import tsx bench/office-files.ts CHANGES.fgb LAYERS.json`: runs a county in-process, then times the files
// offices open — detections.xlsx and report.html — one at a time, with the heap and RSS growth of each
// (docs/OUTPUTS.md, docs/REPORT.md record the numbers). Not part of the test suite: timings are never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportHtml } from '@landwatch/core';
import { detectionsXlsx } from '@landwatch/pipeline';
import { runLocal } from '../packages/cli/src/local-run.ts';
import { createProgress } from '../packages/cli/src/progress.ts';

const [changesPath, layersPath] = process.argv.slice(2);
if (!changesPath || !layersPath) {
  process.stderr.write('usage: node --import tsx bench/office-files.ts CHANGES.fgb LAYERS.json\n');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'lw-office-'));
try {
  const outcome = await runLocal({ changesPath, layersPath, outDir: out, progress: createProgress({ enabled: false }) });
  const county = outcome.counties[0]!;
  const crs = { kind: 'projected' } as never;
  const measure = async (name: string, f: () => Promise<Uint8Array | string>) => {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const bytes = await f();
    const ms = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
    const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    process.stdout.write(`${name}: ${county.detections.length} detections, ${(size / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
  };
  await measure('detections.xlsx', () => detectionsXlsx(county));
  await measure('report.html', async () => reportHtml(county, crs));
} finally {
  rmSync(out, { recursive: true, force: true });
}
