// Seeded byte-level mutations. Each takes the original bytes and their layout and returns a new buffer; none needs
// to know the format beyond the layout, so the same set applies to any input whose layout is known.
import type { Rng } from '../packages/generator/src/random.ts';
import { readInt, viewOf, writeInt, type ByteLayout } from './layout.ts';

export const MUTATORS = [
  'bit-flip',
  'byte-set',
  'truncate',
  'length-inflation',
  'duplicate-range',
  'zero-range',
  'coordinate-extreme',
  'features-count',
] as const;
export type MutatorName = (typeof MUTATORS)[number];

export interface Mutation {
  mutator: MutatorName;
  /** What was changed, for reproducing a failure by hand. */
  detail: string;
  bytes: Uint8Array;
}

/** Values a corrupted coordinate takes: the 1e20 / 1e30 / 1e100, non-finite, projected metres, edge cases. */
const EXTREME_VALUES = [1e20, 1e30, 1e100, -1e20, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 37_534_528.5, 0, -0, 5e-324, 180.0001, 1e308];
/** Values a length field is inflated to (at most the field's maximum: 0xffff in a u16). */
const INFLATED = [0xffffffffn, 0x7fffffffn, 0x10000000n, 1n << 20n];
/** Values of a record count: unknown, off by one, beyond 2^53, the uint64 maximum (narrower fields keep their low
 * bytes). */
const COUNTS = (n: number): bigint[] => [0n, 1n, BigInt(n - 1), BigInt(n + 1), 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 64n - 1n];

function range(rng: Rng, length: number, maxSpan: number): [number, number] {
  const start = rng.int(0, Math.max(0, length - 1));
  const span = rng.int(1, Math.max(1, Math.min(maxSpan, length - start)));
  return [start, start + span];
}

export function mutate(mutator: MutatorName, original: Uint8Array, layout: ByteLayout, rng: Rng): Mutation {
  const bytes = new Uint8Array(original);
  const n = bytes.length;
  switch (mutator) {
    case 'bit-flip': {
      const flips = rng.int(1, 8);
      const at: string[] = [];
      for (let i = 0; i < flips; i++) {
        const p = rng.int(0, n - 1);
        const bit = rng.int(0, 7);
        bytes[p] ^= 1 << bit;
        at.push(`${p}.${bit}`);
      }
      return { mutator, detail: `bits ${at.join(' ')}`, bytes };
    }
    case 'byte-set': {
      const p = rng.int(0, n - 1);
      const v = rng.pick([0x00, 0xff, 0x7f, 0x80, rng.int(0, 255)]);
      bytes[p] = v;
      return { mutator, detail: `byte ${p} = ${v}`, bytes };
    }
    case 'truncate': {
      const at = rng.int(0, n - 1);
      return { mutator, detail: `cut at ${at} of ${n}`, bytes: bytes.slice(0, at) };
    }
    case 'length-inflation': {
      // a size or length field of the layout; else a u32 inside the records (a vector length, mostly)
      const field = rng.chance(0.6) && layout.lengths.length > 0 ? rng.pick(layout.lengths) : { at: rng.int(layout.bodyStart, n - 4) & ~3, width: 4 as const };
      const old = readInt(bytes, field);
      const max = (1n << BigInt(field.width * 8)) - 1n;
      const wanted = rng.chance(0.5) ? rng.pick(INFLATED) : old + BigInt(rng.int(1, 4096));
      const v = writeInt(bytes, field, wanted > max ? max : wanted);
      return { mutator, detail: `u${field.width * 8}${field.bigEndian ? ' BE' : ''} at ${field.at}: ${old} → ${v}`, bytes };
    }
    case 'duplicate-range': {
      const [a, b] = range(rng, n, 4096);
      const at = rng.int(0, n);
      const out = new Uint8Array(n + (b - a));
      out.set(original.subarray(0, at), 0);
      out.set(original.subarray(a, b), at);
      out.set(original.subarray(at), at + (b - a));
      return { mutator, detail: `bytes ${a}..${b} inserted at ${at}`, bytes: out };
    }
    case 'zero-range': {
      const [a, b] = range(rng, n, 256);
      bytes.fill(0, a, b);
      return { mutator, detail: `bytes ${a}..${b} zeroed`, bytes };
    }
    case 'coordinate-extreme': {
      const p = layout.coordinates.length > 0 ? rng.pick(layout.coordinates) : rng.int(0, n - 8);
      const v = rng.pick(EXTREME_VALUES);
      viewOf(bytes).setFloat64(p, v, true);
      return { mutator, detail: `float64 at ${p} = ${v}`, bytes };
    }
    case 'features-count': {
      if (layout.counts.length === 0) return { mutator, detail: 'no count field (unchanged)', bytes };
      const field = rng.pick(layout.counts);
      const v = writeInt(bytes, field, rng.pick(COUNTS(layout.records)));
      return { mutator, detail: `count u${field.width * 8} at ${field.at} = ${v}`, bytes };
    }
  }
}
