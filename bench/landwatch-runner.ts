// Runs the built CLI (`landwatch run … --stats`) as a child process on a data set and times it from spawn to exit:
// the end-to-end figure includes Node's start-up, validation, hashing of the inputs, the tiles, merge and writing
// every result file. The CLI's own stats.json gives the stage timings, peak RSS and the official overlap areas.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from './dataset.ts';

/** stats.json of `landwatch run --stats`: the CLI's own type (packages/cli/src/local-run.ts). */
export type { RunStats } from '../packages/cli/src/local-run.ts';
import type { RunStats } from '../packages/cli/src/local-run.ts';

export interface LandwatchRunOptions {
  /** The CLI entry (packages/cli/bin/landwatch.mjs). */
  cliPath: string;
  dataset: Dataset;
  /** Output directory; emptied first. */
  outDir: string;
  /** `--workers N`; undefined = the CLI's default (one worker thread per core, at most one per tile). */
  workers?: number;
}

export interface LandwatchRun {
  /** Worker setting passed, or undefined for the CLI default. */
  workers: number | undefined;
  /** Spawn to exit, seconds. */
  wallSeconds: number;
  /** User + system CPU seconds of the child and its threads (Linux /proc), or undefined elsewhere. */
  cpuSeconds: number | undefined;
  stats: RunStats;
  /** results/{year}/{county}/{runId}/ of the single county. */
  resultDir: string;
  /**
   * sha256 over detections.csv, detections.fgb and overlaps.fgb: identical for every run of one data set (the
   * files carry no timestamps), so it proves each timed run did the whole job. Computed after the clock stopped.
   */
  outputSha256: string;
}

export class LandwatchRunError extends Error {
  override readonly name = 'LandwatchRunError';
  constructor(
    message: string,
    /** Arguments of the failed run. */
    readonly args: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Result files whose bytes must not change between runs of one data set. */
const CHECKED_FILES = ['detections.csv', 'detections.fgb', 'overlaps.fgb'];
/** Characters of the child's stderr quoted in an error. */
const STDERR_TAIL = 3000;
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function runLandwatch(opts: LandwatchRunOptions): Promise<LandwatchRun> {
  if (!existsSync(opts.cliPath)) throw new LandwatchRunError(`${opts.cliPath} does not exist: run \`npm run build\` first`, []);
  await rm(opts.outDir, { recursive: true, force: true });
  const statsPath = join(opts.outDir, 'stats.json');
  const args = [opts.cliPath, 'run', '--changes', opts.dataset.changesPath, '--layers', opts.dataset.layersPath, '--out', opts.outDir, '--stats', statsPath];
  if (opts.workers !== undefined) args.push('--workers', String(opts.workers));

  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  await spawnChecked(process.execPath, args);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();

  const stats = JSON.parse(await readFile(statsPath, 'utf8')) as RunStats;
  if (stats.counties.length !== 1) throw new LandwatchRunError(`expected one county in ${statsPath}, got ${stats.counties.length}`, args);
  const resultDir = join(opts.outDir, 'results', await onlyEntry(join(opts.outDir, 'results')), stats.counties[0].code, stats.runId);
  return {
    workers: opts.workers,
    wallSeconds,
    cpuSeconds: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    stats,
    resultDir,
    outputSha256: await filesSha256(CHECKED_FILES.map((f) => join(resultDir, f))),
  };
}

function spawnChecked(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (cause) => reject(new LandwatchRunError(`could not start ${command}: ${String(cause)}`, args, { cause })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new LandwatchRunError(`landwatch run exited with code ${code}:\n${stderr}`, args));
    });
  });
}

async function onlyEntry(dir: string): Promise<string> {
  const entries = await readdir(dir);
  if (entries.length !== 1) throw new LandwatchRunError(`expected one survey year under ${dir}, found ${entries.join(', ')}`, []);
  return entries[0];
}

async function filesSha256(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(createHash('sha256').update(await readFile(path)).digest('hex'));
  return hash.digest('hex');
}

/**
 * CPU seconds (user + system) of this process's waited-for children, from /proc/self/stat (cutime, cstime in
 * clock ticks). A child counts once it has exited and been reaped.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After "pid (comm) " comes field 3 (state); cutime and cstime are fields 16 and 17 of proc(5).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
