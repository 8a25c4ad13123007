// A province upload is split by county at ingest (docs/SCALE.md, "Province uploads"): three generated counties in one
// unindexed upload give a manifest with each county's own indexed copy and tiles; each county's finalize reads its own
// tile results and no other; and a county's results are the bytes it gets when uploaded alone (the run id aside).
// Real stages over the local port with tile results stored as JSON (as on S3), counted as the port reads them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileByteSource, readFeatures, readHeader } from '@landwatch/fgb';
import {
  closeTileStage,
  countyTiles,
  finalizeCounty,
  ingestRun,
  LocalRunPort,
  pinFile,
  runKeys,
  runTileJob,
  type RunManifest,
} from '@landwatch/pipeline';
import { provinceFile } from '../../scripts/province-file.ts';
import { zipEntries } from '../support/zip-entries.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-province-'));
const COUNTIES = ['431102', '431103', '431122'];
/** the upload's modification time, the same for both runs (it is the results' generatedAt) */
const RUN_TIME = new Date('2025-03-01T08:00:00Z');

/** The local port, remembering every key it is asked to read. */
class CountingPort extends LocalRunPort {
  reads: string[] = [];
  override async get(key: string): Promise<Uint8Array | undefined> {
    this.reads.push(key);
    return super.get(key);
  }
}

interface Ingested {
  port: CountingPort;
  manifest: RunManifest;
}

/** Ingest and every tile of `file`, with the province's layers; tile results stored as JSON files. */
async function ingestAndTiles(file: string, name: string): Promise<Ingested> {
  const port = new CountingPort({ workDir: join(work, name, 'work'), outDir: join(work, name, 'out'), registryPath: province.layers, shelf: null });
  const outcome = await ingestRun(port, { upload: await pinFile(file), modifiedAt: RUN_TIME, tileMaxFeatures: 60 });
  if (outcome.state !== 'accepted') throw new Error(`${name} rejected: ${outcome.reasons.join('; ')}`);
  for (const job of port.tileJobs) await runTileJob(port, job);
  await closeTileStage();
  return { port, manifest: outcome.manifest };
}

/** Every result file of one county of a run, by name (relative to its results folder). */
async function resultFiles({ port, manifest }: Ingested, countyCode: string): Promise<Map<string, Buffer>> {
  const prefix = `${runKeys.resultsDir(manifest.surveyYear, countyCode, manifest.runId)}/`;
  const files = new Map<string, Buffer>();
  // the listing names the tasks/ folder too
  for (const key of (await port.list(prefix)).filter((k) => /\.\w+$/.test(k))) files.set(key.slice(prefix.length), Buffer.from((await port.get(key))!));
  return files;
}

let province: Awaited<ReturnType<typeof provinceFile>>;
let alone: string;

