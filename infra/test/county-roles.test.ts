// County office roles on the synthesized templates: each county's role reads only its own results and register,
// writes only its own answer prefix and consumes only its own alert queue. The statements are pinned exactly, then
// evaluated as IAM would (wildcards `*` and `?`, the s3:prefix condition of ListBucket) against the keys and queues
// of its own county and of the other one.
import { beforeAll, describe, expect, it } from 'vitest';
import { asList, resourcesOfType, synthLandWatch, TEST_COUNTY_CODES, type SynthesizedLandWatch } from './synth-landwatch.ts';

let synth: SynthesizedLandWatch;
beforeAll(() => {
  synth = synthLandWatch();
});

interface Statement {
  readonly effect: string;
  readonly actions: string[];
  /** readable resources: `results-bucket/results/????/431102/*`, `arn:Ref(AWS::Partition):sqs:…:landwatch-alerts-431102.fifo` */
  readonly resources: string[];
  /** the StringLike s3:prefix condition, if any */
  readonly prefixes?: string[];
}

/** Every statement of every policy (inline or attached) of a county's role in the stateful template. */
function countyRoleStatements(code: string): Statement[] {
  const t = synth.statefulTemplate;
  const found = resourcesOfType(t, 'AWS::IAM::Role').filter(([id]) => synth.describe({ Ref: id }) === `county-${code}-role`);
  expect(found, code).toHaveLength(1);
  const [[roleId, role]] = found;
  expect(role.Properties!.ManagedPolicyArns, code).toBeUndefined();
  const inline = asList<any>(role.Properties!.Policies).flatMap((p) => p.PolicyDocument.Statement);
  const attached = resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => asList(p.Properties!.Roles).some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties!.PolicyDocument.Statement as any[]);
  return [...inline, ...attached].map((s) => {
    // only the s3:prefix condition of ListBucket is expected: anything else would be evaluated wrongly below
    if (s.Condition !== undefined) expect(Object.keys(s.Condition)).toEqual(['StringLike']);
    if (s.Condition !== undefined) expect(Object.keys(s.Condition.StringLike)).toEqual(['s3:prefix']);
    expect(s.NotAction ?? s.NotResource ?? s.Principal).toBeUndefined();
    return {
      effect: s.Effect,
      actions: asList<string>(s.Action),
      resources: asList(s.Resource).map(synth.describe),
      ...(s.Condition ? { prefixes: asList<string>(s.Condition.StringLike['s3:prefix']) } : {}),
    };
  });
}

/** A county alert queue's ARN as the stateful stack builds it from the stateless template's QueueName. */
function queueArn(queue: string): string {
  const [, q] = resourcesOfType(synth.statelessTemplate, 'AWS::SQS::Queue').find(([id]) => synth.describe({ Ref: id }) === queue)!;
  return `arn:Ref(AWS::Partition):sqs:Ref(AWS::Region):Ref(AWS::AccountId):${q.Properties!.QueueName}`;
}

