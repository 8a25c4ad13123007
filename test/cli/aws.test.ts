// landwatch aws status|redrive|rerun against the S3 emulator and the Step Functions endpoint of the test harness.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.ts';
import { EMULATOR_CREDENTIALS, startEmulators, type Emulators } from '../support/emulators.ts';
import { startSfnEmulator, type SfnEmulator } from '../support/sfn-emulator.ts';

const RUN_ID = '2024-3f9c0a1b2c3d';
const KEY = 'changes/2024/零陵区.fgb';
const STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:LandWatchRun';
let emu: Emulators;
let sfn: SfnEmulator;
let attempts = 0;

function landwatch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_S3: emu.s3Endpoint,
        AWS_ENDPOINT_URL_SFN: sfn.endpoint,
        LANDWATCH_S3_FORCE_PATH_STYLE: 'true',
        LANDWATCH_RESULTS_BUCKET: emu.buckets.results,
        LANDWATCH_STATE_MACHINE_ARN: STATE_MACHINE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  emu = await startEmulators({ bucketPrefix: 'lw-aws-cli' });
  // the first attempt of the run fails (a poison tile), a redrive succeeds
  sfn = await startSfnEmulator(async () => {
    attempts++;
    if (attempts === 1) throw Object.assign(new Error('tile t00001 failed after its retries'), { name: 'RunFailed' });
    return { ok: true };
  });
  const put = (key: string, value: unknown) => emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.results, Key: key, Body: JSON.stringify(value) }));
  await put(`by-upload/${KEY}.json`, { key: KEY, etag: 'abc', runId: RUN_ID, statusKey: `runs/${RUN_ID}/status.json` });
  await put(`runs/${RUN_ID}/status.json`, { runId: RUN_ID, state: 'failed', tileId: 't00001', reason: 'InjectedCrash: tile t00001 is poison' });
  const client = new SFNClient({ region: 'us-east-1', endpoint: sfn.endpoint, credentials: EMULATOR_CREDENTIALS });
  await client.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE, name: RUN_ID, input: JSON.stringify({ runId: RUN_ID }) }));
  client.destroy();
  await sfn.settled();
});

afterAll(async () => {
  await sfn?.stop();
  await emu?.stop();
});

describe('landwatch aws', () => {
  it('status by upload key: the run id, the state from status.json with its reason, the execution status', async () => {
    const r = await landwatch(['aws', 'status', KEY]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ runId: RUN_ID, state: 'failed', execution: 'FAILED', reason: 'InjectedCrash: tile t00001 is poison' });
  });

  it('redrive a failed run: its execution runs again and succeeds', async () => {
    const r = await landwatch(['aws', 'redrive', RUN_ID]);
    expect(r.code, r.stderr).toBe(0);
    await sfn.settled();
    const e = sfn.executions.get(`${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${RUN_ID}`)!;
    expect([e.status, e.redriveCount]).toEqual(['SUCCEEDED', 1]);
  });

  it('rerun a finished run: a new execution with the same input; redriving a finished run is refused (exit 2)', async () => {
    const r = await landwatch(['aws', 'rerun', RUN_ID]);
    expect(r.code, r.stderr).toBe(0);
    await sfn.settled();
    const reruns = [...sfn.executions.values()].filter((e) => e.name.startsWith(`${RUN_ID}-rerun-`));
    expect(reruns.map((e) => [e.input, e.status])).toEqual([[JSON.stringify({ runId: RUN_ID }), 'SUCCEEDED']]);
    const refused = await landwatch(['aws', 'redrive', RUN_ID]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/SUCCEEDED: only a failed run can be redriven/);
  });

  it('an unknown upload key exits 2 naming it', async () => {
    const r = await landwatch(['aws', 'status', 'changes/2024/other.fgb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no run for upload key changes\/2024\/other\.fgb/);
  });
});