beforeAll(async () => {
  // three counties, one after another in an unindexed upload; the first one also alone: generated the same way (the
  // same seed and place) and written by the same writer under the same name, so that only the upload differs
  province = await provinceFile(join(work, 'province'), { counties: 3, changes: 150, unindexed: true });
  alone = (await provinceFile(join(work, 'alone'), { counties: 1, changes: 150, unindexed: true })).changes;
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a province upload is split by county', () => {
  let split: Ingested;

  it('the manifest gives each county its own indexed copy and tiles that hold its pieces only', async () => {
    split = await ingestAndTiles(province.changes, 'split');
    const { manifest } = split;
    expect(manifest.counties).toEqual(COUNTIES);
    expect(manifest.countyInputs?.map((c) => c.countyCode)).toEqual(COUNTIES);
    expect(manifest.countyInputs?.map((c) => c.featuresCount)).toEqual([150, 150, 150]);
    expect(manifest.checks.indexedCopyMade).toBe(true);
    // tiles numbered on across counties, county by county, each naming its county
    expect(manifest.tiles.map((t) => t.tileId)).toEqual(manifest.tiles.map((_, i) => `t${String(i).padStart(5, '0')}`));
    expect(manifest.tiles.map((t) => t.countyCode)).toEqual([...manifest.tiles.map((t) => t.countyCode)].sort());
    for (const county of manifest.countyInputs!) {
      const tiles = countyTiles(manifest, county.countyCode);
      expect(tiles.reduce((n, t) => n + t.count, 0), county.countyCode).toBe(150);
      // the county's copy: indexed, and every piece in it is the county's
      const source = await split.port.open(county.input);
      try {
        const header = await readHeader(source);
        expect(header.indexNodeSize).toBeGreaterThan(0);
        const codes = new Set<string>();
        for await (const f of readFeatures(source, header)) codes.add(String(f.properties.BGHZLDWDM).slice(0, 6));
        expect([...codes]).toEqual([county.countyCode]);
      } finally {
        await source.close();
      }
    }
  }, 300_000);

  it("each county's finalize reads its own tile results and no other", async () => {
    const { port, manifest } = split;
    const tilePrefix = runKeys.tilesPrefix(manifest.runId);
    const readByCounty: string[][] = [];
    for (const countyCode of COUNTIES) {
      port.reads = [];
      const { finished } = await finalizeCounty(port, { runId: manifest.runId, manifestKey: runKeys.manifest(manifest.runId), countyCode });
      expect(finished.detections, countyCode).toBeGreaterThan(0);
      const read = port.reads.filter((k) => k.startsWith(tilePrefix));
      expect(read, countyCode).toEqual(countyTiles(manifest, countyCode).map((t) => runKeys.tileResult(manifest.runId, t.tileId)));
      readByCounty.push(read);
    }
    // together, every tile exactly once
    expect(readByCounty.flat().sort()).toEqual(manifest.tiles.map((t) => runKeys.tileResult(manifest.runId, t.tileId)));
  }, 300_000);

  it('a county gets the same result bytes inside the province file as uploaded alone (the run id aside)', async () => {
    const single = await ingestAndTiles(alone, 'alone');
    // one county: the manifest as before the split existed (no county inputs, no county on the tiles)
    expect(single.manifest.countyInputs).toBeUndefined();
    expect(single.manifest.tiles.every((t) => t.countyCode === undefined)).toBe(true);
    // the county's copy in the province run is the alone run's indexed copy, byte for byte
    const copy = (m: Ingested, key: string) => m.port.get(key).then((b) => Buffer.from(b!));
    const [ownCopy, aloneCopy] = await Promise.all([
      copy(split, runKeys.countyInput(split.manifest.runId, COUNTIES[0])),
      copy(single, runKeys.indexedInput(single.manifest.runId)),
    ]);
    expect(ownCopy.equals(aloneCopy)).toBe(true);
    expect(single.manifest.tiles.map(({ tileId: _, ...t }) => t)).toEqual(countyTiles(split.manifest, COUNTIES[0]).map(({ tileId: _, countyCode: __, ...t }) => t));

    await finalizeCounty(single.port, { runId: single.manifest.runId, manifestKey: runKeys.manifest(single.manifest.runId), countyCode: COUNTIES[0] });
    const [inProvince, byItself] = [await resultFiles(split, COUNTIES[0]), await resultFiles(single, COUNTIES[0])];
    expect([...inProvince.keys()].sort()).toEqual([...byItself.keys()].sort());
    expect(inProvince.size).toBeGreaterThan(8);
    // what names the upload and not the county: the run id, the upload's size in pieces and its version (ETag)
    const asAlone = (text: string) =>
      text
        .split(split.manifest.runId).join(single.manifest.runId)
        .split(split.manifest.upload.etag).join(single.manifest.upload.etag);
    for (const [name, bytes] of byItself) {
      const mine = inProvince.get(name)!;
      if (name.endsWith('.xlsx')) {
        const [got, want] = [await zipEntries(mine), await zipEntries(bytes)];
        expect([...got.keys()], name).toEqual([...want.keys()]);
        for (const [member, b] of want) expect(asAlone(got.get(member)!.toString('utf8')) === b.toString('utf8'), `${name} ${member}`).toBe(true);
        continue;
      }
      if (name === 'summary.json') {
        const [got, want] = [JSON.parse(asAlone(mine.toString('utf8'))), JSON.parse(bytes.toString('utf8'))];
        expect(got.run.input.featuresCount).toBe(450);
        expect(want.run.input.featuresCount).toBe(150);
        for (const s of [got, want]) {
          delete s.run.input.featuresCount;
          delete s.inputChecks.tiles;
        }
        expect(got).toEqual(want);
        continue;
      }
      // run ids and ETags are ASCII of the same length in both runs: replaced byte for byte, also inside FlatGeobuf
      const got = Buffer.from(asAlone(mine.toString('latin1')), 'latin1');
      if (name === 'report.html') {
        // the report states the upload's size: 450 pieces in the province file, 150 alone
        expect(got.toString('utf8').replace('（450 个图斑', '（150 个图斑') === bytes.toString('utf8'), name).toBe(true);
        continue;
      }
      expect(got.equals(bytes), name).toBe(true);
    }
  }, 300_000);
});
