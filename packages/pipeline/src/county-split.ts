// A province upload split by county (docs/SCALE.md, "Province uploads"): each county of a multi-county change layer
// gets its own indexed, Hilbert-sorted copy, so that its tiles hold its pieces only and its finalize reads its tiles
// only. Two passes, memory bounded whatever the number of counties:
//   1. stream the upload once; encode each feature (with the copy's columns, as indexed-copy.ts would) and append its
//      bytes and box to its county's spill file in the scratch folder. Each county has a small buffer; a full buffer
//      is appended to its file by open-append-close, so no file handle stays open per county (a province's ~100
//      counties never meet a descriptor limit) and memory is counties × SPLIT_BUFFER_BYTES.
//   2. county by county: read its spill file, hand the encoded features to an FgbWriter (which keeps 44 bytes per
//      feature and spills the bytes), write the county's copy, delete its spill file. Peak memory is one county's.
// Features are spilled as encoded bytes, never as objects, and are decoded only once (in pass 1).
import { appendFile, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { toChangePiece, UPLOAD_INDEX_COLUMN } from '@landwatch/core';
import { FeatureEncoder, FgbWriter, readFeatures } from '@landwatch/fgb';
import type { ChangeLayer } from './change-layer.ts';
import { copyWriterOptions } from './indexed-copy.ts';

/** Per-county write buffer of pass 1: 100 counties hold 6.4 MiB. */
export const SPLIT_BUFFER_BYTES = 64 * 1024;
/** Read buffer of pass 2. */
const READ_BUFFER_BYTES = 4 * 1024 * 1024;
/** A spilled feature: its box (4 float64), then its size-prefixed flatbuffer (the prefix gives its length). */
const BOX_BYTES = 32;

/** The county of a piece: the first 6 characters of its location code (docs/LAND-SURVEY.md). */
export function countyOfLocation(locationCode: string): string {
  return locationCode.slice(0, 6);
}

/** One county's spill file and its write buffer. */
class CountySpill {
  readonly path: string;
  count = 0;
  private buffer = new Uint8Array(SPLIT_BUFFER_BYTES);
  private used = 0;

  constructor(dir: string, readonly countyCode: string, tag: string) {
    this.path = join(dir, `landwatch-split-${tag}-${countyCode}.spill`);
  }

  async append(bytes: Uint8Array, bbox: Float64Array): Promise<void> {
    const length = BOX_BYTES + bytes.length;
    if (this.used + length > this.buffer.length) await this.flush();
    if (length > this.buffer.length) this.buffer = new Uint8Array(length); // one feature larger than the buffer
    // byte-wise: a feature's length is not a multiple of 8, so the box is not float64-aligned in the buffer
    this.buffer.set(new Uint8Array(bbox.buffer, bbox.byteOffset, BOX_BYTES), this.used);
    this.buffer.set(bytes, this.used + BOX_BYTES);
    this.used += length;
    this.count++;
    if (this.buffer.length > SPLIT_BUFFER_BYTES && this.used > 0) {
      await this.flush();
      this.buffer = new Uint8Array(SPLIT_BUFFER_BYTES);
    }
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await appendFile(this.path, this.buffer.subarray(0, this.used), { mode: 0o600 });
    this.used = 0;
  }
}

/** What pass 1 left: one spill file per county, in county order. */
export interface CountySpills {
  counties: { countyCode: string; path: string; count: number }[];
  /** deletes every spill file still there */
  dispose(): Promise<void>;
}

/**
 * Pass 1: every feature of `layer`, encoded with the columns of the run's indexed copy, appended to its county's
 * spill file in `spillDir`. Features keep their upload order inside a county.
 */
export async function spillByCounty(layer: ChangeLayer, spillDir: string, onProgress?: (n: number) => void): Promise<CountySpills> {
  const { source, header, schema } = layer;
  const { keepIndex, ...options } = copyWriterOptions(header);
  const encoder = new FeatureEncoder(options.name, options.columns, options.geometryType);
  const spills = new Map<string, CountySpill>();
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const dispose = async () => {
    await Promise.all([...spills.values()].map((s) => rm(s.path, { force: true })));
  };
  let n = 0;
  try {
    for await (const f of readFeatures(source, header)) {
      if (!f.geometry) throw new Error(`${source.name}: feature ${f.featureIndex}: geometry ${f.geometryTypeName} cannot be indexed`);
      const county = countyOfLocation(toChangePiece(f.properties, f.geometry, f.featureIndex, schema).locationCode);
      let spill = spills.get(county);
      if (!spill) spills.set(county, (spill = new CountySpill(spillDir, county, tag)));
      const bytes = encoder.encode(f.geometry, keepIndex ? { ...f.properties, [UPLOAD_INDEX_COLUMN]: f.featureIndex } : f.properties, f.featureIndex);
      await spill.append(bytes, encoder.bbox);
      if (++n % 10_000 === 0) onProgress?.(n);
    }
    for (const spill of spills.values()) await spill.flush();
  } catch (err) {
    await dispose();
    throw err;
  }
  const counties = [...spills.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode)).map((s) => ({ countyCode: s.countyCode, path: s.path, count: s.count }));
  return { counties, dispose };
}

/**
 * Pass 2 for one county: its spilled features into an indexed, Hilbert-sorted copy (the writer spills to
 * `spillDir`), written to `file`. The county's spill file is deleted once read.
 */
export async function writeCountyCopy(layer: ChangeLayer, spill: { countyCode: string; path: string }, spillDir: string, file: string): Promise<void> {
  const { keepIndex: _, ...options } = copyWriterOptions(layer.header);
  const writer = new FgbWriter({ ...options, spillDir });
  const handle = await open(spill.path, 'r');
  try {
    const box = new Float64Array(4);
    const boxBytes = new Uint8Array(box.buffer);
    let buffer = new Uint8Array(READ_BUFFER_BYTES);
    let start = 0; // first unread byte in buffer
    let end = 0; // end of the bytes read into buffer
    for (;;) {
      // one whole record in the buffer? (box, then a 4-byte size prefix and that many bytes)
      const have = end - start;
      const length = have >= BOX_BYTES + 4 ? BOX_BYTES + 4 + new DataView(buffer.buffer, buffer.byteOffset + start + BOX_BYTES, 4).getUint32(0, true) : Infinity;
      if (have >= length) {
        boxBytes.set(buffer.subarray(start, start + BOX_BYTES));
        writer.addEncoded(buffer.subarray(start + BOX_BYTES, start + length), box);
        start += length;
        continue;
      }
      // refill: keep the partial record, growing the buffer for a record larger than it
      if (length !== Infinity && length > buffer.length) {
        const larger = new Uint8Array(length);
        larger.set(buffer.subarray(start, end));
        buffer = larger;
      } else buffer.copyWithin(0, start, end);
      end = have;
      start = 0;
      const { bytesRead } = await handle.read(buffer, end, buffer.length - end, null);
      if (bytesRead === 0) {
        if (have !== 0) throw new Error(`county ${spill.countyCode}: spill file ${spill.path} ends inside a feature`);
        break;
      }
      end += bytesRead;
    }
    await handle.close();
    await rm(spill.path, { force: true });
    await writer.finishToFile(file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    writer.discard();
    throw err;
  }
}
