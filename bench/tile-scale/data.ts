// tile-scale's data: seeded counties written by the built CLI (`landwatch generate`, reused when present), an
// unindexed copy of each change layer (GDAL), and the run folders the measurements work in.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestRun, LocalRunPort, pinFile, type RunManifest } from '@landwatch/pipeline';
import { BENCH_UPLOAD_TIME } from './ingest-job.ts';
import type { County } from './run-files.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Generates a county with the built CLI (reused when present) and pins its files. */
export async function ensureCounty(dir: string, changes: number, seed: number, log: (line: string) => void): Promise<County> {
  const find = () => (existsSync(dir) ? readdirSync(dir).find((f) => /^DLTBGXGC-.*\.fgb$/.test(f)) : undefined);
  const registryPath = join(dir, 'layers.json');
  if (!find() || !existsSync(registryPath)) {
    if (!existsSync(join(REPO, 'packages/cli/dist/landwatch.mjs'))) throw new Error('the CLI is not built: run `npm run build` first');
    await rm(dir, { recursive: true, force: true });
    log(`generating ${changes} pieces (seed ${seed}) into ${dir} …`);
    const cli = join(REPO, 'packages/cli/bin/landwatch.mjs');
    const r = spawnSync(process.execPath, [cli, 'generate', '--out', dir, '--changes', String(changes), '--seed', String(seed)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`landwatch generate failed (exit ${r.status})`);
  }
  const changesPath = join(dir, find()!);
  const unindexed = ensureUnindexed(changesPath);
  // pinned as the CLI pins them; the children get the pins and never hash the files themselves
  const { layers, reasons } = await new LocalRunPort({ workDir: join(dir, 'unused'), outDir: join(dir, 'unused'), registryPath }).layers();
  if (reasons.length > 0) throw new Error(reasons.join('\n'));
  return { pieces: changes, upload: await pinFile(changesPath), unindexed: unindexed === undefined ? undefined : await pinFile(unindexed), registryPath, pinnedLayers: layers };
}

/** An unindexed copy of the change layer (GDAL), or undefined when ogr2ogr is not installed. */
function ensureUnindexed(changesPath: string): string | undefined {
  const out = join(dirname(changesPath), 'unindexed.fgb');
  if (existsSync(out)) return out;
  const r = spawnSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', out, changesPath], { stdio: 'ignore' });
  return r.status === 0 && existsSync(out) ? out : undefined;
}

/** An empty run folder (a run left there would be resumed, not measured). */
export async function freshRunDir(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  return dir;
}

/** A county ingested with tiles of `tileSize` into `workDir` by the pipeline's ingest, not measured: the manifest
 * the tile measurements of that size run from. */
export async function ingestForTiles(county: County, tileSize: number, workDir: string): Promise<RunManifest> {
  const port = new LocalRunPort({ workDir: await freshRunDir(workDir), outDir: join(workDir, 'out'), registryPath: county.registryPath });
  const outcome = await ingestRun(port, { upload: county.upload, modifiedAt: new Date(BENCH_UPLOAD_TIME), tileMaxFeatures: tileSize });
  if (outcome.state !== 'accepted') throw new Error(`ingest rejected ${county.upload.key}: ${outcome.reasons.join('; ')}`);
  return outcome.manifest;
}
