// openFileByteSource: reads of up to a megabyte are made synchronously, larger ones through the thread pool; either
// way a read returns exactly the file's bytes, and a file that shrinks under a reader fails the read, naming it.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteRangeError, openFileByteSource } from '@landwatch/fgb';

const dir = mkdtempSync(join(tmpdir(), 'lw-byte-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = Buffer.alloc(3 * 1024 * 1024);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;

describe('openFileByteSource', () => {
  it('reads small ranges and ranges larger than a megabyte, with read and readInto', async () => {
    const path = join(dir, 'bytes.bin');
    writeFileSync(path, bytes);
    const source = await openFileByteSource(path);
    try {
      for (const [offset, length] of [[0, 1], [12_345, 40_000], [1_000_000, 1024 * 1024], [5, 2 * 1024 * 1024 + 3], [bytes.length - 10, 10]] as const) {
        expect(Buffer.from(await source.read(offset, length)).equals(bytes.subarray(offset, offset + length)), `read ${offset}+${length}`).toBe(true);
        const into = new Uint8Array(length);
        await source.readInto(offset, into);
        expect(Buffer.from(into).equals(bytes.subarray(offset, offset + length)), `readInto ${offset}+${length}`).toBe(true);
      }
      await expect(source.read(bytes.length - 10, 11)).rejects.toThrow(ByteRangeError);
    } finally {
      await source.close();
    }
  });

  it('fails a read, small or large, of a file that shrank under it', async () => {
    const path = join(dir, 'shrinking.bin');
    writeFileSync(path, bytes);
    const source = await openFileByteSource(path);
    try {
      truncateSync(path, 1024);
      for (const [offset, length] of [[2048, 100], [0, 2 * 1024 * 1024]] as const) {
        const error = (await source.read(offset, length).catch((e: unknown) => e)) as ByteRangeError;
        expect(error).toBeInstanceOf(ByteRangeError);
        expect(error.message).toContain(`shrinking.bin: cannot read ${length} bytes at offset ${offset}`);
        expect(String((error.cause as Error).message)).toMatch(/unexpected end of file/);
      }
    } finally {
      await source.close();
    }
  });
});
