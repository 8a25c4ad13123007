// One generated county run through the built CLI, for tests that read the files offices open.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.ts';

export interface CountyRun {
  work: string;
  /** results/{year}/{county}/{runId}/ */
  resultDir: string;
  stdout: string;
}

/** Generates a county (`changes` pieces, seed 11) and runs `landwatch run` on it. */
export async function generateAndRun(prefix: string, changes = 800): Promise<CountyRun> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const gen = await runCli(['generate', '--out', join(work, 'data'), '--changes', String(changes), '--seed', '11']);
  if (gen.code !== 0) throw new Error(`generate failed: ${gen.stderr}`);
  const changesFile = readdirSync(join(work, 'data')).find((f) => f.endsWith('.fgb'))!;
  const run = await runCli(['run', '--changes', join(work, 'data', changesFile), '--layers', join(work, 'data', 'layers.json'), '--out', join(work, 'out')]);
  if (run.code !== 0) throw new Error(`run failed: ${run.stderr}`);
  const year = readdirSync(join(work, 'out', 'results'))[0]!;
  const county = readdirSync(join(work, 'out', 'results', year))[0]!;
  const runId = readdirSync(join(work, 'out', 'results', year, county))[0]!;
  return { work, resultDir: join(work, 'out', 'results', year, county, runId), stdout: run.stdout };
}
