// Stateful stack: the buckets (data that outlives any deployment of the pipeline) and the county office roles.
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CountyReadRoles } from './constructs/county-read-roles.ts';
import { grantCountyAnswers } from './constructs/verification.ts';
import { PrivateBucket } from './constructs/private-bucket.ts';

/** Key prefix of the per-run work files in the results bucket (manifest, tiles, status). */
export const RUNS_PREFIX = 'runs/';
/** How long server access logs are kept. */
const ACCESS_LOG_RETENTION = Duration.days(365);

export interface StatefulStackProps extends StackProps {
  /** Days after which work files under `runs/` expire. */
  readonly runsExpirationDays: number;
  /** County codes that get a read-only role on their results. */
  readonly countyCodes: readonly string[];
}

/** Buckets: uploads (change layers), reference (layer registry and protection layers), results, access logs. */
export class StatefulStack extends Stack {
  /** Change layers uploaded by provincial data teams: `changes/{surveyYear}/…fgb`. */
  readonly uploadsBucket: IBucket;
  /** Layer registry (`layers.json`) and the protection layer files it names. */
  readonly referenceBucket: IBucket;
  /** Work files under `runs/{runId}/…` (expire) and final results under `results/{year}/{county}/{runId}/…`. */
  readonly resultsBucket: IBucket;
  /** Server access logs of the three data buckets. */
  readonly accessLogsBucket: IBucket;
  /** One role per county office (its results, alert queue, answer files and register), by county code. */
  readonly countyRoles: ReadonlyMap<string, Role>;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const accessLogsBucket = new PrivateBucket(this, 'AccessLogsBucket', {
      lifecycleRules: [{ id: 'expire-access-logs', expiration: ACCESS_LOG_RETENTION }],
    });
    this.accessLogsBucket = accessLogsBucket;
    // Versioned: a run is pinned to the VersionId of the upload that started it, so an overwrite mid-run (or a
    // re-upload) never changes what the run's tiles read; the overwritten version stays readable for the run.
    this.uploadsBucket = new PrivateBucket(this, 'UploadsBucket', {
      versioned: true,
      accessLogsBucket,
      accessLogsPrefix: 'uploads/',
      lifecycleRules: [{ id: 'expire-overwritten-uploads', noncurrentVersionExpiration: Duration.days(90) }],
    });
    this.referenceBucket = new PrivateBucket(this, 'ReferenceBucket', {
      accessLogsBucket,
      accessLogsPrefix: 'reference/',
    });
    // Versioned: the answer files county offices upload under verification/ are kept exactly as sent, even when a
    // later upload reuses the name (verify-answers reads and records the version its event names).
    this.resultsBucket = new PrivateBucket(this, 'ResultsBucket', {
      versioned: true,
      accessLogsBucket,
      accessLogsPrefix: 'results/',
      lifecycleRules: [
        {
          id: 'expire-run-work-files',
          prefix: RUNS_PREFIX,
          expiration: Duration.days(props.runsExpirationDays),
          // Work files are rewritten byte for byte on retries; old versions have no value.
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    const countyRoles = new CountyReadRoles(this, 'CountyReadRoles', {
      resultsBucket: this.resultsBucket,
      countyCodes: props.countyCodes,
    });
    // county offices answer their own cases (docs/VERIFICATION.md, "On AWS"): each role writes its own answer prefix
    grantCountyAnswers(countyRoles.roles, this.resultsBucket);
    this.countyRoles = countyRoles.roles;
    new CfnOutput(this, 'UploadsBucketName', {
      description: 'Upload change layers here as changes/{surveyYear}/{name}.fgb',
      value: this.uploadsBucket.bucketName,
    });
    new CfnOutput(this, 'ReferenceBucketName', {
      description: 'Layer registry and protection layers',
      value: this.referenceBucket.bucketName,
    });
    new CfnOutput(this, 'ResultsBucketName', {
      description: 'Result files under results/{surveyYear}/{countyCode}/{runId}/',
      value: this.resultsBucket.bucketName,
    });
  }
}
