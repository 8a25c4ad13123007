// CI's share of the fuzzer (docs/FUZZING.md): 200 seeded mutants of a change layer (unindexed and indexed) and a
// protection layer, through the built CLI — `run` on each, `index` and `inspect` each on one in eight (250 CLI starts,
// about 40 s of CPU). Every outcome must be exit 0, or exit 2 with reasons and nothing left in --out, within the time
// and heap bounds. The long run (5 000 mutants, every command) is `npm run fuzz`; its table is in docs/FUZZING.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCampaign, tableMarkdown } from '../../fuzz/campaign.ts';
import { buildBase } from '../../fuzz/inputs.ts';
import { MUTATORS } from '../../fuzz/mutators.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-fuzz-ci-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('seeded mutation fuzzing through the CLI', () => {
  // the bound is generous: CLI starts are CPU-bound and a shared CI machine may give this test a fraction of a core
  it('200 mutants: no crash, no hang, no heap exhaustion, no file left after a rejection', { timeout: 900_000 }, async () => {
    const base = buildBase(work);
    const report = await runCampaign(base, { seed: 13, mutants: 200, concurrency: 2, commands: 'rotate', sideEvery: 8, workDir: join(work, 'mutants'), bounds: { timeoutMs: 60_000, heapMb: 512 } });
    const failures = report.failures.map((f) => `${f.id} ${f.input} ${f.mutator} (${f.detail}): ${f.commands.map((c) => `${c.command}=${c.outcome}/${c.code}`).join(' ')}`);
    expect(failures, tableMarkdown(report)).toEqual([]);
    // every mutator met every input
    expect(report.table.size).toBe(base.inputs.length * MUTATORS.length);
    // and the harness itself is sound: damage the format allows (an attribute byte, a low mantissa bit) is accepted,
    // so rejections are the mutants' own, not a refusal of every input for an unrelated reason
    const accepted = [...report.table.values()].reduce((n, row) => n + row.accepted, 0);
    expect(accepted, tableMarkdown(report)).toBeGreaterThan(0);
  });
});
