// cdk-nag AwsSolutions: zero unacknowledged findings, every acknowledgement specific, justified and needed.
import { Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFromContext } from '../config.ts';
import { addLandWatch } from '../landwatch.ts';
import { LandWatchNagChecks } from '../nag-checks.ts';
import { createTestApp, type SynthesizedLandWatch, synthLandWatch } from './synth-landwatch.ts';

interface Acknowledgement {
  /** Construct path the acknowledgement is attached to. */
  readonly path: string;
  /** Rule id, possibly with a finding: `AwsSolutions-IAM5[Resource::…]`. */
  readonly id: string;
  readonly reason: string;
}

function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  const found = new Map<string, Acknowledgement>();
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const id = key.replace(/^annotation::/i, '');
        found.set(`${construct.node.path} ${id}`, { path: construct.node.path, id, reason });
      }
    }
  }
  return [...found.values()];
}

/** Every AwsSolutions finding as if nothing were acknowledged (test-only: disables the pack's ack lookup). */
function rawFindings(root: IConstruct): { ruleName: string; path: string }[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack
    .validateScope(root)
    .violations.flatMap((v) => v.violatingResources.map((r) => ({ ruleName: v.ruleName, path: r.constructPath! })));
}

/** `AwsSolutions-IAM5[Resource::<ResultsBucket….Arn>/runs/*]` → `AwsSolutions-IAM5[Resource::results-bucket/runs/*]`. */
function readableFinding(id: string): string {
  const match = /^(AwsSolutions-IAM5\[Resource::)(\{.*\}\}|<[^>]*>)(\/.*\])$/.exec(id);
  if (match === null) return id;
  const bucket = /(Uploads|Reference|Results)Bucket/.exec(match[2]);
  return `${match[1]}${bucket === null ? match[2] : `${bucket[1].toLowerCase()}-bucket`}${match[3]}`;
}

let synth: SynthesizedLandWatch;
let acknowledgements: Acknowledgement[];
beforeAll(() => {
  // Throws if cdk-nag (registered by addLandWatch) reports anything unacknowledged.
  synth = synthLandWatch();
  acknowledgements = acknowledgementsIn(synth.app);
});

