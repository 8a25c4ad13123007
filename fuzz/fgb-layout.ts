// Where things are in a FlatGeobuf file, found by following its flatbuffers offsets: the header's fields, each
// feature's size prefix, the positions of coordinates. Used to aim mutations (and by the tests' byte patches).
import { memoryByteSource, readHeader, summarizeGeometries } from '@landwatch/fgb';

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

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Position of a header field's value in the file (0 when absent). */
export function headerField(bytes: Uint8Array, slot: number): number {
  const view = viewOf(bytes);
  return fieldPos(view, deref(view, HEADER_START), slot);
}

export interface FgbLayout {
  /** First byte after the header (where the index starts, if any). */
  headerEnd: number;
  featuresOffset: number;
  /** File position of each feature's size prefix. */
  featureStarts: number[];
  /** File positions of float64 values that decode to plausible coordinates (degrees or metres in China). */
  coordinates: number[];
}

/** Reads the layout of a valid file. */
export async function layoutOf(bytes: Uint8Array): Promise<FgbLayout> {
  const header = await readHeader(memoryByteSource('layout', bytes));
  const featureStarts: number[] = [];
  for await (const s of summarizeGeometries(memoryByteSource('layout', bytes), header)) featureStarts.push(header.featuresOffset + s.offset);
  const view = viewOf(bytes);
  const coordinates: number[] = [];
  for (let p = header.featuresOffset; p + 8 <= bytes.length; p++) {
    const v = view.getFloat64(p, true);
    if ((v > 3 && v < 136) || (v > 300_000 && v < 46_000_000)) coordinates.push(p);
  }
  return { headerEnd: header.headerSize, featuresOffset: header.featuresOffset, featureStarts, coordinates };
}
