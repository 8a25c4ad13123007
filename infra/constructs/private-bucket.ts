// An S3 bucket that is private, encrypted and TLS-only by construction.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Days after which an unfinished multipart upload is aborted (large change layers upload in parts). */
const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

export interface PrivateBucketProps {
  /** Keep every version of every object (for data that must not be lost). */
  readonly versioned?: boolean;
  /** Extra lifecycle rules; a rule aborting incomplete multipart uploads is always added. */
  readonly lifecycleRules?: LifecycleRule[];
  /** Bucket that receives the server access logs; omit only for the access-log bucket itself. */
  readonly accessLogsBucket?: IBucket;
  /** Key prefix of this bucket's logs in the access-log bucket, e.g. `uploads/`. */
  readonly accessLogsPrefix?: string;
}

/**
 * Private bucket: S3-managed encryption (SSE-S3), TLS 1.2+ only, every public-access block on, ACLs disabled,
 * retained when the stack is deleted.
 *
 * SSE-S3 rather than KMS: the tile workers make many small range reads in parallel (up to 200 Lambdas) and
 * SSE-KMS would add a KMS request per object read, its quota and cost, for no access-control benefit here —
 * access is already decided by IAM on exact key prefixes. S3 server access logs also require SSE-S3 on the
 * log bucket.
 */
export class PrivateBucket extends Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps = {}) {
    super(scope, id, {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.versioned ?? false,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart-uploads',
          abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER,
          // In a versioned bucket, expired objects leave delete markers behind: remove them once alone.
          expiredObjectDeleteMarker: props.versioned === true ? true : undefined,
        },
        ...(props.lifecycleRules ?? []),
      ],
    });
  }
}
