// S3 event notifications as S3 puts them into the uploads queue (event structure version 2.1), and the
// s3:TestEvent S3 sends when a notification configuration is created.
import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodeS3EventKey } from '../../functions/lib/s3-event.ts';
import { EMULATOR_REGION } from './emulators.ts';

/** The object an event is about. */
export interface NotifiedObject {
  bucket: string;
  /** The real key; it is form-encoded in the event as S3 does. */
  key: string;
  /** With or without quotes; the event carries it without. */
  etag: string;
  size: number;
  /** Default `ObjectCreated:Put`. */
  eventName?: string;
  versionId?: string;
  /** Default: derived from the current time (hex), as S3's sequencer grows per key. */
  sequencer?: string;
}

/** The body of an S3 event notification for one object. */
export function s3EventNotification(object: NotifiedObject): string {
  const now = new Date();
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: EMULATOR_REGION,
        eventTime: now.toISOString(),
        eventName: object.eventName ?? 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEMULATOR' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': randomUUID() },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'landwatch-uploads',
          bucket: { name: object.bucket, ownerIdentity: { principalId: 'AEMULATOR' }, arn: `arn:aws:s3:::${object.bucket}` },
          object: {
            key: encodeS3EventKey(object.key),
            size: object.size,
            eTag: object.etag.replace(/^"|"$/g, ''),
            ...(object.versionId ? { versionId: object.versionId } : {}),
            sequencer: object.sequencer ?? (BigInt(now.getTime()) * 1000n).toString(16).toUpperCase().padStart(18, '0'),
          },
        },
      },
    ],
  });
}

/** The body of the s3:TestEvent S3 sends when notifications are configured. */
export function s3TestEvent(bucket: string): string {
  return JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date().toISOString(),
    Bucket: bucket,
    RequestId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
    HostId: randomUUID(),
  });
}

/** Sends an ObjectCreated notification for an existing object (ETag and size from HeadObject). Returns the message id. */
export async function notifyObjectCreated(
  s3: S3Client,
  sqs: SQSClient,
  queueUrl: string,
  bucket: string,
  key: string,
): Promise<string> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const body = s3EventNotification({ bucket, key, etag: head.ETag ?? '', size: head.ContentLength ?? 0 });
  const response = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  return response.MessageId ?? '';
}

/** Sends an s3:TestEvent to the queue. Returns the message id. */
export async function notifyTestEvent(sqs: SQSClient, queueUrl: string, bucket: string): Promise<string> {
  const response = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: s3TestEvent(bucket) }));
  return response.MessageId ?? '';
}
