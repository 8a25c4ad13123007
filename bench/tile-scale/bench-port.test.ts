// tile-scale measures the pipeline's stages through BenchRunPort: its reads go through the Lambdas' S3 byte source
// over FakeS3 instead of local files. The port must not change what a stage computes, and its counts must be the
// requests the stage really made.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTileStage, LocalRunPort, runKeys, runTileJob, tileJobFor, type RunManifest } from '@landwatch/pipeline';
import { generateFiles } from '../../packages/cli/src/commands/generate.ts';
import { SILENT } from '../../packages/cli/src/progress.ts';
import { ensureCounty, ingestForTiles } from './data.ts';
import { benchPort } from './run-files.ts';
import type { County } from './run-files.ts';

let dir: string;
let county: County;
let manifest: RunManifest;
let workDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'landwatch-bench-port-'));
  await generateFiles(join(dir, 'county'), { changes: 900, seed: 7 }, SILENT);
  county = await ensureCounty(join(dir, 'county'), 900, 7, () => {});
  workDir = join(dir, 'run');
  manifest = await ingestForTiles(county, 300, workDir);
}, 60_000);

afterAll(async () => {
  await closeTileStage();
  await rm(dir, { recursive: true, force: true });
});

/** A stored tile result as text without its times (readMs, stats.timings: measurements, never equal twice). */
function withoutTimes(bytes: Uint8Array): string {
  const doc = JSON.parse(new TextDecoder().decode(bytes)) as { readMs?: number; stats: { timings?: unknown } };
  expect(typeof doc.readMs).toBe('number');
  expect(doc.stats.timings).toBeTypeOf('object');
  delete doc.readMs;
  delete doc.stats.timings;
  return JSON.stringify(doc);
}

describe('BenchRunPort', () => {
  it('stores the same tile result bytes as the local port, and counts the requests the tile stage made', async () => {
    expect(manifest.tiles.length).toBeGreaterThan(1);
    const tile = manifest.tiles[1]; // not the first: the first tile also moves the run status to running
    const key = runKeys.tileResult(manifest.runId, tile.tileId);

    const local = new LocalRunPort({ workDir, outDir: join(workDir, 'out'), shelf: null });
    await runTileJob(local, tileJobFor(manifest.runId, tile.tileId));
    const fromFiles = await local.get(key);
    await closeTileStage();
    await rm(join(workDir, key));

    const port = benchPort({ workDir, pinnedLayers: county.pinnedLayers });
    await runTileJob(port, tileJobFor(manifest.runId, tile.tileId));
    const stored = await local.get(key);

    // the same document but for its times
    expect(fromFiles).toBeDefined();
    expect(stored).toBeDefined();
    expect(withoutTimes(stored!)).toBe(withoutTimes(fromFiles!));
    // manifest GET, done check (HEAD), the tile result PUT (no fan-in LIST: the state machine waits for the tiles)
    expect(port.requests).toEqual({ get: 1, put: 1, head: 1, list: 0 });
    // every GET the byte sources sent reached the fake S3, and nothing else did
    expect(port.sources.length).toBe(1 + manifest.layers.length);
    expect(port.s3.gets).toBe(port.sources.reduce((n, s) => n + s.stats.requests, 0));
    expect(port.s3.bytes).toBe(port.sources.reduce((n, s) => n + s.stats.bytesFetched, 0));
    expect(port.tileReadStart).toBeDefined();
  }, 60_000);
});
