// Text that comes in many small parts (rows, cells, shapes), encoded as UTF-8 a megabyte at a time: the whole text
// never exists as one string (a CSV with Chinese names is two bytes a character as a string, one to three as UTF-8),
// and whoever takes the bytes — memory, a file, zlib — gets few, large chunks.
//
// Each part is encoded straight into the chunk's bytes. Joining the parts into a megabyte string first (as this did
// before) made every chunk a string too large for V8's young generation: it went to the large-object space, which
// only a full collection frees, so each megabyte written left two to three megabytes of dead strings in the old
// generation until the next full collection.
//
// The chunks' bytes live outside V8's heap, and V8 starts a full collection whenever such memory has grown by 64 MB
// since the last one. Chunks that die young are freed by the cheap young-generation collections and never add up;
// chunks that wait (in a stream) outlive them and are freed only by a full collection. At a million pieces, with
// 1.4 GB of live heap for each full collection to mark, the workbook's megabyte chunks started one every 3 s, and
// their marking took 26 s of the workbook's 46 s (bench/RESULTS-LOG.md, "The session before (to 00626d1): the
// write stage of large counties, and memory"). Hence the two ways to take the chunks below: a writer that is done
// with each chunk before it asks for the next has the same buffers refilled (`ring`), and a stream takes small
// chunks that are gone before the next young collection.

/** Bytes of a chunk, by default. */
export const CHUNK_BYTES = 1 << 20;
/** UTF-8 bytes per UTF-16 code unit, at most (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

export interface Utf8ChunkOptions {
  /** bytes of a chunk (default CHUNK_BYTES; with `ring`, the length of its shortest buffer) */
  chunkBytes?: number;
  /** buffers that take turns holding the chunks, instead of a new buffer per chunk (borrowChunkBuffers lends them):
   * a chunk is refilled once the caller has asked for as many more as there are buffers, so with two a writer can
   * write one chunk while the next is being filled */
  ring?: readonly Buffer[];
}

/**
 * Chunk buffers given back by writers that are done with them, for the next file's writer. Each text file written
 * took two new megabyte buffers: new memory costs a page fault per 4 KiB page on its first touch, and the buffers,
 * alive for the whole of a file's write, outlived the young generation, so only a full collection freed them (at
 * 100 000 pieces the task files alone left about 30 MB of them, at the end of the run where its memory peaks).
 */
const spareBuffers: Buffer[] = [];
/** Spare buffers kept at most (a writer borrows two). */
const SPARE_MAX = 4;

/** `count` chunk buffers of CHUNK_BYTES, spare ones first; give them back with returnChunkBuffers once no write of
 * them is in flight. */
export function borrowChunkBuffers(count: number): Buffer[] {
  return Array.from({ length: count }, () => spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES));
}

/** Buffers from borrowChunkBuffers that nothing reads or writes any more. */
export function returnChunkBuffers(buffers: readonly Buffer[]): void {
  for (const b of buffers) if (spareBuffers.length < SPARE_MAX && b.length === CHUNK_BYTES && !spareBuffers.includes(b)) spareBuffers.push(b);
}

/** The UTF-8 bytes of the concatenated parts, in chunks (none for no text). Parts must not split a surrogate pair. */
export function* utf8Chunks(parts: Iterable<string>, options: Utf8ChunkOptions = {}): Generator<Buffer> {
  const ring = options.ring !== undefined && options.ring.length > 0 ? options.ring : undefined;
  const size = ring ? Math.min(...ring.map((b) => b.length)) : (options.chunkBytes ?? CHUNK_BYTES);
  let turn = 0;
  /** the buffer after a chunk is handed over: a fresh one, or the next in turn */
  const nextBuffer = (): Buffer => {
    if (!ring) return Buffer.allocUnsafe(size);
    turn = (turn + 1) % ring.length;
    return ring[turn]!;
  };
  let chunk: Buffer = ring ? ring[0]! : Buffer.allocUnsafe(size);
  let used = 0;
  for (const part of parts) {
    const most = part.length * MAX_BYTES_PER_UNIT;
    if (used + most > size) {
      if (used > 0) {
        yield chunk.subarray(0, used);
        chunk = nextBuffer();
        used = 0;
      }
      if (most > size) {
        // a part larger than a chunk goes as its own
        if (part.length > 0) yield Buffer.from(part, 'utf8');
        continue;
      }
    }
    used += chunk.write(part, used, 'utf8');
  }
  if (used > 0) yield chunk.subarray(0, used);
}

/** UTF-8 of text that comes in pieces: the whole text never exists as one string. */
export function utf8Bytes(parts: Iterable<string>): Uint8Array {
  return Buffer.concat([...utf8Chunks(parts)]); // a Uint8Array already: `new Uint8Array(buffer)` would copy it
}
