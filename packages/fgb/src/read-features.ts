// Feature reading: sequential (whole file or one byte range, in chunks) or by bbox through the packed R-tree.
import type { Bbox } from '@landwatch/core';
import type { ByteSource } from './byte-source.ts';
import { type DecodePlan, type FgbFeature, type GeometryWhen, decodeFeature, decodePlan } from './decode-feature.ts';
import { FgbFormatError, FgbNoIndexError } from './errors.ts';
import { SIZE_PREFIX_BYTES } from './format.ts';
import type { FgbHeader } from './header.ts';
import { searchPackedTree } from './packed-rtree.ts';

export interface FeatureRange {
  /** First byte, relative to header.featuresOffset (a feature's size prefix). */
  start: number;
  /** End byte (exclusive), relative to header.featuresOffset (the end of a feature). */
  end: number;
  /** File-order index of the feature at `start`. */
  firstIndex: number;
}

export interface ReadFeaturesOptions {
  /** Only features whose index box intersects this box (needs a spatial index), in file order. */
  bbox?: Bbox;
  /**
   * With bbox: a further test of each index box that meets `bbox` (e.g. "does it meet any piece of this tile?").
   * Features whose box it rejects are not read at all — the cheap way to skip what no piece can touch.
   */
  acceptBox?: (minX: number, minY: number, maxX: number, maxY: number) => boolean;
  /** Only the features in this byte range of the feature section (a tile). Not combinable with bbox. */
  range?: FeatureRange;
  /** Decode the properties (default true); false returns geometry only — e.g. protection features for clipping. */
  properties?: boolean;
  /** Decode the polygon only of features whose properties pass; the others come back with `geometrySkipped`. */
  geometryWhen?: GeometryWhen;
  /**
   * One copy of each short string value across features (default true), for a reader that keeps what it reads; a
   * reader that only checks and counts passes false and saves the lookups.
   */
  shareStrings?: boolean;
  /** Bytes per sequential read; default 4 MiB. */
  chunkSize?: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Index hits closer than this are read in one request. */
const MERGE_GAP_BYTES = 64 * 1024;

/** Reads features in file order. Every size and offset from the file is checked; problems throw FgbFormatError. */
export async function* readFeatures(src: ByteSource, header: FgbHeader, options: ReadFeaturesOptions = {}): AsyncGenerator<FgbFeature> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
  if (!(chunkSize >= 1)) throw new RangeError(`chunkSize must be positive, got ${chunkSize}`);
  const shared = decodePlan(src.name, header);
  const plan = options.properties === false || options.geometryWhen || options.shareStrings === false
    ? { ...shared, skipProperties: options.properties === false, geometryWhen: options.geometryWhen, shareStrings: options.shareStrings !== false }
    : shared;
  if (options.bbox && options.range) throw new RangeError('readFeatures: bbox and range cannot be combined');
  if (options.bbox) {
    yield* readByBbox(src, header, plan, options.bbox, chunkSize, options.acceptBox);
    return;
  }
  const range = options.range;
  if (range) {
    const ok = Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && Number.isSafeInteger(range.firstIndex)
      && range.start >= 0 && range.start <= range.end && range.end <= header.dataSize && range.firstIndex >= 0;
    if (!ok) throw new RangeError(`${src.name}: feature range ${range.start}..${range.end} (first ${range.firstIndex}) is outside 0..${header.dataSize}`);
    yield* readSequential(src, header, featureDecoder(plan), range.start, range.end, range.firstIndex, chunkSize, undefined);
    return;
  }
  const expected = header.featuresCount > 0 ? header.featuresCount : undefined;
  yield* readSequential(src, header, featureDecoder(plan), 0, header.dataSize, 0, chunkSize, expected);
}

/** Decodes the feature flatbuffer at view[start, end); `offset` is its size prefix's offset in the feature section.
 * What it returns must not keep `view` or its bytes: the walk may refill them with the next chunk. */
