// The tile lanes (packages/cli/src/tile-pool.ts) with a real worker thread (the bundled dist/tile-worker.mjs): a job
// that fails in any lane fails the stage with its tile named, every lane stops, and nothing hangs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LocalRunPort, tileJobFor } from '@landwatch/pipeline';
import { afterAll, describe, expect, it } from 'vitest';
import { runTiles } from '../../packages/cli/src/tile-pool.ts';

const script = fileURLToPath(new URL('../../packages/cli/dist/tile-worker.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lw-lanes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tile lanes', () => {
  it('is tested against the bundled worker (npm test builds it first)', () => {
    expect(existsSync(script)).toBe(true);
  });

  it('a job no lane can run fails the stage, naming the tile, after every lane has stopped', async () => {
    const workDir = join(work, 'w');
    const port = new LocalRunPort({ workDir, outDir: join(work, 'out') });
    // no run was ingested here: every job's manifest is missing, in the worker and on this thread alike
    const tiles = ['t00001', 't00002', 't00003', 't00004'];
    port.tileJobs.push(...tiles.map((t) => tileJobFor('2024-000000000000', t)));
    const results: unknown[] = [];
    await expect(runTiles(port, { workDir, outDir: join(work, 'out') }, 1, (r) => results.push(r), script)).rejects.toThrow(
      /t0000[1-4]|manifest/,
    );
    expect(results).toEqual([]);
    // the queue is spent: a stage that failed does not leave jobs behind for another
    expect(port.tileJobs).toEqual([]);
  });

  it('a worker lane takes jobs from the shared count itself, answers a failed one with its tile, and stops', async () => {
    const workDir = join(work, 'w2');
    const jobs = ['t00001', 't00002', 't00003'].map((t) => tileJobFor('2024-000000000000', t));
    const taken = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(script, { workerData: { workDir, outDir: join(work, 'out2'), jobs, taken } });
    const messages: { ok: boolean; tileId?: string; error?: string }[] = [];
    w.on('message', (m) => messages.push(m));
    const code = await new Promise<number>((resolve, reject) => {
      w.on('exit', resolve);
      w.on('error', reject);
    });
    expect(code).toBe(0);
    // the first job failed (no manifest) and the lane took no other
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ok: false, tileId: 't00001' });
    expect(messages[0]!.error).toMatch(/manifest|ENOENT/);
    expect(Atomics.load(taken, 0)).toBe(1);
  });

  it('a worker lane starts past the jobs other lanes took and ends when none is left', async () => {
    const jobs = ['t00001', 't00002'].map((t) => tileJobFor('2024-000000000000', t));
    const taken = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(taken, 0, jobs.length);
    const w = new Worker(script, { workerData: { workDir: join(work, 'w3'), outDir: join(work, 'out3'), jobs, taken } });
    const messages: unknown[] = [];
    w.on('message', (m) => messages.push(m));
    expect(await new Promise<number>((resolve) => w.on('exit', resolve))).toBe(0);
    expect(messages).toEqual([]);
    expect(Atomics.load(taken, 0)).toBe(jobs.length + 1);
  });
});
