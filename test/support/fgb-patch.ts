// Byte patches of real FlatGeobuf files (written by GDAL) for hostile-input fixtures: each finds one field by
// following the flatbuffers offsets and changes exactly those bytes, so a fixture is "a GDAL file with one thing
// wrong" and the test is named after that thing.
import { memoryByteSource, readHeader, summarizeGeometries } from '@landwatch/fgb';
import { HEADER_START, deref, fieldPos, viewOf } from '../../fuzz/fgb-layout.ts';

const NODE_BYTES = 40;

async function featureStarts(bytes: Uint8Array): Promise<{ featuresOffset: number; starts: number[]; headerSize: number; count: number; nodeSize: number }> {
  const src = memoryByteSource('patch', bytes);
  const header = await readHeader(src);
  const starts: number[] = [];
  for await (const s of summarizeGeometries(src, header)) starts.push(header.featuresOffset + s.offset);
  return { featuresOffset: header.featuresOffset, starts, headerSize: header.headerSize, count: header.featuresCount, nodeSize: header.indexNodeSize };
}

/** Sets the header's geometry type byte (3 = Polygon, 6 = MultiPolygon, 1 = Point). */
export function setHeaderGeometryType(bytes: Uint8Array, type: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = viewOf(out);
  const table = deref(view, HEADER_START);
  const pos = fieldPos(view, table, 2);
  if (pos === 0) throw new Error('header has no geometry type field');
  out[pos] = type;
  return out;
}

/** Sets the header's features_count (a uint64; 0 means "unknown"). The field must be present (GDAL writes it). */
export function setHeaderFeaturesCount(bytes: Uint8Array, count: bigint): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = viewOf(out);
  const table = deref(view, HEADER_START);
  const pos = fieldPos(view, table, 8);
  if (pos === 0) throw new Error('header has no features_count field');
  view.setBigUint64(pos, count, true);
  return out;
}

/** Removes the header's CRS (its vtable entry set to 0): a file with no CRS at all. */
export function removeHeaderCrs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = viewOf(out);
  const table = deref(view, HEADER_START);
  const vtable = table - view.getInt32(table, true);
  view.setUint16(vtable + 4 + 2 * 10, 0, true);
  return out;
}

/** Zeroes the root node of the R-tree (its box and child pointer). */
export async function zeroRootNode(bytes: Uint8Array): Promise<Uint8Array> {
  const { headerSize } = await featureStarts(bytes);
  const out = new Uint8Array(bytes);
  out.fill(0, headerSize, headerSize + NODE_BYTES);
  return out;
}

/** Removes feature `i`'s geometry (its vtable entry set to 0): a null geometry, the rest of the file intact. */
export async function nullGeometry(bytes: Uint8Array, i: number): Promise<Uint8Array> {
  const { starts } = await featureStarts(bytes);
  const out = new Uint8Array(bytes);
  const view = viewOf(out);
  const table = deref(view, starts[i] + 4);
  const vtable = table - view.getInt32(table, true);
  view.setUint16(vtable + 4, 0, true);
  return out;
}

/** The xy vector (position of the first double, count of doubles) of feature `i`'s first polygon. */
async function firstXy(out: Uint8Array, i: number): Promise<{ pos: number; length: number }> {
  const { starts } = await featureStarts(out);
  const view = viewOf(out);
  const table = deref(view, starts[i] + 4);
  let geometry = deref(view, fieldPos(view, table, 0));
  const parts = fieldPos(view, geometry, 7);
  if (parts !== 0) {
    const vector = deref(view, parts);
    geometry = deref(view, vector + 4);
  }
  const xy = deref(view, fieldPos(view, geometry, 1));
  return { pos: xy + 4, length: view.getUint32(xy, true) };
}

/** Sets coordinate `k` (0 = x of the first position, 1 = its y, …) of feature `i`'s first polygon. */
export async function setCoordinate(bytes: Uint8Array, i: number, k: number, value: number): Promise<Uint8Array> {
  const out = new Uint8Array(bytes);
  const xy = await firstXy(out, i);
  if (k >= xy.length) throw new Error(`feature ${i} has ${xy.length} coordinates`);
  viewOf(out).setFloat64(xy.pos + 8 * k, value, true);
  return out;
}

/** Number of doubles in feature `i`'s first polygon's xy vector. */
export async function coordinateCount(bytes: Uint8Array, i: number): Promise<number> {
  return (await firstXy(new Uint8Array(bytes), i)).length;
}