export type SequentialDecoder<T> = (view: DataView, start: number, end: number, featureIndex: number, offset: number) => T;

function featureDecoder(plan: DecodePlan): SequentialDecoder<FgbFeature> {
  return (view, start, end, featureIndex, offset) => decodeFeature(plan, view, start, end, featureIndex, offset);
}

/**
 * Walks the whole feature section in file order, checking every size prefix, and hands each feature's bytes to
 * `decode`. A header count of 0 means "unknown": the features are counted by reading.
 */
export function readSequentialWith<T>(src: ByteSource, header: FgbHeader, decode: SequentialDecoder<T>, chunkSize = DEFAULT_CHUNK_BYTES): AsyncGenerator<T> {
  const expected = header.featuresCount > 0 ? header.featuresCount : undefined;
  return readSequential(src, header, decode, 0, header.dataSize, 0, chunkSize, expected);
}

/**
 * One spare buffer for the walks below: a walk takes it (or a new one when it is taken or too small) and gives it back
 * when done, so the tiles' reads (one range of the change layer, then the protection features near its pieces)
 * refill the same memory tile after tile instead of taking megabytes of new buffers each.
 */
let spare: Uint8Array | undefined;

/** `current` when it holds `length` bytes, else the spare or a new buffer that does. */
function scratchOf(current: Uint8Array | undefined, length: number): Uint8Array {
  if (current && current.length >= length) return current;
  const s = spare;
  if (s && s.length >= length) {
    spare = undefined;
    return s;
  }
  return new Uint8Array(Math.max(length, current?.length ?? 0));
}

function giveBack(buffer: Uint8Array): void {
  if (!spare || buffer.length > spare.length) spare = buffer;
}

/**
 * `length` bytes of the feature section at `pos`: read into the walk's scratch buffer when the source can (the
 * scratch is taken, grown or kept as need be and returned for the next read), else a fresh read.
 */
async function readRange(
  src: ByteSource, header: FgbHeader, pos: number, length: number, scratch: Uint8Array | undefined,
): Promise<{ bytes: Uint8Array; scratch: Uint8Array | undefined }> {
  if (!src.readInto) return { bytes: await src.read(header.featuresOffset + pos, length), scratch };
  const into = scratchOf(scratch, length);
  const bytes = into.subarray(0, length);
  await src.readInto(header.featuresOffset + pos, bytes);
  return { bytes, scratch: into };
}

async function* readSequential<T>(
  src: ByteSource, header: FgbHeader, decode: SequentialDecoder<T>, start: number, end: number, firstIndex: number,
  chunkSize: number, expectedCount: number | undefined,
): AsyncGenerator<T> {
  const whole = end === header.dataSize;
  let buf: Uint8Array = new Uint8Array(0);
  let view = new DataView(buf.buffer, buf.byteOffset, 0);
  let bufStart = start;
  // A source that can read into a given buffer refills one: each feature is decoded into values of its own before
  // the next read, so nothing keeps the bytes of a chunk once the walk has moved past it. A fresh buffer per 4 MiB
  // read was zeroed, page-faulted in and counted towards V8's next collection: at 100 000 pieces the scans read
  // about 1 GB that way (bench/RESULTS-LOG.md).
  let scratch: Uint8Array | undefined;
  const refill = async (pos: number, need: number): Promise<void> => {
    ({ bytes: buf, scratch } = await readRange(src, header, pos, Math.min(end - pos, Math.max(chunkSize, need)), scratch));
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    bufStart = pos;
  };
  let pos = start;
  let index = firstIndex;
  try {
    while (pos < end) {
      if (expectedCount !== undefined && index === expectedCount) {
        throw new FgbFormatError(src.name, `${end - pos} bytes follow the last of the ${expectedCount} features the header announces`, { offset: header.featuresOffset + pos });
      }
      const fail = (detail: string): never => {
        throw new FgbFormatError(src.name, detail, { featureIndex: index, offset: header.featuresOffset + pos });
      };
      if (pos + SIZE_PREFIX_BYTES > end) {
        fail(whole ? `truncated: ${end - pos} bytes left where a feature size prefix was expected` : `${end - pos} stray bytes at the end of the feature range`);
      }
      if (pos + SIZE_PREFIX_BYTES > bufStart + buf.length) await refill(pos, SIZE_PREFIX_BYTES);
      const length = view.getUint32(pos - bufStart, true);
      const total = SIZE_PREFIX_BYTES + length;
      if (pos + total > end) {
        fail(whole
          ? `truncated in a feature: its size prefix says ${length} bytes, only ${end - pos - SIZE_PREFIX_BYTES} remain in the file`
          : `feature of ${length} bytes runs past the end of the range at ${end}`);
      }
      if (pos + total > bufStart + buf.length) await refill(pos, total);
      const at = pos - bufStart;
      yield decode(view, at + SIZE_PREFIX_BYTES, at + total, index, pos);
      pos += total;
      index++;
    }
    if (expectedCount !== undefined && index < expectedCount) {
      throw new FgbFormatError(src.name, `the header announces ${expectedCount} features, the file holds only ${index} (truncated?)`);
    }
  } finally {
    if (scratch) giveBack(scratch);
  }
}

