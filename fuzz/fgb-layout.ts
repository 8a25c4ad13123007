// Where things are in a FlatGeobuf file, found by following its flatbuffers offsets: the header's fields, each
// feature's size prefix, the positions of coordinates. Used to aim mutations (and by the tests' byte patches).
import { memoryByteSource, readHeader, summarizeGeometries } from '@landwatch/fgb';
import { plausibleCoordinates, viewOf, type ByteLayout } from './layout.ts';

export { viewOf };

/** Magic (8 bytes) + the header's size prefix (4): the header flatbuffer starts here. */
export const HEADER_START = 12;
/** Field slots of the header table (FlatGeobuf schema order). */
export const HEADER_SLOT = { geometryType: 2, featuresCount: 8, indexNodeSize: 9, crs: 10 } as const;

/** Position of a table field's value (0 when absent). `table` is the table's position in `view`. */
export function fieldPos(view: DataView, table: number, slot: number): number {
  const vtable = table - view.getInt32(table, true);
  const vtableSize = view.getUint16(vtable, true);
  const entry = 4 + 2 * slot;
  if (entry >= vtableSize) return 0;
  const off = view.getUint16(vtable + entry, true);
  return off === 0 ? 0 : table + off;
}

/** Follows a uoffset at `pos` to the table or vector it points at. */
export function deref(view: DataView, pos: number): number {
  return pos + view.getUint32(pos, true);
}

/** Position of a header field's value in the file (0 when absent). */
export function headerField(bytes: Uint8Array, slot: number): number {
  const view = viewOf(bytes);
  return fieldPos(view, deref(view, HEADER_START), slot);
}

/** Reads the layout of a valid file: the header's size prefix and each feature's, the coordinates of the feature
 * section, `features_count` (a u64) when the header has one. */
export async function fgbLayout(bytes: Uint8Array): Promise<ByteLayout> {
  const header = await readHeader(memoryByteSource('layout', bytes));
  const featureStarts: number[] = [];
  for await (const s of summarizeGeometries(memoryByteSource('layout', bytes), header)) featureStarts.push(header.featuresOffset + s.offset);
  const count = headerField(bytes, HEADER_SLOT.featuresCount);
  return {
    lengths: [8, ...featureStarts].map((at) => ({ at, width: 4 })),
    bodyStart: header.featuresOffset,
    coordinates: plausibleCoordinates(bytes, header.featuresOffset),
    counts: count === 0 ? [] : [{ at: count, width: 8 }],
    records: featureStarts.length,
  };
}
