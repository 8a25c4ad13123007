// Where things are in an Esri Shapefile main file (.shp) and its attribute table (.dbf), read from a valid file
// (ESRI Shapefile Technical Description, 1998; dBASE III+ table format). Used to aim the mutators.
import { plausibleCoordinates, viewOf, type ByteLayout, type IntField } from './layout.ts';

/** The .shp header is 100 bytes; the file length (in 16-bit words, big-endian) is at 24; records follow. */
const SHP_HEADER = 100;

/**
 * .shp: the file length in the header, each record's content length (big-endian, in 16-bit words) and, for polygon
 * records, their part and point counts (little-endian); coordinates are the header's box, each record's box and its
 * points. The format has no record count: `features-count` writes the records' numbers instead (1, 2, … in each
 * record header), the nearest thing it has.
 */
export function shpLayout(bytes: Uint8Array): ByteLayout {
  const view = viewOf(bytes);
  const lengths: IntField[] = [{ at: 24, width: 4, bigEndian: true }];
  const numbers: IntField[] = [];
  const coordinates: number[] = [36, 44, 52, 60];
  let p = SHP_HEADER;
  while (p + 8 <= bytes.length) {
    numbers.push({ at: p, width: 4, bigEndian: true });
    lengths.push({ at: p + 4, width: 4, bigEndian: true });
    const content = p + 8;
    const size = view.getUint32(p + 4, false) * 2;
    const type = view.getInt32(content, true);
    if (type === 5 || type === 15 || type === 25) {
      // polygon: type, box (4 doubles), numParts, numPoints, parts[numParts], points[numPoints] (x, y doubles)
      coordinates.push(content + 4, content + 12, content + 20, content + 28);
      lengths.push({ at: content + 36, width: 4 }, { at: content + 40, width: 4 });
      const parts = view.getInt32(content + 36, true);
      const points = view.getInt32(content + 40, true);
      const first = content + 44 + 4 * parts;
      for (let i = 0; i < 2 * points; i++) coordinates.push(first + 8 * i);
    }
    p = content + size;
  }
  return { lengths, bodyStart: SHP_HEADER, coordinates, counts: numbers, records: numbers.length };
}

/**
 * .dbf: the record count (u32 at 4), the header length (u16 at 8), the record length (u16 at 10) and each field
 * descriptor's length byte; the records start at the header length. A .dbf holds no coordinates (numbers are text),
 * so `coordinate-extreme` writes its float64 over 8 bytes of a record instead.
 */
export function dbfLayout(bytes: Uint8Array): ByteLayout {
  const view = viewOf(bytes);
  const headerLength = view.getUint16(8, true);
  const lengths: IntField[] = [
    { at: 8, width: 2 },
    { at: 10, width: 2 },
  ];
  for (let d = 32; d + 32 <= headerLength && bytes[d] !== 0x0d; d += 32) lengths.push({ at: d + 16, width: 1 });
  return { lengths, bodyStart: headerLength, coordinates: [], counts: [{ at: 4, width: 4 }], records: view.getUint32(4, true) };
}
