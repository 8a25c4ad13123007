// Scale on paper from measured numbers (issue "Serverless pipeline", must-have 9; docs/SCALE.md explains the model
// and quotes a run).
//
//   npx tsx bench/tile-scale.ts [--changes 20000] [--small 5000] [--seed 7] [--sizes 500,1000,2000,5000,10000]
//                               [--per-size 3] [--latency-ms 30] [--mbps 50] [--data DIR] [--json FILE]
//   npx tsx bench/tile-scale.ts --report FILE     (print the tables and the projection again from saved raw results)
//   npx tsx bench/tile-scale.ts --help
//
// Measures, on this machine, the run's own stages as the Lambdas run them — the pipeline's ingestRun, runTileJob
// and finalizeRun over a port whose reads go through the Lambdas' S3 byte source (tile-scale/bench-port.ts) — for
// tiles of several sizes and two county sizes, then projects a 2 M-piece province at 200 concurrent Lambdas.
//
//   tile-scale/options       command line          data          counties (built CLI), unindexed copies, run folders
//   tile-scale/fake-s3       ranged GETs on files  bench-port    the run port measured through (S3 reads, counts)
//   tile-scale/child         one process per job   tile-job      one tile job, warm passes, latency check
//   tile-scale/ingest-job    the ingest stage      county-job    every tile job of a county; the finalize stage
//   tile-scale/measure       the measuring run     report        the tables        projection   the province on paper
//
// Times are wall clock and CPU (user + system, all threads) per phase; the projection uses CPU ms: the machine is
// shared (wall ms carry other work), and a 1-vCPU Lambda pays for V8's helper threads on its one vCPU too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHILD_FLAG, childMain, type ChildJob, type Report } from './tile-scale/child.ts';
import { measureAll } from './tile-scale/measure.ts';
import { parseTileScaleOptions, TILE_SCALE_USAGE } from './tile-scale/options.ts';
import { report } from './tile-scale/report.ts';

function fail(err: unknown): never {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
}

if (process.argv[2] === CHILD_FLAG) {
  childMain(JSON.parse(process.argv[3]) as ChildJob).catch(fail);
} else {
  let opts;
  try {
    opts = parseTileScaleOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${TILE_SCALE_USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) process.stdout.write(`${TILE_SCALE_USAGE}\n`);
  else if (opts.report) report(JSON.parse(readFileSync(opts.report, 'utf8')) as Report);
  else await measureAll(opts, fileURLToPath(import.meta.url)).catch(fail);
}
