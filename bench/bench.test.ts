// The benchmark must not rot: `bench/run.ts --quick` (300 pieces, 600 farmland polygons, PostGIS included) runs
// inside the test suite and its last line must keep the form scripts read. Times are not asserted (shared CI
// machine); the areas must agree with PostGIS to 1e-6. Needs the built CLI (`npm test` builds first) and PostGIS.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchOptions } from './bench-options.ts';
import { compareAreas, headlineLine, laneSpeedup, parseHeadline, relDiff, scientific, worstRelDiff } from './compare.ts';
import { formatTable } from './table.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH_DIR, '..');
const HEADLINE = /^bench: end-to-end \d+\.\d\d× PostGIS, overlay \d+\.\d\d× PostGIS, area rel diff \d\.\d\de-\d+ \(\d+ pieces\), 2-lane speed-up \d+\.\d\d× \(\d+ pieces\)$/;

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'run.ts'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('benchmark comparisons', () => {
  it('prints the headline in the fixed form and reads it back', () => {
    const line = headlineLine({ endToEndRatio: 3.14159, overlayRatio: 2, areaRelDiff: 4.2e-9, pieces: 20000, laneSpeedup: 1.5049, lanePieces: 100000 });
    expect(line).toBe('bench: end-to-end 3.14× PostGIS, overlay 2.00× PostGIS, area rel diff 4.20e-9 (20000 pieces), 2-lane speed-up 1.50× (100000 pieces)');
    expect(line).toMatch(HEADLINE);
    expect(parseHeadline(line)).toEqual({ endToEndRatio: 3.14, overlayRatio: 2, areaRelDiff: 4.2e-9, pieces: 20000, laneSpeedup: 1.5, lanePieces: 100000 });
    expect(scientific(0)).toBe('0.00e-0');
    expect(parseHeadline('bench: end-to-end 3× PostGIS')).toBeUndefined();
    // the line before the lane speed-up was added is not the headline any more
    expect(parseHeadline('bench: end-to-end 3.14× PostGIS, overlay 2.00× PostGIS, area rel diff 4.20e-9 (20000 pieces)')).toBeUndefined();
  });

  it('measures the lane speed-up as one lane\'s detect time over two lanes\'', () => {
    expect(laneSpeedup(3000, 2000)).toBe(1.5);
    expect(laneSpeedup(undefined, 2000)).toBeUndefined();
    expect(laneSpeedup(3000, undefined)).toBeUndefined();
  });

  it('compares areas per kind like with like and reports the worst kind', () => {
    const rows = compareAreas({ a: 100, b: 0, c: 50 }, { a: 100.0001, b: 0, c: 50 }, { a: 100.0002, b: 0, c: 50 }, { a: 100, b: 0, c: 50 });
    expect(rows.map((r) => r.kind)).toEqual(['a', 'b', 'c']);
    expect(rows[0].geodesicRelDiff).toBeCloseTo(1e-6, 12);
    expect(rows[0].officialVsGeodesic).toBeCloseTo(1e-6, 9);
    expect(worstRelDiff(rows)).toBe(rows[0].geodesicRelDiff);
    expect(relDiff(1, 0)).toBe(Infinity); // area where PostGIS found none is a failure, not a 0
  });

  it('aligns tables, numbers to the right', () => {
    expect(formatTable(['name', 'n'], [['a', 1.5], ['bb', '2.00×']]).split('\n')).toEqual(['| name |     n |', '|------|------:|', '| a    |  1.50 |', '| bb   | 2.00× |']);
  });

  it('rejects option combinations that leave no headline', () => {
    expect(() => parseBenchOptions(['--sizes', '100,200', '--headline', '200', '--postgis-max', '100'], BENCH_DIR)).toThrow(/headline/);
    expect(parseBenchOptions(['--sizes', '500,100'], BENCH_DIR)).toMatchObject({ sizes: [100, 500], headlineSize: 500 });
  });
});

describe('npm run bench -- --quick', () => {
  let workDir: string | undefined;
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('runs LandWatch and PostGIS on a tiny county and agrees on the areas to 1e-6', async () => {
    workDir = await mkdtemp(join(tmpdir(), 'landwatch-bench-'));
    // mkdtemp makes 0700; PostgreSQL runs as the postgres OS user when we are root and must reach its cluster dir.
    await chmod(workDir, 0o711);
    const { code, stdout, stderr } = await runBench(['--quick', '--work-dir', workDir]);
    expect(code, stderr).toBe(0);

    const lines = stdout.trimEnd().split('\n');
    const last = lines[lines.length - 1];
    expect(last).toMatch(HEADLINE);
    const headline = parseHeadline(last);
    expect(headline?.pieces).toBe(300);
    expect(headline?.areaRelDiff).toBeLessThan(1e-6);
    expect(headline?.endToEndRatio).toBeGreaterThan(0);
    expect(headline?.overlayRatio).toBeGreaterThan(0);
    expect(headline?.laneSpeedup).toBeGreaterThan(0);
    expect(headline?.lanePieces).toBe(300);

    for (const section of ['PostGIS stages', 'LandWatch breakdown', 'Overlap area per protection kind', 'Growth with size']) expect(stdout).toContain(section);
    expect(stdout).toMatch(/permanent-farmland +\| +\d+\.\d{3} \| +\d+\.\d{3} \|/);
    // same pairs on both sides once PostGIS's boundary slivers are left out as LandWatch leaves them out
    const pairs = /Pairs: LandWatch (\d+) .*\n\s+PostGIS \d+ .*, (\d+) of them ≥/.exec(stdout);
    expect(pairs?.[1]).toBeDefined();
    expect(pairs?.[2]).toBe(pairs?.[1]);
    // the throwaway PostgreSQL cluster is gone
    expect((await readdir(join(workDir, 'postgis-300'))).filter((n) => n.startsWith('pg-cluster-'))).toEqual([]);
  }, 170_000);
});
