// The ingest on S3/SQS emulators with the other delivery formats: a zipped File Geodatabase and a GeoPackage upload
// give the results of the same county uploaded as FlatGeobuf; a zip bomb upload is rejected with its reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeliveries, removeDir, type Deliveries } from '../../packages/formats/test/support/deliveries.ts';
import { startWorld, type World } from '../../test/pipeline/world.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-ingest-formats-'));
let county: Deliveries;
let world: World;

/** Uploads `file` as `key`, drains the pipeline, returns the run's events and its summary.json (if any). */
async function runUpload(file: string, key: string) {
  await world.upload(file, key);
  await world.notify(key);
  await world.drain();
  const events = (await world.messages(world.emu.queues.runEvents)).map((m) => JSON.parse(m.Body!));
  const runId = events.find((e) => e.upload?.key === key)?.runId;
  const mine = events.filter((e) => e.runId === runId);
  const summaryKey = `results/2024/431102/${runId}/summary.json`;
  const objects = await world.objects(`results/2024/431102/${runId}/`);
  return { events: mine, summary: objects.has(summaryKey) ? JSON.parse(objects.get(summaryKey)!.toString()) : undefined };
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 300, 12);
  world = await startWorld(join(county.dir, 'data'), { tileMaxFeatures: 120 });
}, 180_000);
afterAll(async () => {
  await world?.close();
  removeDir(work);
});

describe('ingest of delivery formats', () => {
  it('a zipped .gdb and a GeoPackage give the results of the FlatGeobuf upload', async () => {
    const fgb = await runUpload(county.fgb, 'changes/2024/431102.fgb');
    expect(fgb.events.map((e) => e.type)).toEqual(['accepted', 'finished']);
    for (const [file, key] of [
      [county.gdbZip, 'changes/2024/431102.GDB.ZIP'],
      [county.gpkg, 'changes/2024/431102.gpkg'],
    ]) {
      const other = await runUpload(file, key);
      expect(other.events.map((e) => e.type), key).toEqual(['accepted', 'finished']);
      expect(other.summary.totals, key).toEqual(fgb.summary.totals);
      expect(other.summary.protectionLayers, key).toEqual(fgb.summary.protectionLayers);
    }
  });

  it('a zip bomb is rejected with its reason naming the upload key, nothing else written', async () => {
    const bomb = fileURLToPath(new URL('../../packages/formats/test/fixtures/zip-bomb.zip', import.meta.url));
    const r = await runUpload(bomb, 'changes/2024/bomb.zip');
    expect(r.events.map((e) => e.type)).toEqual(['rejected']);
    expect(r.events[0].reasons).toEqual([
      'changes/2024/bomb.zip: entries compressed more than 200 : 1 (DLTBGXGC.dbf 101773 → 104857600 bytes), as in a zip bomb; the zip is not expanded',
    ]);
    expect(r.summary).toBeUndefined();
  });
});
