// CI's share of the fuzzer (docs/FUZZING.md): 112 seeded mutants — every input (the change layer as FlatGeobuf
// unindexed and indexed, as a GBK Shapefile with its .shp or its .dbf mutated, as a stored shp zip and a stored
// .gdb.zip; a protection layer) meets every mutator twice — through the built CLI: `run` on each, `index` and `inspect`
// each on one in eight. Every outcome must be exit 0, or exit 2 with reasons and nothing left behind, within the time
// and heap bounds. The count keeps the test's CPU near twice what the FlatGeobuf-only test cost: a mutant read through
// GDAL (WebAssembly) costs 2 s of CPU against 0.4–1 s for a FlatGeobuf (measured numbers in docs/FUZZING.md). The
// long run (5 000 mutants) is `npm run fuzz`; its table is in docs/FUZZING.md.
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
  it('112 mutants: no crash, no hang, no heap exhaustion, no file left after a rejection', { timeout: 1_800_000 }, async () => {
    const base = buildBase(work);
    const mutants = 2 * base.inputs.length * MUTATORS.length;
    const report = await runCampaign(base, { seed: 13, mutants, concurrency: 2, commands: 'rotate', sideEvery: 8, workDir: join(work, 'mutants'), bounds: { timeoutMs: 120_000, heapMb: 512 } });
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
