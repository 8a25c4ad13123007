// A ByteSource over one S3 object version: ranged GetObject pinned to the ETag, with a small LRU block cache.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ObjectChangedError, ObjectNotFoundError } from './errors.ts';
import { normaliseEtag } from '@landwatch/pipeline';
import { headObject, isNotFound, isPreconditionFailed } from './s3-objects.ts';

/** Random-access bytes; structurally identical to the ByteSource of @landwatch/fgb. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Options of s3ByteSource. */
export interface S3ByteSourceOptions {
  /** Pin this ETag (quotes optional); when absent, the current one is read with HeadObject. */
  etag?: string;
  /** Object size in bytes; when absent (or etag absent) it is read with HeadObject. */
  size?: number;
  /** Read this version (a versioned bucket): an overwrite of the key mid-run does not change what is read. */
  versionId?: string;
  /** Cache block size in bytes, default 64 KiB; reads are rounded out to whole blocks. */
  blockSize?: number;
  /** Blocks kept in the LRU cache, default 32 (2 MiB with 64 KiB blocks). */
  cacheBlocks?: number;
  /** Reads spanning more blocks than this bypass the cache and fetch exactly the requested range. Default 4. */
  maxCachedReadBlocks?: number;
}

/** Request counters, for tests and metrics. */
export interface ByteSourceStats {
  /** GetObject requests sent. */
  requests: number;
  /** Bytes received. */
  bytesFetched: number;
}

/** A ByteSource over s3://bucket/key that also reports its pinned ETag and request counts. */
export interface S3ByteSource extends ByteSource {
  readonly bucket: string;
  readonly key: string;
  /** The pinned ETag, without quotes. */
  readonly etag: string;
  readonly stats: Readonly<ByteSourceStats>;
}

/** A read outside [0, size) or with a non-integer offset/length, or a response of the wrong length. */
export class ByteRangeError extends Error {
  override readonly name = 'ByteRangeError';
  constructor(
    message: string,
    /** `s3://bucket/key` */
    readonly source: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(`${source}: ${message} (offset ${offset}, length ${length})`);
  }
}

/** Opens s3://bucket/key for range reads. @throws ObjectNotFoundError, ObjectChangedError */
export async function s3ByteSource(client: S3Client, bucket: string, key: string, options: S3ByteSourceOptions = {}): Promise<S3ByteSource> {
  let etag = options.etag === undefined ? undefined : normaliseEtag(options.etag);
  let size = options.size;
  if (etag === undefined || size === undefined) {
    const info = await headObject(client, bucket, key);
    if (!info) throw new ObjectNotFoundError(bucket, key);
    if (etag !== undefined && info.etag !== etag) throw new ObjectChangedError(bucket, key, etag, info.etag);
    etag = info.etag;
    size ??= info.size;
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`s3://${bucket}/${key}: invalid size ${size}`);
  return new PinnedS3Object(client, bucket, key, etag, size, options.versionId, {
    blockSize: options.blockSize ?? 64 * 1024,
    cacheBlocks: options.cacheBlocks ?? 32,
    maxCachedReadBlocks: options.maxCachedReadBlocks ?? 4,
  });
}

interface CacheSettings {
  blockSize: number;
  cacheBlocks: number;
  maxCachedReadBlocks: number;
}

