// utf8Chunks encodes each part straight into a byte chunk: whatever the parts (ASCII, Chinese, supplementary-plane
// characters, empty, larger than a chunk), the chunks joined are the UTF-8 of the parts joined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { borrowChunkBuffers, CHUNK_BYTES, returnChunkBuffers, utf8Bytes, utf8Chunks } from '../src/utf8-chunks.ts';

/** Parts as the writers make them: rows of mixed scripts, never splitting a surrogate pair. */
const part = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('耕地转为建设用地', '𠀋𡈽', 'a,b\r\n', ''),
);

describe('utf8Chunks', () => {
  it('joined, the chunks are the UTF-8 of the joined parts', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 200 }), (parts) => {
        expect(Buffer.concat([...utf8Chunks(parts)]).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
        expect(Buffer.from(utf8Bytes(parts)).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
      }),
    );
  });

  it('fills chunks of at most a megabyte, and a part larger than a chunk goes whole', () => {
    const row = `${'耕地'.repeat(100)},𠀋,${'x'.repeat(300)}\r\n`;
    const big = '𡈽'.repeat(400_000); // 1.6 MB of UTF-8
    const parts = [...Array.from({ length: 5000 }, () => row), big, row, ''];
    const chunks = [...utf8Chunks(parts)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.some((c) => c.length === Buffer.byteLength(big))).toBe(true);
    for (const c of chunks) if (c.length !== Buffer.byteLength(big)) expect(c.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(Buffer.concat(chunks).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('with a ring of one buffer, refills it: each chunk, copied as it comes, makes the same bytes', () => {
    const row = `${'耕地'.repeat(50)},𠀋,a\r\n`;
    const parts = Array.from({ length: 4000 }, () => row);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (const chunk of utf8Chunks(parts, { ring: [Buffer.allocUnsafe(64 * 1024)] })) {
      buffers.add(chunk.buffer);
      copies.push(Buffer.from(chunk));
    }
    expect(copies.length).toBeGreaterThan(5);
    expect(buffers.size).toBe(1);
    expect(Buffer.concat(copies).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('with a ring of two buffers, they take turns: a chunk stays as it was until two more are asked for', () => {
    const row = `${'耕地'.repeat(50)},𠀋,a\r\n`;
    const parts = Array.from({ length: 4000 }, () => row);
    const copies: Buffer[] = [];
    const buffers: ArrayBufferLike[] = [];
    let previous: { chunk: Buffer; copy: Buffer } | undefined;
    for (const chunk of utf8Chunks(parts, { ring: [Buffer.allocUnsafe(64 * 1024), Buffer.allocUnsafe(64 * 1024)] })) {
      // the chunk before this one is still intact: it can be being written while this one was filled
      if (previous) expect(previous.chunk.equals(previous.copy)).toBe(true);
      buffers.push(chunk.buffer);
      const copy = Buffer.from(chunk);
      copies.push(copy);
      previous = { chunk, copy };
    }
    expect(copies.length).toBeGreaterThan(5);
    expect(new Set(buffers).size).toBe(2);
    for (let i = 2; i < buffers.length; i++) expect(buffers[i]).toBe(buffers[i - 2]);
    expect(Buffer.concat(copies).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('yields nothing for no text', () => {
    expect([...utf8Chunks([])]).toEqual([]);
    expect([...utf8Chunks(['', ''])]).toEqual([]);
  });

  it('with a ring of borrowed buffers, fills only those, in turn, in chunks of their length', () => {
    const ring = borrowChunkBuffers(2);
    const row = `${'耕地'.repeat(50)},𠀋,a\r\n`;
    const parts = Array.from({ length: 20_000 }, () => row); // about 6 MB
    const copies: Buffer[] = [];
    const used: ArrayBufferLike[] = [];
    for (const chunk of utf8Chunks(parts, { ring })) {
      used.push(chunk.buffer);
      expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
      copies.push(Buffer.from(chunk));
    }
    returnChunkBuffers(ring);
    expect(copies.length).toBeGreaterThan(4);
    expect(used.every((b, i) => b === ring[i % 2]!.buffer)).toBe(true);
    expect(Buffer.concat(copies).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('with a ring of buffers of different lengths, fills none past the shortest', () => {
    const ring = [Buffer.allocUnsafe(64 * 1024), Buffer.allocUnsafe(16 * 1024)];
    const parts = Array.from({ length: 4000 }, () => `${'耕地'.repeat(50)},𠀋,a\r\n`);
    const copies: Buffer[] = [];
    for (const chunk of utf8Chunks(parts, { ring })) {
      expect(chunk.length).toBeLessThanOrEqual(16 * 1024);
      copies.push(Buffer.from(chunk));
    }
    expect(Buffer.concat(copies).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });
});

describe('borrowChunkBuffers', () => {
  it('lends the buffers given back, each to one borrower at a time, and keeps a few of the chunk size only', () => {
    const first = borrowChunkBuffers(2);
    expect(first.map((b) => b.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES]);
    expect(first[0]).not.toBe(first[1]);
    returnChunkBuffers(first);
    const again = borrowChunkBuffers(3);
    // the two given back are lent again, and never twice in one loan
    expect(again).toContain(first[0]);
    expect(again).toContain(first[1]);
    expect(new Set(again).size).toBe(3);
    const other = borrowChunkBuffers(2);
    for (const b of other) expect(again).not.toContain(b);
    // given back twice or of another size, a buffer is not kept twice nor kept at all
    returnChunkBuffers([...again, ...again, ...other, Buffer.allocUnsafe(100)]);
    const kept = borrowChunkBuffers(6);
    expect(new Set(kept).size).toBe(6);
    expect(kept.filter((b) => [...again, ...other].includes(b)).length).toBe(4);
    returnChunkBuffers(kept);
  });
});
