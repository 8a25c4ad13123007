// The verification round trip on AWS (docs/VERIFICATION.md, "On AWS"): county offices put answer files under
// verification/{surveyYear}/{countyCode}/ in the results bucket; an S3 notification queues each one for the
// verify-answers function, which records it and rebuilds register/{countyCode}/. Each county office's role may
// write answer files for its own county only and read its own register.
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag-checks.ts';
import { SURVEY_YEAR_PATTERN } from '../names.ts';
import { grantKeyListing, grantObjectAccess } from './object-grants.ts';
import { QueueConsumer } from './queue-consumer.ts';
import { addUploadNotification } from './upload-notification.ts';

/** Answer uploads: `verification/{surveyYear}/{countyCode}/{any name}.csv`. The notification filters on this prefix
 * only: S3's suffix filter is case-sensitive and `.CSV` is as good an answer file as `.csv`, so the handler checks
 * the suffix (in any case) and ignores other files. */
export const ANSWERS_PREFIX = 'verification/';

/** Keys a county office may write: answer files of any survey year (four characters), for its own county. */
export function countyAnswersPattern(countyCode: string): string {
  return `verification/${SURVEY_YEAR_PATTERN}/${countyCode}/*`;
}

/** Keys of a county's register a county office may read. */
export function countyRegisterPattern(countyCode: string): string {
  return `register/${countyCode}/*`;
}

/**
 * Adds to each county office's role: PutObject on `verification/????/{code}/*` (nothing else writable), GetObject on
 * `register/{code}/*`, and listing limited to those prefixes. The read access to its results comes with the role.
 */
export function grantCountyAnswers(roles: ReadonlyMap<string, Role>, resultsBucket: IBucket): void {
  for (const [countyCode, role] of roles) {
    const answers = countyAnswersPattern(countyCode);
    const register = countyRegisterPattern(countyCode);
    role.addToPrincipalPolicy(new PolicyStatement({ sid: 'PutCountyAnswers', actions: ['s3:PutObject'], resources: [resultsBucket.arnForObjects(answers)] }));
    role.addToPrincipalPolicy(new PolicyStatement({ sid: 'GetCountyRegister', actions: ['s3:GetObject'], resources: [resultsBucket.arnForObjects(register)] }));
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListCountyAnswersAndRegister',
        actions: ['s3:ListBucket'],
        resources: [resultsBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [answers, register] } },
      }),
    );
    acknowledgeWildcardResource(role, resultsBucket.arnForObjects(answers), `Key pattern ${answers}: the answer files of county ${countyCode} for any survey year; docs/VERIFICATION.md gives each county office write access to exactly this prefix.`);
    acknowledgeWildcardResource(role, resultsBucket.arnForObjects(register), `Key pattern ${register}: the case register of county ${countyCode}, which its office reads.`);
  }
}

export interface VerificationAnswersProps {
  readonly resultsBucket: IBucket;
  /** Environment every function of the stack gets (bucket and queue names). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  readonly metricsNamespace: string;
  /** The finalize function's role: it reads the register's answers to count cases and find repeats. */
  readonly finalizeRole: Role;
}

/** How many answer files are handled at once: a county office sends a few a season, and each one rebuilds its
 * county's register (reads every run of the county), so a burst is worked off a few at a time. */
const VERIFY_MAX_CONCURRENCY = 5;

/** Answer uploads → queue → verify-answers, with least-privilege grants on the keys it touches. */
export class VerificationAnswers extends Construct {
  readonly consumer: QueueConsumer;

  constructor(scope: Construct, id: string, props: VerificationAnswersProps) {
    super(scope, id);
    this.consumer = new QueueConsumer(this, 'VerifyAnswers', {
      functionName: 'verify-answers',
      serviceName: 'landwatch-verify-answers',
      timeout: Duration.minutes(2),
      memorySize: 1769,
      batchSize: 1,
      maxConcurrency: VERIFY_MAX_CONCURRENCY,
      // AWS's SQS guidance: reserved concurrency ≥ the event source's maximum concurrency, maxReceiveCount ≥ 5
      reservedConcurrency: VERIFY_MAX_CONCURRENCY,
      maxReceiveCount: 5,
      environment: props.environment,
      logRetention: props.logRetention,
      metricsNamespace: props.metricsNamespace,
    });
    const role = this.consumer.role;
    const bucket = props.resultsBucket;
    grantObjectAccess(role, bucket, { keys: 'verification/*', read: true, why: 'verify-answers reads each uploaded answer file (any county, any survey year).' });
    // the uploaded version, exactly as sent (the bucket is versioned)
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObjectVersion'], resources: [bucket.arnForObjects('verification/*')] }));
    grantObjectAccess(role, bucket, { keys: 'results/*', read: true, why: "verify-answers reads every run's detections of the county to know its cases." });
    grantObjectAccess(role, bucket, { keys: 'register/*', read: true, write: true, why: 'verify-answers records answer files and rebuilds register/{countyCode}/ for any county.' });
    grantKeyListing(role, bucket);
    grantObjectAccess(props.finalizeRole, bucket, { keys: 'register/*', read: true, why: "finalize reads the county's recorded answers to count its cases and find repeats." });
    addUploadNotification(this, 'ResultsBucketRef', { bucket, queue: this.consumer.queue, prefix: ANSWERS_PREFIX });
  }
}
