// Scale on paper from measured numbers (issue "Serverless pipeline", must-have 9).
//
//   npx tsx bench/tile-scale.ts [--changes 20000] [--small 5000] [--seed 7] [--sizes 500,1000,2000,5000,10000]
//                               [--per-size 3] [--latency-ms 30] [--mbps 50] [--data DIR] [--json FILE]
//   npx tsx bench/tile-scale.ts --report FILE     (print the tables and the projection again from saved raw results)
//
// Measures, on this machine, what one detect-tile invocation costs for tiles of several sizes, what ingest costs
// per piece (validation scan, indexed copy, tile planning) and what finalize costs per county (tile-result JSON
// parse + mergeTileResults + renderCountyFiles), then projects a 2 M-piece province at 200 concurrent Lambdas.
// docs/SCALE.md explains the model and quotes a run.
//
// How it measures:
// - Data: `landwatch generate` (the built CLI) writes two seeded counties (`--changes` and `--small` pieces) into
//   DIR (default $TMPDIR/landwatch-tile-scale-s{seed}); reused when present. An unindexed copy of each change layer
//   is written with `ogr2ogr -lco SPATIAL_INDEX=NO` (skipped when GDAL is missing) for the indexed-copy measurement.
// - Every measurement runs in a FRESH child process (`node` on an esbuild bundle of this file, like the Lambda's
//   bundle), one at a time. Peak memory = the child's ru_maxrss (process.resourceUsage().maxRSS): the whole
//   process, Node baseline included, which is what Lambda's memory limit counts.
// - Reads go through the Lambdas' own S3 byte source (functions/lib/s3-byte-source.ts: 64 KiB blocks, 32-block LRU,
//   ETag pinned) over a fake S3 client that serves ranges from the local files. So request counts and bytes are
//   exactly those a Lambda would send. The critical path of those GETs is derived from the read structure (see
//   tileJob). With --latency-ms > 0, one 2000-piece tile also runs warm passes alternately without and with a
//   simulated latency + bytes / mbps per GET, as a check of that critical path on a noisy machine.
// - Times: wall clock (performance.now) and CPU (process.cpuUsage, user + system, all threads) per phase. The
//   projection uses CPU ms: the machine is shared (wall ms carry other work), and a 1-vCPU Lambda pays for V8's
//   helper threads (GC, compilation) on its one vCPU too.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open as openFile, readFile, writeFile as writeFileAsync, mkdir, rm } from 'node:fs/promises';
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  createRuleSet,
  crsFromEpsg,
  crsWkt,
  DETECTION_COLUMNS,
  landUseCodeTable,
  mergeTileResults,
  type TileResult,
} from '@landwatch/core';
import { FgbWriter, planTiles, readHeader, readIndexLeaves, openFileByteSource, type TilePlan } from '@landwatch/fgb';
import {
  chinaDivisionNames,
  DEFAULT_TILE_MAX_FEATURES,
  indexedCopy,
  openChangeLayer,
  openProtectionLayers,
  parseLayerRegistry,
  renderCountyFiles,
  runTile,
  scanChangeLayer,
  type LayerEntry,
  type TileContext,
} from '@landwatch/pipeline';
import { s3ByteSource, type S3ByteSource } from '../functions/lib/s3-byte-source.ts';

// ---------------------------------------------------------------------------------------------------------------
// Options

