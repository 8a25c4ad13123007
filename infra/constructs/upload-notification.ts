// S3 ObjectCreated on the uploads bucket → uploads queue, attached from the stack that owns the queue.
import { Stack, Validations } from 'aws-cdk-lib';
import { Bucket, EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Construct id CDK gives its S3 notifications helper Lambda (a singleton per stack). */
const NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

export interface UploadNotificationProps {
  /** The bucket that receives uploads (may belong to another stack). */
  readonly bucket: IBucket;
  /** The queue that gets one S3 event notification per matching new object. */
  readonly queue: IQueue;
  /** Only keys that start with this, e.g. `changes/`. */
  readonly prefix: string;
  /** Only keys that end with this, e.g. `.fgb`. */
  readonly suffix?: string;
}

/**
 * Sends ObjectCreated events for `prefix…suffix` keys to the queue. The bucket is imported into `scope`'s stack,
 * so the notification configuration (an unmanaged Custom::S3BucketNotifications) lives beside the queue and the
 * bucket's own stack never depends on the queue's.
 */
export function addUploadNotification(scope: Construct, id: string, props: UploadNotificationProps): void {
  const bucket = Bucket.fromBucketAttributes(scope, id, {
    bucketArn: props.bucket.bucketArn,
    bucketName: props.bucket.bucketName,
  });
  bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(props.queue), {
    prefix: props.prefix,
    suffix: props.suffix,
  });
  const stack = Stack.of(scope);
  const handler = stack.node.tryFindChild(NOTIFICATIONS_HANDLER_ID);
  if (handler === undefined) throw new MissingConstructError(stack.node.path, NOTIFICATIONS_HANDLER_ID);
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's own helper Lambda for Custom::S3BucketNotifications, run only during deployment. CDK attaches the " +
      'AWS-managed basic execution policy (CloudWatch Logs only) to its role and offers no way to replace it; ' +
      'its S3 permissions are limited to this bucket.',
  });
}

/** A construct that CDK was expected to create is missing (CDK changed its internals). */
export class MissingConstructError extends Error {
  constructor(
    /** Where it was looked for. */
    readonly scopePath: string,
    /** The construct id. */
    readonly constructId: string,
  ) {
    super(`${scopePath}: construct ${constructId} not found`);
    this.name = 'MissingConstructError';
  }
}
