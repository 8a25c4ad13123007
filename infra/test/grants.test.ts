// Least privilege: parse every policy statement of each function's role and compare with the decided grants.
import { beforeAll, describe, expect, it } from 'vitest';
import { asList, resourcesOfType, type SynthesizedLandWatch, synthLandWatch } from './synth-landwatch.ts';

let synth: SynthesizedLandWatch;
beforeAll(() => {
  synth = synthLandWatch();
});

/** Every Allow of a role as `action resource` lines; throws on anything a function role must not have. */
function grantsOf(roleName: string): string[] {
  const template = synth.statelessTemplate;
  const [roleId, role] = resourcesOfType(template, 'AWS::IAM::Role').find(([id]) => synth.describe({ Ref: id }) === roleName)!;
  expect(role.Properties!.ManagedPolicyArns, `${roleName} managed policies`).toBeUndefined();
  expect(role.Properties!.Policies, `${roleName} inline policies`).toBeUndefined();
  const statements = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => asList(policy.Properties!.Roles).some((r: any) => r.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[]);
  const lines: string[] = [];
  for (const statement of statements) {
    expect(statement.Effect).toBe('Allow');
    expect(statement.Condition).toBeUndefined();
    expect(statement.NotAction ?? statement.NotResource).toBeUndefined();
    for (const action of asList<string>(statement.Action)) {
      for (const resource of asList(statement.Resource)) lines.push(`${action} ${synth.describe(resource)}`);
    }
  }
  return lines.sort();
}

const LOGS = (fn: string) => [`logs:CreateLogStream ${fn}-log-group`, `logs:PutLogEvents ${fn}-log-group`];
const CONSUME = (queue: string) =>
  ['ChangeMessageVisibility', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ReceiveMessage'].map(
    (action) => `sqs:${action} ${queue}`,
  );
const SEND = (queue: string) => ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map((a) => `sqs:${a} ${queue}`);
const READ = (keys: string) => [`s3:GetObject ${keys}`];
const WRITE = (keys: string) => [`s3:AbortMultipartUpload ${keys}`, `s3:PutObject ${keys}`];
const LIST = (bucket: string) => [`s3:ListBucket ${bucket}`];

const SEND_ALERTS = ['alerts-431102-queue', 'alerts-431103-queue', 'alerts-unrouted-queue'].flatMap(SEND);

describe('function roles allow exactly the decided actions on exactly the decided prefixes', () => {
  it('ingest: read changes/* (by version), read reference *, read+write results runs/*, write by-upload/*, start the run, send run events', () => {
    expect(grantsOf('ingest-role')).toEqual(
      [
        ...LOGS('ingest'),
        ...CONSUME('uploads-queue'),
        ...READ('uploads-bucket/changes/*'),
        's3:GetObjectVersion uploads-bucket/changes/*',
        ...READ('reference-bucket/*'),
        ...READ('results-bucket/runs/*'),
        ...WRITE('results-bucket/runs/*'),
        ...WRITE('results-bucket/by-upload/*'),
        'states:StartExecution run-state-machine',
        ...SEND('run-events-data-queue'),
      ].sort(),
    );
  });

  it('detect-tile: read uploads changes/* (by version), read+write results runs/*, read reference *, send run events', () => {
    expect(grantsOf('detect-tile-role')).toEqual(
      [
        ...LOGS('detect-tile'),
        ...READ('uploads-bucket/changes/*'),
        's3:GetObjectVersion uploads-bucket/changes/*',
        ...READ('results-bucket/runs/*'),
        ...WRITE('results-bucket/runs/*'),
        ...READ('reference-bucket/*'),
        ...LIST('results-bucket'),
        ...SEND('run-events-data-queue'),
      ].sort(),
    );
  });

  it('finalize: read runs/*, read+write results/* and alert-claims/*, read register/* (answers), send to the county and unrouted alert queues', () => {
    expect(grantsOf('finalize-role')).toEqual(
      [
        ...LOGS('finalize'),
        ...READ('results-bucket/runs/*'),
        ...READ('results-bucket/results/*'),
        ...WRITE('results-bucket/results/*'),
        ...READ('results-bucket/alert-claims/*'),
        ...WRITE('results-bucket/alert-claims/*'),
        ...READ('results-bucket/register/*'),
        ...LIST('results-bucket'),
        ...SEND_ALERTS,
      ].sort(),
    );
  });

  it('verify-answers: read verification/* (by version), read results/*, read+write register/*, consume the answers queue', () => {
    expect(grantsOf('verify-answers-role')).toEqual(
      [
        ...LOGS('verify-answers'),
        ...CONSUME('answers-queue'),
        ...READ('results-bucket/verification/*'),
        's3:GetObjectVersion results-bucket/verification/*',
        ...READ('results-bucket/results/*'),
        ...READ('results-bucket/register/*'),
        ...WRITE('results-bucket/register/*'),
        ...LIST('results-bucket'),
      ].sort(),
    );
  });

  it('run-outcome: read+write results runs/*, send run events', () => {
    expect(grantsOf('run-outcome-role')).toEqual(
      [...LOGS('run-outcome'), ...READ('results-bucket/runs/*'), ...WRITE('results-bucket/runs/*'), ...SEND('run-events-data-queue')].sort(),
    );
  });
});

describe('no function role holds a broad grant', () => {
  it('has no wildcard action and no "*" resource', () => {
    for (const role of ['ingest-role', 'detect-tile-role', 'finalize-role', 'run-outcome-role', 'verify-answers-role']) {
      for (const line of grantsOf(role)) {
        const [action, resource] = line.split(' ');
        expect(action, line).not.toContain('*');
        expect(resource, line).not.toBe('*');
      }
    }
  });

  it('lets nothing but the S3 notification helper touch bucket configuration, of the uploads and results buckets', () => {
    const configurationActions = resourcesOfType(synth.statelessTemplate, 'AWS::IAM::Policy')
      .flatMap(([id, policy]) =>
        (policy.Properties!.PolicyDocument.Statement as any[]).flatMap((s) =>
          asList<string>(s.Action).map((action) => ({ id, action, resource: synth.describe(s.Resource) })),
        ),
      )
      .filter(({ action }) => /^s3:(Put|Get)Bucket/.test(action));
    expect(configurationActions.map(({ action, resource }) => `${action} ${resource}`).sort()).toEqual([
      's3:GetBucketNotification results-bucket',
      's3:GetBucketNotification uploads-bucket',
      's3:PutBucketNotification results-bucket',
      's3:PutBucketNotification uploads-bucket',
    ]);
  });
});
