// A Shapefile upload's run id hashes every part of the set (docs/ARCHITECTURE.md, "Run identity"), and the ingest
// Lambda downloads each part once (its checksum and its conversion read the same download). On the deployed code path
// (`npm run pipeline:local`: S3 and SQS emulators, the synthesized state machine, the real handlers), which uploads a
// .shp's companions before it as a data team does and counts the handlers' S3 requests.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryContentSha256, LocalRunPort, pinFile, sha256File } from '@landwatch/pipeline';
import { makeDeliveries, removeDir, type Deliveries } from '../../packages/formats/test/support/deliveries.ts';
import { runPipelineLocal } from '../support/pipeline-local.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-delivery-id-'));
const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'];
let county: Deliveries;

/** The generated Shapefile set copied into its own folder, optionally changed by `edit`. */
function shapefileSet(name: string, edit?: (dir: string) => void): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const ext of PARTS) copyFileSync(county.shp.replace(/\.shp$/, `.${ext}`), join(dir, `DLTBGXGC.${ext}`));
  edit?.(dir);
  return join(dir, 'DLTBGXGC.shp');
}

/** One character of the first record's BGQTBBH (a parcel number, digits) changed in the .dbf: nothing else. */
function editDbf(dir: string): void {
  const path = join(dir, 'DLTBGXGC.dbf');
  const dbf = readFileSync(path);
  const headerLength = dbf.readUInt16LE(8);
  let offset = 1; // each record starts with its deletion flag
  for (let at = 32; dbf[at] !== 0x0d; at += 32) {
    const name = dbf.subarray(at, at + 11).toString('latin1').replace(/\0.*$/, '');
    if (name === 'BGQTBBH') break;
    offset += dbf[at + 16];
  }
  const at = headerLength + offset;
  dbf[at] = dbf[at] === 0x39 ? 0x38 : 0x39;
  writeFileSync(path, dbf);
}

const upload = (shp: string, name: string) =>
  runPipelineLocal(['--changes', shp, '--layers', county.layers, '--year', '2024', '--tile-size', '120'], join(work, `out-${name}`));

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 200, 7);
}, 180_000);
afterAll(() => removeDir(work));

describe('the run id of a Shapefile upload', () => {
  it('hashes every part: the same set is the same run, a set whose .dbf alone differs is another', async () => {
    const original = shapefileSet('original');
    const edited = shapefileSet('edited', editDbf);
    // only the .dbf differs
    for (const ext of PARTS) {
      const same = readFileSync(original.replace(/\.shp$/, `.${ext}`)).equals(readFileSync(edited.replace(/\.shp$/, `.${ext}`)));
      expect(same, ext).toBe(ext !== 'dbf');
    }
    const [first, again, other] = [await upload(original, 'first'), await upload(shapefileSet('again'), 'again'), await upload(edited, 'edited')];
    for (const r of [first, again, other]) expect(r.code, r.stderr).toBe(0);
    expect(again.summary.runId).toBe(first.summary.runId);
    expect(other.summary.runId).not.toBe(first.summary.runId);

    // the ingest Lambda read each part of the set once, with one whole-object GET
    const gets = (first.summary as unknown as { s3Requests: { uploadGets: Record<string, number> } }).s3Requests.uploadGets;
    expect(gets).toEqual(Object.fromEntries(PARTS.map((ext) => [`changes/2024/DLTBGXGC.${ext}`, 1])));
  }, 900_000);

  it('is the same on the CLI: the local port hashes the parts beside the .shp the same way', async () => {
    const shp = shapefileSet('local');
    const port = new LocalRunPort({ workDir: join(work, 'local-work'), outDir: join(work, 'local-out') });
    const parts = await Promise.all(PARTS.map(async (ext) => ({ suffix: `.${ext}`, sha256: await sha256File(shp.replace(/\.shp$/, `.${ext}`)) })));
    expect(await port.contentSha256(await pinFile(shp))).toBe(deliveryContentSha256(parts));
    // a one-file delivery keeps its plain sha256
    expect(await port.contentSha256(await pinFile(county.gpkg))).toBe(await sha256File(county.gpkg));
    // the order of the parts does not matter, their suffixes' case neither
    expect(deliveryContentSha256([...parts].reverse().map((p) => ({ ...p, suffix: p.suffix.toUpperCase() })))).toBe(deliveryContentSha256(parts));
  });
});
