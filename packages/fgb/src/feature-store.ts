// Where the writer keeps encoded features until finish: memory chunks, or a temp spill file on disk.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Append-only storage of encoded features. Locations are opaque numbers returned by `append`. */
export interface FeatureStore {
  /** Copies `bytes` in; returns where they are. */
  append(bytes: Uint8Array): number;
  /** Makes everything appended readable with `copyOut`. */
  flush(): void;
  /** Copies `length` bytes stored at `location` into `target` at `targetOffset`. */
  copyOut(location: number, length: number, target: Uint8Array, targetOffset: number): void;
  /** Frees memory / deletes the spill file. Idempotent. */
  dispose(): void;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const CHUNK_SHIFT = 2 ** 32;
/** Bytes of the spill file read at once when features are copied out. */
const READ_WINDOW_BYTES = 32 * 1024;

/** Chunks of 4 MiB; a location is chunk index × 2^32 + position in the chunk. */
export class MemoryFeatureStore implements FeatureStore {
  private chunks: Uint8Array[] = [];
  private current = new Uint8Array(0);
  private used = 0;

  append(bytes: Uint8Array): number {
    if (this.used + bytes.length > this.current.length) {
      this.current = new Uint8Array(Math.max(CHUNK_BYTES, bytes.length));
      this.chunks.push(this.current);
      this.used = 0;
    }
    this.current.set(bytes, this.used);
    const location = (this.chunks.length - 1) * CHUNK_SHIFT + this.used;
    this.used += bytes.length;
    return location;
  }

  flush(): void {}

  copyOut(location: number, length: number, target: Uint8Array, targetOffset: number): void {
    const chunk = this.chunks[Math.floor(location / CHUNK_SHIFT)];
    const at = location % CHUNK_SHIFT;
    target.set(chunk.subarray(at, at + length), targetOffset);
  }

  dispose(): void {
    this.chunks = [];
    this.current = new Uint8Array(0);
  }
}

/** Appends to a temp file in `dir` through a 4 MiB buffer; a location is the file offset. */
export class SpillFeatureStore implements FeatureStore {
  readonly path: string;
  private fd: number | null;
  private buffer = new Uint8Array(CHUNK_BYTES);
  private buffered = 0;
  private written = 0;

  constructor(dir: string) {
    this.path = join(dir, `landwatch-fgb-${process.pid}-${randomBytes(6).toString('hex')}.spill`);
    this.fd = openSync(this.path, 'wx+', 0o600);
  }

  private descriptor(): number {
    if (this.fd === null) throw new Error(`spill file ${this.path} is already closed`);
    return this.fd;
  }

  append(bytes: Uint8Array): number {
    const location = this.written + this.buffered;
    if (this.buffered + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) {
      this.writeAll(bytes);
      return location;
    }
    this.buffer.set(bytes, this.buffered);
    this.buffered += bytes.length;
    return location;
  }

  flush(): void {
    if (this.buffered === 0) return;
    this.writeAll(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    const fd = this.descriptor();
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
  }

  /**
   * The spill file's bytes last read, `windowLength` of them from `windowStart`. Features come back in the order of
   * the finished file (by Hilbert index of their boxes), and the pieces of a county were added in nearly that order
   * (tile by tile of a Hilbert-sorted upload): at 100 000 pieces 87 % of the detections' features started within
   * 64 KiB after the end of the one before. So one read of READ_WINDOW_BYTES serves the next features too, where a
   * read per feature was 104 000 system calls and 0.4 s of the write stage (CPU profile, bench/RESULTS-LOG.md).
   */
  private window = new Uint8Array(0);
  private windowStart = 0;
  private windowLength = 0;

  copyOut(location: number, length: number, target: Uint8Array, targetOffset: number): void {
    const inWindow = location - this.windowStart;
    if (inWindow >= 0 && inWindow + length <= this.windowLength) {
      target.set(this.window.subarray(inWindow, inWindow + length), targetOffset);
      return;
    }
    const fd = this.descriptor();
    if (length > READ_WINDOW_BYTES) {
      this.readFully(fd, location, length, target, targetOffset, length);
      return;
    }
    if (this.window.length === 0) this.window = new Uint8Array(READ_WINDOW_BYTES);
    // at least the feature, and as much after it as the window holds and the file has
    const got = this.readFully(fd, location, length, this.window, 0, Math.max(length, Math.min(READ_WINDOW_BYTES, this.written - location)));
    this.windowStart = location;
    this.windowLength = got;
    target.set(this.window.subarray(0, length), targetOffset);
  }

  /** Reads at least `need` of `want` bytes at `location` into `target`; returns how many it read. */
  private readFully(fd: number, location: number, need: number, target: Uint8Array, targetOffset: number, want: number): number {
    let done = 0;
    while (done < need) {
      const n = readSync(fd, target, targetOffset + done, want - done, location + done);
      if (n === 0) throw new Error(`spill file ${this.path} ended early at ${location + done}`);
      done += n;
    }
    return done;
  }

  dispose(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    this.buffer = new Uint8Array(0);
    this.window = new Uint8Array(0);
    this.windowLength = 0;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to clean up.
    }
  }
}
