// What the mutators need to know about an input's bytes, whatever its format: where its size and length fields are,
// where its records start, where its coordinates are and which field counts its records. Each format has a function
// that finds these in a valid file (fgb-layout.ts, shp-layout.ts, dbf-layout.ts, zip-layout.ts); the mutators never
// parse a format themselves.

/** A fixed-width unsigned integer in a file. */
export interface IntField {
  at: number;
  width: 1 | 2 | 4 | 8;
  /** Shapefile main headers and record headers are big-endian; everything else here is little-endian. */
  bigEndian?: boolean;
}

export interface ByteLayout {
  /** Size and length fields: `length-inflation` takes one of these most of the time. */
  lengths: IntField[];
  /** Where the records start: the rest of the time `length-inflation` inflates an aligned u32 from here on. */
  bodyStart: number;
  /** Positions of little-endian float64 coordinates (`coordinate-extreme`); empty when the file holds none. */
  coordinates: number[];
  /** Fields that count records (`features-count`), and how many records there really are. Empty: none. */
  counts: IntField[];
  records: number;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readInt(bytes: Uint8Array, f: IntField): bigint {
  const v = viewOf(bytes);
  const le = !f.bigEndian;
  switch (f.width) {
    case 1:
      return BigInt(v.getUint8(f.at));
    case 2:
      return BigInt(v.getUint16(f.at, le));
    case 4:
      return BigInt(v.getUint32(f.at, le));
    case 8:
      return v.getBigUint64(f.at, le);
  }
}

/** Writes `value` truncated to the field's width (2⁶⁴−1 in a u16 is 0xffff: the low bytes, as a C cast would). */
export function writeInt(bytes: Uint8Array, f: IntField, value: bigint): bigint {
  const v = viewOf(bytes);
  const le = !f.bigEndian;
  const w = BigInt.asUintN(f.width * 8, value);
  if (f.width === 1) v.setUint8(f.at, Number(w));
  else if (f.width === 2) v.setUint16(f.at, Number(w), le);
  else if (f.width === 4) v.setUint32(f.at, Number(w), le);
  else v.setBigUint64(f.at, w, le);
  return w;
}

/** Positions in [from, to) of float64 values that decode to plausible coordinates (degrees or metres in China). */
export function plausibleCoordinates(bytes: Uint8Array, from: number, to: number = bytes.length): number[] {
  const view = viewOf(bytes);
  const out: number[] = [];
  for (let p = from; p + 8 <= to; p++) {
    const v = view.getFloat64(p, true);
    if ((v > 3 && v < 136) || (v > 300_000 && v < 46_000_000)) out.push(p);
  }
  return out;
}

/** Only the plausible float64 coordinates after `from` (a format not worth a layout function). */
export function scannedLayout(bytes: Uint8Array, from = 0): ByteLayout {
  return { lengths: [], bodyStart: from, coordinates: plausibleCoordinates(bytes, from), counts: [], records: 0 };
}

/** `inner` (the layout of a file stored at `offset` inside another) in the outer file's positions. */
export function shifted(inner: ByteLayout, offset: number): ByteLayout {
  const move = (f: IntField): IntField => ({ ...f, at: f.at + offset });
  return {
    lengths: inner.lengths.map(move),
    bodyStart: inner.bodyStart + offset,
    coordinates: inner.coordinates.map((p) => p + offset),
    counts: inner.counts.map(move),
    records: inner.records,
  };
}
