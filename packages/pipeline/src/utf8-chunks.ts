// Text that comes in many small parts (rows, cells, shapes), encoded as UTF-8 a megabyte at a time: the whole text
// never exists as one string (a CSV with Chinese names is two bytes a character as a string, one to three as UTF-8),
// and whoever takes the bytes — memory, a file, zlib — gets few, large chunks.
//
// Each part is encoded straight into the chunk's bytes. Joining the parts into a megabyte string first (as this did
// before) made every chunk a string too large for V8's young generation: it went to the large-object space, which
// only a full collection frees, so each megabyte written left two to three megabytes of dead strings in the old
// generation until the next full collection (docs in bench/RESULTS.md, "Memory").

/** Bytes of a chunk. */
const CHUNK_BYTES = 1 << 20;
/** UTF-8 bytes per UTF-16 code unit, at most (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

/** The UTF-8 bytes of the concatenated parts, in chunks (none for no text). Parts must not split a surrogate pair. */
export function* utf8Chunks(parts: Iterable<string>): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const part of parts) {
    const most = part.length * MAX_BYTES_PER_UNIT;
    if (used + most > CHUNK_BYTES) {
      if (used > 0) {
        yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        used = 0;
      }
      if (most > CHUNK_BYTES) {
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
