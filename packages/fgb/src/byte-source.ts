// Random-access byte sources: an in-memory buffer or a local file read with positional reads.
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ByteRangeError } from './errors.ts';

/** Read-only random access to the bytes of one file or object. */
export interface ByteSource {
  /** File path, object key or any label used in error messages. */
  readonly name: string;
  /** Total size in bytes. */
  readonly size: number;
  /** Returns exactly `length` bytes starting at `offset`, or throws. The result must not be modified. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Fills `target` with exactly `target.length` bytes starting at `offset`, or throws. Optional: a source that
   * reads into memory anyway (a file) offers it, so that a reader can refill one buffer instead of taking a fresh one
   * per read: each fresh one is zeroed, page-faulted in and counted towards V8's next collection (bench/RESULTS-LOG.md).
   */
  readInto?(offset: number, target: Uint8Array): Promise<void>;
}

function checkRange(name: string, size: number, offset: number, length: number): void {
  const ok = Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0 && offset + length <= size;
  if (!ok) throw new ByteRangeError(name, offset, length, size);
}

/** A source over bytes already in memory. `read` returns views into `bytes` (no copy). */
export function memoryByteSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    async read(offset: number, length: number): Promise<Uint8Array> {
      checkRange(name, bytes.length, offset, length);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** Reads of at most this many bytes of a local file are made synchronously (see openFileByteSource). */
const SYNC_READ_BYTES = 1024 * 1024;

/** Opens a local file for positional reads. Call `close()` when done. */
export async function openFileByteSource(path: string): Promise<ByteSource & Required<Pick<ByteSource, 'readInto'>> & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  // Reads up to SYNC_READ_BYTES are synchronous: a small read of a file the page cache holds is a copy of
  // microseconds, and a read through the thread pool cost a wake-up of the main thread each time, which on two busy
  // cores took longer than the copy (a tile's range reads of protection features: bench/RESULTS-LOG.md, "Fresh memory").
  // Larger reads (the sequential scans' 4 MiB chunks) stay with the thread pool: validation reads two layers at once,
  // and made synchronous they took 260 ms longer at 20 000 pieces.
  const readInto = async (offset: number, target: Uint8Array): Promise<void> => {
    const length = target.length;
    checkRange(path, size, offset, length);
    const sync = length <= SYNC_READ_BYTES;
    let done = 0;
    while (done < length) {
      const bytesRead = sync
        ? readSync(handle.fd, target, done, length - done, offset + done)
        : (await handle.read(target, done, length - done, offset + done)).bytesRead;
      if (bytesRead === 0) throw new ByteRangeError(path, offset, length, size, new Error('unexpected end of file (file shrank?)'));
      done += bytesRead;
    }
  };
  return {
    name: path,
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      checkRange(path, size, offset, length); // before the allocation: a length from a hostile file may be absurd
      const out = new Uint8Array(length);
      await readInto(offset, out);
      return out;
    },
    readInto,
    close: () => handle.close(),
  };
}
