// Everything measured on one data-set size: LandWatch in each worker configuration and PostGIS, interleaved per
// repetition (so the shared machine's load hits both sides alike), then the result layers read back and compared.
import { join } from 'node:path';
import type { BenchOptions } from './bench-options.ts';
import { compareAreas, type KindAreas } from './compare.ts';
import { ensureDataset, type Dataset } from './dataset.ts';
import { runLandwatch, type LandwatchRun } from './landwatch-runner.ts';
import { loadNow } from './machine.ts';
import { detectedPieceIds, measureOurOverlaps, type OurOverlaps } from './overlap-areas.ts';
import { runPostgisSide, type PostgisSide } from './postgis-side.ts';

export interface LandwatchConfig {
  /** Short key used in directory names and JSON. */
  key: string;
  /** `--workers`; undefined = the CLI default. */
  workers: number | undefined;
  /** Human label, e.g. `default (2 workers)`. */
  label: string;
}

export interface SizeResult {
  pieces: number;
  farmlandPolygons: number;
  /** Whether this is the headline size (all configurations, repeated). */
  headline: boolean;
  dataset: Dataset;
  /** Pieces LandWatch detected; both sides overlay exactly these. */
  overlaidPieces: number;
  configs: LandwatchConfig[];
  /** Worker threads the CLI chose by default at this size (its stats). */
  defaultWorkers: number;
  /** Runs per configuration key, in the order they ran. */
  landwatch: Record<string, LandwatchRun[]>;
  /** PostGIS runs (empty when the size is above --postgis-max). */
  postgis: PostgisSide[];
  ours: OurOverlaps;
  /** Per-kind comparison, when PostGIS ran. */
  areas: KindAreas[] | undefined;
}

export class OutputMismatchError extends Error {
  override readonly name = 'OutputMismatchError';
  constructor(
    message: string,
    /** Data-set size. */
    readonly pieces: number,
  ) {
    super(message);
  }
}

export type Log = (message: string) => void;

/**
 * Tile lanes of a `--workers N` run: the worker threads and the main thread, which takes tiles too
 * (packages/cli/src/tile-pool.ts). The one place that knows it: the lane speed-up compares these configurations.
 */
export const workersForLanes = (lanes: number): number => lanes - 1;

