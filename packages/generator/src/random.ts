// Seeded randomness: a 32-bit hash to derive independent streams from (seed, purpose, indices),
// and a small PRNG (mulberry32) for each stream. No Math.random anywhere in the generator.

/** Mixes 32-bit integers into one well-distributed 32-bit hash (murmur3-style finaliser per input). */
export function hash32(a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = 0x9e3779b9 ^ (a | 0);
  h = mix(h, b);
  h = mix(h, c);
  h = mix(h, d);
  h = mix(h, e);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Stream purposes, so that two uses of the same indices never share random numbers. */
export const Stream = {
  county: 1,
  townships: 2,
  villages: 3,
  slots: 4,
  patchPlan: 5,
  gridVertex: 6,
  gridEdge: 7,
  hole: 8,
  pieceCodes: 9,
  pieceIds: 10,
  farmland: 11,
  filler: 12,
  blob: 13,
  pieceLayers: 14,
  layerAttrs: 15,
} as const;

/** mulberry32: tiny, fast, good enough for synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for one stream: (seed, purpose, …indices). */
  static of(seed: number, purpose: number, a = 0, b = 0, c = 0): Rng {
    return new Rng(hash32(seed, purpose, a, b, c));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a value from [value, weight] pairs (cumulative weights are cached per table: keep tables constant). */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let cumulative = CUMULATIVE.get(table);
    if (!cumulative) {
      cumulative = new Float64Array(table.length);
      let total = 0;
      table.forEach(([, w], i) => {
        total += w;
        (cumulative as Float64Array)[i] = total;
      });
      CUMULATIVE.set(table, cumulative);
    }
    const r = this.next() * cumulative[cumulative.length - 1];
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return table[i][0];
    return table[table.length - 1][0];
  }
}

const CUMULATIVE = new WeakMap<object, Float64Array>();