async function* readByBbox(
  src: ByteSource,
  header: FgbHeader,
  plan: DecodePlan,
  bbox: Bbox,
  chunkSize: number,
  acceptBox?: ReadFeaturesOptions['acceptBox'],
): AsyncGenerator<FgbFeature> {
  if (header.featuresCount === 0) return;
  if (header.indexNodeSize === 0) throw new FgbNoIndexError(src.name, 'a bbox query');
  const hits = await searchPackedTree(
    src,
    { indexOffset: header.headerSize, numItems: header.featuresCount, nodeSize: header.indexNodeSize, dataSize: header.dataSize },
    bbox,
    acceptBox,
  );
  // Leaf order is file order in a valid file; sort defensively so the reads below only move forward.
  const order = Array.from({ length: hits.count }, (_, i) => i);
  order.sort((a, b) => hits.starts[a] - hits.starts[b]);
  let scratch: Uint8Array | undefined;
  let i = 0;
  try {
    while (i < order.length) {
      // One read covers hits i..j-1: gaps under MERGE_GAP_BYTES, total under chunkSize (at least one feature).
      const groupStart = hits.starts[order[i]];
      let groupEnd = hits.ends[order[i]];
      let j = i + 1;
      while (j < order.length) {
        const s = hits.starts[order[j]];
        const e = hits.ends[order[j]];
        if (s - groupEnd >= MERGE_GAP_BYTES || e - groupStart > chunkSize) break;
        groupEnd = Math.max(groupEnd, e);
        j++;
      }
      // one buffer refilled group after group, as readSequential does
      let bytes: Uint8Array;
      ({ bytes, scratch } = await readRange(src, header, groupStart, groupEnd - groupStart, scratch));
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = i; k < j; k++) {
        const h = order[k];
        const featureIndex = hits.indices[h];
        const start = hits.starts[h] - groupStart;
        const room = hits.ends[h] - hits.starts[h];
        if (room < SIZE_PREFIX_BYTES) {
          throw new FgbFormatError(src.name, `index gives feature ${room} bytes, too few for a size prefix`, { featureIndex });
        }
        const length = view.getUint32(start, true);
        if (SIZE_PREFIX_BYTES + length > room) {
          throw new FgbFormatError(src.name, `feature size prefix says ${length} bytes, the index leaves room for ${room - SIZE_PREFIX_BYTES}`, {
            featureIndex, offset: header.featuresOffset + hits.starts[h],
          });
        }
        yield decodeFeature(plan, view, start + SIZE_PREFIX_BYTES, start + SIZE_PREFIX_BYTES + length, featureIndex, hits.starts[h]);
      }
      i = j;
    }
  } finally {
    if (scratch) giveBack(scratch);
  }
}
