// `node --expose-gc --import tsx bench/office-files.ts CHANGES.fgb LAYERS.json`: runs a county in-process, then
// times the files offices open — detections.xlsx and report.html — one at a time, with the heap growth of each, and
// opens the report in headless Chromium (desktop width) until its map is ready (docs/OUTPUTS.md, docs/REPORT.md
// record the numbers). Not part of the test suite: timings are never asserted.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { crsFromEpsg, reportHtml } from '@landwatch/core';
import { detectionsXlsx } from '@landwatch/pipeline';
import { runLocal } from '../packages/cli/src/local-run.ts';
import { createProgress } from '../packages/cli/src/progress.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const [changesPath, layersPath] = process.argv.slice(2);
if (!changesPath || !layersPath) {
  process.stderr.write('usage: node --expose-gc --import tsx bench/office-files.ts CHANGES.fgb LAYERS.json\n');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'lw-office-'));
try {
  const outcome = await runLocal({ changesPath, layersPath, outDir: out, progress: createProgress({ enabled: false }) });
  const county = outcome.counties[0]!;
  const crs = crsFromEpsg(Number(/EPSG:(\d+)/.exec(county.summary.run.input.crs)![1]));
  const measure = async (name: string, f: () => Promise<Uint8Array | string>) => {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const bytes = await f();
    const ms = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
    const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    process.stdout.write(`${name}: ${county.detections.length} detections, ${(size / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB\n`);
    writeFileSync(join(out, name), bytes);
  };
  await measure('detections.xlsx', () => detectionsXlsx(county));
  await measure('report.html', async () => reportHtml(county, crs));
  if (existsSync(CHROMIUM)) {
    const profile = mkdtempSync(join(tmpdir(), 'lw-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { timeout: 120_000 });
    await page.waitForSelector('html[data-map-ready="true"]', { timeout: 120_000 });
    const wall = performance.now() - t0;
    const inPage = await page.evaluate(() => performance.now());
    const t1 = performance.now();
    await page.evaluate(() => (globalThis as any).landwatchReport.search('村'));
    const searchMs = performance.now() - t1;
    process.stdout.write(`report.html in Chromium: map ready ${(wall / 1000).toFixed(1)} s after navigation (page clock ${(inPage / 1000).toFixed(1)} s); first search over all cases ${searchMs.toFixed(0)} ms\n`);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
