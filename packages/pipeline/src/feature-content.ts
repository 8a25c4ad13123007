// What makes two features the same piece twice: their geometry and every attribute except BSM, hashed, so a
// duplicated feature is found however far apart the copies lie (docs/INPUT-CHECKS.md). Also the feature's box.
import { vertexCount, type MultiPolygon } from '@landwatch/core';
import type { PropertyValue } from '@landwatch/fgb';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Two independent 32-bit multiplicative hashes, fed one 32-bit word at a time (64 bits of key in all). */
class WordHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = Math.imul(this.b ^ w, 0x5bd1e995);
    this.b ^= this.b >>> 15;
  }

  number(v: number): void {
    f64[0] = v;
    this.word(u32[0]);
    this.word(u32[1]);
  }

  text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  /** The 64 bits as a flat string of four UTF-16 code units: a key for a Map, never shown. (Two numbers in base 36
   * joined by a dot made a string of parts, which every Map lookup first copied into one: the duplicate check took
   * 1 µs a piece that way, a third of it with this key.) */
  digest(): string {
    return String.fromCharCode(this.a & 0xffff, this.a >>> 16, this.b & 0xffff, this.b >>> 16);
  }
}

/**
 * A 64-bit key of the geometry's coordinates (ring by ring, exact float bits) and the attributes other than
 * `bsmColumn`. Two keys collide by chance with probability about n²/2^65 (≈ 3·10⁻⁸ for a million pieces); a
 * cryptographic digest cost ten times more per piece (measured: 10 µs vs about 1 µs).
 */
export function contentKey(geometry: MultiPolygon, properties: Record<string, PropertyValue>, bsmColumn: string | undefined): string {
  const h = new WordHash();
  const { xy, ringEnds, polygonEnds } = geometry;
  let r = 0;
  for (let p = 0; p < polygonEnds.length; p++) {
    h.word(polygonEnds[p] - r);
    for (; r < polygonEnds[p]; r++) {
      const from = r === 0 ? 0 : ringEnds[r - 1];
      h.word(ringEnds[r] - from);
      for (let i = 2 * from; i < 2 * ringEnds[r]; i++) h.number(xy[i]);
    }
  }
  // properties come in the header's column order, the same for every feature of a file
  for (const key in properties) {
    if (key === bsmColumn) continue;
    const v = properties[key];
    if (typeof v === 'number') h.number(v);
    else h.text(v === null ? '\u0000null' : String(v));
  }
  return h.digest();
}

/** Box and position count of a geometry (finite coordinates only). */
export function featureBox(geometry: MultiPolygon): { minX: number; minY: number; maxX: number; maxY: number; vertices: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const { xy } = geometry;
  const vertices = vertexCount(geometry);
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY, vertices };
}
