// FlatGeobuf layout constants (spec v3): magic bytes, size prefixes, index node layout, flatbuffers field slots.
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';

/** "fgb" + major version 3 + "fgb" + patch version. */
export const MAGIC_BYTES = new Uint8Array([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]);
/** Bytes of the magic that a reader must match (the last byte is the patch version). */
export const MAGIC_CHECKED_LENGTH = 7;
/** Each flatbuffer (header, feature) is preceded by its length as a little-endian uint32. */
export const SIZE_PREFIX_BYTES = 4;
/** Magic + header size prefix: the header flatbuffer starts here. */
export const HEADER_START = MAGIC_BYTES.length + SIZE_PREFIX_BYTES;
/** Largest header we accept. Real headers are a few kilobytes (columns + CRS WKT). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Packed R-tree node: minX, minY, maxX, maxY (float64) + offset (uint64). */
export const NODE_ITEM_BYTES = 40;
/** Smallest possible feature record: size prefix + root offset + vtable + table. */
export const MIN_FEATURE_BYTES = 12;

/** Field slots of the flatbuffers tables (schema order). */
export const HeaderSlot = {
  name: 0, envelope: 1, geometryType: 2, hasZ: 3, hasM: 4, hasT: 5, hasTM: 6, columns: 7, featuresCount: 8,
  indexNodeSize: 9, crs: 10, title: 11, description: 12, metadata: 13,
} as const;
export const ColumnSlot = { name: 0, type: 1, title: 2, description: 3, width: 4, precision: 5, scale: 6, nullable: 7 } as const;
export const CrsSlot = { org: 0, code: 1, name: 2, description: 3, wkt: 4, codeString: 5 } as const;
export const FeatureSlot = { geometry: 0, properties: 1, columns: 2 } as const;
export const GeometrySlot = { ends: 0, xy: 1, z: 2, m: 3, t: 4, tm: 5, type: 6, parts: 7 } as const;

/** Name of a FlatGeobuf geometry type code ('Polygon', 'MultiPolygon', …; 'Unknown' for 0). */
export function geometryTypeName(code: number): string {
  return GeometryType[code] ?? `GeometryType${code}`;
}

export { GeometryType };
