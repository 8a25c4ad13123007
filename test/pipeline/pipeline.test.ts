// The serverless pipeline end to end on S3 and SQS emulators, driven the way Lambda's SQS event source drives the
// real handlers — a clean run, then the fault matrix. Every fault case runs the clean run's upload again on an
// emptied results bucket (so the same runId) and must write the clean run's result files byte for byte.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCountyAlert, validateRunEvent } from '../../functions/lib/message-schemas.ts';
import { runCli } from '../support/cli.ts';
import { pumpQueue } from '../support/sqs-driver.ts';
import { ogrFeatureCount } from '../support/gdal.ts';
import { crashAfterFirst, startWorld, type World } from './world.ts';

const data = mkdtempSync(join(tmpdir(), 'lw-pipe-'));
let world: World;
let clean: { runId: string; results: Map<string, Buffer>; alertBody: any };

const key = (name: string) => `changes/2024/${name}.fgb`;
/** The upload every clean and fault case runs. */
const CLEAN = 'clean';

/** Runs one upload through the pipeline; returns its runId, result objects, alerts and run events. */
async function runUpload(name: string, steps: (w: World) => Promise<void> = async (w) => { await w.notify(key(name)); await w.drain(); }, upload = true) {
  if (upload) await world.upload(undefined, key(name));
  await steps(world);
  const events = (await world.messages(world.emu.queues.runEvents)).map((m) => JSON.parse(m.Body!));
  const alerts = await world.messages(world.emu.queues.alerts);
  const runId = events.find((e) => e.upload?.key === key(name))?.runId ?? events[0]?.runId;
  const results = await world.objects(`results/2024/431102/${runId}/`);
  return { runId, events, alerts, results };
}

/** A fault case: the clean upload (the same object, so the same time) again from an empty results bucket: the same
 * run from scratch. */
async function rerunClean(steps: (w: World) => Promise<void>) {
  await world.emptyResults();
  return runUpload(CLEAN, steps, false);
}

/** The same run id and the same result files, byte for byte. */
function sameResults(r: { runId: string; results: Map<string, Buffer> }) {
  expect(r.runId).toBe(clean.runId);
  expect([...r.results.keys()].sort()).toEqual([...clean.results.keys()].sort());
  for (const [k, v] of clean.results) expect(r.results.get(k)!.equals(v), k).toBe(true);
}

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', data, '--changes', '600', '--seed', '5']);
  expect(gen.code, gen.stderr).toBe(0);
  world = await startWorld(data, { tileMaxFeatures: 120 });
}, 180_000);

afterAll(async () => {
  await world?.close();
  rmSync(data, { recursive: true, force: true });
});