/** IAM's string matching in resources and StringLike: `*` any run of characters (`/` included), `?` one character. */
function iamLike(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

/** Whether the county's role may do `action` on `resource` (with `prefix` for ListBucket), as IAM decides it here:
 * no Deny in these policies, so an Allow whose action, resource and condition all match. */
function allows(code: string, action: string, resource: string, prefix?: string): boolean {
  return countyRoleStatements(code).some(
    (s) =>
      s.effect === 'Allow' &&
      s.actions.includes(action) &&
      s.resources.some((r) => iamLike(r, resource)) &&
      (s.prefixes === undefined || (prefix !== undefined && s.prefixes.some((p) => iamLike(p, prefix)))),
  );
}

const QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

describe('county office roles', () => {
  it('exist once per configured county code, and follow the countyCodes context value', () => {
    const described = (s: SynthesizedLandWatch) => resourcesOfType(s.statefulTemplate, 'AWS::IAM::Role').map(([, r]) => r.Properties!.Description);
    expect(described(synth)).toHaveLength(TEST_COUNTY_CODES.length);
    expect(described(synthLandWatch({ countyCodes: '431121' }))).toEqual([
      'LandWatch: county office 431121 (its results, its alert queue, its answer files and register)',
    ]);
  });

  for (const code of TEST_COUNTY_CODES) {
    it(`county ${code}: exactly its results, its register, its answer prefix and its alert queue (by name, in the stack's partition)`, () => {
      const lines = countyRoleStatements(code)
        .flatMap((s) => s.actions.flatMap((a) => s.resources.map((r) => `${s.effect} ${a} ${r}${s.prefixes ? ` if ${JSON.stringify(s.prefixes)}` : ''}`)))
        .sort();
      const queue = `arn:Ref(AWS::Partition):sqs:Ref(AWS::Region):Ref(AWS::AccountId):landwatch-alerts-${code}.fifo`;
      expect(lines).toEqual(
        [
          `Allow s3:GetObject results-bucket/results/????/${code}/*`,
          `Allow s3:ListBucket results-bucket if ${JSON.stringify([`results/????/${code}/*`])}`,
          `Allow s3:PutObject results-bucket/verification/????/${code}/*`,
          `Allow s3:GetObject results-bucket/register/${code}/*`,
          `Allow s3:ListBucket results-bucket if ${JSON.stringify([`verification/????/${code}/*`, `register/${code}/*`])}`,
          ...QUEUE_ACTIONS.map((a) => `Allow ${a} ${queue}`),
        ].sort(),
      );
      // the name the role is granted on is the queue the stateless stack creates for the county
      expect(queueArn(`alerts-${code}-queue`)).toBe(queue);
    });
  }

  describe('evaluated for county 431102 against its own county and 431103', () => {
    const own = '431102';
    const other = '431103';
    const obj = (key: string) => `results-bucket/${key}`;

    it('writes its answer files, and no answer file of another county, even one nested under its own code', () => {
      expect(allows(own, 's3:PutObject', obj(`verification/2025/${own}/answers.csv`))).toBe(true);
      expect(allows(own, 's3:PutObject', obj(`verification/2025/${other}/answers.csv`))).toBe(false);
      // `verification/*/431102/*` would match this key in county 431103's folder; `????` does not
      expect(allows(own, 's3:PutObject', obj(`verification/2025/${other}/${own}/answers.csv`))).toBe(false);
      expect(allows(own, 's3:PutObject', obj(`results/2025/${own}/2025-3f9c0a1b2c3d/report.html`))).toBe(false);
      expect(allows(own, 's3:PutObject', obj(`register/${own}/cases.csv`))).toBe(false);
    });

    it('reads its results and register, not those of another county, nor the work files of runs', () => {
      expect(allows(own, 's3:GetObject', obj(`results/2025/${own}/2025-3f9c0a1b2c3d/report.html`))).toBe(true);
      expect(allows(own, 's3:GetObject', obj(`register/${own}/cases.csv`))).toBe(true);
      expect(allows(own, 's3:GetObject', obj(`results/2025/${other}/2025-3f9c0a1b2c3d/report.html`))).toBe(false);
      expect(allows(own, 's3:GetObject', obj(`results/2025/${other}/${own}/report.html`))).toBe(false);
      expect(allows(own, 's3:GetObject', obj(`register/${other}/cases.csv`))).toBe(false);
      expect(allows(own, 's3:GetObject', obj(`verification/2025/${other}/answers.csv`))).toBe(false);
      expect(allows(own, 's3:GetObject', obj('runs/2025-3f9c0a1b2c3d/manifest.json'))).toBe(false);
    });

    it('lists only its own prefixes', () => {
      expect(allows(own, 's3:ListBucket', 'results-bucket', `results/2025/${own}/`)).toBe(true);
      expect(allows(own, 's3:ListBucket', 'results-bucket', `register/${own}/`)).toBe(true);
      expect(allows(own, 's3:ListBucket', 'results-bucket', `verification/2025/${own}/`)).toBe(true);
      expect(allows(own, 's3:ListBucket', 'results-bucket', `results/2025/${other}/`)).toBe(false);
      expect(allows(own, 's3:ListBucket', 'results-bucket', `register/${other}/`)).toBe(false);
      expect(allows(own, 's3:ListBucket', 'results-bucket', 'results/')).toBe(false);
      expect(allows(own, 's3:ListBucket', 'results-bucket')).toBe(false);
    });

    it('receives and deletes from its own alert queue only: not from another county\'s, the DLQs or the unrouted queue; sends nowhere', () => {
      for (const action of QUEUE_ACTIONS) expect(allows(own, action, queueArn(`alerts-${own}-queue`)), action).toBe(true);
      for (const queue of [`alerts-${other}-queue`, `alerts-${own}-dlq`, `alerts-${other}-dlq`, 'alerts-unrouted-queue', 'run-events-data-queue']) {
        for (const action of QUEUE_ACTIONS) expect(allows(own, action, queueArn(queue)), `${action} ${queue}`).toBe(false);
      }
      expect(allows(own, 'sqs:SendMessage', queueArn(`alerts-${own}-queue`))).toBe(false);
      expect(allows(own, 'sqs:PurgeQueue', queueArn(`alerts-${own}-queue`))).toBe(false);
    });
  });
});
