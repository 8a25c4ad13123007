// The spill file's features come back through a read window (one read serves the features that follow); whatever
// the order they are asked for in, and whatever their sizes (some larger than the window), each comes back as the
// bytes that went in — the same as the store that keeps them in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryFeatureStore, SpillFeatureStore } from '../src/feature-store.ts';

describe('spill feature store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgb-spill-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies out every feature as it went in, in any order, through its read window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 30_000, max: 80_000 })), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (sizes, seed) => {
          const spill = new SpillFeatureStore(dir);
          const memory = new MemoryFeatureStore();
          try {
            const features = sizes.map((size, i) => {
              const bytes = new Uint8Array(size);
              for (let k = 0; k < size; k++) bytes[k] = (i * 31 + k * 7 + seed) & 0xff;
              return bytes;
            });
            const at = features.map((f) => ({ spill: spill.append(f), memory: memory.append(f) }));
            spill.flush();
            memory.flush();
            // in order, then backwards, then by a shuffle of the seed (the file's sort order is none of these)
            const order = features.map((_, i) => i);
            const shuffled = [...order].sort((a, b) => ((a * 2654435761 + seed) >>> 0) % 1009 - ((b * 2654435761 + seed) >>> 0) % 1009);
            for (const i of [...order, ...[...order].reverse(), ...shuffled]) {
              const fromSpill = new Uint8Array(features[i]!.length + 3);
              spill.copyOut(at[i]!.spill, features[i]!.length, fromSpill, 3);
              expect(Buffer.from(fromSpill.buffer, 3).equals(features[i]!)).toBe(true);
              const fromMemory = new Uint8Array(features[i]!.length);
              memory.copyOut(at[i]!.memory, features[i]!.length, fromMemory, 0);
              expect(Buffer.from(fromMemory.buffer).equals(features[i]!)).toBe(true);
            }
          } finally {
            spill.dispose();
            memory.dispose();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
