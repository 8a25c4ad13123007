// Whether `landwatch run` starts again in a Node whose main heap has a larger young generation, and how.
//
// V8 sizes a heap's young generation (its two "semi-spaces") when the isolate starts: worker threads get theirs
// through `resourceLimits` (tile-pool.ts), the main thread only through a command-line flag. With Node's default
// (16 MB semi-spaces) a large county's write stage runs thousands of scavenges, and each costs more as the old
// generation grows (a scavenge also visits the old generation's references into the young one): at 1 M pieces the
// scavenges of the write stage took 15 s of its 94 s (`--trace-gc`). With 64 MB semi-spaces, alternating with the
// default on the same 1 M county, three pairs: 212 -> 141 s, 194 -> 178 s, 187 -> 167 s; the write stage 94-115 ->
// 63-85 s; peak RSS 2.12-2.23 -> 2.17-2.25 GB (bench/RESULTS-LOG.md,
// "Young generation"). Smaller runs do not gain enough to pay for it: at 20 000 pieces it was slower (4.27 -> 4.38 s,
// 5 pairs: a larger young generation is fresh memory, dear on these machines); at 100 000 pieces it gained 0.9 s in
// one set of three pairs (14.9 -> 14.0 s) and nothing measurable in another, and took peak RSS from 431-454 to
// 479-518 MB, past the 500 MB a run of that size is held to. Starting Node again costs about 0.1 s. So only a run whose
// change layer has at least LARGE_INPUT_BYTES (about 350 000 pieces of the generated county) is started again.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OPTIONS } from './command-help.ts';

/** The V8 flag a large run is started with. */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64';

/** Change layers from this size on are run with YOUNG_GENERATION_FLAG. */
export const LARGE_INPUT_BYTES = 256 * 1024 * 1024;

const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size(=|$)/;

/** A debugger attached to this process would not follow the run into a second one (and its port is taken). */
const INSPECTOR_FLAG = /^--inspect/;

/** The command and its `--changes` value, read as main.ts reads the command line (the same option table); not
 * strict: a command line the CLI refuses is run here, and the CLI says what is wrong with it. */
function commandAndChanges(args: readonly string[]): { command: string | undefined; changes: string | undefined } {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: false });
  return { command: positionals[0], changes: typeof values.changes === 'string' ? values.changes : undefined };
}

/** Bytes of a file, or of every file in a folder (a File Geodatabase delivery); 0 when it cannot be read (the run
 * itself then names the problem). */
export function inputBytes(path: string): number {
  try {
    const s = statSync(path);
    if (!s.isDirectory()) return s.size;
    let bytes = 0;
    for (const e of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) bytes += statSync(join(e.parentPath, e.name)).size;
    }
    return bytes;
  } catch {
    return 0;
  }
}

/**
 * The Node options to start `landwatch run` again with, or undefined to run here: a run command, its change layer at
 * least `LANDWATCH_RELAUNCH_ABOVE_BYTES` (default LARGE_INPUT_BYTES), and neither a semi-space size chosen already nor
 * a debugger asked for (in the options of this process or in NODE_OPTIONS).
 */
export function relaunchOptions(
  args: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  sizeOf: (path: string) => number = inputBytes,
): string[] | undefined {
  const { command, changes: path } = commandAndChanges(args);
  if (command !== 'run' || path === undefined) return undefined;
  const chosen = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (chosen.some((a) => SEMI_SPACE_FLAG.test(a) || INSPECTOR_FLAG.test(a))) return undefined;
  const above = env.LANDWATCH_RELAUNCH_ABOVE_BYTES;
  const threshold = above !== undefined && /^\d+$/.test(above) ? Number(above) : LARGE_INPUT_BYTES;
  return sizeOf(path) >= threshold ? [...execArgv, YOUNG_GENERATION_FLAG] : undefined;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `script args` in a new Node with `options`, sharing this process's standard streams, and ends this process
 * the way the child ended: its exit code, or the signal that stopped it. A signal sent to this process is passed on
 * (a terminal's ^C reaches both; the child's default is to stop, and this process then stops by the same signal).
 */
export function runAgain(options: readonly string[], script: string, args: readonly string[]): void {
  const child = spawn(process.execPath, [...options, script, ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  child.on('error', (err) => {
    process.stderr.write(`landwatch: cannot start ${process.execPath}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of SIGNALS) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
