// Column types: our small set of kinds and their FlatGeobuf storage types.
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';

export type ColumnKind = 'bool' | 'int' | 'long' | 'double' | 'string' | 'datetime';

/** Storage type written for each kind. */
export const STORAGE_TYPE: Record<ColumnKind, ColumnType> = {
  bool: ColumnType.Bool,
  int: ColumnType.Int,
  long: ColumnType.Long,
  double: ColumnType.Double,
  string: ColumnType.String,
  datetime: ColumnType.DateTime,
};

/**
 * Kind reported for a FlatGeobuf storage type met when reading. Narrow integers widen to 'int', UInt and the 64-bit
 * integers to 'long', Float to 'double'; Json comes back as its text and Binary as base64 ('string').
 */
export function kindOfStorageType(type: number): ColumnKind | undefined {
  switch (type) {
    case ColumnType.Bool:
      return 'bool';
    case ColumnType.Byte:
    case ColumnType.UByte:
    case ColumnType.Short:
    case ColumnType.UShort:
    case ColumnType.Int:
      return 'int';
    case ColumnType.UInt:
    case ColumnType.Long:
    case ColumnType.ULong:
      return 'long';
    case ColumnType.Float:
    case ColumnType.Double:
      return 'double';
    case ColumnType.String:
    case ColumnType.Json:
    case ColumnType.Binary:
      return 'string';
    case ColumnType.DateTime:
      return 'datetime';
    default:
      return undefined;
  }
}

/** Name of a storage type ('Int', 'UShort', …). */
export function storageTypeName(type: number): string {
  return ColumnType[type] ?? `ColumnType${type}`;
}

export { ColumnType };
