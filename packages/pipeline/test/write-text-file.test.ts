// writeTextFile writes a text's parts as UTF-8 through two buffers that take turns (one written while the next is
// filled): the file holds exactly utf8Bytes of the parts, and a failed write or a failing text rejects with its
// error once no write is still going. The buffers are borrowed from the ones the file before gave back: files written
// one after another, side by side, or after a failed one still hold their own bytes. writeChunks gathers a producer's
// chunks in one borrowed buffer.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChunks, writeTextFile } from '../src/county-files.ts';
import { CHUNK_BYTES, utf8Bytes } from '../src/utf8-chunks.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-text-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = `LW2024-431102-0000000001,${'耕地占用；'.repeat(40)},𠀋,"a ""quoted"" cell"\r\n`;

describe('writeTextFile', () => {
  it('writes the bytes utf8Bytes makes, over many chunks', async () => {
    const parts = Array.from({ length: 20_000 }, (_, i) => `${i},${row}`); // about 12 MB: a dozen megabyte chunks
    const path = join(dir, 'many.csv');
    await writeTextFile(path, parts);
    expect(readFileSync(path).equals(Buffer.from(utf8Bytes(parts)))).toBe(true);
  });

  it('rejects with the write error when the device is full', async () => {
    if (!existsSync('/dev/full')) return;
    await expect(writeTextFile('/dev/full', Array.from({ length: 5000 }, () => row))).rejects.toThrow(/ENOSPC/);
  });

  it('rejects with the error of a text that fails while it is being written', async () => {
    function* failing(): Iterable<string> {
      for (let i = 0; i < 8000; i++) yield row;
      throw new Error('row 8000: no township code');
    }
    await expect(writeTextFile(join(dir, 'failing.csv'), failing())).rejects.toThrow('row 8000: no township code');
  });

  it('files written one after another, side by side and after a failed one each hold their own bytes', async () => {
    const text = (tag: string, rows: number) => Array.from({ length: rows }, (_, i) => `${tag},${i},${row}`);
    const a = text('a', 6000);
    const b = text('b', 3000);
    const c = text('c', 50);
    await writeTextFile(join(dir, 'a.csv'), a);
    await Promise.all([writeTextFile(join(dir, 'b.csv'), b), writeTextFile(join(dir, 'c.csv'), c)]);
    function* failing(): Iterable<string> {
      yield* text('x', 4000);
      throw new Error('no township code');
    }
    await expect(writeTextFile(join(dir, 'x.csv'), failing())).rejects.toThrow('no township code');
    await writeTextFile(join(dir, 'a2.csv'), a);
    for (const [file, parts] of [['a.csv', a], ['b.csv', b], ['c.csv', c], ['a2.csv', a]] as const) {
      expect(readFileSync(join(dir, file)).equals(Buffer.from(utf8Bytes(parts))), file).toBe(true);
    }
  });
});

describe('writeChunks', () => {
  it('writes the chunks in order, small ones gathered, one filling the buffer exactly and ones larger than it', async () => {
    const sizes = [1, 70_000, CHUNK_BYTES - 70_001, 5, CHUNK_BYTES, 3, 2 * CHUNK_BYTES + 17, 65_536, 65_536, 9];
    const chunks = sizes.map((n, i) => Buffer.alloc(n, i + 1));
    const path = join(dir, 'chunks.bin');
    await writeChunks(path, async (write) => {
      for (const chunk of chunks) await write(chunk);
    });
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('rejects with the error of the producer, and the next file is still right', async () => {
    await expect(
      writeChunks(join(dir, 'failed.bin'), async (write) => {
        await write(Buffer.alloc(CHUNK_BYTES - 1, 7));
        throw new Error('sheet 2: no rows');
      }),
    ).rejects.toThrow('sheet 2: no rows');
    const chunks = [Buffer.alloc(600_000, 1), Buffer.alloc(600_000, 2)];
    await writeChunks(join(dir, 'after.bin'), async (write) => {
      for (const chunk of chunks) await write(chunk);
    });
    expect(readFileSync(join(dir, 'after.bin')).equals(Buffer.concat(chunks))).toBe(true);
  });
});
