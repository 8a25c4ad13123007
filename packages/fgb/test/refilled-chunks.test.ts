// A file source offers readInto, and the sequential walk then refills one buffer instead of taking a fresh one per
// chunk. Each feature must come out whole and independent of the buffer: read through a file with small chunks (so
// that features straddle chunk ends, and some are larger than a chunk), every feature equals the same walk over the
// bytes in memory, and stays equal after the walk has refilled the buffer many times over; so does every geometry
// summary, and every feature a bbox query reads (groups of features read into one buffer), two queries at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FgbWriter, memoryByteSource, openFileByteSource, readFeatures, readHeader, type ByteSource, type FgbFeature } from '@landwatch/fgb';
import { summarizeGeometries } from '../src/geometry-summary.ts';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { ALL_KINDS_COLUMNS, GK39_EXTENT, randomGeometry, randomProperties, seededRandom } from './support/random-layer.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('sequential reads into one refilled buffer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgb-refill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same features as the bytes in memory, with chunks smaller than some features', async () => {
    const rand = seededRandom(11);
    const w = new FgbWriter({ name: 'refill', crs: handWrittenCrs(4527), columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon' });
    for (let i = 0; i < 300; i++) w.add(randomGeometry(rand, GK39_EXTENT), randomProperties(rand, i));
    const bytes = await w.finishToBytes();
    const path = join(dir, 'refill.fgb');
    writeFileSync(path, bytes);

    const memory = memoryByteSource('refill.fgb', bytes);
    const header = await readHeader(memory);
    const expected = await collect(readFeatures(memory, header));

    const file = await openFileByteSource(path);
    try {
      let fresh = 0;
      let refilled = 0;
      const counted: ByteSource = {
        name: file.name,
        size: file.size,
        read: (offset, length) => (fresh++, file.read(offset, length)),
        readInto: (offset, target) => (refilled++, file.readInto(offset, target)),
      };
      // the geometry summaries (the protection layers' validation) take the default 4 MiB chunks: one refill here
      refilled = 0;
      expect(await collect(summarizeGeometries(counted, header))).toEqual(await collect(summarizeGeometries(memory, header)));
      expect(refilled).toBe(1);
      for (const chunkSize of [257, 4096]) {
        fresh = 0;
        refilled = 0;
        const features: FgbFeature[] = await collect(readFeatures(counted, header, { chunkSize }));
        // every chunk of the features is a refill, none a fresh read
        expect(refilled).toBeGreaterThan(10);
        expect(fresh).toBe(0);
        expect(features).toEqual(expected);
      }

      // by bbox: each group of nearby features read into one buffer, tile after tile; two queries at once each
      // keep their own (the spare buffer goes to one walk at a time)
      const boxes = Array.from({ length: 6 }, (_, i) => {
        const { minX, minY, maxX, maxY } = GK39_EXTENT;
        const x = minX + ((maxX - minX) * i) / 8;
        const y = minY + ((maxY - minY) * (i % 3)) / 4;
        return { minX: x, minY: y, maxX: x + (maxX - minX) / 3, maxY: y + (maxY - minY) / 2 };
      });
      for (const bbox of boxes) {
        refilled = 0;
        const [a, b, want] = await Promise.all([
          collect(readFeatures(counted, header, { bbox, chunkSize: 4096 })),
          collect(readFeatures(counted, header, { bbox, chunkSize: 300 })),
          collect(readFeatures(memory, header, { bbox })),
        ]);
        expect(want.length).toBeGreaterThan(0);
        expect(refilled).toBeGreaterThan(0);
        expect(a).toEqual(want);
        expect(b).toEqual(want);
      }
    } finally {
      await file.close();
    }
  });
});
