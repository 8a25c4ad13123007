import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type Emulators } from '../../test/support/emulators.ts';
import { createS3Client, createSqsClient } from './aws-clients.ts';
import { readConfig } from './config.ts';
import { ObjectChangedError, ObjectNotFoundError } from './errors.ts';
import { presignGet } from './presign.ts';
import { ByteRangeError, s3ByteSource } from './s3-byte-source.ts';
import { exists, getBytes, getJson, getJsonIfExists, getToFile, headObject, listKeys, putBytes, putFile, putJson } from './s3-objects.ts';

/** Byte equality without vitest's element-by-element diffing (slow on 300 kB). */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;

let emu: Emulators;
let bucket: string;
let scratch: string;
/** 300 000 bytes, byte i = (i * 7 + 3) mod 256: 4.6 blocks of 64 KiB. */
const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + 3) & 0xff);

beforeAll(async () => {
  emu = await startEmulators();
  bucket = emu.buckets.results;
  scratch = await mkdtemp(join(tmpdir(), 'landwatch-s3-test-'));
  await putBytes(emu.s3, bucket, 'data/blob.bin', data);
});
afterAll(async () => {
  await emu?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('s3ByteSource', () => {
  it('reads the first, last, middle and whole range exactly', async () => {
    const source = await s3ByteSource(emu.s3, bucket, 'data/blob.bin');
    expect(source.name).toBe(`s3://${bucket}/data/blob.bin`);
    expect(source.size).toBe(data.length);
    expect(await source.read(0, 8)).toEqual(data.subarray(0, 8));
    expect(await source.read(data.length - 5, 5)).toEqual(data.subarray(data.length - 5));
    expect(await source.read(65_530, 20)).toEqual(data.subarray(65_530, 65_550)); // across a block boundary
    const whole = await source.read(0, data.length);
    expect(whole.length).toBe(data.length);
    expect(sameBytes(whole, data)).toBe(true);
    expect(await source.read(10, 0)).toEqual(new Uint8Array(0));
  });

  it('returns fresh buffers with byteOffset 0', async () => {
    const source = await s3ByteSource(emu.s3, bucket, 'data/blob.bin');
    for (const bytes of [await source.read(100, 10), await source.read(0, data.length)]) {
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
      expect(Buffer.isBuffer(bytes)).toBe(false);
    }
  });

  it('serves many small reads from few requests', async () => {
    const head = await headObject(emu.s3, bucket, 'data/blob.bin');
    const source = await s3ByteSource(emu.s3, bucket, 'data/blob.bin', { etag: head!.etag, size: head!.size });
    const reads = [];
    for (let offset = 0; offset < 120_000; offset += 1000) reads.push(source.read(offset, 200)); // concurrent
    const results = await Promise.all(reads);
    results.forEach((bytes, i) => expect(bytes).toEqual(data.subarray(i * 1000, i * 1000 + 200)));
    expect(source.stats.requests).toBe(2); // blocks 0 and 1, each once (concurrent readers share the request)
    await source.read(50_000, 100);
    expect(source.stats.requests).toBe(2);
  });

  it('refuses out-of-range reads', async () => {
    const source = await s3ByteSource(emu.s3, bucket, 'data/blob.bin');
    await expect(source.read(data.length - 1, 2)).rejects.toThrow(ByteRangeError);
    await expect(source.read(-1, 2)).rejects.toThrow(ByteRangeError);
    await expect(source.read(1.5, 2)).rejects.toThrow(ByteRangeError);
    await expect(source.read(data.length, 1)).rejects.toThrow(/beyond the end/);
  });

  it('detects an overwrite through the pinned ETag', async () => {
    await putBytes(emu.s3, bucket, 'data/changing.bin', data);
    const source = await s3ByteSource(emu.s3, bucket, 'data/changing.bin', { blockSize: 1024 });
    expect(await source.read(0, 4)).toEqual(data.subarray(0, 4));
    await putBytes(emu.s3, bucket, 'data/changing.bin', data.map((b) => b ^ 0xff));
    await expect(source.read(0, 4)).resolves.toEqual(data.subarray(0, 4)); // cached block, no request
    const error = await source.read(5000, 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectChangedError);
    expect((error as ObjectChangedError).expectedEtag).toBe(source.etag);
    await expect(s3ByteSource(emu.s3, bucket, 'data/changing.bin', { etag: source.etag })).rejects.toThrow(ObjectChangedError);
  });

  it('reports a missing object', async () => {
    await expect(s3ByteSource(emu.s3, bucket, 'data/missing.bin')).rejects.toThrow(ObjectNotFoundError);
  });
});

describe('s3-objects', () => {
  it('writes JSON deterministically and reads it back', async () => {
    const a = await putJson(emu.s3, bucket, 'runs/x/a.json', { b: 1, a: { d: [1, 2], c: '零陵' } });
    const b = await putJson(emu.s3, bucket, 'runs/x/b.json', { a: { c: '零陵', d: [1, 2] }, b: 1 });
    expect(a.etag).toBe(b.etag);
    expect(new TextDecoder().decode(await getBytes(emu.s3, bucket, 'runs/x/a.json'))).toBe(
      '{\n  "a": {\n    "c": "零陵",\n    "d": [\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(await getJson(emu.s3, bucket, 'runs/x/a.json')).toEqual({ a: { c: '零陵', d: [1, 2] }, b: 1 });
    expect(await getJson(emu.s3, bucket, 'runs/x/a.json', { ifMatch: a.etag })).toBeTruthy();
    await expect(getJson(emu.s3, bucket, 'runs/x/a.json', { ifMatch: 'not-the-etag' })).rejects.toThrow(ObjectChangedError);
    await expect(getJson(emu.s3, bucket, 'runs/x/none.json')).rejects.toThrow(ObjectNotFoundError);
    expect(await getJsonIfExists(emu.s3, bucket, 'runs/x/none.json')).toBeUndefined();
  });

  it('answers exists and lists every key under a prefix across pages', async () => {
    expect(await exists(emu.s3, bucket, 'runs/x/a.json')).toBe(true);
    expect(await exists(emu.s3, bucket, 'runs/x/nope.json')).toBe(false);
    const keys = Array.from({ length: 23 }, (_, i) => `runs/list/tiles/t${String(i).padStart(4, '0')}.json`);
    await Promise.all(keys.map((key) => putBytes(emu.s3, bucket, key, '{}')));
    await putBytes(emu.s3, bucket, 'runs/listing-other/x.json', '{}');
    // Page size 10 through a client wrapper: listKeys must follow continuation tokens.
    const paging = Object.create(emu.s3) as S3Client;
    paging.send = ((command: { input: Record<string, unknown> }) => {
      if (command instanceof ListObjectsV2Command) command.input.MaxKeys = 10;
      return emu.s3.send(command as never);
    }) as S3Client['send'];
    expect(await listKeys(paging, bucket, 'runs/list/')).toEqual(keys);
  });

  it('streams files up and down (putFile / getToFile)', async () => {
    const path = join(scratch, 'up.bin');
    await writeFile(path, data);
    const put = await putFile(emu.s3, bucket, 'files/up.bin', path, { contentType: 'application/flatgeobuf' });
    expect(put.size).toBe(data.length);
    const down = join(scratch, 'down.bin');
    const got = await getToFile(emu.s3, bucket, 'files/up.bin', down);
    expect(got).toEqual(put);
    expect(sameBytes(await readFile(down), data)).toBe(true); // s3rver stored it intact
  });
});

describe('presignGet', () => {
  it('signs a link s3rver serves, expiring when asked', async () => {
    await putBytes(emu.s3, bucket, 'results/2024/431102/r/report.html', '<html>零陵</html>', { contentType: 'text/html; charset=utf-8' });
    const before = Date.now();
    const link = await presignGet(emu.s3, bucket, 'results/2024/431102/r/report.html', 3600);
    const expiresAt = Date.parse(link.expiresAt);
    expect(expiresAt).toBeLessThanOrEqual(before + 3600_000);
    expect(expiresAt).toBeGreaterThan(before + 3598_000);
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe('3600');
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<html>零陵</html>');
  });

  it('clamps the expiry to the credentials expiration', async () => {
    const expiration = new Date(Date.now() + 15 * 60_000);
    const client = new S3Client({
      region: emu.region,
      endpoint: emu.s3Endpoint,
      forcePathStyle: true,
      credentials: async () => ({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: 'session', expiration }),
    });
    const link = await presignGet(client, bucket, 'results/2024/431102/r/report.html', 7 * 24 * 3600);
    expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(expiration.getTime());
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(expiration.getTime() - 2000);
    expect(Number(new URL(link.url).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(15 * 60);
    expect((await fetch(link.url)).status).toBe(200);
    client.destroy();
  });
});

describe('config + client factories against the emulators', () => {
  it('read the emulator environment and reach both emulators', async () => {
    const config = readConfig(emu.env);
    expect(config).toMatchObject({ resultsBucket: emu.buckets.results, alertsQueueUrl: emu.queues.alerts, s3ForcePathStyle: true });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: emu.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: emu.env.AWS_SECRET_ACCESS_KEY });
    try {
      const s3 = createS3Client(config);
      const sqs = createSqsClient(config);
      await putBytes(s3, config.resultsBucket, 'factory/probe.txt', 'x');
      expect(await exists(emu.s3, config.resultsBucket, 'factory/probe.txt')).toBe(true);
      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toContain(config.alertsQueueUrl);
      s3.destroy();
      sqs.destroy();
    } finally {
      process.env = saved;
    }
  });
});

describe('SDK endpoint environment variables', () => {
  it('route a client without an explicit endpoint to the emulator (AWS_ENDPOINT_URL_S3)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: emu.s3Endpoint, AWS_REGION: emu.region });
    try {
      const client = new S3Client({ forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED' });
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'env/probe.txt', Body: 'probe' }));
      expect(await exists(emu.s3, bucket, 'env/probe.txt')).toBe(true);
      client.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('route an SQS client without an explicit endpoint to the emulator (AWS_ENDPOINT_URL_SQS)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_SQS: emu.sqsEndpoint, AWS_REGION: emu.region });
    try {
      const client = new SQSClient({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      const { QueueUrls } = await client.send(new ListQueuesCommand({}));
      expect(QueueUrls).toContain(emu.queues.tiles);
      client.destroy();
    } finally {
      process.env = saved;
    }
  });
});