describe('cdk-nag AwsSolutions', () => {
  it('reports zero unacknowledged findings', () => {
    const report = new LandWatchNagChecks().validateScope(synth.app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('runs inside synth: an unacknowledged finding makes synth throw', () => {
    const app = createTestApp();
    const { stateful } = addLandWatch(app, configFromContext(app.node));
    new Bucket(stateful, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it('acknowledges only what the decided design needs, on the constructs that need it', () => {
    const summary = acknowledgements
      .map(({ path, id }) => `${readableFinding(id)} @ ${path}`)
      .sort();
    expect(summary).toEqual(
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ LandWatchStateless/BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
        'AwsSolutions-IAM5[Resource::reference-bucket/*] @ LandWatchStateless/DetectTile/Role',
        'AwsSolutions-IAM5[Resource::reference-bucket/*] @ LandWatchStateless/Ingest/Role',
        'AwsSolutions-IAM5[Resource::uploads-bucket/changes/*] @ LandWatchStateless/Ingest/Role',
        'AwsSolutions-IAM5[Resource::uploads-bucket/changes/*] @ LandWatchStateless/DetectTile/Role',
        // county office roles: their own results, register and answer prefix (infra/test/county-roles.test.ts)
        'AwsSolutions-IAM5[Resource::results-bucket/results/????/431102/*] @ LandWatchStateful/CountyReadRoles/County431102Reader',
        'AwsSolutions-IAM5[Resource::results-bucket/results/????/431103/*] @ LandWatchStateful/CountyReadRoles/County431103Reader',
        'AwsSolutions-IAM5[Resource::results-bucket/register/431102/*] @ LandWatchStateful/CountyReadRoles/County431102Reader',
        'AwsSolutions-IAM5[Resource::results-bucket/register/431103/*] @ LandWatchStateful/CountyReadRoles/County431103Reader',
        'AwsSolutions-IAM5[Resource::results-bucket/verification/????/431102/*] @ LandWatchStateful/CountyReadRoles/County431102Reader',
        'AwsSolutions-IAM5[Resource::results-bucket/verification/????/431103/*] @ LandWatchStateful/CountyReadRoles/County431103Reader',
        // verify-answers: any county's answer files, runs' results and register; finalize reads the registers
        'AwsSolutions-IAM5[Resource::results-bucket/verification/*] @ LandWatchStateless/Verification/VerifyAnswers/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/results/*] @ LandWatchStateless/Verification/VerifyAnswers/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/register/*] @ LandWatchStateless/Verification/VerifyAnswers/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/register/*] @ LandWatchStateless/Finalize/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/results/*] @ LandWatchStateless/Finalize/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/alert-claims/*] @ LandWatchStateless/Finalize/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/by-upload/*] @ LandWatchStateless/Ingest/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/runs/*] @ LandWatchStateless/DetectTile/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/runs/*] @ LandWatchStateless/Finalize/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/runs/*] @ LandWatchStateless/Ingest/Role',
        'AwsSolutions-IAM5[Resource::results-bucket/runs/*] @ LandWatchStateless/RunOutcome/Role',
        // the state machine: the ItemReader's tile lists, LambdaInvoke's function:* (versions), X-Ray/log delivery
        // (no resource-level permissions), the Distributed Map's own child executions
        'AwsSolutions-IAM5[Resource::results-bucket/runs/*] @ LandWatchStateless/Run/StateMachine/Role',
        'AwsSolutions-IAM5[Resource::*] @ LandWatchStateless/Run/StateMachine/Role',
        'AwsSolutions-IAM5[Resource::<DetectTileFunctionF268F1D0.Arn>:*] @ LandWatchStateless/Run/StateMachine/Role',
        'AwsSolutions-IAM5[Resource::<FinalizeFunctionCDCF3A30.Arn>:*] @ LandWatchStateless/Run/StateMachine/Role',
        'AwsSolutions-IAM5[Resource::<RunOutcomeFunction44DE54A0.Arn>:*] @ LandWatchStateless/Run/StateMachine/Role',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"RunStateMachine106B9D3D"}]}]}:*] @ LandWatchStateless/Run/StateMachine',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"RunStateMachine106B9D3D"}]}]}/*:*] @ LandWatchStateless/Run/StateMachine',
        'AwsSolutions-L1 @ LandWatchStateless/DetectTile/Function',
        'AwsSolutions-L1 @ LandWatchStateless/Finalize/Function',
        'AwsSolutions-L1 @ LandWatchStateless/Ingest/Function',
        'AwsSolutions-L1 @ LandWatchStateless/RunOutcome/Function',
        'AwsSolutions-L1 @ LandWatchStateless/Verification/VerifyAnswers/Function',
      ].sort(),
    );
  });

  it('acknowledges wildcard permissions finding by finding, never the whole IAM5 rule', () => {
    for (const { id, path } of acknowledgements.filter((a) => a.id.startsWith('AwsSolutions-IAM5'))) {
      // a key pattern, a function's versions (ARN:*), the Map's child executions, or — on the state machine role
      // only — the X-Ray and log-delivery actions that have no resource-level permissions
      if (id === 'AwsSolutions-IAM5[Resource::*]') expect(path).toBe('LandWatchStateless/Run/StateMachine/Role');
      else expect(id, path).toMatch(/^AwsSolutions-IAM5\[Resource::.+[/:][^[\]]*\*\]$/);
    }
  });

  it('gives every acknowledgement a specific written reason', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, path, reason } of acknowledgements) {
      expect(reason.trim().length, `${id} @ ${path}`).toBeGreaterThanOrEqual(60);
    }
  });

  it('has no stale acknowledgement: each one silences at least one real finding below it', () => {
    const findings = rawFindings(synth.app);
    for (const { id, path } of acknowledgements) {
      const silenced = findings.filter((f) => f.ruleName === id && (f.path === path || f.path.startsWith(`${path}/`)));
      expect(silenced.length, `${id} @ ${path}`).toBeGreaterThan(0);
    }
  });
});

describe('stacks', () => {
  it('are environment-agnostic (no account or region lookups), so synth works offline', () => {
    for (const stack of [synth.stateful, synth.stateless]) {
      expect(Stack.of(stack).environment).toBe('aws://unknown-account/unknown-region');
    }
    expect(synth.assembly.manifest.missing ?? []).toEqual([]);
  });

  it('name the partition with AWS::Partition, never a literal arn:aws: (provinces deploy in aws-cn), and the domain with AWS::URLSuffix', () => {
    for (const template of [synth.statefulTemplate, synth.statelessTemplate]) {
      const text = JSON.stringify(template);
      expect(text).not.toMatch(/arn:aws[:-]/);
      expect(text).toContain('{"Ref":"AWS::Partition"}');
      // amazonaws.com appears only in service principals (the same names in China), never in an endpoint
      expect(text.match(/[a-z0-9.-]*amazonaws\.com[a-z.]*/g)!.filter((host) => !/^(s3|logging\.s3|lambda|states|cloudwatch)\.amazonaws\.com$/.test(host))).toEqual([]);
    }
    // the county queue URLs the functions build: amazonaws.com.cn in China
    expect(JSON.stringify(synth.statelessTemplate)).toContain('{"Ref":"AWS::URLSuffix"}');
  });
});
