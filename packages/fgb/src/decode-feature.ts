// Decodes one feature flatbuffer (geometry + properties) with bounds checks on every offset and length.
import type { MultiPolygon } from '@landwatch/core';
import { ColumnType, STORAGE_TYPE } from './column-kind.ts';
import { FgbFormatError } from './errors.ts';
import { FlatBoundsError, FlatTable } from './flat-table.ts';
import { FeatureSlot, GeometrySlot, GeometryType, geometryTypeName } from './format.ts';
import type { FgbHeader } from './header.ts';

export type PropertyValue = string | number | boolean | null;

export interface FgbFeature {
  /** 0-based position in file order. */
  featureIndex: number;
  /** Byte offset of the feature's size prefix, relative to header.featuresOffset. */
  offset: number;
  geometryTypeName: string;
  /** Polygon and MultiPolygon come back as MultiPolygon; other geometry types and missing geometry as null. */
  geometry: MultiPolygon | null;
  /** Set when the feature has a polygon the reader's `geometryWhen` chose not to decode (geometry is then null). */
  geometrySkipped?: true;
  /** One key per header column; a value absent from the feature is null. Empty when read with `properties: false`. */
  properties: Record<string, PropertyValue>;
}

/** Whether to decode the polygon of the feature with these properties. */
export type GeometryWhen = (properties: Record<string, PropertyValue>, featureIndex: number) => boolean;

/** What decoding needs from the header, prepared once per header. */
export interface DecodePlan {
  source: string;
  geometryType: number;
  names: string[];
  storageTypes: number[];
  /** geometry only: properties come back empty */
  skipProperties?: boolean;
  /** false: short string values are not shared (see `short`), for a reader that keeps none of them */
  shareStrings?: boolean;
  /**
   * Decode a feature's polygon only when its properties pass (they are then decoded first): a reader that drops
   * most features by their attributes does not build their coordinates.
   */
  geometryWhen?: GeometryWhen;
  /** every column set to null, in header order: each feature's properties start as a copy of it */
  nulls: Record<string, PropertyValue>;
}

const textDecoder = new TextDecoder();
const plans = new WeakMap<FgbHeader, DecodePlan>();

export function decodePlan(source: string, header: FgbHeader): DecodePlan {
  let plan = plans.get(header);
  if (!plan || plan.source !== source) {
    plan = {
      source,
      geometryType: header.geometryType,
      names: header.columns.map((c) => c.name),
      nulls: Object.fromEntries(header.columns.map((c) => [c.name, null])),
      storageTypes: header.columns.map((c) => {
        const stored = c.storageType === undefined ? undefined : (ColumnType as unknown as Record<string, number>)[c.storageType];
        return stored ?? STORAGE_TYPE[c.type];
      }),
    };
    plans.set(header, plan);
  }
  return plan;
}

/** A value inside the feature breaks the format (not an out-of-bounds offset). */
class FeatureContentError extends Error {}

/**
 * Decodes the feature flatbuffer at view[start, end) (after its size prefix).
 * `offset` is the feature's offset in the feature section, reported back in the result.
 */
export function decodeFeature(plan: DecodePlan, view: DataView, start: number, end: number, featureIndex: number, offset: number): FgbFeature {
  try {
    const table = FlatTable.root(view, start, end);
    const geometryTable = table.table(FeatureSlot.geometry);
    let type = plan.geometryType;
    if (type === GeometryType.Unknown && geometryTable) type = geometryTable.u8(GeometrySlot.type, GeometryType.Unknown);
    let geometry: MultiPolygon | null = null;
    let properties: Record<string, PropertyValue> | undefined;
    if (plan.geometryWhen && geometryTable && (type === GeometryType.Polygon || type === GeometryType.MultiPolygon)) {
      properties = plan.skipProperties ? {} : decodeProperties(plan, table);
      if (!plan.geometryWhen(properties, featureIndex)) {
        return { featureIndex, offset, geometryTypeName: geometryTypeName(type), geometry, geometrySkipped: true, properties };
      }
    }
    if (geometryTable) {
      if (type === GeometryType.Polygon) {
        geometry = decodePolygons([geometryTable]);
      } else if (type === GeometryType.MultiPolygon) {
        geometry = decodePolygons(geometryTable.tables(GeometrySlot.parts));
      }
    }
    properties ??= plan.skipProperties ? {} : decodeProperties(plan, table);
    return { featureIndex, offset, geometryTypeName: geometryTypeName(type), geometry, properties };
  } catch (error) {
    if (error instanceof FlatBoundsError || error instanceof FeatureContentError) {
      throw new FgbFormatError(plan.source, `corrupt feature at offset ${offset}: ${error.message}`, { featureIndex, offset, cause: error });
    }
    throw error;
  }
}

