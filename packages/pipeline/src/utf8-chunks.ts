// Text that comes in many small parts (rows, cells, shapes), encoded as UTF-8 a megabyte at a time: the whole text
// never exists as one string (a CSV with Chinese names is two bytes a character as a string, one to three as UTF-8),
// and whoever takes the bytes — memory, a file, zlib — gets few, large chunks.

/** Parts joined into chunks of about this many characters before they are encoded. */
const CHUNK_CHARS = 1 << 20;

/** The UTF-8 bytes of the concatenated parts, in chunks (none for no text). Parts must not split a surrogate pair. */
export function* utf8Chunks(parts: Iterable<string>): Generator<Buffer> {
  let buffered: string[] = [];
  let chars = 0;
  for (const part of parts) {
    buffered.push(part);
    chars += part.length;
    if (chars >= CHUNK_CHARS) {
      yield Buffer.from(buffered.join(''), 'utf8');
      buffered = [];
      chars = 0;
    }
  }
  if (chars > 0) yield Buffer.from(buffered.join(''), 'utf8');
}

/** UTF-8 of text that comes in pieces: the whole text never exists as one string. */
export function utf8Bytes(parts: Iterable<string>): Uint8Array {
  return Buffer.concat([...utf8Chunks(parts)]); // a Uint8Array already: `new Uint8Array(buffer)` would copy it
}
