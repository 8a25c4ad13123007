// One IAM role per county office, limited to that county: it reads its result files (docs/ARCHITECTURE.md, "The county
// alert") and receives from its own alert queue (docs/ORCHESTRATION.md, "Delivery"); the verification round trip adds
// its answer files and register (infra/constructs/verification.ts).
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag-checks.ts';
import { countyAlertQueueName, SURVEY_YEAR_PATTERN } from '../names.ts';

export interface CountyReadRolesProps {
  /** The results bucket (final results under `results/{year}/{countyCode}/{runId}/`). */
  readonly resultsBucket: IBucket;
  /** 6-digit county codes; one role each. */
  readonly countyCodes: readonly string[];
  /** Who may assume the roles; default: principals of this account that an administrator allows to. */
  readonly trustedPrincipal?: IPrincipal;
}

/** The key pattern a county office may read: every year and run of its own county. */
export function countyResultsPattern(countyCode: string): string {
  return `results/${SURVEY_YEAR_PATTERN}/${countyCode}/*`;
}

/**
 * What a county office does with its alert queue: receive, delete what it handled, extend the visibility of what it
 * is still handling, read the queue's depth and look its URL up by name. No send, no purge, no other queue: the
 * dead-letter queue behind it is the operators' (docs/RUNBOOK.md).
 */
export const ALERT_QUEUE_CONSUMER_ACTIONS: readonly string[] = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

/**
 * Creates `County{code}Reader` roles. Each may GET objects under `results/????/{code}/*` and list only keys with
 * that prefix, so an office can always fetch its files by key after a presigned link has expired, and consume its
 * own queue `landwatch-alerts-{code}.fifo`. The queue is named, not referenced: it belongs to the stateless stack,
 * which depends on this one, so its ARN is built from its fixed name (in the stack's own partition and region).
 */
export class CountyReadRoles extends Construct {
  /** Role per county code. */
  readonly roles: ReadonlyMap<string, Role>;

  constructor(scope: Construct, id: string, props: CountyReadRolesProps) {
    super(scope, id);
    const roles = new Map<string, Role>();
    const trustedPrincipal = props.trustedPrincipal ?? new AccountRootPrincipal();
    for (const countyCode of props.countyCodes) {
      const pattern = countyResultsPattern(countyCode);
      const role = new Role(this, `County${countyCode}Reader`, {
        assumedBy: trustedPrincipal,
        description: `LandWatch: county office ${countyCode} (its results, its alert queue, its answer files and register)`,
        inlinePolicies: {
          ReadCountyResults: new PolicyDocument({
            statements: [
              new PolicyStatement({
                sid: 'GetCountyResults',
                actions: ['s3:GetObject'],
                resources: [props.resultsBucket.arnForObjects(pattern)],
              }),
              new PolicyStatement({
                sid: 'ListCountyResults',
                actions: ['s3:ListBucket'],
                resources: [props.resultsBucket.bucketArn],
                conditions: { StringLike: { 's3:prefix': [pattern] } },
              }),
            ],
          }),
          ReceiveCountyAlerts: new PolicyDocument({
            statements: [
              new PolicyStatement({
                sid: 'ConsumeCountyAlertQueue',
                actions: [...ALERT_QUEUE_CONSUMER_ACTIONS],
                resources: [Stack.of(this).formatArn({ service: 'sqs', resource: countyAlertQueueName(countyCode) })],
              }),
            ],
          }),
        },
      });
      acknowledgeWildcardResource(
        role,
        props.resultsBucket.arnForObjects(pattern),
        `Key pattern ${pattern} is the county's own results (every survey year and run of county ` +
          `${countyCode}); docs/ARCHITECTURE.md, "The county alert" gives each county office read access to exactly this prefix.`,
      );
      new CfnOutput(this, `County${countyCode}ReaderRoleArn`, {
        description: `Role that county office ${countyCode} assumes to read its results and alerts and send its answers`,
        value: role.roleArn,
      });
      roles.set(countyCode, role);
    }
    this.roles = roles;
  }
}
