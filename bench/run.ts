// `npm run bench`: LandWatch against PostGIS on the same synthetic county (issue "Benchmark against PostGIS on the
// same county, and win"). For each size: generate the data set (seeded, reused when already on disk), run the
// built CLI `landwatch run` and the PostGIS peer on the same pieces, read both result layers back and compare the
// areas per protection kind. Progress goes to stderr; the report to stdout, its last line in the fixed form
//   bench: end-to-end X.XX× PostGIS, overlay Y.YY× PostGIS, area rel diff Z.ZZe-N (N pieces), 2-lane speed-up S.SS× (M pieces)
// where the lane speed-up is the detect stage's throughput with two tile lanes over one, at the largest size run.
//
//   bench-options   command line        dataset        generator → indexed FlatGeobuf files (+ manifest)
//   landwatch-runner the CLI as a child postgis-side   the PostGIS peer on LandWatch's detected pieces
//   overlap-areas   result layers back  compare        ratios, area differences, the headline line
//   measure-size    one size, all runs  report/table   the text         machine   what it ran on
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_USAGE, BenchUsageError, parseBenchOptions } from './bench-options.ts';
import { describeMachine } from './machine.ts';
import { measureSize, type SizeResult } from './measure-size.ts';
import { ensurePostgis } from './postgis.ts';
import { formatReport, headlineOf } from './report.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** The CLI as users run it (a launcher of the bundle `npm run build` writes). */
const CLI_PATH = resolve(BENCH_DIR, '../packages/cli/bin/landwatch.mjs');

async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseBenchOptions(argv, BENCH_DIR);
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const startedAt = performance.now();
  const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  const machine = describeMachine();
  await mkdir(opts.workDir, { recursive: true });
  if (opts.sizes.some((n) => n <= opts.postgisMaxPieces)) {
    log('checking PostgreSQL + PostGIS + GDAL (installs them with apt-get when missing)');
    await ensurePostgis();
  }
  const results: SizeResult[] = [];
  for (const pieces of opts.sizes) results.push(await measureSize(pieces, opts, CLI_PATH, log));

  const report = formatReport(results, opts, machine, startedAt);
  if (opts.jsonPath) {
    await writeFile(opts.jsonPath, JSON.stringify({ options: { ...opts, postgisMaxPieces: String(opts.postgisMaxPieces) }, machine, headline: headlineOf(results, opts), results }, null, 2));
    log(`measurements written to ${opts.jsonPath}`);
  }
  process.stdout.write(`${report}\n`);
  return headlineOf(results, opts) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
