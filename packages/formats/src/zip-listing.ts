// A zip's table of contents, read from its central directory without expanding anything, and the first bytes of one
// entry (for the Shapefile header checks). Names are checked here, not by the zip library, so that every bad name is
// listed instead of only the first.
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
