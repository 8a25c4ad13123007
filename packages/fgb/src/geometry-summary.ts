// A feature's geometry summarised without building it: type, vertex count, non-finite values and bbox, read straight
// from the flatbuffer. The cheap pass over a whole layer that validation needs (no arrays of positions, no
// properties), with the same bounds checks as the full decoder.
import type { ByteSource } from './byte-source.ts';
import { FgbFormatError } from './errors.ts';
import { FlatBoundsError, FlatTable } from './flat-table.ts';
import { FeatureSlot, GeometrySlot, GeometryType, geometryTypeName } from './format.ts';
import type { FgbHeader } from './header.ts';
import { readSequentialWith } from './read-features.ts';

export interface GeometrySummary {
  /** 0-based position in file order. */
  featureIndex: number;
  /** Byte offset of the feature's size prefix, relative to header.featuresOffset. */
  offset: number;
  /** The header's geometry type, or the feature's own when the header says Unknown. */
  geometryType: number;
  geometryTypeName: string;
  /** The feature has no geometry at all. */
  isNull: boolean;
  /** Positions over all rings and parts (0 for an empty geometry). */
  vertices: number;
  /** Coordinates that are NaN or ±Infinity. */
  nonFinite: number;
  /** Rings with fewer than 4 positions or whose last position differs from the first. */
  badRings: number;
  /** The first such ring, for messages: its position count and whether it is closed. */
  firstBadRing?: { positions: number; closed: boolean };
  /** First non-finite position, for messages. */
  firstNonFinite?: [number, number];
  /** Box of the finite coordinates; Infinity / -Infinity when there are none. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A value inside the geometry breaks the format. */
class GeometryContentError extends Error {}

/** Summarises every feature of the file in file order. Problems of the format throw FgbFormatError. */
export function summarizeGeometries(src: ByteSource, header: FgbHeader): AsyncGenerator<GeometrySummary> {
  return readSequentialWith(src, header, (view, start, end, featureIndex, offset) => {
    try {
      return summarize(view, start, end, featureIndex, offset, header.geometryType);
    } catch (error) {
      if (error instanceof FlatBoundsError || error instanceof GeometryContentError) {
        throw new FgbFormatError(src.name, `corrupt feature at offset ${offset}: ${error.message}`, { featureIndex, offset, cause: error });
      }
      throw error;
    }
  });
}

function summarize(view: DataView, start: number, end: number, featureIndex: number, offset: number, headerType: number): GeometrySummary {
  const table = FlatTable.root(view, start, end);
  const geometry = table.table(FeatureSlot.geometry);
  let type = headerType;
  if (type === GeometryType.Unknown && geometry) type = geometry.u8(GeometrySlot.type, GeometryType.Unknown);
  const s: GeometrySummary = {
    featureIndex, offset, geometryType: type, geometryTypeName: geometryTypeName(type), isNull: geometry === null,
    vertices: 0, nonFinite: 0, badRings: 0, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity,
  };
  if (!geometry) return s;
  if (type === GeometryType.MultiPolygon) {
    for (const part of geometry.tables(GeometrySlot.parts)) addRings(part, s);
  } else {
    addRings(geometry, s);
  }
  return s;
}

/** Adds one (polygon-like) geometry table's positions to the summary; ring ends are checked as the decoder does. */
function addRings(g: FlatTable, s: GeometrySummary): void {
  const xy = g.vector(GeometrySlot.xy, 8);
  if (!xy || xy.length === 0) return;
  if (xy.length % 2 !== 0) throw new GeometryContentError(`odd number of xy values (${xy.length})`);
  const points = xy.length / 2;
  const view = g.view;
  const ends = g.vector(GeometrySlot.ends, 4);
  const ringCount = ends ? ends.length : 1;
  let from = 0;
  for (let r = 0; r < ringCount; r++) {
    const to = ends ? view.getUint32(ends.pos + 4 * r, true) : points;
    if (to <= from || to > points) throw new GeometryContentError(`ring end ${to} is not in ${from + 1}..${points}`);
    const first = xy.pos + 16 * from;
    const last = xy.pos + 16 * (to - 1);
    // compared as bytes: also right for NaN, which the finiteness check reports
    const closed = view.getBigUint64(first, true) === view.getBigUint64(last, true) && view.getBigUint64(first + 8, true) === view.getBigUint64(last + 8, true);
    if (to - from < 4 || !closed) {
      if (s.badRings === 0) s.firstBadRing = { positions: to - from, closed };
      s.badRings++;
    }
    from = to;
  }
  if (from !== points) throw new GeometryContentError(`ring ends stop at ${from} of ${points} points`);
  for (let i = 0; i < points; i++) {
    const at = xy.pos + 16 * i;
    const x = view.getFloat64(at, true);
    const y = view.getFloat64(at + 8, true);
    // x - x is 0 for finite x and NaN for NaN and ±Infinity: one comparison for both
    if (x - x !== 0 || y - y !== 0) {
      if (s.nonFinite === 0) s.firstNonFinite = [x, y];
      s.nonFinite++;
      continue;
    }
    if (x < s.minX) s.minX = x;
    if (y < s.minY) s.minY = y;
    if (x > s.maxX) s.maxX = x;
    if (y > s.maxY) s.maxY = y;
  }
  s.vertices += points;
}
