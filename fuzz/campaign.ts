// A seeded campaign: mutant i takes input i mod |inputs| and mutator ⌊i / |inputs|⌋ mod |mutators|, with its own
// random stream (seed, i), so any single mutant can be rebuilt from (seed, i) alone. Mutants run a few at a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../packages/generator/src/random.ts';
import { fgbLayout } from './fgb-layout.ts';
import type { FuzzBase, FuzzInput } from './inputs.ts';
import type { ByteLayout } from './layout.ts';
import { MUTATORS, mutate, type MutatorName } from './mutators.ts';
import { DEFAULT_BOUNDS, FAILURES, OUTCOMES, runMutant, type Bounds, type CommandName, type CommandResult, type Outcome } from './run-mutant.ts';
import { dbfLayout, shpLayout } from './shp-layout.ts';
import { zipLayout } from './zip-layout.ts';

export interface CampaignOptions {
  seed: number;
  mutants: number;
  /** The first mutant's id (default 0): a long campaign can run in chunks (ids first … first + mutants − 1) whose
   * tables add up to the table of one run, since mutant i depends on (seed, i) alone. */
  first?: number;
  /** Mutants run at the same time. */
  concurrency: number;
  /**
   * 'all': run, index and inspect on every mutant; 'rotate': run on every mutant, index and inspect each on one
   * mutant in `sideEvery` (a CLI start costs ~0.25 s of CPU, most of what a small mutant costs).
   */
  commands: 'all' | 'rotate';
  /** With 'rotate': index on mutants id ≡ 0, inspect on id ≡ sideEvery/2 (mod sideEvery). Default 4. */
  sideEvery?: number;
  /** Called every `reportEvery` finished mutants with the table so far (a long run leaves partial results). */
  onPartial?: (report: CampaignReport) => void;
  reportEvery?: number;
  workDir: string;
  bounds?: Bounds;
  /** Failing mutants are kept here for reproduction. */
  failuresDir?: string;
  onProgress?: (done: number) => void;
}

export interface MutantResult {
  id: number;
  input: string;
  mutator: MutatorName;
  detail: string;
  /** the run's outcome when every command passed the rules, else the first failure */
  outcome: Outcome;
  commands: CommandResult[];
}

export interface CampaignReport {
  options: Omit<CampaignOptions, 'onProgress' | 'onPartial'>;
  results: MutantResult[];
  /** row label (input / mutator) → outcome → count */
  table: Map<string, Record<Outcome, number>>;
  failures: MutantResult[];
  ms: number;
}

export async function runCampaign(base: FuzzBase, opts: CampaignOptions): Promise<CampaignReport> {
  const t0 = performance.now();
  const layouts = new Map<string, ByteLayout>();
  for (const input of base.inputs) layouts.set(input.name, await layoutOf(input));
  const results: MutantResult[] = new Array(opts.mutants);
  const first = opts.first ?? 0;
  let next = first;
  let done = 0;
  const lane = async (): Promise<void> => {
    for (let id = next++; id < first + opts.mutants; id = next++) {
      const input = base.inputs[id % base.inputs.length];
      const mutator = MUTATORS[Math.floor(id / base.inputs.length) % MUTATORS.length];
      const mutation = mutate(mutator, input.bytes, layouts.get(input.name)!, Rng.of(opts.seed, 0x5eed, id));
      const every = opts.sideEvery ?? 4;
      const side: CommandName[] = id % every === 0 ? ['index'] : id % every === Math.floor(every / 2) ? ['inspect'] : [];
      const commands: CommandName[] = opts.commands === 'all' ? ['run', 'index', 'inspect'] : ['run', ...side];
      const run = await runMutant(join(opts.workDir, `m${id}`), input, mutation.bytes, base, commands, opts.bounds ?? DEFAULT_BOUNDS);
      const failed = run.find((c) => FAILURES.includes(c.outcome));
      results[id - first] = { id, input: input.name, mutator, detail: mutation.detail, outcome: failed ? failed.outcome : run[0].outcome, commands: run };
      if (failed && opts.failuresDir) {
        // the mutant with its unmutated companions, as the CLI saw it
        const kept = join(opts.failuresDir, `mutant-${opts.seed}-${id}`);
        mkdirSync(kept, { recursive: true });
        writeFileSync(join(kept, input.file), mutation.bytes);
        for (const [name, bytes] of Object.entries(input.companions ?? {})) writeFileSync(join(kept, name), bytes);
      }
      opts.onProgress?.(++done);
      if (opts.onPartial && opts.reportEvery && done % opts.reportEvery === 0) opts.onPartial(summarize(results.filter(Boolean), opts, t0));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, lane));
  return summarize(results, opts, t0);
}

/** Where the structural fields of an input are, by the format of its mutated file. */
async function layoutOf(input: FuzzInput): Promise<ByteLayout> {
  switch (input.format) {
    case 'fgb':
      return fgbLayout(input.bytes);
    case 'shp':
      return shpLayout(input.bytes);
    case 'dbf':
      return dbfLayout(input.bytes);
    case 'zip':
      return zipLayout(input.bytes);
  }
}

function summarize(results: MutantResult[], opts: CampaignOptions, t0: number): CampaignReport {
  const table = new Map<string, Record<Outcome, number>>();
  for (const r of results) {
    const key = `${r.input} / ${r.mutator}`;
    let row = table.get(key);
    if (!row) table.set(key, (row = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>));
    row[r.outcome]++;
  }
  const { onProgress: _p, onPartial: _q, ...options } = opts;
  return { options, results, table, failures: results.filter((r) => FAILURES.includes(r.outcome)), ms: performance.now() - t0 };
}

/** The outcome table as Markdown, rows sorted, with a total row. */
export function tableMarkdown(report: CampaignReport): string {
  const lines = [`| input / mutator | ${OUTCOMES.join(' | ')} |`, `|---|${OUTCOMES.map(() => '---:').join('|')}|`];
  const total = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const [key, row] of [...report.table].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${key} | ${OUTCOMES.map((o) => row[o]).join(' | ')} |`);
    for (const o of OUTCOMES) total[o] += row[o];
  }
  lines.push(`| **all ${report.results.length} mutants** | ${OUTCOMES.map((o) => `**${total[o]}**`).join(' | ')} |`);
  return lines.join('\n');
}
