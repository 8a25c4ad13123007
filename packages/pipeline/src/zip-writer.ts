// A streaming zip writer for the packages we make ourselves (the workbook): members are deflated as their text is
// produced and handed to a sink chunk by chunk, so a member never has to exist whole in memory.
//
// Each member's text is cut into chunks of about CHUNK_CHARS; every chunk is deflated on its own on libuv's thread
// pool (zlib's raw deflate with a sync flush, the last with finish), so compression runs on the second core while
// this thread writes the next chunk. Sync-flushed raw deflate blocks concatenate into one valid deflate stream (each
// chunk starts a fresh 32 KB window: a few per mille larger than one stream). Sizes and CRC follow each member in a
// data descriptor (flag bit 3), as exceljs' own zip library wrote them; every reader we test with (exceljs, yauzl,
// GDAL's /vsizip/) takes them from the central directory. Entry dates are the caller's date, so the same content
// gives the same bytes.
import { constants, crc32, deflateRaw } from 'node:zlib';

/** Receives the archive's bytes in order. */
export type ZipSink = (chunk: Uint8Array) => void | Promise<void>;

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Characters of member text deflated as one chunk. */
const CHUNK_CHARS = 1 << 20;
/** Chunks being deflated at once (bounds memory: each holds about CHUNK_CHARS of UTF-8). */
const IN_FLIGHT = 3;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** General-purpose flags: bit 3 (sizes in a data descriptor) and bit 11 (names are UTF-8). */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.max(1980, when.getUTCFullYear());
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

function deflateChunk(bytes: Buffer, last: boolean, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    deflateRaw(bytes, { level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}

export class ZipWriter {
  readonly #sink: ZipSink;
  readonly #level: number;
  readonly #time: number;
  readonly #date: number;
  readonly #entries: CentralEntry[] = [];
  #offset = 0;

  /** `when`: every member's date; `level`: zlib's deflate level. */
  constructor(sink: ZipSink, when: Date, level = 6) {
    this.#sink = sink;
    this.#level = level;
    ({ time: this.#time, date: this.#date } = dosDateTime(when));
  }

  async #emit(chunk: Uint8Array): Promise<void> {
    this.#offset += chunk.length;
    await this.#sink(chunk);
  }

  /** Adds a member whose UTF-8 text is the concatenation of `parts`. */
  async addText(name: string, parts: Iterable<string>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.#offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(this.#time, 10);
    local.writeUInt16LE(this.#date, 12);
    local.writeUInt16LE(nameBytes.length, 26);
    await this.#emit(local);
    await this.#emit(nameBytes);

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pending: Promise<Buffer>[] = [];
    const drain = async (keep: number) => {
      while (pending.length > keep) {
        const out = await pending.shift()!;
        compressed += out.length;
        await this.#emit(out);
      }
    };
    const send = async (text: string, last: boolean) => {
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      pending.push(deflateChunk(bytes, last, this.#level));
      await drain(last ? 0 : IN_FLIGHT - 1);
    };
    let buffered: string[] = [];
    let chars = 0;
    for (const part of parts) {
      buffered.push(part);
      chars += part.length;
      if (chars >= CHUNK_CHARS) {
        const text = buffered.join('');
        buffered = [];
        chars = 0;
        await send(text, false);
      }
    }
    await send(buffered.join(''), true);

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DESCRIPTOR, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.#emit(descriptor);
    this.#entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
  }

  /** Writes the central directory and the end record; the archive is complete after this. */
  async finish(): Promise<void> {
    const start = this.#offset;
    for (const e of this.#entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL, 0);
      h.writeUInt16LE(VERSION, 4);
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.#time, 12);
      h.writeUInt16LE(this.#date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.#emit(h);
      await this.#emit(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.#entries.length, 8);
    end.writeUInt16LE(this.#entries.length, 10);
    end.writeUInt32LE(this.#offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.#emit(end);
  }
}