interface Options {
  /** Pieces of the main county (tile measurements, ingest and finalize). */
  changes: number;
  /** Pieces of the second county (gives the per-piece slope of ingest and finalize). */
  small: number;
  /** Generator seed of both counties. */
  seed: number;
  /** Tile sizes (maxFeatures) to measure. */
  sizes: number[];
  /** Full tiles measured per size (evenly spread over the county). */
  perSize: number;
  /** Simulated first-byte latency per GET for the latency check (0 = no check). */
  latencyMs: number;
  /** Simulated per-GET throughput in MB/s for the latency check. */
  mbps: number;
  /** Data directory. */
  data: string;
  /** Where to write the raw results as JSON (default DIR/tile-scale-results.json). */
  json: string | undefined;
  /** Only print the report of saved raw results (no measuring). */
  report: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, dflt: number): number => {
    const v = get(name);
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`);
    return n;
  };
  const seed = num('seed', 7);
  return {
    changes: num('changes', 20_000),
    small: num('small', 5_000),
    seed,
    sizes: (get('sizes') ?? '500,1000,2000,5000,10000').split(',').map(Number),
    perSize: num('per-size', 3),
    latencyMs: num('latency-ms', 30),
    mbps: num('mbps', 50),
    data: resolve(get('data') ?? join(tmpdir(), `landwatch-tile-scale-s${seed}`)),
    json: get('json'),
    report: get('report'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A fake S3 client: GetObject with Range over local files (key = absolute path), optional simulated latency.

interface LatencyModel {
  /** First-byte latency per GET, ms. */
  latencyMs: number;
  /** Throughput per GET, MB/s (10^6 bytes). */
  mbps: number;
}

class LocalS3 {
  gets = 0;
  bytes = 0;
  constructor(private readonly latency: LatencyModel | undefined) {}

  async send(command: { input: { Key?: string; Range?: string } }): Promise<unknown> {
    const path = command.input.Key ?? '';
    const match = /^bytes=(\d+)-(\d+)$/.exec(command.input.Range ?? '');
    if (!match) throw new Error(`LocalS3: only ranged GetObject is supported (${command.input.Range})`);
    const start = Number(match[1]);
    const end = Number(match[2]);
    const size = statSync(path).size;
    const out = new Uint8Array(end - start + 1);
    const handle = await openFile(path, 'r');
    try {
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) throw new Error(`LocalS3: ${path} ended early`);
        done += bytesRead;
      }
    } finally {
      await handle.close();
    }
    this.gets++;
    this.bytes += out.length;
    if (this.latency) await sleep(this.latency.latencyMs + out.length / (this.latency.mbps * 1e3));
    return {
      ETag: '"bench"',
      ContentRange: `bytes ${start}-${end}/${size}`,
      $metadata: { httpStatusCode: 206 },
      Body: { transformToByteArray: async () => out },
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function s3Source(s3: LocalS3, path: string): Promise<S3ByteSource> {
  return s3ByteSource(s3 as unknown as S3Client, 'bench', path, { etag: 'bench', size: statSync(path).size });
}

// ---------------------------------------------------------------------------------------------------------------
// Child jobs (each runs in a fresh process)

interface CountyFiles {
  changesPath: string;
  /** layer entries with absolute paths */
  layers: LayerEntry[];
  surveyYear: number;
}

type ChildJob =
  | { mode: 'tile'; county: CountyFiles; tile: TilePlan; latencyCheck?: LatencyModel }
  | { mode: 'scan'; county: CountyFiles; tileSize: number }
  | { mode: 'index'; unindexedPath: string; spillDir: string; outPath: string }
  | { mode: 'county'; county: CountyFiles; tileSize: number; outDir: string }
  | { mode: 'finalize'; tilesDir: string; crsEpsg: number; featuresCount: number };

/** Common fields of every child's report. */
interface ChildBase {
  /** ms from process start to the first line of the job (Node bootstrap + bundle load) */
  initMs: number;
  /** CPU ms used by then */
  initCpuMs: number;
  rssInitMB: number;
  peakRssMB: number;
  heapUsedEndMB: number;
}

const MB = 1024 * 1024;

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function memoryFacts(): { peakRssMB: number; heapUsedEndMB: number } {
  return { peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB, heapUsedEndMB: process.memoryUsage().heapUsed / MB };
}

async function tileContext(county: CountyFiles, s3: LocalS3): Promise<{ ctx: TileContext; changes: S3ByteSource; layers: S3ByteSource[] }> {
  const changes = await s3Source(s3, county.changesPath);
  const opened = await openChangeLayer(changes);
  if (!opened.ok) throw new Error(opened.reasons.join('\n'));
  const layerSources: S3ByteSource[] = [];
  const { layers, reasons } = await openProtectionLayers(county.layers, async (e) => {
    const s = await s3Source(s3, e.path);
    layerSources.push(s);
    return s;
  });
  if (reasons.length > 0) throw new Error(reasons.join('\n'));
  const ctx: TileContext = {
    runId: `${county.surveyYear}-benchbench0000`,
    surveyYear: county.surveyYear,
    changes: opened.layer,
    layers,
    rules: createRuleSet({ surveyYear: county.surveyYear }, landUseCodeTable()),
    names: chinaDivisionNames(),
  };
  return { ctx, changes, layers: layerSources };
}

/** The tile's two outputs as detect-tile writes them: the detections layer and the result JSON (the done marker). */
async function tileOutputs(run: Awaited<ReturnType<typeof runTile>>, ctx: TileContext): Promise<{ fgbBytes: number; jsonBytes: number }> {
  const crs = ctx.changes.crs;
  const writer = new FgbWriter({
    name: `detections-${run.tileId}`,
    crs: { org: 'EPSG', code: crs.epsg, name: crs.name, wkt: crsWkt(crs) },
    columns: DETECTION_COLUMNS.map((col) => ({ name: col.name, type: col.type, title: col.title, nullable: true })),
    geometryType: 'MultiPolygon',
  });
  for (const d of run.detections) writer.add(d.geometry, d.row as unknown as Record<string, unknown>);
  const fgbBytes = (await writer.finishToBytes()).length;
  const { readMs, ...rest } = run;
  const jsonBytes = new TextEncoder().encode(JSON.stringify({ ...rest, readMs: Math.round(readMs) })).length;
  return { fgbBytes, jsonBytes };
}

/**
 * What detect-tile does per invocation (minus the manifest GET, HEAD, PUTs and LIST, counted on paper): open the
 * change layer and the protection layers (header reads), run the tile, encode both outputs. Then the same again in
 * the same process — the next invocation in a warm Lambda environment (sources are opened per invocation there too).
 */
/** One more invocation in the same process: open, run, write. */
async function warmPass(county: CountyFiles, tile: TilePlan, latency: LatencyModel | undefined): Promise<{ ms: number; cpuMs: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const opened = await tileContext(county, new LocalS3(latency));
  await tileOutputs(await runTile(tile, opened.ctx), opened.ctx);
  return { ms: performance.now() - t, cpuMs: cpuMs(c) };
}

async function tileJob(job: Extract<ChildJob, { mode: 'tile' }>) {
  const s3 = new LocalS3(undefined);
  let t = performance.now();
  let c = process.cpuUsage();
  const { ctx, changes, layers } = await tileContext(job.county, s3);
  const open = { ms: performance.now() - t, cpuMs: cpuMs(c) };
  const openGets = s3.gets;
  const openStats = [changes, ...layers].map((src) => ({ ...src.stats }));
  const rssAfterOpenMB = process.memoryUsage().rss / MB;

  t = performance.now();
  c = process.cpuUsage();
  const run = await runTile(job.tile, ctx);
  const detect = { ms: performance.now() - t, cpuMs: cpuMs(c) };

  t = performance.now();
  c = process.cpuUsage();
  const out = await tileOutputs(run, ctx);
  const write = { ms: performance.now() - t, cpuMs: cpuMs(c) };
  // The critical path of the GETs: opening is sequential (change layer, then each protection layer); the tile reads
  // the change range, then all protection layers at once (Promise.all), each layer's reads one after another.
  const perSource = [changes, ...layers].map((src, i) => ({
    requests: src.stats.requests - openStats[i].requests,
    bytes: src.stats.bytesFetched - openStats[i].bytesFetched,
  }));
  const [changeReads, ...layerReads] = perSource;
  const criticalPath = {
    requests: openGets + changeReads.requests + Math.max(0, ...layerReads.map((x) => x.requests)),
    bytes: changeReads.bytes + Math.max(0, ...layerReads.map((x) => x.bytes)),
  };
  const peakColdRssMB = memoryFacts().peakRssMB;

  const warm = await warmPass(job.county, job.tile, undefined);
  const peakWarmRssMB = memoryFacts().peakRssMB;
  // latency check: warm passes alternately without and with simulated S3 latency (same process, same JIT state)
  const latencyCheck = job.latencyCheck && { plain: [] as number[], withLatency: [] as number[], model: job.latencyCheck };
  for (let i = 0; latencyCheck && i < 3; i++) {
    latencyCheck.plain.push((await warmPass(job.county, job.tile, undefined)).ms);
    latencyCheck.withLatency.push((await warmPass(job.county, job.tile, job.latencyCheck)).ms);
  }

  return {
    tileId: job.tile.tileId,
    pieces: run.stats.pieces,
    detections: run.stats.detections,
    overlaps: run.stats.overlaps,
    candidatePairs: run.stats.candidatePairs,
    protectionFeatures: run.protectionFeatures,
    clipFailures: run.stats.clipFailures,
    open,
    detect,
    write,
    readMs: run.readMs,
    timings: run.stats.timings,
    totalMs: open.ms + detect.ms + write.ms,
    totalCpuMs: open.cpuMs + detect.cpuMs + write.cpuMs,
    warm,
    gets: { open: openGets, total: s3.gets, changes: changes.stats.requests, layers: layers.reduce((n, s) => n + s.stats.requests, 0) },
    bytesFetched: s3.bytes,
    criticalPath,
    out,
    rssAfterOpenMB,
    /** peak RSS after the first (cold) invocation, and after the second (warm) one; peakRssMB includes the latency check */
    peakColdRssMB,
    peakWarmRssMB,
    latencyCheck,
  };
}

/** What ingest does for an indexed upload: open, scan every feature, read the index leaves, plan tiles, manifest. */
async function scanJob(job: Extract<ChildJob, { mode: 'scan' }>) {
  const s3 = new LocalS3(undefined);
  let t = performance.now();
  let c = process.cpuUsage();
  const source = await s3Source(s3, job.county.changesPath);
  const opened = await openChangeLayer(source);
  if (!opened.ok) throw new Error(opened.reasons.join('\n'));
  const { reasons } = await openProtectionLayers(job.county.layers, (e) => s3Source(s3, e.path));
  if (reasons.length > 0) throw new Error(reasons.join('\n'));
  const open = { ms: performance.now() - t, cpuMs: cpuMs(c), gets: s3.gets };

  t = performance.now();
  c = process.cpuUsage();
  const scan = await scanChangeLayer(opened.layer, landUseCodeTable());
  const scanned = { ms: performance.now() - t, cpuMs: cpuMs(c), gets: s3.gets - open.gets, pieces: scan.featuresRead, reasons: scan.reasons.length };

  t = performance.now();
  c = process.cpuUsage();
  const before = s3.gets;
  const leaves = await readIndexLeaves(opened.layer.source, opened.layer.header);
  const tiles = planTiles(leaves, opened.layer.header.dataSize, { maxFeatures: job.tileSize });
  const manifestBytes = new TextEncoder().encode(JSON.stringify({ tiles })).length;
  const plan = { ms: performance.now() - t, cpuMs: cpuMs(c), gets: s3.gets - before, tiles: tiles.length, manifestBytes };
  return { fileBytes: source.size, open, scan: scanned, plan };
}

/** Ingest for an unindexed upload: the indexed copy (spilled to disk) and its file. */
async function indexJob(job: Extract<ChildJob, { mode: 'index' }>) {
  const s3 = new LocalS3(undefined);
  const source = await s3Source(s3, job.unindexedPath);
  const opened = await openChangeLayer(source);
  if (!opened.ok) throw new Error(opened.reasons.join('\n'));
  if (opened.layer.header.indexNodeSize !== 0) throw new Error(`${job.unindexedPath} already has an index`);
  await mkdir(job.spillDir, { recursive: true });
  const t = performance.now();
  const c = process.cpuUsage();
  const writer = await indexedCopy(source, opened.layer.header, { spillDir: job.spillDir });
  const addMs = performance.now() - t;
  await writer.finishToFile(job.outPath);
  const ms = performance.now() - t;
  const cpu = cpuMs(c);
  const outBytes = statSync(job.outPath).size;
  rmSync(job.outPath, { force: true });
  return { pieces: opened.layer.header.featuresCount, inBytes: source.size, outBytes, ms, addMs, cpuMs: cpu, gets: s3.gets };
}

/** Every tile of a county in one process (no latency); tile results written as the Lambda's JSON. */
async function countyJob(job: Extract<ChildJob, { mode: 'county' }>) {
  const s3 = new LocalS3(undefined);
  const { ctx } = await tileContext(job.county, s3);
  const src = await openFileByteSource(job.county.changesPath);
  const header = await readHeader(src);
  const tiles = planTiles(await readIndexLeaves(src, header), header.dataSize, { maxFeatures: job.tileSize });
  await src.close();
  await rm(job.outDir, { recursive: true, force: true });
  await mkdir(job.outDir, { recursive: true });
  const t = performance.now();
  const c = process.cpuUsage();
  let detections = 0;
  let jsonBytes = 0;
  for (const tile of tiles) {
    const run = await runTile(tile, ctx);
    detections += run.detections.length;
    const { readMs, ...rest } = run;
    const text = JSON.stringify({ ...rest, readMs: Math.round(readMs) });
    jsonBytes += Buffer.byteLength(text);
    await writeFileAsync(join(job.outDir, `${tile.tileId}.json`), text);
  }
  return { tiles: tiles.length, pieces: header.featuresCount, crsEpsg: ctx.changes.crs.epsg, detections, jsonBytes, ms: performance.now() - t, cpuMs: cpuMs(c) };
}

/** finalize for one run: parse the tile results, merge per county, render each county's files. */
async function finalizeJob(job: Extract<ChildJob, { mode: 'finalize' }>) {
  const files = readdirSync(job.tilesDir).filter((f) => f.endsWith('.json')).sort();
  const texts = await Promise.all(files.map((f) => readFile(join(job.tilesDir, f))));
  let t = performance.now();
  let c = process.cpuUsage();
  const decoder = new TextDecoder();
  const tiles = texts.map((b) => JSON.parse(decoder.decode(b)) as TileResult);
  const parse = { ms: performance.now() - t, cpuMs: cpuMs(c) };
  t = performance.now();
  c = process.cpuUsage();
  const crs = crsFromEpsg(job.crsEpsg);
  const counties = mergeTileResults(tiles, {
    runId: '2024-benchbench0000',
    surveyYear: 2024,
    generatedAt: '2024-12-31T00:00:00Z',
    input: { file: 'bench', featuresCount: job.featuresCount, crs: `EPSG:${crs.epsg} ${crs.name}` },
    codeTableVersion: landUseCodeTable().version,
    ruleSetVersion: 'bench',
    layers: [],
    inputChecks: { tiles: tiles.length },
  });
  const merge = { ms: performance.now() - t, cpuMs: cpuMs(c) };
  t = performance.now();
  c = process.cpuUsage();
  let outBytes = 0;
  let detections = 0;
  for (const county of counties) {
    detections += county.detections.length;
    for (const bytes of (await renderCountyFiles(county, crs)).values()) outBytes += bytes.length;
  }
  const render = { ms: performance.now() - t, cpuMs: cpuMs(c) };
  return { tiles: tiles.length, counties: counties.length, detections, inBytes: texts.reduce((n, b) => n + b.length, 0), outBytes, parse, merge, render };
}

async function childMain(job: ChildJob): Promise<void> {
  const initMs = performance.now();
  const initCpuMs = cpuMs({ user: 0, system: 0 });
  const rssInitMB = process.memoryUsage().rss / MB;
  const result =
    job.mode === 'tile' ? await tileJob(job)
    : job.mode === 'scan' ? await scanJob(job)
    : job.mode === 'index' ? await indexJob(job)
    : job.mode === 'county' ? await countyJob(job)
    : await finalizeJob(job);
  const base: ChildBase = { initMs, initCpuMs, rssInitMB, ...memoryFacts() };
  process.send!({ ...base, ...result }, () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: data, bundle, children, report

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');

function log(line = ''): void {
  process.stdout.write(line + '\n');
}

function machine() {
  const cpuModel = (() => {
    try {
      const info = readFileSync('/proc/cpuinfo', 'utf8');
      const pick = (k: string) => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1];
      return `${pick('model name') ?? cpus()[0]?.model} (family ${pick('cpu family')}, model ${pick('model')}, ${pick('bogomips')} BogoMIPS)`;
    } catch {
      return cpus()[0]?.model ?? 'unknown';
    }
  })();
  return {
    dateUtc: new Date().toISOString(),
    nproc: availableParallelism(),
    cpuModel,
    node: process.version,
    totalMemGiB: +(totalmem() / 1024 ** 3).toFixed(1),
    freeMemGiB: +(freemem() / 1024 ** 3).toFixed(1),
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Generates a county with the built CLI (reused when present); returns its files. */
function ensureCounty(dir: string, changes: number, seed: number): CountyFiles {
  const find = () => (existsSync(dir) ? readdirSync(dir).find((f) => /^DLTBGXGC-.*\.fgb$/.test(f)) : undefined);
  if (!find() || !existsSync(join(dir, 'layers.json'))) {
    const cli = join(REPO, 'packages/cli/bin/landwatch.mjs');
    if (!existsSync(join(REPO, 'packages/cli/dist/landwatch.mjs'))) throw new Error('the CLI is not built: run `npm run build` first');
    rmSync(dir, { recursive: true, force: true });
    log(`generating ${changes} pieces (seed ${seed}) into ${dir} …`);
    const r = spawnSync(process.execPath, [cli, 'generate', '--out', dir, '--changes', String(changes), '--seed', String(seed)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`landwatch generate failed (exit ${r.status})`);
  }
  const file = find()!;
  const layersPath = join(dir, 'layers.json');
  const layers = parseLayerRegistry(readFileSync(layersPath, 'utf8'), layersPath).map((e) => ({ ...e, path: resolve(dir, e.path) }));
  const year = Number(/-(\d{4})\.fgb$/.exec(file)?.[1] ?? 2024);
  return { changesPath: join(dir, file), layers, surveyYear: year };
}

/** An unindexed copy of the change layer (GDAL), or undefined when ogr2ogr is not installed. */
function ensureUnindexed(county: CountyFiles): string | undefined {
  const out = join(dirname(county.changesPath), 'unindexed.fgb');
  if (existsSync(out)) return out;
  const r = spawnSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', out, county.changesPath], { stdio: 'ignore' });
  return r.status === 0 && existsSync(out) ? out : undefined;
}

async function bundleChild(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(dir, 'tile-scale-child.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);" },
    external: ['geos-wasm', 'esbuild'],
  });
  return outfile;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>;

function runChild(bundle: string, job: ChildJob): Promise<Report> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(bundle, ['--child', JSON.stringify(job)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: Report | undefined;
    child.on('message', (m) => (report = m as Report));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && report ? resolvePromise(report) : reject(new Error(`child ${job.mode} exited with ${code}`))));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

function table(head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ')} |`;
  log(line(head));
  log(`|${w.map((n, i) => (i === 0 ? '-'.repeat(n + 2) : '-'.repeat(n + 1) + ':')).join('|')}|`);
  for (const r of cells.slice(1)) log(line(r));
}

