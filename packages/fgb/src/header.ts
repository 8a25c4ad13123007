// The FlatGeobuf header: what readHeader returns and how it is read and checked.
import type { Bbox } from '@landwatch/core';
import type { ByteSource } from './byte-source.ts';
import { type ColumnKind, kindOfStorageType, storageTypeName } from './column-kind.ts';
import { FgbFormatError } from './errors.ts';
import { FlatBoundsError, FlatTable } from './flat-table.ts';
import {
  ColumnSlot, CrsSlot, HEADER_START, HeaderSlot, MAGIC_BYTES, MAGIC_CHECKED_LENGTH, MAX_HEADER_BYTES,
  MIN_FEATURE_BYTES, NODE_ITEM_BYTES, geometryTypeName,
} from './format.ts';
import { packedTreeSize } from './packed-rtree.ts';

export interface FgbColumn {
  name: string;
  type: ColumnKind;
  /** Human label; our files put the Chinese field name here. */
  title?: string;
  nullable?: boolean;
  width?: number;
  precision?: number;
  scale?: number;
  /** FlatGeobuf storage type when read from a file ('Int', 'UShort', 'Json', …); the writer ignores it. */
  storageType?: string;
}

export interface FgbCrs {
  /** Organisation of the code, normally 'EPSG'. */
  org?: string;
  code: number;
  name?: string;
  wkt?: string;
  description?: string;
}

export interface FgbHeader {
  name?: string;
  title?: string;
  description?: string;
  /** FlatGeobuf geometry type code (3 = Polygon, 6 = MultiPolygon, 0 = Unknown/mixed). */
  geometryType: number;
  geometryTypeName: string;
  hasZ: boolean;
  hasM: boolean;
  /** Features in the file (0 may also mean "unknown" in unindexed streamed files). */
  featuresCount: number;
  /** The same count as stored, in decimal digits (exact beyond 2^53), for messages. */
  featuresCountExact: string;
  columns: FgbColumn[];
  crs: FgbCrs | null;
  envelope: Bbox | null;
  /** Packed R-tree node size; 0 = no spatial index. */
  indexNodeSize: number;
  /** Magic + length prefix + header flatbuffer. */
  headerSize: number;
  /** Bytes of the packed R-tree (0 without index). */
  indexSize: number;
  /** Byte offset of the first feature in the file. */
  featuresOffset: number;
  /** Bytes of the feature section = source.size - featuresOffset. */
  dataSize: number;
}

/** First read: enough for the header of nearly every file, so one range request usually suffices. */
const FIRST_READ_BYTES = 64 * 1024;

/** Reads and checks the magic bytes, header and index bounds with one or two range reads. */
export async function readHeader(src: ByteSource): Promise<FgbHeader> {
  const fail = (detail: string, cause?: unknown): never => {
    throw new FgbFormatError(src.name, detail, cause === undefined ? {} : { cause });
  };
  if (src.size < HEADER_START) fail(`not a FlatGeobuf: ${src.size} bytes is shorter than the magic bytes and header length`);
  let first = await src.read(0, Math.min(src.size, FIRST_READ_BYTES));
  for (let i = 0; i < MAGIC_CHECKED_LENGTH; i++) {
    if (first[i] !== MAGIC_BYTES[i]) {
      if (i === 3 && first[0] === 0x66 && first[1] === 0x67 && first[2] === 0x62) {
        fail(`unsupported FlatGeobuf major version ${first[3]} (expected ${MAGIC_BYTES[3]})`);
      }
      fail('not a FlatGeobuf: the magic bytes are missing');
    }
  }
  const headerLength = new DataView(first.buffer, first.byteOffset, first.byteLength).getUint32(MAGIC_BYTES.length, true);
  if (headerLength < 8 || headerLength > MAX_HEADER_BYTES) {
    fail(`header length ${headerLength} is out of bounds (8..${MAX_HEADER_BYTES} bytes)`);
  }
  const headerSize = HEADER_START + headerLength;
  if (headerSize > src.size) fail(`truncated in the header: it needs ${headerSize} bytes, the file has ${src.size}`);
  if (headerSize > first.length) first = await src.read(0, headerSize);

  let header: Omit<FgbHeader, 'headerSize' | 'indexSize' | 'featuresOffset' | 'dataSize'>;
  try {
    header = decodeHeader(new DataView(first.buffer, first.byteOffset, headerSize), HEADER_START, headerSize);
  } catch (error) {
    if (error instanceof FlatBoundsError) return fail(`corrupt header: ${error.message}`, error);
    if (error instanceof HeaderContentError) return fail(error.message);
    throw error;
  }

  const { featuresCount } = header;
  let { indexNodeSize } = header;
  if (indexNodeSize === 1) fail('index node size 1 is invalid (0 = no index, else at least 2)');
  if (featuresCount === 0) indexNodeSize = 0;
  const afterHeader = src.size - headerSize;
  if (!Number.isSafeInteger(featuresCount)) fail(`features count ${header.featuresCountExact} is out of bounds`);
  let indexSize = 0;
  if (indexNodeSize > 0) {
    if (featuresCount * NODE_ITEM_BYTES > afterHeader) {
      fail(`truncated in the index: ${featuresCount} features need at least ${featuresCount * NODE_ITEM_BYTES} index bytes, ${afterHeader} remain`);
    }
    indexSize = packedTreeSize(featuresCount, indexNodeSize);
    if (indexSize > afterHeader) fail(`truncated in the index: it needs ${indexSize} bytes, ${afterHeader} remain after the header`);
  }
  const featuresOffset = headerSize + indexSize;
  const dataSize = src.size - featuresOffset;
  if (featuresCount * MIN_FEATURE_BYTES > dataSize) {
    fail(`truncated in the features: ${featuresCount} features cannot fit in ${dataSize} bytes`);
  }
  return { ...header, indexNodeSize, headerSize, indexSize, featuresOffset, dataSize };
}

