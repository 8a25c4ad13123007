// Encodes one feature (MultiPolygon + properties) into a size-prefixed FlatGeobuf feature flatbuffer, using
// flatgeobuf's generated encoders on one reused builder. Validates the geometry and every property value.
import type { MultiPolygon } from '@landwatch/core';
import { Builder } from 'flatbuffers';
import { Feature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { Geometry } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry.js';
import { ColumnType, STORAGE_TYPE } from './column-kind.ts';
import { FgbWriterError } from './errors.ts';
import { GeometryType } from './format.ts';
import type { FgbColumn } from './header.ts';

const textEncoder = new TextEncoder();
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** A date, optionally followed by a time: what GDAL parses in DateTime columns. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

export class FeatureEncoder {
  private readonly builder = new Builder(64 * 1024);
  private readonly columnIndex: Map<string, number>;
  private readonly storage: ColumnType[];
  /** A record's values in column order, refilled per feature by encode. */
  private readonly values: unknown[];
  private props = new Uint8Array(1024);
  private propsView = new DataView(this.props.buffer);
  /** Bbox of the last encoded geometry: minX, minY, maxX, maxY. */
  readonly bbox = new Float64Array(4);

  constructor(
    private readonly layer: string,
    private readonly columns: FgbColumn[],
    private readonly geometryType: 'Polygon' | 'MultiPolygon',
  ) {
    this.columnIndex = new Map(columns.map((c, i) => [c.name, i]));
    this.storage = columns.map((c) => STORAGE_TYPE[c.type]);
    this.values = new Array(columns.length).fill(undefined);
  }

  /** Encodes one feature; the returned bytes are valid until the next call. Sets `bbox`. */
  encode(geometry: MultiPolygon, properties: Record<string, unknown>, featureIndex: number): Uint8Array {
    for (const key in properties) {
      if (!this.columnIndex.has(key) && properties[key] !== undefined) {
        throw new FgbWriterError(this.layer, `property ${key} is not a declared column`, { featureIndex, column: key });
      }
    }
    const values = this.values;
    for (let i = 0; i < this.columns.length; i++) values[i] = properties[this.columns[i].name];
    return this.encodeValues(geometry, values, featureIndex);
  }

  /** The same with the values in column order (`values[i]` for column i). */
  encodeValues(geometry: MultiPolygon, values: ArrayLike<unknown>, featureIndex: number): Uint8Array {
    const b = this.builder;
    b.clear();
    const propsLength = this.encodeProperties(values, featureIndex);
    const propsOffset = propsLength > 0 ? b.createByteVector(this.props.subarray(0, propsLength)) : 0;
    const geometryOffset = this.encodeGeometry(geometry, featureIndex);
    Feature.startFeature(b);
    Feature.addGeometry(b, geometryOffset);
    if (propsOffset) Feature.addProperties(b, propsOffset);
    b.finishSizePrefixed(Feature.endFeature(b));
    return b.asUint8Array();
  }

  private encodeGeometry(geometry: MultiPolygon, featureIndex: number): number {
    const polygons = geometry?.polygonEnds?.length ?? 0;
    if (polygons === 0) {
      throw new FgbWriterError(this.layer, 'geometry must be a non-empty MultiPolygon', { featureIndex });
    }
    const bbox = this.bbox;
    bbox[0] = Infinity;
    bbox[1] = Infinity;
    bbox[2] = -Infinity;
    bbox[3] = -Infinity;
    if (this.geometryType === 'Polygon') {
      if (polygons > 1) {
        throw new FgbWriterError(this.layer, `a Polygon layer takes single polygons, got a MultiPolygon of ${polygons} parts`, { featureIndex });
      }
      return this.encodePolygon(geometry, 0, featureIndex);
    }
    const parts: number[] = new Array(polygons);
    for (let p = 0; p < polygons; p++) parts[p] = this.encodePolygon(geometry, p, featureIndex);
    const partsOffset = Geometry.createPartsVector(this.builder, parts);
    Geometry.startGeometry(this.builder);
    Geometry.addParts(this.builder, partsOffset);
    Geometry.addType(this.builder, GeometryType.MultiPolygon);
    return Geometry.endGeometry(this.builder);
  }

  /** Polygon p of the geometry: its rings' coordinates are one run of `geometry.xy`, written as they are. */
  private encodePolygon(geometry: MultiPolygon, p: number, featureIndex: number): number {
    const { xy, ringEnds, polygonEnds } = geometry;
    const r0 = p === 0 ? 0 : polygonEnds[p - 1];
    const r1 = polygonEnds[p];
    if (r1 === r0) {
      throw new FgbWriterError(this.layer, 'every polygon needs at least an outer ring', { featureIndex });
    }
    const v0 = r0 === 0 ? 0 : ringEnds[r0 - 1];
    const bbox = this.bbox;
    const ends: number[] = new Array(r1 - r0);
    for (let r = r0, from = v0; r < r1; from = ringEnds[r++]) {
      const to = ringEnds[r];
      if (to === from) throw new FgbWriterError(this.layer, 'empty ring', { featureIndex });
      for (let i = 2 * from; i < 2 * to; i += 2) {
        const x = xy[i];
        const y = xy[i + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          throw new FgbWriterError(this.layer, `coordinate [${x}, ${y}] is not a pair of finite numbers`, { featureIndex });
        }
        if (x < bbox[0]) bbox[0] = x;
        if (y < bbox[1]) bbox[1] = y;
        if (x > bbox[2]) bbox[2] = x;
        if (y > bbox[3]) bbox[3] = y;
      }
      ends[r - r0] = to - v0;
    }
    const b = this.builder;
    // Ends are only needed when there is more than one ring (as GDAL writes them).
    const endsOffset = ends.length > 1 ? Geometry.createEndsVector(b, ends) : 0;
    const xyOffset = Geometry.createXyVector(b, xy.subarray(2 * v0, 2 * ringEnds[r1 - 1]));
    Geometry.startGeometry(b);
    if (endsOffset) Geometry.addEnds(b, endsOffset);
    Geometry.addXy(b, xyOffset);
    Geometry.addType(b, GeometryType.Polygon);
    return Geometry.endGeometry(b);
  }

  /** Writes the properties buffer (column index + value, in column order); returns its length. */
  private encodeProperties(values: ArrayLike<unknown>, featureIndex: number): number {
    let at = 0;
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i];
      const value = values[i];
      if (value === null || value === undefined) {
        if (column.nullable === false) throw new FgbWriterError(this.layer, 'value missing in a non-nullable column', { featureIndex, column: column.name });
        continue;
      }
      // Column index (2) + the largest fixed-size value (8); strings make more room below.
      this.ensure(at, 10);
      const view = this.propsView;
      view.setUint16(at, i, true);
      at += 2;
      switch (this.storage[i]) {
        case ColumnType.Bool:
          if (typeof value !== 'boolean') this.mismatch('a boolean', value, featureIndex, column);
          view.setUint8(at, value ? 1 : 0);
          at += 1;
          break;
        case ColumnType.Int:
          if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) this.mismatch('a 32-bit integer', value, featureIndex, column);
          view.setInt32(at, value as number, true);
          at += 4;
          break;
        case ColumnType.Long:
          if (typeof value === 'number' && Number.isSafeInteger(value)) view.setBigInt64(at, BigInt(value), true);
          else if (typeof value === 'bigint' && BigInt.asIntN(64, value) === value) view.setBigInt64(at, value, true);
          else this.mismatch('a safe integer (or a 64-bit bigint)', value, featureIndex, column);
          at += 8;
          break;
        case ColumnType.Double:
          if (typeof value !== 'number') this.mismatch('a number', value, featureIndex, column);
          view.setFloat64(at, value as number, true);
          at += 8;
          break;
        case ColumnType.String:
        case ColumnType.DateTime: {
          let text: string;
          if (typeof value === 'string' && (this.storage[i] === ColumnType.String || ISO_DATE_TIME.test(value))) text = value;
          else if (this.storage[i] === ColumnType.DateTime && value instanceof Date && !Number.isNaN(value.getTime())) text = value.toISOString();
          else if (this.storage[i] === ColumnType.DateTime) return this.mismatch('an ISO 8601 date-time string or a valid Date', value, featureIndex, column);
          else return this.mismatch('a string', value, featureIndex, column);
          // UTF-8 needs at most 3 bytes per UTF-16 code unit.
          this.ensure(at, 4 + text.length * 3);
          const { written } = textEncoder.encodeInto(text, this.props.subarray(at + 4));
          this.propsView.setUint32(at, written, true);
          at += 4 + written;
          break;
        }
        default:
          this.mismatch(`a supported column type (storage type ${this.storage[i]})`, value, featureIndex, column);
      }
    }
    return at;
  }

  /** Grows the properties buffer so that `bytes` more fit after `at`. */
  private ensure(at: number, bytes: number): void {
    if (at + bytes <= this.props.length) return;
    const grown = new Uint8Array(Math.max(this.props.length * 2, at + bytes));
    grown.set(this.props.subarray(0, at));
    this.props = grown;
    this.propsView = new DataView(grown.buffer);
  }

  private mismatch(expected: string, value: unknown, featureIndex: number, column: FgbColumn): never {
    throw new FgbWriterError(this.layer, `expected ${expected}, got ${describe(value)}`, { featureIndex, column: column.name });
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (value instanceof Date) return 'an invalid Date';
  return Array.isArray(value) ? 'an array' : typeof value;
}