export async function measureSize(pieces: number, opts: BenchOptions, cliPath: string, log: Log): Promise<SizeResult> {
  const farmlandPolygons = Math.round(pieces * opts.farmlandPerPiece);
  const headline = pieces === opts.headlineSize;
  // the largest size measures one lane against two (the headline's 2-lane speed-up); it is repeated like the headline
  // size: one run of each took 0.96×, 1.10× and 1.31× on the same code within four hours (bench/RESULTS.md)
  const largest = pieces === Math.max(...opts.sizes);
  const repeat = headline || largest ? opts.repeat : 1;
  const withPostgis = pieces <= opts.postgisMaxPieces;
  const dataDir = join(opts.workDir, `county-${pieces}-${farmlandPolygons}-v${opts.protectionVertices}-s${opts.seed}`);

  log(`${pieces} pieces: data set (${farmlandPolygons} farmland polygons, ~${opts.protectionVertices} vertices) in ${dataDir}`);
  const dataset = await ensureDataset(dataDir, { seed: opts.seed, changes: pieces, farmlandPolygons, protectionVertices: opts.protectionVertices });
  log(dataset.generateSeconds > 0 ? `  generated in ${dataset.generateSeconds.toFixed(1)} s, ${mib(dataset.bytes)} MiB` : `  reused (${mib(dataset.bytes)} MiB, sha256 ${dataset.sha256.slice(0, 12)})`);

  const landwatch: Record<string, LandwatchRun[]> = {};
  const postgis: PostgisSide[] = [];
  let configs: LandwatchConfig[] = [{ key: 'default', workers: undefined, label: 'default' }];
  let pieceIds: string[] | undefined;

  for (let r = 1; r <= repeat; r++) {
    for (let c = 0; c < configs.length; c++) {
      const config = configs[c];
      const run = await runLandwatch({ cliPath, dataset, outDir: join(opts.workDir, `out-${pieces}-${config.key}`), workers: config.workers });
      (landwatch[config.key] ??= []).push(run);
      if (pieceIds === undefined) {
        // After the first run (outside its timing): what to give PostGIS, and which configurations to compare.
        pieceIds = await detectedPieceIds(run.resultDir);
        configs = configurationsFor(run, headline, largest);
      }
      log(`  landwatch ${configs[c].label} ${r}/${repeat}: ${run.wallSeconds.toFixed(2)} s end to end, detect ${(run.stats.timings.tilesMs / 1000).toFixed(2)} s, peak RSS ${mib(run.stats.peakRssBytes)} MiB (load ${loadNow()})`);
    }
    if (withPostgis && pieceIds !== undefined) {
      const side = await runPostgisSide({ dataset, pieceIds, workDir: join(opts.workDir, `postgis-${pieces}`), exportName: `postgis-overlay-${r}.fgb` });
      postgis.push(side);
      const s = side.result.seconds;
      log(`  postgis ${r}/${repeat}: ${s.endToEnd.toFixed(2)} s end to end (load ${s.load.toFixed(2)}, index ${s.index.toFixed(2)}, query ${s.query.toFixed(2)}, export ${s.export.toFixed(2)}) (load ${loadNow()})`);
    }
  }
  if (!withPostgis) log(`  postgis skipped: ${pieces} pieces > --postgis-max ${opts.postgisMaxPieces}`);

  const all = Object.values(landwatch).flat();
  const shas = new Set(all.map((run) => run.outputSha256));
  if (shas.size !== 1) throw new OutputMismatchError(`LandWatch runs on ${pieces} pieces wrote different result files (${shas.size} distinct checksums)`, pieces);

  log('  reading the result layers back (geodesic and official areas of our clipped geometries)');
  const reference = all[0];
  const ours = await measureOurOverlaps(reference.resultDir, dataset.crsEpsg);
  const areas = postgis.length > 0
    ? compareAreas(postgis[0].result.areaByKindM2, ours.geodesicByKindM2, ours.officialByKindM2, reference.stats.counties[0].overlapAreaByKindM2)
    : undefined;
  return { pieces, farmlandPolygons, headline, dataset, overlaidPieces: pieceIds?.length ?? 0, configs, defaultWorkers: reference.stats.workers, landwatch, postgis, ours, areas };
}

/** The configuration key of `--workers n` (the default's key when the CLI chose n itself). */
export function workersKey(size: Pick<SizeResult, 'configs' | 'defaultWorkers'>, n: number): string | undefined {
  return size.defaultWorkers === n ? 'default' : size.configs.find((c) => c.workers === n)?.key;
}

/**
 * At the headline size: the CLI default (the worker threads it chose are in its stats), and 0, 1 and 2 worker threads
 * besides the main thread where they differ from the default. At the largest size: the one-lane and two-lane
 * configurations too. Elsewhere only the default.
 */
function configurationsFor(first: LandwatchRun, headline: boolean, largest: boolean): LandwatchConfig[] {
  const defaultWorkers = first.stats.workers;
  const threads = (n: number) => `${n} worker thread${n === 1 ? '' : 's'} + main`;
  const configs: LandwatchConfig[] = [{ key: 'default', workers: undefined, label: `default (${threads(defaultWorkers)})` }];
  const counts = headline ? [0, 1, 2] : largest ? [workersForLanes(1), workersForLanes(2)] : [];
  for (const n of counts) {
    if (n !== defaultWorkers) configs.push({ key: n === 0 ? 'in-process' : `workers-${n}`, workers: n, label: `--workers ${n} (${threads(n)})` });
  }
  return configs;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
