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

  copyOut(location: number, length: number, target: Uint8Array, targetOffset: number): void {
    const fd = this.descriptor();
    let done = 0;
    while (done < length) {
      const n = readSync(fd, target, targetOffset + done, length - done, location + done);
      if (n === 0) throw new Error(`spill file ${this.path} ended early at ${location + done}`);
      done += n;
    }
  }

  dispose(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    this.buffer = new Uint8Array(0);
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to clean up.
    }
  }
}
