// Whole-object S3 operations the handlers use: JSON and bytes in and out, existence, listing, files.
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { canonicalJson } from '@landwatch/pipeline';
import { ObjectChangedError, ObjectNotFoundError, PreconditionFailedError } from './errors.ts';
import { normaliseEtag } from '@landwatch/pipeline';

/** Largest object a single PutObject accepts. */
export const MAX_PUT_OBJECT_BYTES = 5 * 1024 ** 3;

/** Options of a write. */
export interface PutOptions {
  /** MIME type; defaults per function (application/json, application/octet-stream). */
  contentType?: string;
  /** Cache-Control header. */
  cacheControl?: string;
  /** Create only: `*` makes the write fail with PreconditionFailedError when the key exists (S3, not s3rver). */
  ifNoneMatch?: '*';
  /** Overwrite only this version: fails with PreconditionFailedError when the ETag differs (S3, not s3rver). */
  ifMatch?: string;
  /** Read this object version (a versioned bucket); the ETag check still applies. */
  versionId?: string;
}

/** What a write or head returns. */
export interface ObjectInfo {
  /** ETag without quotes. */
  etag: string;
  /** Size in bytes. */
  size: number;
}

/** Options of a read. */
export interface GetOptions {
  /** Read only this version; a different ETag throws ObjectChangedError. */
  ifMatch?: string;
  /** Read this object version (a versioned bucket); the ETag check still applies. */
  versionId?: string;
}

/** Reads and parses a JSON object. @throws ObjectNotFoundError, ObjectChangedError, SyntaxError */
export async function getJson<T = unknown>(client: S3Client, bucket: string, key: string, options: GetOptions = {}): Promise<T> {
  const bytes = await getBytes(client, bucket, key, options);
  return JSON.parse(new TextDecoder('utf-8').decode(bytes)) as T;
}

/** Like getJson, but undefined when the object does not exist. */
export async function getJsonIfExists<T = unknown>(client: S3Client, bucket: string, key: string): Promise<T | undefined> {
  try {
    return await getJson<T>(client, bucket, key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Writes `value` as canonical JSON (sorted keys, 2-space indent, trailing newline): the same value always gives
 * the same bytes and therefore the same ETag.
 */
export async function putJson(client: S3Client, bucket: string, key: string, value: unknown, options: PutOptions = {}): Promise<ObjectInfo> {
  const body = new TextEncoder().encode(`${canonicalJson(value, 2)}\n`);
  return putBytes(client, bucket, key, body, { contentType: 'application/json; charset=utf-8', ...options });
}

/** Writes bytes (or a UTF-8 string) as one object. */
export async function putBytes(
  client: S3Client,
  bucket: string,
  key: string,
  body: Uint8Array | string,
  options: PutOptions = {},
): Promise<ObjectInfo> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  if (bytes.byteLength > MAX_PUT_OBJECT_BYTES) throw new RangeError(`s3://${bucket}/${key}: ${bytes.byteLength} bytes exceed the 5 GiB PutObject limit`);
  const etag = await put(client, {
    Bucket: bucket,
    Key: key,
    Body: bytes,
    ContentLength: bytes.byteLength,
    ContentType: options.contentType ?? 'application/octet-stream',
    ...writeConditions(options),
  });
  return { etag, size: bytes.byteLength };
}

/**
 * Streams a local file into one object with PutObject (no multipart: @aws-sdk/lib-storage is not installed).
 * @throws RangeError when the file is larger than 5 GiB.
 */
export async function putFile(client: S3Client, bucket: string, key: string, path: string, options: PutOptions = {}): Promise<ObjectInfo> {
  const { size } = await stat(path);
  if (size > MAX_PUT_OBJECT_BYTES) throw new RangeError(`${path}: ${size} bytes exceed the 5 GiB PutObject limit`);
  const etag = await put(client, {
    Bucket: bucket,
    Key: key,
    Body: createReadStream(path),
    ContentLength: size,
    ContentType: options.contentType ?? 'application/octet-stream',
    ...writeConditions(options),
  });
  return { etag, size };
}

/** Reads a whole object into memory. @throws ObjectNotFoundError, ObjectChangedError */
export async function getBytes(client: S3Client, bucket: string, key: string, options: GetOptions = {}): Promise<Uint8Array> {
  const response = await get(client, bucket, key, options);
  if (!response.Body) return new Uint8Array(0);
  return response.Body.transformToByteArray();
}

/** Streams a whole object to a local file. @throws ObjectNotFoundError, ObjectChangedError */
export async function getToFile(client: S3Client, bucket: string, key: string, path: string, options: GetOptions = {}): Promise<ObjectInfo> {
  const response = await get(client, bucket, key, options);
  const etag = normaliseEtag(response.ETag ?? '');
  if (!response.Body) throw new Error(`s3://${bucket}/${key}: GetObject returned no body`);
  await pipeline(response.Body as Readable, createWriteStream(path));
  const { size } = await stat(path);
  if (response.ContentLength !== undefined && size !== response.ContentLength) {
    throw new Error(`s3://${bucket}/${key}: wrote ${size} bytes to ${path}, expected ${response.ContentLength}`);
  }
  return { etag, size };
}

/** ETag and size of an object; undefined when it does not exist. */
export async function headObject(client: S3Client, bucket: string, key: string): Promise<ObjectInfo | undefined> {
  try {
    const response = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { etag: normaliseEtag(response.ETag ?? ''), size: response.ContentLength ?? 0 };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Whether an object exists (HeadObject; 404 → false). */
export async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  return (await headObject(client, bucket, key)) !== undefined;
}

/** Every key under `prefix`, in S3's order (UTF-8 binary), following continuation tokens. */
export async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
    );
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** True for S3's "does not exist" answers (NoSuchKey, NotFound, HTTP 404). */
export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** True for HTTP 412 Precondition Failed. */
export function isPreconditionFailed(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}

async function get(client: S3Client, bucket: string, key: string, options: GetOptions) {
  const expected = options.ifMatch === undefined ? undefined : normaliseEtag(options.ifMatch);
  let response;
  try {
    response = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, ...(options.versionId ? { VersionId: options.versionId } : {}), ...(expected ? { IfMatch: `"${expected}"` } : {}) }),
    );
  } catch (error) {
    if (isNotFound(error)) throw new ObjectNotFoundError(bucket, key, { cause: error });
    if (expected && isPreconditionFailed(error)) throw new ObjectChangedError(bucket, key, expected, undefined, { cause: error });
    throw error;
  }
  // s3rver ignores If-Match: compare ourselves.
  const actual = normaliseEtag(response.ETag ?? '');
  if (expected && actual !== expected) {
    (response.Body as Readable | undefined)?.destroy?.();
    throw new ObjectChangedError(bucket, key, expected, actual);
  }
  return response;
}

async function put(client: S3Client, input: PutObjectCommandInput): Promise<string> {
  try {
    const response = await client.send(new PutObjectCommand(input));
    return normaliseEtag(response.ETag ?? '');
  } catch (error) {
    if (isPreconditionFailed(error)) throw new PreconditionFailedError(input.Bucket ?? '', input.Key ?? '', { cause: error });
    throw error;
  }
}

function writeConditions(options: PutOptions): Partial<PutObjectCommandInput> {
  return {
    ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
    ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
    ...(options.ifMatch ? { IfMatch: `"${normaliseEtag(options.ifMatch)}"` } : {}),
  };
}
