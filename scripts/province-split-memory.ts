// The county split of a province upload alone (docs/SCALE.md, "Ingest split"), on its own in a fresh process: pass 1
// (spill every feature to its county's file) and pass 2 (each county's indexed copy), with the time of each and the
// peak memory the split adds (heap + external, sampled every 20 ms after a full GC; and the process's max RSS).
//   node --expose-gc --import tsx scripts/province-split-memory.ts FILE [SPILL_DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileByteSource } from '@landwatch/fgb';
import { openChangeLayer } from '../packages/pipeline/src/change-layer.ts';
import { spillByCounty, writeCountyCopy } from '../packages/pipeline/src/county-split.ts';

const [file, spillRoot] = process.argv.slice(2);
const dir = mkdtempSync(join(spillRoot ?? tmpdir(), 'lw-split-'));
const MiB = 2 ** 20;
const held = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
(globalThis as { gc?: () => void }).gc?.();
const base = held();
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, held() - base)), 20);
try {
  const source = await openFileByteSource(file);
  const opened = await openChangeLayer(source);
  if (!opened.ok) throw new Error(opened.reasons.join('; '));
  const t1 = performance.now();
  const spills = await spillByCounty(opened.layer, dir);
  const pass1 = performance.now() - t1;
  const peak1 = peak;
  const copies: { county: string; features: number; ms: number; peakMiB: number }[] = [];
  for (const county of spills.counties) {
    peak = 0;
    const t = performance.now();
    const target = join(dir, `${county.countyCode}.fgb`);
    await writeCountyCopy(opened.layer, county, dir, target);
    rmSync(target);
    copies.push({ county: county.countyCode, features: county.count, ms: Math.round(performance.now() - t), peakMiB: Math.round(Math.max(peak, held() - base) / MiB) });
  }
  await source.close();
  process.stdout.write(
    `${JSON.stringify({ file, features: opened.layer.header.featuresCount, counties: spills.counties.length, pass1Ms: Math.round(pass1), pass1PeakMiB: Math.round(peak1 / MiB), copies, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
