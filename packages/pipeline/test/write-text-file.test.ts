// writeTextFile writes a text's parts as UTF-8 through two buffers that take turns (one written while the next is
// filled): the file holds exactly utf8Bytes of the parts, and a failed write or a failing text rejects with its
// error once no write is still going.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTextFile } from '../src/county-files.ts';
import { utf8Bytes } from '../src/utf8-chunks.ts';

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
});
