// S3 event notifications as delivered through the uploads queue (docs/ARCHITECTURE.md, "Handler contract").
import { MalformedMessageError, UnsupportedEventError } from './errors.ts';
import { normaliseEtag } from '@landwatch/pipeline';

/** One created object named by an S3 event. */
export interface CreatedObject {
  bucket: string;
  /** URL-decoded: S3 events carry keys form-encoded (`+` for space, %XX for UTF-8 bytes). */
  key: string;
  /** Without quotes. */
  etag: string;
  size: number;
  /** Present on versioned buckets. */
  versionId?: string;
  /** Orders events for the same key: a larger sequencer is a later event. */
  sequencer?: string;
  /** e.g. `ObjectCreated:Put`, `ObjectCreated:CompleteMultipartUpload`. */
  eventName: string;
}

interface S3EventBody {
  Event?: string;
  Records?: Array<{
    eventName?: string;
    s3?: { bucket?: { name?: string }; object?: { key?: string; eTag?: string; size?: number; versionId?: string; sequencer?: string } };
  }>;
}

/**
 * The created objects of an S3 event notification body. Records other than ObjectCreated:* are skipped; an
 * `s3:TestEvent` or a body with no ObjectCreated record throws UnsupportedEventError (policy: drop); a body that
 * is not an S3 event throws MalformedMessageError (policy: retry → DLQ).
 */
export function createdObjectsOf(body: string, messageId: string): CreatedObject[] {
  let event: S3EventBody;
  try {
    event = JSON.parse(body) as S3EventBody;
  } catch (error) {
    throw new MalformedMessageError('S3 event body is not JSON', messageId, { cause: error });
  }
  if (event?.Event === 's3:TestEvent') throw new UnsupportedEventError('s3:TestEvent', 's3:TestEvent');
  if (!Array.isArray(event?.Records)) throw new MalformedMessageError('not an S3 event notification: no Records', messageId);
  const objects: CreatedObject[] = [];
  const skipped: string[] = [];
  for (const [i, record] of event.Records.entries()) {
    const eventName = record?.eventName ?? '';
    if (!eventName.startsWith('ObjectCreated:')) {
      skipped.push(eventName || '(none)');
      continue;
    }
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key;
    const etag = record.s3?.object?.eTag;
    const size = record.s3?.object?.size;
    if (!bucket || key === undefined || !etag || typeof size !== 'number') {
      throw new MalformedMessageError(`S3 event record ${i} lacks bucket name, object key, eTag or size`, messageId);
    }
    const object = record.s3!.object!;
    objects.push({
      bucket,
      key: decodeS3EventKey(key),
      etag: normaliseEtag(etag),
      size,
      eventName,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      ...(object.sequencer ? { sequencer: object.sequencer } : {}),
    });
  }
  if (objects.length === 0) throw new UnsupportedEventError(`no ObjectCreated record (${skipped.join(', ')})`, skipped[0] ?? '');
  return objects;
}

/** Decodes a key as S3 event notifications encode it (form encoding: `+` is a space). */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** Encodes a key as S3 event notifications do: form encoding, `/` kept. */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/gi, '/');
}
