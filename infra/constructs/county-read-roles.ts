// One read-only IAM role per county office, limited to that county's result files (docs/ARCHITECTURE.md, "The county alert").
import { CfnOutput } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag-checks.ts';

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
  return `results/*/${countyCode}/*`;
}

/**
 * Creates `County{code}Reader` roles. Each may GET objects under `results/*\/{code}/*` and list only keys with
 * that prefix, so an office can always fetch its files by key after a presigned link has expired.
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
        description: `LandWatch: read-only access to the results of county ${countyCode}`,
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
        },
      });
      acknowledgeWildcardResource(
        role,
        props.resultsBucket.arnForObjects(pattern),
        `Key pattern ${pattern} is the county's own results (every survey year and run of county ` +
          `${countyCode}); docs/ARCHITECTURE.md, "The county alert" gives each county office read access to exactly this prefix.`,
      );
      new CfnOutput(this, `County${countyCode}ReaderRoleArn`, {
        description: `Role that county office ${countyCode} assumes to read its results`,
        value: role.roleArn,
      });
      roles.set(countyCode, role);
    }
    this.roles = roles;
  }
}
