// landwatch aws status|rerun|redrive (docs/RUNBOOK.md): what a data team or operator does with a deployed run, through
// the AWS APIs. Configuration as for the functions: LANDWATCH_RESULTS_BUCKET, LANDWATCH_STATE_MACHINE_ARN, AWS_REGION,
// credentials from the usual chain (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SFN and LANDWATCH_S3_FORCE_PATH_STYLE=true
// point it at emulators).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, RedriveExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { RUN_ID_PATTERN } from '@landwatch/pipeline';
import { AwsUsageError } from './aws-usage.ts';

export { AWS_USAGE, AwsUsageError } from './aws-usage.ts';

interface AwsSettings {
  bucket: string;
  stateMachineArn: string;
  s3: S3Client;
  sfn: SFNClient;
}

function settings(env: NodeJS.ProcessEnv): AwsSettings {
  const bucket = env.LANDWATCH_RESULTS_BUCKET;
  const stateMachineArn = env.LANDWATCH_STATE_MACHINE_ARN;
  if (!bucket || !stateMachineArn) throw new AwsUsageError('set LANDWATCH_RESULTS_BUCKET and LANDWATCH_STATE_MACHINE_ARN (stack outputs) first');
  return {
    bucket,
    stateMachineArn,
    s3: new S3Client({ forcePathStyle: env.LANDWATCH_S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    sfn: new SFNClient({}),
  };
}

async function getJson(s: AwsSettings, key: string): Promise<any | undefined> {
  try {
    const body = await s.s3.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }));
    return JSON.parse(await body.Body!.transformToString());
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey' || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}

const executionArn = (s: AwsSettings, name: string) => `${s.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

async function execution(s: AwsSettings, name: string) {
  try {
    return await s.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(s, name) }));
  } catch (err) {
    if ((err as Error).name === 'ExecutionDoesNotExist') return undefined;
    throw err;
  }
}

/** The run id of a run id or of an upload key (through its by-upload pointer). */
async function runIdOf(s: AwsSettings, target: string): Promise<string> {
  if (RUN_ID_PATTERN.test(target) || /^unknown-[0-9a-f]{12}$/.test(target)) return target;
  const pointer = await getJson(s, `by-upload/${target}.json`);
  if (!pointer) throw new AwsUsageError(`no run for upload key ${target} (by-upload/${target}.json does not exist)`);
  return pointer.runId as string;
}

export async function awsCommand(args: readonly string[], out: (line: string) => void, env = process.env): Promise<number> {
  const [sub, target] = args;
  // one line, as every refusal of the command line (the usage is in `landwatch aws --help`)
  if (!sub || !target) throw new AwsUsageError('aws needs status, redrive or rerun and a RUN_ID (status: or an UPLOAD_KEY)');
  if (!['status', 'redrive', 'rerun'].includes(sub)) throw new AwsUsageError(`unknown aws command '${sub}': status, redrive or rerun`);
  const s = settings(env);
  const runId = await runIdOf(s, target);
  if (sub === 'status') {
    const status = await getJson(s, `runs/${runId}/status.json`);
    const e = await execution(s, runId);
    if (!status && !e) throw new AwsUsageError(`no run ${runId}`);
    out(JSON.stringify({ runId, state: status?.state ?? 'unknown', execution: e?.status ?? 'none', ...(status?.reason ? { reason: status.reason } : {}), ...(status?.reasons ? { reasons: status.reasons } : {}), ...(status?.counties ? { counties: status.counties } : {}) }, null, 2));
    return 0;
  }
  const e = await execution(s, runId);
  if (!e) throw new AwsUsageError(`run ${runId} has no execution (a rejected upload, or another deployment)`);
  if (sub === 'redrive') {
    if (e.status !== 'FAILED' && e.status !== 'TIMED_OUT' && e.status !== 'ABORTED') throw new AwsUsageError(`run ${runId} is ${e.status}: only a failed run can be redriven`);
    await s.sfn.send(new RedriveExecutionCommand({ executionArn: e.executionArn! }));
    out(`redriving ${runId}`);
    return 0;
  }
  if (e.status === 'RUNNING') throw new AwsUsageError(`run ${runId} is still running`);
  const name = `${runId}-rerun-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}`;
  await s.sfn.send(new StartExecutionCommand({ stateMachineArn: s.stateMachineArn, name, input: e.input }));
  out(`started ${name}`);
  return 0;
}
