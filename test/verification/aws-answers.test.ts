// The AWS path on the emulators, through the real handler: county offices put answer files under
// verification/{year}/{county}/ in the results bucket; functions/verify-answers/handler.ts validates each, records
// who sent it and rebuilds register/{county}/cases.csv. Two files handled at the same time both count; a file
// that cannot be read leaves the register as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators.ts';
import { s3EventNotification } from '../support/s3-notifications.ts';
import { fakeLambdaContext, lambdaRecord, type SqsHandler } from '../support/sqs-driver.ts';
import { answersFor, caseRows, taskRows } from './answer-files.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-aws-answers-'));
let emu: Emulators;
let restoreEnv: () => void;
let handler: SqsHandler;
let tasks: Record<string, string>[];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

beforeAll(async () => {
  expect((await runCli(['generate', '--out', join(work, 'data'), '--changes', '300', '--seed', '5'])).code).toBe(0);
  const changes = readdirSync(join(work, 'data')).find((f) => f.endsWith('.fgb'))!;
  const run = await runCli(['run', '--changes', join(work, 'data', changes), '--layers', join(work, 'data', 'layers.json'), '--out', join(work, 'out')]);
  expect(run.code, run.stderr).toBe(0);
  emu = await startEmulators();
  restoreEnv = applyEnv({ ...emu.env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
  handler = (await import('../../functions/verify-answers/handler.ts')).handler as unknown as SqsHandler;
  // the run's results, as finalize writes them into the results bucket (byte-identical to the CLI's)
  for (const file of walk(join(work, 'out', 'results'))) {
    await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.results, Key: relative(join(work, 'out'), file).split('\\').join('/'), Body: readFileSync(file) }));
  }
  const taskCsv = walk(join(work, 'out', 'results')).find((f) => f.endsWith('.csv') && f.includes('tasks'))!;
  tasks = taskRows(readFileSync(taskCsv));
});

afterAll(async () => {
  restoreEnv?.();
  await emu?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function upload(key: string, body: string | Uint8Array, principal: string): Promise<ReturnType<SqsHandler>> {
  const put = await emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.results, Key: key, Body: body }));
  const event = JSON.parse(s3EventNotification({ bucket: emu.buckets.results, key, etag: put.ETag!, size: typeof body === 'string' ? Buffer.byteLength(body) : body.length }));
  event.Records[0].userIdentity.principalId = principal;
  const record = lambdaRecord({ MessageId: `m-${key}`, ReceiptHandle: 'r', Body: JSON.stringify(event) }, 'arn:aws:sqs:us-east-1:000000000000:verification');
  return handler({ Records: [record] }, fakeLambdaContext());
}

async function registerCsv(): Promise<Buffer | undefined> {
  try {
    const got = await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: 'register/431102/cases.csv' }));
    return Buffer.from(await got.Body!.transformToByteArray());
  } catch {
    return undefined;
  }
}

describe('answer files on AWS (emulated S3, the real verify-answers handler)', () => {
  it('two answer files handled at the same time both count, each row naming its sender', async () => {
    const [a, b] = [tasks[0].alert_id, tasks[1].alert_id];
    const results = await Promise.all([
      upload('verification/2024/431102/team-a.csv', answersFor([{ alert_id: a, check_result: 'real', legality: 'illegal', deadline: '2025-05-01', checked_at: '2025-03-01' }]), 'AWS:AROACOUNTYA:clerk-a'),
      upload('verification/2024/431102/team-b.csv', answersFor([{ alert_id: b, check_result: 'false_change', checked_at: '2025-03-02' }]), 'AWS:AROACOUNTYB:clerk-b'),
    ]);
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    const rows = caseRows((await registerCsv())!);
    const byAlert = new Map(rows.map((r) => [r.last_alert_id, r]));
    expect([byAlert.get(a)!.status, byAlert.get(a)!.sent_by]).toEqual(['rectifying', 'AWS:AROACOUNTYA:clerk-a']);
    expect([byAlert.get(b)!.status, byAlert.get(b)!.sent_by]).toEqual(['false_change', 'AWS:AROACOUNTYB:clerk-b']);
    expect(rows.filter((r) => r.status === 'pending').length).toBe(rows.length - 2);
  });

  it('a repeated upload of the same file changes nothing', async () => {
    const before = await registerCsv();
    await upload('verification/2024/431102/team-a-again.csv', answersFor([{ alert_id: tasks[0].alert_id, check_result: 'real', legality: 'illegal', deadline: '2025-05-01', checked_at: '2025-03-01' }]), 'AWS:AROACOUNTYA:clerk-a');
    expect((await registerCsv())!.equals(before!)).toBe(true);
  });

  it('a file in GBK is rejected with its reason, the register unchanged', async () => {
    const before = await registerCsv();
    const gbk = Buffer.concat([Buffer.from(`alert_id,check_result,checked_at,responsible\r\n${tasks[2].alert_id},real,2025-03-01,`), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('\r\n')]);
    await upload('verification/2024/431102/gbk.csv', gbk, 'AWS:AROACOUNTYA:clerk-a');
    expect((await registerCsv())!.equals(before!)).toBe(true);
    const rejected = JSON.parse(
      await (await emu.s3.send(new GetObjectCommand({ Bucket: emu.buckets.results, Key: `register/431102/rejected/${(await import('node:crypto')).createHash('sha256').update(gbk).digest('hex')}.json` }))).Body!.transformToString(),
    );
    expect(rejected.reason).toBe('verification/2024/431102/gbk.csv: file is not UTF-8 (GBK or another encoding?); save it as CSV UTF-8 (逗号分隔 UTF-8)');
  });

  it('an answer file named .CSV counts like .csv; any other file under verification/ is ignored', async () => {
    const before = await registerCsv();
    // a photo beside the answers: acknowledged (nothing to retry), the register unchanged
    expect(await upload('verification/2024/431102/site-photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'AWS:AROACOUNTYA:clerk-a')).toEqual({ batchItemFailures: [] });
    expect((await registerCsv())!.equals(before!)).toBe(true);
    // the notification filters on the prefix only (S3's suffix filter is case-sensitive): the handler picks the CSVs
    const c = tasks[3].alert_id;
    expect(await upload('verification/2024/431102/TEAM-C.CSV', answersFor([{ alert_id: c, check_result: 'real', legality: 'legal', checked_at: '2025-03-07' }]), 'AWS:AROACOUNTYC:clerk-c')).toEqual({ batchItemFailures: [] });
    const row = caseRows((await registerCsv())!).find((r) => r.last_alert_id === c)!;
    expect([row.status, row.sent_by]).toEqual(['closed', 'AWS:AROACOUNTYC:clerk-c']);
  });
});