/** Evenly spread full tiles of a plan. */
function pickTiles(tiles: TilePlan[], size: number, n: number): TilePlan[] {
  const full = tiles.filter((t) => t.count === size);
  const pool = full.length > 0 ? full : tiles;
  if (pool.length <= n) return pool;
  return Array.from({ length: n }, (_, k) => pool[Math.floor(((k + 0.5) * pool.length) / n)]);
}

async function parentMain(opts: Options): Promise<void> {
  const started = performance.now();
  mkdirSync(opts.data, { recursive: true });
  const facts = machine();
  log(`# tile-scale  ${facts.dateUtc}`);
  log(`machine: nproc ${facts.nproc}, ${facts.cpuModel}, Node ${facts.node}, ${facts.totalMemGiB} GiB RAM (${facts.freeMemGiB} free), load ${facts.loadAverage.join(' ')}`);
  log(`options: ${JSON.stringify({ ...opts, data: undefined })}`);
  log(`data: ${opts.data}`);

  const main = ensureCounty(join(opts.data, `county-${opts.changes}`), opts.changes, opts.seed);
  const small = ensureCounty(join(opts.data, `county-${opts.small}`), opts.small, opts.seed);
  const bundle = await bundleChild(opts.data);
  const results: Report = { machine: facts, options: opts, tiles: [], ingest: {}, county: {}, finalize: {} };

  // -- per-tile -------------------------------------------------------------------------------------------------
  const src = await openFileByteSource(main.changesPath);
  const header = await readHeader(src);
  const leaves = await readIndexLeaves(src, header);
  await src.close();
  log(`\n## detect-tile, one fresh process per tile (${basename(main.changesPath)}: ${header.featuresCount} pieces, ${f1(statSync(main.changesPath).size / MB)} MiB)`);
  for (const size of opts.sizes) {
    const plan = planTiles(leaves, header.dataSize, { maxFeatures: size });
    for (const [k, tile] of pickTiles(plan, size, opts.perSize).entries()) {
      const check = opts.latencyMs > 0 && size === ASSUME.tileSize && k === 0;
      const latencyCheck = check ? { latencyMs: opts.latencyMs, mbps: opts.mbps } : undefined;
      const r = await runChild(bundle, { mode: 'tile', county: main, tile, latencyCheck });
      results.tiles.push({ size, ...r });
      log(`  size ${size} ${tile.tileId}: ${f0(r.totalMs)} ms wall, ${f0(r.totalCpuMs)} ms CPU (warm ${f0(r.warm.cpuMs)}), peak RSS ${f0(r.peakColdRssMB)} MiB (${f0(r.peakWarmRssMB)} after the 2nd), ${r.gets.total} GETs${check ? ' + latency check' : ''}`);
    }
  }

  // -- ingest ---------------------------------------------------------------------------------------------------
  log('\n## ingest (fresh process each)');
  for (const [name, county] of [['main', main], ['small', small]] as const) {
    const scan = await runChild(bundle, { mode: 'scan', county, tileSize: ASSUME.tileSize });
    results.ingest[`scan-${name}`] = scan;
    log(`  scan ${scan.scan.pieces} pieces: ${f0(scan.scan.ms)} ms (${f0((scan.scan.pieces / scan.scan.ms) * 1000)} pieces/s), plan ${f1(scan.plan.ms)} ms, peak RSS ${f0(scan.peakRssMB)} MiB`);
    const unindexed = ensureUnindexed(county);
    if (unindexed) {
      const idx = await runChild(bundle, { mode: 'index', unindexedPath: unindexed, spillDir: join(opts.data, 'spill'), outPath: join(opts.data, `indexed-${name}.fgb`) });
      results.ingest[`index-${name}`] = idx;
      log(`  indexed copy ${idx.pieces} pieces: ${f0(idx.ms)} ms (${f0((idx.pieces / idx.ms) * 1000)} pieces/s), peak RSS ${f0(idx.peakRssMB)} MiB`);
    } else log('  indexed copy: skipped (ogr2ogr not found)');
  }

  // -- county + finalize ----------------------------------------------------------------------------------------
  log(`\n## whole county in one process (tiles of ${ASSUME.tileSize}), then finalize (fresh process each)`);
  for (const [name, county] of [['main', main], ['small', small]] as const) {
    const outDir = join(opts.data, `tile-results-${name}`);
    const c = await runChild(bundle, { mode: 'county', county, tileSize: ASSUME.tileSize, outDir });
    results.county[name] = c;
    log(`  county ${c.pieces} pieces, ${c.tiles} tiles: ${f0(c.ms)} ms, ${c.detections} detections, ${f1(c.jsonBytes / MB)} MiB tile JSON, peak RSS ${f0(c.peakRssMB)} MiB`);
    const fin = await runChild(bundle, { mode: 'finalize', tilesDir: outDir, crsEpsg: c.crsEpsg, featuresCount: c.pieces });
    results.finalize[name] = fin;
    log(`  finalize ${fin.detections} detections: parse ${f0(fin.parse.ms)} + merge ${f0(fin.merge.ms)} + render ${f0(fin.render.ms)} ms, ${f1(fin.outBytes / MB)} MiB out, peak RSS ${f0(fin.peakRssMB)} MiB`);
  }

  results.elapsedSeconds = (performance.now() - started) / 1000;
  results.loadAverageEnd = loadavg().map((x) => +x.toFixed(2));
  log(`\nload average at the end: ${results.loadAverageEnd.join(' ')} (${facts.nproc} cores shared with other work: read CPU ms, not wall ms)`);
  report(results);
  const jsonPath = opts.json ?? join(opts.data, 'tile-scale-results.json');
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
  log(`\nraw results: ${jsonPath}   (${f0(results.elapsedSeconds)} s)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Summary tables and the projection

/** Assumptions of the projection (docs/SCALE.md says where each comes from). */
const ASSUME = {
  /** Pieces in the province. */
  provincePieces: 2_000_000,
  /** County uploads the province arrives in (a county is the delivery unit): 20 000 pieces each. */
  counties: 100,
  /** Pieces per tile: the pipeline's default (2000). */
  tileSize: DEFAULT_TILE_MAX_FEATURES,
  /** maxConcurrency of the detect-tile event source. */
  concurrency: 200,
  /** SQS event source scaling (AWS Lambda docs): 5 concurrent invocations at first, then up to 300 more a minute. */
  rampStart: 5,
  rampPerMinute: 300,
  /** Lambda arm64 (Graviton2, 1769 MB = 1 vCPU) CPU time ÷ this machine's CPU time. */
  cpuFactor: { low: 1.5, central: 2.0, high: 2.5 },
  /** In-region S3 (and SQS) latency per request, ms. */
  requestMs: { low: 20, central: 30, high: 50 },
  /** Single-stream S3 throughput from one Lambda, MB/s (10^6 B). */
  s3Mbps: 50,
  /** Cold start beyond the measured Node + bundle load (runtime start, code download), ms. */
  coldExtraMs: 300,
  /** detect-tile requests besides the byte source, one after another: manifest GET, result HEAD, 2 PUTs, LIST. */
  tileControlRequests: 5,
  /** ingest: registry GET, 9 layer HEADs, manifest GET, upload HEAD, manifest PUT, status PUT, run event. */
  ingestControlRequests: 15,
  /** finalize: HEAD, manifest GET, LIST, 6 result PUTs, marker HEAD, alert send, marker PUT, status PUT, finalized PUT, run event. */
  finalizeControlRequests: 15,
  memoryMB: { detect: 1769, ingest: 3008, finalize: 3008, lambdaMax: 10240 },
  timeoutS: { detect: 120, ingest: 300, finalize: 300, lambdaMax: 900 },
  /** Ephemeral storage of ingest, GB (billed beyond 0.5 GB). */
  ingestEphemeralGB: 10,
  /** USD list prices, us-east-1, as known in 2025 (no network here to re-check). */
  price: {
    lambdaArmGbSecond: 0.0000133334,
    lambdaRequest: 0.2 / 1e6,
    lambdaEphemeralGbSecond: 0.0000000309,
    sqsStandardRequest: 0.4 / 1e6,
    sqsFifoRequest: 0.5 / 1e6,
    s3PutListRequest: 0.005 / 1000,
    s3GetHeadRequest: 0.0004 / 1000,
    s3GbMonth: 0.023,
  },
};

function report(r: Report): void {
  log('\n## per-tile summary: medians over the measured tiles (peak RSS: max); CPU = user + system of the child');
  const sizes = [...new Set<number>(r.tiles.map((t: Report) => t.size))];
  table(
    ['tile size', 'tiles', 'wall ms', 'CPU ms', 'warm CPU ms', 'open', 'read', 'classify', 'repair', 'overlay', 'area', 'write', 'CPU ms/piece', 'peak RSS MiB', 'after 2nd run', 'RSS after open', 'GETs', 'MiB fetched', 'prot. features', 'result JSON KiB'],
    sizes.map((size) => {
      const xs: Report[] = r.tiles.filter((t: Report) => t.size === size);
      const m = (f: (t: Report) => number) => median(xs.map(f));
      return [
        size, xs.length, f0(m((t) => t.totalMs)), f0(m((t) => t.totalCpuMs)), f0(m((t) => t.warm.cpuMs)), f0(m((t) => t.open.ms)), f0(m((t) => t.readMs)),
        f0(m((t) => t.timings.classifyMs)), f0(m((t) => t.timings.repairMs)), f0(m((t) => t.timings.overlayMs)), f0(m((t) => t.timings.areaMs)),
        f0(m((t) => t.write.ms)), f2(m((t) => t.totalCpuMs / t.pieces)), f0(Math.max(...xs.map((t) => t.peakColdRssMB))), f0(Math.max(...xs.map((t) => t.peakWarmRssMB))), f0(m((t) => t.rssAfterOpenMB)),
        f0(m((t) => t.gets.total)), f1(m((t) => t.bytesFetched / MB)), f0(m((t) => t.protectionFeatures)), f0(m((t) => t.out.jsonBytes / 1024)),
      ];
    }),
  );
  log('(open / read / … / write: wall ms of the first, cold invocation; read = tile range + protection bbox reads and decoding)');
  log(`child init (Node bootstrap + bundle load): median ${f0(median(r.tiles.map((t: Report) => t.initMs)))} ms wall, ${f0(median(r.tiles.map((t: Report) => t.initCpuMs)))} ms CPU, RSS ${f0(median(r.tiles.map((t: Report) => t.rssInitMB)))} MiB`);
  const checked: Report[] = r.tiles.filter((t: Report) => t.latencyCheck);
  if (checked.length > 0) {
    log(`\n## latency check: warm passes of one tile, alternately plain and with ${r.options.latencyMs} ms + bytes / ${r.options.mbps} MB/s per GET`);
    table(
      ['tile', 'GETs', 'MiB', 'critical-path GETs', 'critical-path MiB', 'plain ms (3 runs)', 'with latency ms (3 runs)', 'added ms (medians)', 'model: path GETs × latency + path MiB / rate'],
      checked.map((t) => {
        const lc = t.latencyCheck;
        const model = t.criticalPath.requests * lc.model.latencyMs + t.criticalPath.bytes / (lc.model.mbps * 1e3);
        return [`${t.size} ${t.tileId}`, t.gets.total, f1(t.bytesFetched / MB), t.criticalPath.requests, f1(t.criticalPath.bytes / MB),
          lc.plain.map(f0).join(' / '), lc.withLatency.map(f0).join(' / '), f0(median(lc.withLatency) - median(lc.plain)), f0(model)];
      }),
    );
  }
  log('\n## ingest and finalize (fresh process each; CPU ms)');
  const ing = (k: string) => r.ingest[k];
  const rows: (string | number)[][] = [];
  for (const k of ['main', 'small']) {
    const s = ing(`scan-${k}`);
    const i = ing(`index-${k}`);
    rows.push([`scan ${s.scan.pieces}`, f0(s.scan.cpuMs), f0((s.scan.pieces / s.scan.cpuMs) * 1000), f0(s.scan.gets), f0(s.peakRssMB)]);
    rows.push([`plan ${s.scan.pieces} → ${s.plan.tiles} tiles`, f1(s.plan.cpuMs), '', f0(s.plan.gets), '']);
    if (i) rows.push([`indexed copy ${i.pieces}`, f0(i.cpuMs), f0((i.pieces / i.cpuMs) * 1000), f0(i.gets), f0(i.peakRssMB)]);
    const c = r.county[k];
    const f = r.finalize[k];
    rows.push([`county ${c.pieces}, all ${c.tiles} tiles in one process`, f0(c.cpuMs), f0((c.pieces / c.cpuMs) * 1000), '', f0(c.peakRssMB)]);
    rows.push([`finalize ${f.detections} detections: parse`, f0(f.parse.cpuMs), '', '', '']);
    rows.push([`  merge`, f0(f.merge.cpuMs), '', '', '']);
    rows.push([`  render (${f.counties} county, ${f1(f.outBytes / MB)} MiB)`, f0(f.render.cpuMs), '', '', f0(f.peakRssMB)]);
  }
  table(['step', 'CPU ms', 'pieces/s', 'GETs', 'peak RSS MiB'], rows);
  projection(r);
}