/**
 * The polygons of these geometry tables (a Polygon's one, a MultiPolygon's parts) as one MultiPolygon; parts without
 * coordinates are left out. Each part's xy vector is copied in one go: the file's `ends` already are ring ends.
 */
function decodePolygons(parts: readonly FlatTable[]): MultiPolygon {
  // first pass: check every part, in order, and size the arrays
  let values = 0;
  let rings = 0;
  let polygons = 0;
  for (const g of parts) {
    const xy = g.vector(GeometrySlot.xy, 8);
    if (!xy || xy.length === 0) continue;
    if (xy.length % 2 !== 0) throw new FeatureContentError(`odd number of xy values (${xy.length})`);
    const points = xy.length / 2;
    const ends = g.vector(GeometrySlot.ends, 4);
    const ringCount = ends ? ends.length : 1;
    let from = 0;
    for (let k = 0; k < ringCount; k++) {
      const to = ends ? g.view.getUint32(ends.pos + 4 * k, true) : points;
      if (to <= from || to > points) throw new FeatureContentError(`ring end ${to} is not in ${from + 1}..${points}`);
      from = to;
    }
    if (from !== points) throw new FeatureContentError(`ring ends stop at ${from} of ${points} points`);
    values += xy.length;
    rings += ringCount;
    polygons++;
  }
  const out = { xy: new Float64Array(values), ringEnds: new Uint32Array(rings), polygonEnds: new Uint32Array(polygons) };
  const bytes = new Uint8Array(out.xy.buffer);
  let v = 0; // vertices so far
  let r = 0;
  let p = 0;
  for (const g of parts) {
    const xy = g.vector(GeometrySlot.xy, 8);
    if (!xy || xy.length === 0) continue;
    const view = g.view;
    // The vector may sit at any byte offset, so its bytes are copied rather than viewed as a Float64Array; the file
    // is little-endian, as are the hosts Node runs on here (x64, arm64).
    bytes.set(new Uint8Array(view.buffer, view.byteOffset + xy.pos, 8 * xy.length), 16 * v);
    const ends = g.vector(GeometrySlot.ends, 4);
    if (ends) for (let k = 0; k < ends.length; k++) out.ringEnds[r++] = v + view.getUint32(ends.pos + 4 * k, true);
    else out.ringEnds[r++] = v + xy.length / 2;
    v += xy.length / 2;
    out.polygonEnds[p++] = r;
  }
  return out;
}

/** A Buffer over the same bytes as `view`, made once per view (a read chunk): strings are sliced from it. */
const buffers = new WeakMap<DataView, Buffer>();
function byteView(view: DataView): Buffer {
  let bytes = buffers.get(view);
  if (bytes === undefined) {
    bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    buffers.set(view, bytes);
  }
  return bytes;
}

/**
 * A UTF-8 string value. Most values are ASCII (codes, identifiers, dates): those are read as Latin-1, which for bytes
 * below 0x80 is the same string, without the typed-array view and decoder call per value that made this function
 * the stage's largest allocator (an allocation profile of the 20 k bench county). Anything else goes through the
 * one TextDecoder as before (its replacement of invalid sequences and BOM handling unchanged).
 */
function text(bytes: Buffer, at: number, length: number, share: boolean): string {
  const end = at + length;
  for (let i = at; i < end; i++) {
    if (bytes[i] >= 0x80) {
      const value = textDecoder.decode(bytes.subarray(at, end));
      return share ? short(value, length) : value;
    }
  }
  const value = bytes.toString('latin1', at, end);
  return share ? short(value, length) : value;
}

