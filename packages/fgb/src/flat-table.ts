// Bounds-checked reading of flatbuffers tables. The generated flatgeobuf accessors read whatever the offsets in the
// file say (flatbuffers' ByteBuffer returns undefined/0 past the end); uploads are untrusted, so every offset and
// length is checked here against the buffer it lives in.

const textDecoder = new TextDecoder();

/** An offset or length in a flatbuffer points outside its buffer. Callers wrap it in FgbFormatError. */
export class FlatBoundsError extends Error {
  override readonly name = 'FlatBoundsError';
}

/** A vector inside the buffer: byte position of its first element and its element count. */
export interface FlatVector {
  pos: number;
  length: number;
}

/** One table of a flatbuffer that occupies view[start, end). Positions are relative to the view. */
export class FlatTable {
  private readonly vtable: number;
  private readonly vtableSize: number;
  private readonly tableSize: number;

  private constructor(
    readonly view: DataView,
    private readonly start: number,
    private readonly end: number,
    /** Byte position of the table in the view. */
    readonly pos: number,
  ) {
    this.need(pos, 4, 'table');
    const vtable = pos - view.getInt32(pos, true);
    this.need(vtable, 4, 'vtable');
    const vtableSize = view.getUint16(vtable, true);
    const tableSize = view.getUint16(vtable + 2, true);
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw new FlatBoundsError(`vtable size ${vtableSize} is invalid`);
    if (tableSize < 4) throw new FlatBoundsError(`table size ${tableSize} is invalid`);
    this.need(vtable, vtableSize, 'vtable');
    this.need(pos, tableSize, 'table');
    this.vtable = vtable;
    this.vtableSize = vtableSize;
    this.tableSize = tableSize;
  }

  /** The root table of a flatbuffer (without size prefix) at view[start, end). */
  static root(view: DataView, start: number, end: number): FlatTable {
    if (start < 0 || end > view.byteLength || start + 4 > end) throw new FlatBoundsError(`buffer of ${end - start} bytes is too small`);
    return new FlatTable(view, start, end, start + view.getUint32(start, true));
  }

  private need(pos: number, length: number, what: string): void {
    if (pos < this.start || pos + length > this.end) {
      throw new FlatBoundsError(`${what} at ${pos - this.start} (+${length} bytes) lies outside the ${this.end - this.start}-byte buffer`);
    }
  }

  /** Position of a field's inline value, or 0 when the field is absent. */
  private field(slot: number, size: number): number {
    const entry = 4 + 2 * slot;
    if (entry + 2 > this.vtableSize) return 0;
    const offset = this.view.getUint16(this.vtable + entry, true);
    if (offset === 0) return 0;
    if (offset + size > this.tableSize) throw new FlatBoundsError(`field ${slot} lies outside its table`);
    return this.pos + offset;
  }

  private indirect(pos: number, what: string): number {
    const target = pos + this.view.getUint32(pos, true);
    this.need(target, 4, what);
    return target;
  }

  has(slot: number): boolean {
    return this.field(slot, 0) !== 0;
  }

  u8(slot: number, fallback: number): number {
    const p = this.field(slot, 1);
    return p ? this.view.getUint8(p) : fallback;
  }

  bool(slot: number, fallback: boolean): boolean {
    const p = this.field(slot, 1);
    return p ? this.view.getUint8(p) !== 0 : fallback;
  }

  u16(slot: number, fallback: number): number {
    const p = this.field(slot, 2);
    return p ? this.view.getUint16(p, true) : fallback;
  }

  i32(slot: number, fallback: number): number {
    const p = this.field(slot, 4);
    return p ? this.view.getInt32(p, true) : fallback;
  }

  /** An unsigned 64-bit field as a number (exact up to 2^53; larger values come back rounded). */
  u64(slot: number, fallback: number): number {
    const p = this.field(slot, 8);
    return p ? this.view.getUint32(p, true) + this.view.getUint32(p + 4, true) * 2 ** 32 : fallback;
  }

  /** An unsigned 64-bit field, exact (for messages about values beyond 2^53). */
  u64Exact(slot: number, fallback: bigint): bigint {
    const p = this.field(slot, 8);
    return p ? this.view.getBigUint64(p, true) : fallback;
  }

  string(slot: number): string | null {
    const p = this.field(slot, 4);
    if (!p) return null;
    const s = this.indirect(p, 'string');
    const length = this.view.getUint32(s, true);
    this.need(s + 4, length, 'string');
    const v = this.view;
    return textDecoder.decode(new Uint8Array(v.buffer, v.byteOffset + s + 4, length));
  }

  /** A vector of scalars or structs of `elementSize` bytes each, or null when absent. */
  vector(slot: number, elementSize: number): FlatVector | null {
    const p = this.field(slot, 4);
    if (!p) return null;
    const v = this.indirect(p, 'vector');
    const length = this.view.getUint32(v, true);
    this.need(v + 4, length * elementSize, 'vector');
    return { pos: v + 4, length };
  }

  /** A sub-table, or null when absent. */
  table(slot: number): FlatTable | null {
    const p = this.field(slot, 4);
    if (!p) return null;
    return new FlatTable(this.view, this.start, this.end, this.indirect(p, 'table'));
  }

  /** A vector of sub-tables (empty when absent). */
  tables(slot: number): FlatTable[] {
    const vector = this.vector(slot, 4);
    if (!vector) return [];
    const out: FlatTable[] = [];
    for (let i = 0; i < vector.length; i++) {
      const entry = vector.pos + 4 * i;
      out.push(new FlatTable(this.view, this.start, this.end, this.indirect(entry, 'table')));
    }
    return out;
  }
}