interface Measured {
  tileColdCpuMs: number;
  tileWarmCpuMs: number;
  tileGets: number;
  tileSerialGets: number;
  tilePathBytes: number;
  tileBytes: number;
  tileOutBytes: number;
  tilePeakRssMB: number;
  initCpuMs: number;
  bytesPerPiece: number;
  scanCpuPerPiece: number;
  scanMarginalCpuPerPiece: number;
  scanFixedGets: number;
  planCpuPerPiece: number;
  manifestBytesPerTile: number;
  indexCpuPerPiece: number;
  indexMarginalCpuPerPiece: number;
  finalizeCpuPerPiece: number;
  finalizeRssMB: number;
  finalizeRssPerPieceMB: number;
  tileJsonBytesPerPiece: number;
  resultBytesPerPiece: number;
}

function measured(r: Report): Measured | undefined {
  const tiles: Report[] = r.tiles.filter((t: Report) => t.size === ASSUME.tileSize);
  const [sm, ss] = [r.ingest['scan-main'], r.ingest['scan-small']];
  const [im, is] = [r.ingest['index-main'], r.ingest['index-small']];
  const [fm, fs] = [r.finalize.main, r.finalize.small];
  if (tiles.length === 0 || !sm || !ss || !fm || !fs) return undefined;
  const m = (f: (t: Report) => number) => median(tiles.map(f));
  const finCpu = (f: Report) => f.parse.cpuMs + f.merge.cpuMs + f.render.cpuMs;
  const pieces = r.county.main.pieces;
  const gets = m((t) => t.gets.total);
  return {
    tileColdCpuMs: m((t) => t.totalCpuMs),
    tileWarmCpuMs: m((t) => t.warm.cpuMs),
    tileGets: gets,
    tileSerialGets: m((t) => t.criticalPath.requests),
    tilePathBytes: m((t) => t.criticalPath.bytes),
    tileBytes: m((t) => t.bytesFetched),
    tileOutBytes: m((t) => t.out.fgbBytes + t.out.jsonBytes),
    tilePeakRssMB: Math.max(...tiles.map((t) => t.peakColdRssMB)),
    initCpuMs: median(r.tiles.map((t: Report) => t.initCpuMs)),
    bytesPerPiece: sm.fileBytes / sm.scan.pieces,
    scanCpuPerPiece: sm.scan.cpuMs / sm.scan.pieces,
    scanMarginalCpuPerPiece: (sm.scan.cpuMs - ss.scan.cpuMs) / (sm.scan.pieces - ss.scan.pieces),
    scanFixedGets: sm.open.gets + sm.plan.gets,
    planCpuPerPiece: sm.plan.cpuMs / sm.scan.pieces,
    manifestBytesPerTile: sm.plan.manifestBytes / sm.plan.tiles,
    indexCpuPerPiece: im ? im.cpuMs / im.pieces : NaN,
    indexMarginalCpuPerPiece: im && is ? (im.cpuMs - is.cpuMs) / (im.pieces - is.pieces) : NaN,
    finalizeCpuPerPiece: finCpu(fm) / pieces,
    finalizeRssMB: fm.peakRssMB,
    finalizeRssPerPieceMB: (fm.peakRssMB - fs.peakRssMB) / (pieces - r.county.small.pieces),
    tileJsonBytesPerPiece: r.county.main.jsonBytes / pieces,
    resultBytesPerPiece: fm.outBytes / pieces,
  };
}

