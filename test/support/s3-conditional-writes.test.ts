// The emulator harness answers conditional writes as S3 does, and the alert claim built on them lets exactly one of
// several racing finalizes send a county's alert.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type Emulators } from './emulators.ts';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators({ bucketPrefix: 'lw-claims' });
});
afterAll(async () => emu?.stop());

const put = (key: string, body: string, ifNoneMatch?: string) =>
  emu.s3.send(new PutObjectCommand({ Bucket: emu.buckets.results, Key: key, Body: body, ...(ifNoneMatch ? { IfNoneMatch: ifNoneMatch } : {}) })).then(
    () => 'created' as const,
    (err: { $metadata?: { httpStatusCode?: number }; name?: string }) => (err.$metadata?.httpStatusCode === 412 ? ('precondition-failed' as const) : Promise.reject(err)),
  );

describe('If-None-Match: * on the S3 emulator', () => {
  it('creates a missing key and refuses an existing one with 412 PreconditionFailed', async () => {
    expect(await put('claims/a.json', 'first', '*')).toBe('created');
    expect(await put('claims/a.json', 'second', '*')).toBe('precondition-failed');
    // an unconditional put still overwrites
    expect(await put('claims/a.json', 'third')).toBe('created');
  });

  it('20 conditional puts of one key at the same instant: exactly one wins', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => put('claims/race.json', `writer ${i}`, '*')));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'precondition-failed')).toHaveLength(19);
  });
});
