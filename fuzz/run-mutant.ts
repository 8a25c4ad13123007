// Runs one mutant through the built CLI and classifies what happened. The rules (docs/FUZZING.md): exit 0 or 2 only;
// exit 2 says why on stderr and leaves nothing in --out; every command ends within its time bound and heap bound.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzBase, FuzzInput } from './inputs.ts';

/** The built CLI; LANDWATCH_FUZZ_CLI points a long run at a frozen copy while the tree is rebuilt. */
export const CLI_BUNDLE = process.env.LANDWATCH_FUZZ_CLI ?? fileURLToPath(new URL('../packages/cli/dist/landwatch.mjs', import.meta.url));

export type Outcome = 'accepted' | 'rejected' | 'crash' | 'timeout' | 'left-files' | 'silent-rejection';
export const OUTCOMES: readonly Outcome[] = ['accepted', 'rejected', 'crash', 'timeout', 'left-files', 'silent-rejection'];
export const FAILURES: readonly Outcome[] = ['crash', 'timeout', 'left-files', 'silent-rejection'];

export interface Bounds {
  /** Wall time per command. */
  timeoutMs: number;
  /** V8 heap limit per command (--max-old-space-size); exceeding it ends the process with a non-0/2 exit. */
  heapMb: number;
}

export const DEFAULT_BOUNDS: Bounds = { timeoutMs: 30_000, heapMb: 512 };

export type CommandName = 'run' | 'index' | 'inspect';

export interface CommandResult {
  command: CommandName;
  outcome: Outcome;
  code: number | null;
  ms: number;
  /** First lines of stderr, for the failure report. */
  stderrHead: string;
}

function exec(args: string[], bounds: Bounds): Promise<{ code: number | null; stderr: string; timedOut: boolean; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${bounds.heapMb}`, CLI_BUNDLE, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, bounds.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut, ms: performance.now() - t0 });
    });
  });
}

/** Files under `dir` (recursively), [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? dir, e.name));
}

/** Files under `dir` outside its output folders that were not there before the commands ran. */
function strays(dir: string, written: Set<string>): string[] {
  const outputs = ['out', 'index-out', 'inspect-out'].map((d) => join(dir, d));
  return filesUnder(dir).filter((f) => !written.has(f) && !outputs.some((o) => f.startsWith(`${o}/`)) && !f.endsWith('layers.json'));
}

function classify(r: { code: number | null; stderr: string; timedOut: boolean }, leftover: string[]): Outcome {
  if (r.timedOut) return 'timeout';
  if (r.code === 0) return 'accepted';
  if (r.code !== 2) return 'crash';
  if (r.stderr.trim() === '') return 'silent-rejection';
  if (leftover.length > 0) return 'left-files';
  return 'rejected';
}

/** Runs `commands` on the mutant in `dir` (created, and removed afterwards). */
export async function runMutant(
  dir: string,
  input: FuzzInput,
  bytes: Uint8Array,
  base: FuzzBase,
  commands: readonly CommandName[],
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<CommandResult[]> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, input.file), bytes);
  for (const [name, companion] of Object.entries(input.companions ?? {})) writeFileSync(join(dir, name), companion);
  const mutant = join(dir, input.open ?? input.file);
  // anything else a command leaves beside the input (a converted copy, a GDAL sidecar) counts as left behind too
  const written = new Set(filesUnder(dir));
  const results: CommandResult[] = [];
  try {
    for (const command of commands) {
      let args: string[];
      let outDir: string;
      if (command === 'run') {
        outDir = join(dir, 'out');
        const registry = join(dir, 'layers.json');
        const layer = input.role === 'protection-layer' ? mutant : base.protection;
        writeFileSync(registry, JSON.stringify({ layers: [{ id: 'permanent-farmland', kind: 'permanent-farmland', title: '永久基本农田', path: layer }] }));
        const changes = input.role === 'change-layer' ? mutant : base.changes;
        // the inputs' few codes (0101, 0702) exist in both classifications: say which, as a data team would, so that
        // a mutant is rejected for its damage and not for an undecidable classification
        args = ['run', '--changes', changes, '--layers', registry, '--out', outDir, '--workers', '0', '--classification', 'sandiao'];
      } else if (command === 'index') {
        outDir = join(dir, 'index-out');
        mkdirSync(outDir, { recursive: true });
        args = ['index', mutant, '--out', join(outDir, 'indexed.fgb')];
      } else {
        outDir = join(dir, 'inspect-out'); // inspect writes nothing; checked all the same
        args = ['inspect', mutant, '--classification', 'sandiao'];
      }
      const r = await exec(args, bounds);
      const outcome = classify(r, r.code === 2 ? [...filesUnder(outDir), ...strays(dir, written)] : []);
      results.push({ command, outcome, code: r.code, ms: r.ms, stderrHead: r.stderr.split('\n').slice(0, 5).join('\n') });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