/** A header field holds a value the format does not allow. */
class HeaderContentError extends Error {}

function decodeHeader(view: DataView, start: number, end: number): Omit<FgbHeader, 'headerSize' | 'indexSize' | 'featuresOffset' | 'dataSize'> {
  const t = FlatTable.root(view, start, end);
  const geometryType = t.u8(HeaderSlot.geometryType, 0);
  const columns = t.tables(HeaderSlot.columns).map((c, i): FgbColumn => {
    const name = c.string(ColumnSlot.name);
    if (!name) throw new HeaderContentError(`column ${i} has no name`);
    const storage = c.u8(ColumnSlot.type, 0);
    const type = kindOfStorageType(storage);
    if (!type) throw new HeaderContentError(`column ${name} has unknown type ${storage}`);
    const column: FgbColumn = { name, type, nullable: c.bool(ColumnSlot.nullable, true), storageType: storageTypeName(storage) };
    const title = c.string(ColumnSlot.title);
    if (title) column.title = title;
    const width = c.i32(ColumnSlot.width, -1);
    if (width >= 0) column.width = width;
    const precision = c.i32(ColumnSlot.precision, -1);
    if (precision >= 0) column.precision = precision;
    const scale = c.i32(ColumnSlot.scale, -1);
    if (scale >= 0) column.scale = scale;
    return column;
  });
  const crsTable = t.table(HeaderSlot.crs);
  let crs: FgbCrs | null = null;
  if (crsTable) {
    crs = { code: crsTable.i32(CrsSlot.code, 0) };
    const org = crsTable.string(CrsSlot.org);
    if (org) crs.org = org;
    const name = crsTable.string(CrsSlot.name);
    if (name) crs.name = name;
    const wkt = crsTable.string(CrsSlot.wkt);
    if (wkt) crs.wkt = wkt;
    const description = crsTable.string(CrsSlot.description);
    if (description) crs.description = description;
  }
  const env = t.vector(HeaderSlot.envelope, 8);
  let envelope: Bbox | null = null;
  if (env && env.length >= 4) {
    const at = (i: number): number => view.getFloat64(env.pos + 8 * i, true);
    envelope = { minX: at(0), minY: at(1), maxX: at(2), maxY: at(3) };
  }
  const header = {
    geometryType,
    geometryTypeName: geometryTypeName(geometryType),
    hasZ: t.bool(HeaderSlot.hasZ, false),
    hasM: t.bool(HeaderSlot.hasM, false),
    featuresCount: t.u64(HeaderSlot.featuresCount, 0),
    // printed exactly in messages: a number would show 2^63 − 1 as 9223372036854776000
    featuresCountExact: String(t.u64Exact(HeaderSlot.featuresCount, 0n)),
    columns,
    crs,
    envelope,
    indexNodeSize: t.u16(HeaderSlot.indexNodeSize, 16),
  } as Omit<FgbHeader, 'headerSize' | 'indexSize' | 'featuresOffset' | 'dataSize'>;
  const name = t.string(HeaderSlot.name);
  if (name) header.name = name;
  const title = t.string(HeaderSlot.title);
  if (title) header.title = title;
  const description = t.string(HeaderSlot.description);
  if (description) header.description = description;
  return header;
}