class PinnedS3Object implements S3ByteSource {
  readonly name: string;
  readonly stats: ByteSourceStats = { requests: 0, bytesFetched: 0 };
  /** Block index → bytes (or the request fetching them); Map order is the LRU order, oldest first. */
  private readonly blocks = new Map<number, Promise<Uint8Array>>();

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    readonly key: string,
    readonly etag: string,
    readonly size: number,
    private readonly versionId: string | undefined,
    private readonly settings: CacheSettings,
  ) {
    this.name = `s3://${bucket}/${key}`;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new ByteRangeError('offset and length must be non-negative integers', this.name, offset, length);
    }
    if (offset + length > this.size) {
      throw new ByteRangeError(`read beyond the end of a ${this.size}-byte object`, this.name, offset, length);
    }
    if (length === 0) return new Uint8Array(0);
    const { blockSize, maxCachedReadBlocks } = this.settings;
    const first = Math.floor(offset / blockSize);
    const last = Math.floor((offset + length - 1) / blockSize);
    if (last - first + 1 > maxCachedReadBlocks) return this.fetch(offset, length);

    const pending = this.blocksFor(first, last);
    const out = new Uint8Array(length);
    for (let index = first; index <= last; index++) {
      const block = await pending[index - first];
      const blockStart = index * blockSize;
      const from = Math.max(offset, blockStart) - blockStart;
      const to = Math.min(offset + length, blockStart + block.length) - blockStart;
      out.set(block.subarray(from, to), blockStart + from - offset);
    }
    return out;
  }

  /** Blocks first..last: cached ones are touched (LRU), each run of missing ones costs one request. */
  private blocksFor(first: number, last: number): Promise<Uint8Array>[] {
    const pending: Promise<Uint8Array>[] = [];
    const { blockSize } = this.settings;
    let runStart: number | undefined;
    for (let index = first; index <= last + 1; index++) {
      const cached = index <= last ? this.blocks.get(index) : undefined;
      if (cached) {
        this.blocks.delete(index);
        this.blocks.set(index, cached);
        pending[index - first] = cached;
      }
      const missing = index <= last && !cached;
      if (missing && runStart === undefined) runStart = index;
      if (!missing && runStart !== undefined) {
        const firstMissing = runStart;
        const start = firstMissing * blockSize;
        const end = Math.min(index * blockSize, this.size);
        const request = this.fetch(start, end - start);
        for (let b = firstMissing; b < index; b++) {
          const from = (b - firstMissing) * blockSize;
          const block = request.then((bytes) => bytes.subarray(from, Math.min(from + blockSize, bytes.length)));
          this.remember(b, block);
          pending[b - first] = block;
        }
        runStart = undefined;
      }
    }
    return pending;
  }

  private remember(index: number, block: Promise<Uint8Array>): void {
    this.blocks.set(index, block);
    block.catch(() => {
      if (this.blocks.get(index) === block) this.blocks.delete(index);
    });
    while (this.blocks.size > Math.max(this.settings.cacheBlocks, this.settings.maxCachedReadBlocks)) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
  }

  /** One ranged GetObject for exactly [offset, offset + length), ETag pinned and checked. */
  private async fetch(offset: number, length: number): Promise<Uint8Array> {
    const end = offset + length - 1;
    this.stats.requests++;
    let response;
    try {
      response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key, Range: `bytes=${offset}-${end}`, IfMatch: `"${this.etag}"`, ...(this.versionId ? { VersionId: this.versionId } : {}) }),
      );
    } catch (error) {
      if (isPreconditionFailed(error)) throw new ObjectChangedError(this.bucket, this.key, this.etag, undefined, { cause: error });
      if (isNotFound(error)) throw new ObjectNotFoundError(this.bucket, this.key, { cause: error });
      throw error;
    }
    // s3rver does not enforce If-Match: compare the ETag ourselves.
    const actual = normaliseEtag(response.ETag ?? '');
    if (actual !== this.etag) {
      await response.Body?.transformToByteArray().catch(() => undefined);
      throw new ObjectChangedError(this.bucket, this.key, this.etag, actual);
    }
    const status = response.$metadata.httpStatusCode;
    const wholeObject = offset === 0 && length === this.size;
    if (status !== 206 && !(status === 200 && wholeObject)) {
      throw new ByteRangeError(`expected HTTP 206 Partial Content, got ${status}`, this.name, offset, length);
    }
    if (status === 206) checkContentRange(response.ContentRange, offset, end, this.size, this.name);
    const body = response.Body ? await response.Body.transformToByteArray() : new Uint8Array(0);
    if (body.length !== length) {
      throw new ByteRangeError(`expected ${length} bytes, received ${body.length}`, this.name, offset, length);
    }
    this.stats.bytesFetched += body.length;
    // A fresh buffer with byteOffset 0: flatgeobuf's bbox reads break on views into a larger buffer (NOTES.md).
    // (Buffer.prototype.slice would return a view: copy through the Uint8Array constructor.)
    return !Buffer.isBuffer(body) && body.byteOffset === 0 && body.buffer.byteLength === body.length ? body : new Uint8Array(body);
  }
}

function checkContentRange(contentRange: string | undefined, start: number, end: number, size: number, name: string): void {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
  if (!match) return; // some servers omit it; the body length check still holds
  const [, from, to, total] = match;
  if (Number(from) !== start || Number(to) !== end || (total !== '*' && Number(total) !== size)) {
    throw new ByteRangeError(`Content-Range ${contentRange} does not match bytes ${start}-${end}/${size}`, name, start, end - start + 1);
  }
}