describe('serverless pipeline on emulators', () => {
  it('clean run: results, one valid alert per county, accepted + finished run events', async () => {
    const r = await runUpload(CLEAN);
    expect(r.runId).toMatch(/^2024-[0-9a-f]{12}$/);
    // the task packages (tasks/{township}.kml / .csv) are listed apart
    expect([...r.results.keys()].filter((k) => !k.includes('/tasks/')).map((k) => k.split('/').pop()).sort()).toEqual(
      ['balance.csv', 'detections.csv', 'detections.fgb', 'detections.qml', 'detections.xlsx', 'overlaps.fgb', 'report.html', 'summary.json'],
    );
    expect(r.alerts).toHaveLength(1);
    const alert = JSON.parse(r.alerts[0].Body!);
    validateCountyAlert(alert);
    expect(alert.alertBatchId).toBe(`${r.runId}:431102`);
    expect(alert.county).toEqual({ code: '431102', name: '零陵区' });
    expect(r.alerts[0].MessageAttributes?.countyCode?.StringValue).toBe('431102');
    expect(r.alerts[0].MessageAttributes?.schema?.StringValue).toBe('landwatch.county-alert/v2');
    expect(alert.files.links.report).toMatch(/^http/);
    expect(Date.parse(alert.files.links.expiresAt)).toBeGreaterThan(Date.now());
    // the link works and serves the report
    const page = await fetch(alert.files.links.report);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="lw-data"');
    // GDAL reads the result layer; its feature count is the alert's total
    const fgb = join(data, 'clean-detections.fgb');
    writeFileSync(fgb, r.results.get(alert.files.detections)!);
    expect(ogrFeatureCount(fgb)).toBe(alert.totals.detections);
    expect(alert.totals.detections).toBeGreaterThan(50);
    for (const e of r.events) validateRunEvent(e);
    expect(r.events.map((e) => e.type).sort()).toEqual(['accepted', 'finished']);
    const status = await world.getJson(`runs/${r.runId}/status.json`);
    expect(status.state).toBe('finished');
    clean = { runId: r.runId, results: r.results, alertBody: alert };
  });

  it('the CLI and the Lambdas write byte-identical result files for the same upload', async () => {
    // the same file, by the same name, with the upload's time as its modification time (the run's time)
    const changes = readdirSync(data).find((f) => f.endsWith('.fgb') && f.startsWith('DLTBGXGC'))!;
    const dir = join(data, 'cli-in');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${CLEAN}.fgb`);
    copyFileSync(join(data, changes), file);
    const head = await world.emu.s3.send(new HeadObjectCommand({ Bucket: world.emu.buckets.uploads, Key: key(CLEAN) }));
    utimesSync(file, head.LastModified!, head.LastModified!);
    const out = join(data, 'cli-out');
    const r = await runCli(['run', '--changes', file, '--layers', join(data, 'layers.json'), '--out', out, '--tile-size', '120', '--year', '2024', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const resultDir = join(out, 'results', '2024', '431102');
    expect(readdirSync(resultDir)).toEqual([clean.runId]);
    // the CLI also writes the alert its county office would receive as alert.json: the sent message but for the
    // bucket and the presigned links; every other file (the task packages under tasks/ too) is compared byte for byte
    const files = readdirSync(join(resultDir, clean.runId), { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(sep).join('/'))
      .filter((f) => f !== 'alert.json' && statSync(join(resultDir, clean.runId, f)).isFile())
      .sort();
    expect(files.map((f) => `results/2024/431102/${clean.runId}/${f}`)).toEqual([...clean.results.keys()].sort());
    const { bucket, links, ...sentFiles } = clean.alertBody.files;
    expect(JSON.parse(readFileSync(join(resultDir, clean.runId, 'alert.json'), 'utf8'))).toEqual({ ...clean.alertBody, files: sentFiles });
    expect([bucket, typeof links.report]).toEqual([world.emu.buckets.results, 'string']);
    for (const f of files) {
      const lambda = clean.results.get(`results/2024/431102/${clean.runId}/${f}`)!;
      expect(readFileSync(join(resultDir, clean.runId, f)).equals(lambda), f).toBe(true);
    }
  });

  it('same upload processed again: identical objects, no second alert', async () => {
    await world.notify(key('clean'));
    await world.drain();
    sameResults({ runId: clean.runId, results: await world.objects(`results/2024/431102/${clean.runId}/`) });
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(0);
    await world.messages(world.emu.queues.runEvents);
  });

  it('duplicate S3 event: one run, one alert', async () => {
    const r = await rerunClean(async (w) => {
      await w.notify(key(CLEAN));
      await w.notify(key(CLEAN));
      await w.drain();
    });
    expect(r.alerts).toHaveLength(1);
    expect(new Set(r.events.map((e) => e.runId)).size).toBe(1);
    sameResults(r);
  });

  it('a tile delivered twice: one alert, results as a clean run', async () => {
    const r = await rerunClean(async (w) => {
      await w.notify(key(CLEAN));
      // ingest only; then one tile job is sent a second time
      await pumpQueue(w.emu.queues.uploads, w.handlers.ingest, { batchSize: 1 });
    });
    const manifest = await world.getJson(`runs/${r.runId}/manifest.json`);
    for (const t of [manifest.tiles[0]]) {
      await world.emu.sqs.send(new SendMessageCommand({ QueueUrl: world.emu.queues.tiles, MessageBody: JSON.stringify({ schema: 'landwatch.tile-job/v1', runId: r.runId, tileId: t.tileId, manifestKey: `runs/${r.runId}/manifest.json` }) }));
    }
    await world.drain();
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(1);
    await world.messages(world.emu.queues.runEvents);
    sameResults({ runId: r.runId, results: await world.objects(`results/2024/431102/${r.runId}/`) });
  });

  it('tiles finishing at the same instant (parallel invocations): one alert', async () => {
    const r = await rerunClean(async (w) => {
      await w.notify(key(CLEAN));
      await w.drain({}, { tileConcurrency: 6 });
    });
    expect(r.alerts).toHaveLength(1);
    sameResults(r);
  });

  it('a crash after a tile wrote its output but before acknowledging: redelivered, one alert', async () => {
    const r = await rerunClean(async (w) => {
      await w.notify(key(CLEAN));
      await w.drain({ detectTile: crashAfterFirst(w.handlers.detectTile, () => true) });
    });
    expect(r.alerts).toHaveLength(1);
    sameResults(r);
  });

  it('finalize delivered twice (also after the FIFO dedup window): one alert', async () => {
    const r = await rerunClean(async (w) => {
      await w.notify(key(CLEAN));
      await w.drain({ finalize: crashAfterFirst(w.handlers.finalize, () => true) });
    });
    expect(r.alerts).toHaveLength(1);
    // a late duplicate with another deduplication id (as after SQS's 5-minute window)
    await world.emu.sqs.send(new SendMessageCommand({
      QueueUrl: world.emu.queues.finalize,
      MessageBody: JSON.stringify({ schema: 'landwatch.finalize-request/v1', runId: r.runId, manifestKey: `runs/${r.runId}/manifest.json` }),
      MessageGroupId: r.runId,
      MessageDeduplicationId: `${r.runId}-late`,
    }));
    await world.drain();
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(0);
    sameResults({ runId: r.runId, results: await world.objects(`results/2024/431102/${r.runId}/`) });
  });

  it('a poison tile ends in the DLQ with a tile-failed run event, a failed status and no alert', async () => {
    await world.upload(undefined, key('poison'));
    await world.notify(key('poison'));
    // ingest only, then remove a protection layer: every tile now fails for real (object not found)
    await pumpQueue(world.emu.queues.uploads, world.handlers.ingest, { batchSize: 1 });
    const registry = JSON.parse(await (await world.emu.s3.send(new GetObjectCommand({ Bucket: world.emu.buckets.reference, Key: world.emu.env.LANDWATCH_LAYERS_KEY }))).Body!.transformToString());
    await world.emu.s3.send(new DeleteObjectCommand({ Bucket: world.emu.buckets.reference, Key: registry.layers[0].path }));
    await world.drain();
    const events = (await world.messages(world.emu.queues.runEvents)).map((m) => JSON.parse(m.Body!));
    const runId = events.find((e) => e.type === 'accepted').runId;
    expect(events.some((e) => e.type === 'tile-failed' && e.runId === runId)).toBe(true);
    for (const e of events) validateRunEvent(e);
    expect((await world.messages(world.emu.queues.tilesDlq)).length).toBeGreaterThan(0);
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(0);
    expect((await world.getJson(`runs/${runId}/status.json`)).state).toBe('failed');
    expect((await world.objects(`results/2024/431102/${runId}/`)).size).toBe(0);
    // put the layer back for later cases
    await world.upload(undefined, key('poison'));
  });

  it('a rejected upload gets status.json with every reason and a rejected run event, nothing else', async () => {
    const bad = join(data, 'bad.fgb');
    writeFileSync(bad, 'this is not a FlatGeobuf');
    await world.upload(bad, key('rejected'));
    await world.notify(key('rejected'));
    await world.drain();
    const events = (await world.messages(world.emu.queues.runEvents)).map((m) => JSON.parse(m.Body!));
    expect(events).toHaveLength(1);
    validateRunEvent(events[0]);
    expect(events[0].type).toBe('rejected');
    expect(events[0].reasons.join('\n')).toMatch(/rejected\.fgb.*(magic|FlatGeobuf)/i);
    const objects = await world.objects(`runs/${events[0].runId}/`);
    expect([...objects.keys()]).toEqual([`runs/${events[0].runId}/status.json`]);
    expect(JSON.parse(objects.get(`runs/${events[0].runId}/status.json`)!.toString()).state).toBe('rejected');
    expect(await world.messages(world.emu.queues.alerts)).toHaveLength(0);
  });
});