/** Tiles through `slots` Lambdas that come online as the SQS event source scales; returns the last finish, ms. */
function simulateDetect(tiles: number, firstMs: number, warmMs: number, ramp: boolean): { wallMs: number; environments: number } {
  const A = ASSUME;
  const slots = Array.from({ length: A.concurrency }, (_, k) => ({
    free: !ramp || k < A.rampStart ? 0 : ((k - A.rampStart + 1) * 60_000) / A.rampPerMinute,
    used: false,
  }));
  let wallMs = 0;
  for (let i = 0; i < tiles; i++) {
    let best = slots[0];
    for (const s of slots) if (s.free < best.free) best = s;
    best.free += best.used ? warmMs : firstMs;
    best.used = true;
    wallMs = Math.max(wallMs, best.free);
  }
  return { wallMs, environments: slots.filter((s) => s.used).length };
}

function projection(r: Report): void {
  const A = ASSUME;
  const P = A.price;
  const M = measured(r);
  if (!M) return;
  const countyPieces = A.provincePieces / A.counties;
  const tilesPerCounty = Math.ceil(countyPieces / A.tileSize);
  const tiles = tilesPerCounty * A.counties;
  const gb = (mb: number) => mb / 1024;
  log(`\n## projection: ${f0(A.provincePieces)} pieces as ${A.counties} county uploads × ${f0(countyPieces)}, tiles of ${A.tileSize}, ${A.concurrency} concurrent detect-tile`);
  log(`measured inputs (CPU ms here): tile ${f0(M.tileColdCpuMs)} cold / ${f0(M.tileWarmCpuMs)} warm, ${f0(M.tileGets)} GETs (${f0(M.tileSerialGets)} on the critical path), ${f1(M.tileBytes / MB)} MiB in (${f1(M.tilePathBytes / MB)} on the path), ${f1(M.tileOutBytes / MB)} MiB out, init ${f0(M.initCpuMs)};`);
  log(`  ${f0(M.bytesPerPiece)} B/piece; scan ${f0(1000 / M.scanCpuPerPiece)} pieces/s (marginal ${f0(1000 / M.scanMarginalCpuPerPiece)}); indexed copy ${f0(1000 / M.indexCpuPerPiece)} pieces/s (marginal ${f0(1000 / M.indexMarginalCpuPerPiece)});`);
  log(`  finalize ${f2(M.finalizeCpuPerPiece * 1000)} ms per 1000 pieces, peak RSS ${f0(M.finalizeRssMB)} MiB at ${f0(r.county.main.pieces)} pieces + ${f2(M.finalizeRssPerPieceMB * 1000)} MiB per 1000 pieces`);
  log(`tiles ${tiles} (${tilesPerCounty} per county), waves ${Math.ceil(tiles / A.concurrency)}`);

  const rows: (string | number)[][] = [];
  const costRows: (string | number)[][] = [];
  const bigRows: (string | number)[][] = [];
  for (const label of ['low', 'central', 'high'] as const) {
    const F = A.cpuFactor[label];
    const L = A.requestMs[label];
    const xfer = (bytes: number) => bytes / (A.s3Mbps * 1e3);
    const coldStartMs = F * M.initCpuMs + A.coldExtraMs;
    const tileIoMs = (M.tileSerialGets + A.tileControlRequests) * L + xfer(M.tilePathBytes + M.tileOutBytes);
    const tileColdMs = F * M.tileColdCpuMs + tileIoMs;
    const tileWarmMs = F * M.tileWarmCpuMs + tileIoMs;
    const ideal = simulateDetect(tiles, coldStartMs + tileColdMs, tileWarmMs, false);
    const ramped = simulateDetect(tiles, coldStartMs + tileColdMs, tileWarmMs, true);
    // one county
    const fileBytes = countyPieces * M.bytesPerPiece;
    const scanGets = Math.ceil(fileBytes / (4 * MB)) + M.scanFixedGets;
    const ingestMs = coldStartMs + F * countyPieces * (M.scanCpuPerPiece + M.planCpuPerPiece) + (scanGets + A.ingestControlRequests + Math.ceil(tilesPerCounty / 10)) * L + xfer(fileBytes);
    const indexMs = F * countyPieces * M.indexCpuPerPiece + xfer(fileBytes) + 3 * L;
    const finalizeMs = coldStartMs + F * countyPieces * M.finalizeCpuPerPiece + (A.finalizeControlRequests + tilesPerCounty) * L
      + xfer(countyPieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece));
    const totalMs = ingestMs + ramped.wallMs + finalizeMs;
    rows.push([
      `${label}: ×${F} CPU, ${L} ms/request`, f1(coldStartMs / 1000), f1(tileColdMs / 1000), f1(tileWarmMs / 1000), f0(ideal.wallMs / 1000), f0(ramped.wallMs / 1000), ramped.environments,
      f1(ingestMs / 1000), f1(indexMs / 1000), f1(finalizeMs / 1000), f0(totalMs / 1000), f1((totalMs + indexMs) / 1000 / 60),
    ]);

    // one 2 M-piece upload in one ingest / one finalize
    const bigBytes = A.provincePieces * M.bytesPerPiece;
    const bigScanS = (F * A.provincePieces * (M.scanMarginalCpuPerPiece + M.planCpuPerPiece) + (Math.ceil(bigBytes / (4 * MB)) + M.scanFixedGets + A.ingestControlRequests + Math.ceil(tiles / 10)) * L + xfer(bigBytes)) / 1000;
    const bigIndexS = (F * A.provincePieces * M.indexMarginalCpuPerPiece + xfer(bigBytes)) / 1000;
    const bigFinalizeS = (F * A.provincePieces * M.finalizeCpuPerPiece + (tiles + A.finalizeControlRequests) * L + xfer(A.provincePieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece))) / 1000;
    const bigFinalizeMB = M.finalizeRssMB + (A.provincePieces - r.county.main.pieces) * M.finalizeRssPerPieceMB;
    bigRows.push([label, f0(bigScanS), f0(bigIndexS), f0(bigScanS + bigIndexS), f0(bigFinalizeS), f0(bigFinalizeMB)]);

    // cost of the province
    const detectS = (ramped.environments * (coldStartMs + tileColdMs) + (tiles - ramped.environments) * tileWarmMs) / 1000;
    const detectUsd = detectS * gb(A.memoryMB.detect) * P.lambdaArmGbSecond;
    const ingestS = (A.counties * ingestMs) / 1000;
    const ingestUsd = ingestS * gb(A.memoryMB.ingest) * P.lambdaArmGbSecond + ingestS * (A.ingestEphemeralGB - 0.5) * P.lambdaEphemeralGbSecond;
    const finalizeUsd = ((A.counties * finalizeMs) / 1000) * gb(A.memoryMB.finalize) * P.lambdaArmGbSecond;
    const requestsUsd = (tiles + 2 * A.counties) * P.lambdaRequest;
    // SQS: upload events (send, receive, delete), tile jobs (batches of 10, receive, delete), run events (2 sends);
    // FIFO: finalize (≤ 2 sends, receive, delete), alerts (1 send)
    const sqsUsd = (A.counties * (3 + 2) + tiles / 10 + 2 * tiles) * P.sqsStandardRequest + A.counties * (4 + 1) * P.sqsFifoRequest;
    // S3: tile = byte-source GETs + manifest GET + HEAD; 2 PUTs + LIST. ingest = scan GETs + registry + 9 HEADs +
    // manifest GET + upload HEAD; 2 PUTs. finalize = HEAD + manifest + tile JSONs + marker HEAD; LIST + 9 PUTs.
    const s3Usd = tiles * ((M.tileGets + 2) * P.s3GetHeadRequest + 3 * P.s3PutListRequest)
      + A.counties * ((scanGets + 12) * P.s3GetHeadRequest + 2 * P.s3PutListRequest)
      + A.counties * ((tilesPerCounty + 3) * P.s3GetHeadRequest + 10 * P.s3PutListRequest);
    const storedGB = (A.provincePieces * (M.tileJsonBytesPerPiece + M.resultBytesPerPiece)) / 1e9;
    costRows.push([
      label, f1(detectS / 3600), f2(detectUsd), f2(ingestUsd), f2(finalizeUsd), f3(requestsUsd), f3(sqsUsd), f2(s3Usd),
      f2(detectUsd + ingestUsd + finalizeUsd + requestsUsd + sqsUsd + s3Usd), f1(storedGB), f2(storedGB * P.s3GbMonth),
    ]);
  }
  log('\nwall time (s; total = ingest of one county + detect with ramp-up + finalize of one county; last column adds an indexed copy, in min)');
  table(['case', 'cold start', 'tile cold', 'tile warm', 'detect, no ramp', 'detect, ramp', 'Lambdas used', 'ingest/county', '+indexed copy', 'finalize/county', 'total s', 'total min, unindexed'], rows);
  log('\ncost of one province run, USD (us-east-1 list prices, see ASSUME.price)');
  table(['case', 'detect Lambda h', 'detect', 'ingest', 'finalize', 'Lambda requests', 'SQS', 'S3 requests', 'total', 'result GB', 'storage $/month'], costRows);
  log('\none 2 M-piece upload instead of county uploads (s; MiB)');
  table(['case', 'ingest scan+plan', 'indexed copy', 'ingest total', 'finalize', 'finalize peak RSS MiB'], bigRows);
  log(`limits: ingest timeout ${A.timeoutS.ingest} s (Lambda max ${A.timeoutS.lambdaMax} s), finalize ${A.timeoutS.finalize} s at ${A.memoryMB.finalize} MB (max ${A.memoryMB.lambdaMax} MB)`);
  const sizes = [...new Set<number>(r.tiles.map((t: Report) => t.size))];
  log(`memory headroom at ${A.memoryMB.detect} MB (peak RSS of the first invocation; after a second one in the same process): ${sizes.map((s) => {
    const xs: Report[] = r.tiles.filter((t: Report) => t.size === s);
    const cold = Math.max(...xs.map((t) => t.peakColdRssMB));
    const warm = Math.max(...xs.map((t) => t.peakWarmRssMB));
    return `${s} pieces ${f0(cold)} MiB (${f0((cold / A.memoryMB.detect) * 100)} %; ${f0(warm)})`;
  }).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------------

if (process.argv[2] === '--child') {
  childMain(JSON.parse(process.argv[3]) as ChildJob).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
} else {
  const opts = parseOptions(process.argv.slice(2));
  const done = opts.report ? Promise.resolve(report(JSON.parse(readFileSync(opts.report, 'utf8')) as Report)) : parentMain(opts);
  done.catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
