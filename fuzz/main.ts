// `npm run fuzz -- [--mutants N] [--first I] [--seed S] [--concurrency C] [--commands all|rotate] [--timeout-ms T] [--heap-mb H]`
// Builds the base inputs with GDAL, runs the campaign through the built CLI, prints the outcome table (Markdown) and
// every failure; exits 1 when any mutant broke a rule (docs/FUZZING.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, tableMarkdown } from './campaign.ts';
import { buildBase } from './inputs.ts';
import { DEFAULT_BOUNDS } from './run-mutant.ts';

const { values } = parseArgs({
  options: {
    mutants: { type: 'string', default: '400' },
    /** the first mutant's id: run a long campaign in chunks (--first 750 --mutants 4250 continues one of 750) */
    first: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2' },
    commands: { type: 'string', default: 'all' },
    'timeout-ms': { type: 'string', default: String(DEFAULT_BOUNDS.timeoutMs) },
    'heap-mb': { type: 'string', default: String(DEFAULT_BOUNDS.heapMb) },
    'failures-dir': { type: 'string', default: 'fuzz-failures' },
    /** write the table so far to this file every 250 mutants */
    partial: { type: 'string' },
  },
});
const commands = values.commands === 'rotate' ? 'rotate' : 'all';
const work = mkdtempSync(join(tmpdir(), 'landwatch-fuzz-'));
try {
  const base = buildBase(work);
  const mutants = Number(values.mutants);
  const report = await runCampaign(base, {
    seed: Number(values.seed),
    mutants,
    first: Number(values.first),
    concurrency: Number(values.concurrency),
    commands,
    workDir: join(work, 'mutants'),
    bounds: { timeoutMs: Number(values['timeout-ms']), heapMb: Number(values['heap-mb']) },
    failuresDir: values['failures-dir'],
    reportEvery: 250,
    onPartial: values.partial ? (r) => writeFileSync(values.partial!, `${r.results.length} mutants done, ${(r.ms / 1000).toFixed(0)} s, ${r.failures.length} failures\n\n${tableMarkdown(r)}\n`) : undefined,
    onProgress: (n) => {
      if (n % 100 === 0 || n === mutants) process.stderr.write(`${n}/${mutants} mutants\n`);
    },
  });
  const slowest = Math.max(...report.results.flatMap((r) => r.commands.map((c) => c.ms)));
  process.stdout.write(`seed ${values.seed}, ${mutants} mutants from id ${values.first}, commands ${commands}, bounds ${values['timeout-ms']} ms / ${values['heap-mb']} MB heap per command, ${(report.ms / 1000).toFixed(0)} s, slowest command ${slowest.toFixed(0)} ms\n\n`);
  process.stdout.write(`${tableMarkdown(report)}\n`);
  for (const f of report.failures) {
    const c = f.commands.find((x) => x.outcome === f.outcome)!;
    process.stdout.write(`\nFAILURE mutant ${f.id} (${f.input}, ${f.mutator}: ${f.detail}): ${c.command} → ${f.outcome} (exit ${c.code}, ${c.ms.toFixed(0)} ms)\n${c.stderrHead}\n`);
  }
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