/**
 * Short values (land-use codes, township and village codes, names, dates) repeat from feature to feature; each
 * decoded copy was kept in every result row that names it, and a county's rows are live through the whole write
 * stage, where the collector marks them again and again. One copy of each short value is kept instead. The table is
 * emptied when it grows past INTERN_ENTRIES, so a long-lived process does not keep every value it ever read. The
 * lookup is about a quarter of the decoding (100 000 features: 0.91–1.07 s against 0.68–0.74 s without), so a reader
 * that keeps nothing it reads (the upload's scan) turns it off with `shareStrings: false`.
 */
const INTERN_BYTES = 24;
const INTERN_ENTRIES = 1 << 16;
const interned = new Map<string, string>();
function short(value: string, bytes: number): string {
  if (bytes > INTERN_BYTES) return value;
  const seen = interned.get(value);
  if (seen !== undefined) return seen;
  if (interned.size >= INTERN_ENTRIES) interned.clear();
  interned.set(value, value);
  return value;
}

function decodeProperties(plan: DecodePlan, table: FlatTable): Record<string, PropertyValue> {
  const { names, storageTypes } = plan;
  // a copy of one template keeps every feature's properties on one fast object shape; adding 24 keys by name per
  // feature built each object the slow way
  const properties: Record<string, PropertyValue> = { ...plan.nulls };
  const vector = table.vector(FeatureSlot.properties, 1);
  if (!vector || vector.length === 0) return properties;
  const view = table.view;
  const bytes = byteView(view);
  const end = vector.pos + vector.length;
  let at = vector.pos;
  const need = (bytes: number, name: string): void => {
    if (at + bytes > end) throw new FeatureContentError(`value of ${name} runs past the end of the properties`);
  };
  while (at < end) {
    if (at + 2 > end) throw new FeatureContentError('truncated column index in the properties');
    const column = view.getUint16(at, true);
    at += 2;
    if (column >= names.length) throw new FeatureContentError(`property for column ${column}, the header has ${names.length} columns`);
    const name = names[column];
    switch (storageTypes[column]) {
      case ColumnType.Bool:
        need(1, name);
        properties[name] = view.getUint8(at) !== 0;
        at += 1;
        break;
      case ColumnType.Byte:
        need(1, name);
        properties[name] = view.getInt8(at);
        at += 1;
        break;
      case ColumnType.UByte:
        need(1, name);
        properties[name] = view.getUint8(at);
        at += 1;
        break;
      case ColumnType.Short:
        need(2, name);
        properties[name] = view.getInt16(at, true);
        at += 2;
        break;
      case ColumnType.UShort:
        need(2, name);
        properties[name] = view.getUint16(at, true);
        at += 2;
        break;
      case ColumnType.Int:
        need(4, name);
        properties[name] = view.getInt32(at, true);
        at += 4;
        break;
      case ColumnType.UInt:
        need(4, name);
        properties[name] = view.getUint32(at, true);
        at += 4;
        break;
      case ColumnType.Long:
        need(8, name);
        properties[name] = view.getInt32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
        at += 8;
        break;
      case ColumnType.ULong:
        need(8, name);
        properties[name] = view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
        at += 8;
        break;
      case ColumnType.Float:
        need(4, name);
        properties[name] = view.getFloat32(at, true);
        at += 4;
        break;
      case ColumnType.Double:
        need(8, name);
        properties[name] = view.getFloat64(at, true);
        at += 8;
        break;
      case ColumnType.String:
      case ColumnType.DateTime:
      case ColumnType.Json:
      case ColumnType.Binary: {
        need(4, name);
        const length = view.getUint32(at, true);
        at += 4;
        need(length, name);
        properties[name] =
          storageTypes[column] === ColumnType.Binary ? bytes.toString('base64', at, at + length) : text(bytes, at, length, plan.shareStrings !== false);
        at += length;
        break;
      }
      default:
        throw new FeatureContentError(`column ${name} has unsupported type ${storageTypes[column]}`);
    }
  }
  return properties;
}
