// The deployed code path end to end through `npm run pipeline:local`: S3 and SQS emulators, the synthesized state
// machine executed by a local ASL interpreter, the real handlers — a clean run, then the fault matrix
// (docs/ORCHESTRATION.md, "Fault matrix"). Every fault case runs the clean run's upload and must give the clean
// run's run id, result files byte for byte, and exactly one alert per county.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCountyAlert, validateRunEvent } from '../../functions/lib/message-schemas.ts';
import { runCli } from '../support/cli.ts';
import { ogrFeatureCount } from '../support/gdal.ts';
import { runPipelineLocal, type PipelineLocalRun } from '../support/pipeline-local.ts';
import { zipEntries } from '../support/zip-entries.ts';

const data = mkdtempSync(join(tmpdir(), 'lw-pipe-'));
let changes: string;
let clean: PipelineLocalRun;
const COUNTY = '431102';

const run = (name: string, extra: string[] = []) =>
  runPipelineLocal(['--changes', changes, '--layers', join(data, 'layers.json'), '--year', '2024', '--tile-size', '120', ...extra], join(data, `out-${name}`));

/** The run's time (summary.json generatedAt): the upload's LastModified. */
const runTime = (r: PipelineLocalRun) => JSON.parse(r.results.get(`results/2024/${COUNTY}/${r.summary.runId}/summary.json`)!.toString()).generatedAt as string;

/** `text` with the run time `mine` (ISO, as summary.json has it, and as the workbook's document properties have it:
 * without milliseconds) set to `theirs`. */
function withRunTime(text: string, mine: string, theirs: string): string {
  const seconds = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
  return text.split(mine).join(theirs).split(seconds(mine)).join(seconds(theirs));
}

/** The clean run's id, result files byte for byte, and one valid alert for the county. Each case uploads the file
 * anew, so its run's time (S3's LastModified, in summary.json, report.html and the workbook's properties and zip entry
 * dates) is its own: that one string is set to the clean run's before text files are compared, and a workbook is
 * compared member by member the same way; every other byte must be equal. */
async function likeClean(r: PipelineLocalRun) {
  expect(r.code, r.stderr).toBe(0);
  expect(r.summary.runId).toBe(clean.summary.runId);
  expect([...r.results.keys()].sort()).toEqual([...clean.results.keys()].sort());
  const [mine, theirs] = [runTime(r), runTime(clean)];
  for (const [k, v] of clean.results) {
    const bytes = r.results.get(k)!;
    if (k.endsWith('.xlsx')) {
      const [got, want] = [await zipEntries(bytes), await zipEntries(v)];
      expect([...got.keys()], k).toEqual([...want.keys()]);
      for (const [name, member] of want) expect(withRunTime(got.get(name)!.toString('utf8'), mine, theirs) === member.toString('utf8'), `${k} ${name}`).toBe(true);
      continue;
    }
    const got = /\.(json|html|csv|kml)$/.test(k) ? Buffer.from(withRunTime(bytes.toString('utf8'), mine, theirs)) : bytes;
    expect(got.equals(v), k).toBe(true);
  }
  expect(r.alerts[COUNTY]).toHaveLength(1);
  validateCountyAlert(r.alerts[COUNTY][0]);
  expect(r.alerts[COUNTY][0].alertBatchId).toBe(`${clean.summary.runId}:${COUNTY}`);
}

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', data, '--changes', '600', '--seed', '5']);
  expect(gen.code, gen.stderr).toBe(0);
  changes = join(data, readdirSync(data).find((f) => f.endsWith('.fgb'))!);
}, 180_000);

afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('pipeline:local (the deployed code path on emulators)', () => {
  it('clean run: one execution named after the run, results, one valid alert on the county queue, accepted + finished run events', async () => {
    clean = await run('clean');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.summary.runId).toMatch(/^2024-[0-9a-f]{12}$/);
    expect(clean.summary.executions).toEqual([{ name: clean.summary.runId, status: 'SUCCEEDED' }]);
    const files = [...clean.results.keys()].filter((k) => k.startsWith(`results/2024/${COUNTY}/${clean.summary.runId}/`));
    // the task packages (tasks/{township}.kml / .csv) are listed apart
    expect(files.filter((k) => !k.includes('/tasks/')).map((k) => k.split('/').pop()).sort()).toEqual(
      ['balance.csv', 'detections.csv', 'detections.fgb', 'detections.qml', 'detections.xlsx', 'overlaps.fgb', 'report.html', 'summary.json'],
    );
    expect(files.some((k) => k.includes('/tasks/'))).toBe(true);
    expect(Object.keys(clean.alerts)).toEqual([COUNTY]);
    expect(clean.alerts[COUNTY]).toHaveLength(1);
    const alert = clean.alerts[COUNTY][0];
    validateCountyAlert(alert);
    expect(alert.schema).toBe('landwatch.county-alert/v2');
    expect(alert.alertBatchId).toBe(`${clean.summary.runId}:${COUNTY}`);
    expect(alert.county).toEqual({ code: COUNTY, name: '零陵区' });
    expect(alert.files.links.report).toMatch(/^http/);
    expect(Date.parse(alert.files.links.expiresAt)).toBeGreaterThan(Date.now());
    // GDAL reads the result layer; its feature count is the alert's total
    const fgb = join(data, 'clean-detections.fgb');
    writeFileSync(fgb, clean.results.get(alert.files.detections)!);
    expect(ogrFeatureCount(fgb)).toBe(alert.totals.detections);
    for (const e of clean.runEvents) validateRunEvent(e);
    expect(clean.runEvents.map((e) => e.type)).toEqual(['accepted', 'finished']);
  });

  it('the CLI and the Lambdas write byte-identical result files for the same upload', async () => {
    // the same bytes by the same name, with the upload's time (the run's time, summary.json generatedAt) as mtime
    const summary = JSON.parse(clean.results.get(`results/2024/${COUNTY}/${clean.summary.runId}/summary.json`)!.toString());
    const dir = join(data, 'cli-in');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, changes.split('/').pop()!);
    copyFileSync(changes, file);
    const when = new Date(summary.run?.generatedAt ?? summary.generatedAt);
    utimesSync(file, when, when);
    const out = join(data, 'cli-out');
    const r = await runCli(['run', '--changes', file, '--layers', join(data, 'layers.json'), '--out', out, '--tile-size', '120', '--year', '2024', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const resultDir = join(out, 'results', '2024', COUNTY);
    const runId = clean.summary.runId!;
    expect(readdirSync(resultDir)).toEqual([runId]);
    // the CLI also writes the alert its county office would receive as alert.json: the sent message but for the
    // bucket and the presigned links; every other file (the task packages under tasks/ too) is compared byte for byte
    const files = readdirSync(join(resultDir, runId), { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(sep).join('/'))
      .filter((f) => f !== 'alert.json' && statSync(join(resultDir, runId, f)).isFile())
      .sort();
    expect(files.map((f) => `results/2024/${COUNTY}/${runId}/${f}`)).toEqual([...clean.results.keys()].sort());
    const { bucket, links, ...sentFiles } = clean.alerts[COUNTY][0].files;
    expect(JSON.parse(readFileSync(join(resultDir, runId, 'alert.json'), 'utf8'))).toEqual({ ...clean.alerts[COUNTY][0], files: sentFiles });
    expect([typeof bucket, typeof links.report]).toEqual(['string', 'string']);
    for (const f of files) {
      expect(readFileSync(join(resultDir, runId, f)).equals(clean.results.get(`results/2024/${COUNTY}/${runId}/${f}`)!), f).toBe(true);
    }
  });

  it('duplicate S3 event: ingest runs twice, one execution, one alert', async () => {
    const r = await run('duplicate', ['--faults', 'duplicate-event']);
    await likeClean(r);
    expect(r.summary.executions).toHaveLength(1);
    expect(r.runEvents.filter((e) => e.type === 'finished')).toHaveLength(1);
  });

  it('a tile delivered twice: one alert, results as a clean run', async () => {
    await likeClean(await run('redeliver', ['--faults', 'redeliver-tile']));
  });

  it('a crash before the alert claim: the retry claims and sends, one alert', async () => {
    await likeClean(await run('crash-before-claim', ['--faults', 'crash-before-alert-claim']));
  });

  it('a crash after the alert was sent: the retry finds the claim, still one alert', async () => {
    await likeClean(await run('crash-after-send', ['--faults', 'crash-after-alert-send']));
  });

  it('the same bytes uploaded again with another part size: the same run, no second alert', async () => {
    const r = await run('reupload', ['--faults', 'reupload-other-part-size']);
    await likeClean(r);
    expect(r.summary.executions).toHaveLength(1);
  });

  it('a poison tile fails the run after its retries: failed status and run event, no alert, exit 1', async () => {
    const r = await run('poison', ['--faults', 'poison-tile']);
    expect(r.code).toBe(1);
    expect(r.summary.state).toBe('failed');
    expect(r.summary.executions.map((e) => e.status)).toEqual(['FAILED']);
    expect(r.alerts[COUNTY]).toEqual([]);
    expect([...r.results.keys()]).toEqual([]);
    for (const e of r.runEvents) validateRunEvent(e);
    expect(r.runEvents.map((e) => e.type)).toEqual(['accepted', 'tile-failed']);
    expect(r.runEvents[1].reason).toMatch(/poison/);
  });

  it('a rejected upload: exit 2 with every reason, a rejected run event, no execution, nothing else', async () => {
    const bad = join(data, 'bad.fgb');
    writeFileSync(bad, 'this is not a FlatGeobuf');
    const r = await runPipelineLocal(['--changes', bad, '--layers', join(data, 'layers.json'), '--year', '2024', '--counties', COUNTY], join(data, 'out-rejected'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.fgb.*(magic|FlatGeobuf)/i);
    expect(r.summary.executions).toEqual([]);
    expect(r.runEvents.map((e) => e.type)).toEqual(['rejected']);
    validateRunEvent(r.runEvents[0]);
    expect(r.alerts[COUNTY]).toEqual([]);
    expect(r.results.size).toBe(0);
  });

  it('a county without its own queue: the alert is parked in the unrouted queue, never dropped', async () => {
    const r = await run('unrouted', ['--counties', '431103']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.alerts['431103']).toEqual([]);
    expect(r.alerts.unrouted).toHaveLength(1);
    expect(r.alerts.unrouted[0].county.code).toBe(COUNTY);
  });
});
