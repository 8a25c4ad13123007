// A zip's table of contents, read from its central directory without expanding anything, and the first bytes of one
// entry (for the Shapefile header checks). Names are checked here, not by the zip library, so that every bad name is
// listed instead of only the first.
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

/** One entry of a zip's central directory. */
export interface ZipEntryInfo {
  /** Name as stored, '/'-separated (UTF-8 when the entry says so, else read byte for byte). */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** A name ending in '/'. */
  directory: boolean;
}

/** Every entry of the zip at `path`, in central-directory order. Throws when it is not a readable zip. */
export function listZip(path: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const entries: ZipEntryInfo[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entryName(entry);
        entries.push({
          name,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          directory: name.endsWith('/'),
        });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The first `bytes` bytes of entry `name` (fewer when the entry is shorter). Stops reading there. */
export function readZipEntryHead(path: string, name: string, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const done = (fn: () => void) => {
        zip.close();
        fn();
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entryName(entry) !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return done(() => reject(streamErr ?? new Error(`cannot read ${name}`)));
          const chunks: Buffer[] = [];
          let got = 0;
          stream.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            got += chunk.length;
            if (got >= bytes) {
              stream.destroy();
              done(() => resolve(Buffer.concat(chunks).subarray(0, bytes)));
            }
          });
          stream.on('end', () => done(() => resolve(Buffer.concat(chunks))));
          stream.on('error', (e) => done(() => reject(e)));
        });
      });
      zip.on('end', () => done(() => reject(new Error(`${name} is not in the zip`))));
      zip.on('error', (e) => done(() => reject(e)));
      zip.readEntry();
    });
  });
}

/** An entry that cannot be read (its local header, its compressed bytes, its size). */
export class ZipEntryError extends Error {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

/** An entry whose bytes do not match the CRC-32 its zip records for it. */
export interface ZipCrcMismatch {
  name: string;
  /** the CRC-32 the central directory records */
  recorded: number;
  /** the CRC-32 of the bytes the entry holds now */
  actual: number;
}

/**
 * Reads every entry named in `names` to its end and compares its CRC-32 with the one the zip records. Neither reader
 * does this on its own: yauzl skips the check by design and GDAL's /vsizip/ reads a stored entry as a byte range, so
 * a zip damaged after it was written (a broken transfer, a bad disk) would be read as its bytes now are. The zip's
 * limits (declared sizes, ratios) must have been checked first: this expands the entries, and yauzl stops an entry
 * that grows past its declared size. Throws a ZipEntryError when an entry cannot be read at all.
 */
export function checkZipCrcs(path: string, names: ReadonlySet<string>): Promise<ZipCrcMismatch[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const mismatches: ZipCrcMismatch[] = [];
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entryName(entry);
        if (!names.has(name)) return zip.readEntry();
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(new ZipEntryError(name, streamErr?.message ?? 'cannot read'));
          let actual = 0;
          stream.on('data', (chunk: Buffer) => (actual = crc32(chunk, actual)));
          stream.on('end', () => {
            if (actual !== entry.crc32) mismatches.push({ name, recorded: entry.crc32, actual });
            zip.readEntry();
          });
          stream.on('error', (e) => fail(new ZipEntryError(name, e.message)));
        });
      });
      zip.on('end', () => {
        zip.close();
        resolve(mismatches);
      });
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}

/** An entry's name, '/'-separated. Bit 11 says UTF-8. Otherwise the zip format says CP437, but zips made on Chinese
 * Windows carry GBK names (零陵区.gdb): names without the flag are read as GBK, here and in GDAL (CPL_ZIP_ENCODING,
 * gdal.ts), so that a path found here opens there. ASCII names read the same either way. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const name = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : GBK.decode(raw);
  return name.replace(/\\/g, '/');
}

/** Zip entry names without the UTF-8 flag (the same choice as for a .dbf without .cpg). */
export const ZIP_NAME_ENCODING = 'GBK';
const GBK = new TextDecoder(ZIP_NAME_ENCODING.toLowerCase());
