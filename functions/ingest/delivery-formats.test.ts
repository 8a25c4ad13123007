// The ingest with the other delivery formats, on the deployed code path (`npm run pipeline:local`: S3 and SQS
// emulators, the synthesized state machine, the real handlers): a zipped File Geodatabase and a GeoPackage upload
// give the results of the same county uploaded as FlatGeobuf; a zip bomb upload is rejected with its reason.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeliveries, removeDir, type Deliveries } from '../../packages/formats/test/support/deliveries.ts';
import { runPipelineLocal } from '../../test/support/pipeline-local.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-ingest-formats-'));
let county: Deliveries;

/** Uploads `file` as `changes/2024/{name}` through pipeline:local; its run events and its summary.json (if any). */
async function runUpload(file: string, name: string) {
  const dir = join(work, name.replace(/\W/g, '_'));
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, join(dir, name));
  const r = await runPipelineLocal(['--changes', join(dir, name), '--layers', join(county.dir, 'data', 'layers.json'), '--year', '2024', '--tile-size', '120'], join(dir, 'out'));
  const runId = r.summary.runId;
  const summaryKey = `results/2024/431102/${runId}/summary.json`;
  return { ...r, summary: r.results.has(summaryKey) ? JSON.parse(r.results.get(summaryKey)!.toString()) : undefined };
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 300, 12);
}, 180_000);
afterAll(() => removeDir(work));

describe('ingest of delivery formats', () => {
  it('a zipped .gdb and a GeoPackage give the results of the FlatGeobuf upload', async () => {
    const fgb = await runUpload(county.fgb, '431102.fgb');
    expect(fgb.runEvents.map((e) => e.type), fgb.stderr).toEqual(['accepted', 'finished']);
    for (const [file, name] of [
      [county.gdbZip, '431102.GDB.ZIP'],
      [county.gpkg, '431102.gpkg'],
    ] as const) {
      const other = await runUpload(file, name);
      expect(other.runEvents.map((e) => e.type), `${name}: ${other.stderr}`).toEqual(['accepted', 'finished']);
      expect(other.summary.totals, name).toEqual(fgb.summary.totals);
      expect(other.summary.protectionLayers, name).toEqual(fgb.summary.protectionLayers);
    }
  }, 600_000);

  it('a zip bomb is rejected with its reason naming the upload key, nothing else written', async () => {
    const bomb = fileURLToPath(new URL('../../packages/formats/test/fixtures/zip-bomb.zip', import.meta.url));
    const r = await runUpload(bomb, 'bomb.zip');
    expect(r.code).toBe(2);
    expect(r.runEvents.map((e) => e.type)).toEqual(['rejected']);
    expect(r.runEvents[0].reasons).toEqual([
      'changes/2024/bomb.zip: entries compressed more than 200 : 1 (DLTBGXGC.dbf 101773 → 104857600 bytes), as in a zip bomb; the zip is not expanded',
    ]);
    expect(r.results.size).toBe(0);
  }, 300_000);
});
