// Where things are in a zip written without compression (`zip -0`, PKWARE APPNOTE 4.3): the sizes and name lengths of
// each local header and central-directory entry, the central directory's size and offset, the entry counts — and,
// since stored entries are the files' own bytes, the layout of each Shapefile member shifted to where it lies in the
// zip, so that a mutation reaches the .shp's and the .dbf's structures through the zip.
import { dbfLayout, shpLayout } from './shp-layout.ts';
import { plausibleCoordinates, shifted, viewOf, type ByteLayout, type IntField } from './layout.ts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const u16 = (at: number): IntField => ({ at, width: 2 });
const u32 = (at: number): IntField => ({ at, width: 4 });

export function zipLayout(bytes: Uint8Array): ByteLayout {
  const view = viewOf(bytes);
  const lengths: IntField[] = [];
  const coordinates: number[] = [];
  let counts: IntField[] = [];
  let records = 0;
  let p = 0;
  while (p + 30 <= bytes.length && view.getUint32(p, true) === LOCAL) {
    const method = view.getUint16(p + 8, true);
    const size = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const extraLength = view.getUint16(p + 28, true);
    lengths.push(u32(p + 18), u32(p + 22), u16(p + 26), u16(p + 28));
    const name = new TextDecoder().decode(bytes.subarray(p + 30, p + 30 + nameLength)).toLowerCase();
    const data = p + 30 + nameLength + extraLength;
    if (method === 0 && size > 0) {
      const member = bytes.subarray(data, data + size);
      let inner: ByteLayout | undefined;
      if (name.endsWith('.shp')) inner = shpLayout(member);
      else if (name.endsWith('.dbf')) inner = dbfLayout(member);
      if (inner) {
        const moved = shifted(inner, data);
        lengths.push(...moved.lengths);
        coordinates.push(...moved.coordinates);
      } else if (name.endsWith('.gdbtable')) {
        // a File Geodatabase table stores its geometries as varints, not doubles; what the scan finds here are the
        // doubles of the layer's extent and grid in the field descriptions (docs/FUZZING.md)
        coordinates.push(...plausibleCoordinates(bytes, data, data + size));
      }
    }
    p = data + size;
  }
  for (; p + 46 <= bytes.length && view.getUint32(p, true) === CENTRAL; records++) {
    lengths.push(u32(p + 20), u32(p + 24), u16(p + 28), u16(p + 30), u16(p + 32), u32(p + 42));
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (p + 22 <= bytes.length && view.getUint32(p, true) === END) {
    lengths.push(u32(p + 12), u32(p + 16), u16(p + 20));
    counts = [u16(p + 8), u16(p + 10)];
  }
  return { lengths, bodyStart: 0, coordinates, counts, records };
}
