// The writer keeps only bbox/location/length per feature in memory when spilling: 200 k features, heap growth measured.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from '@landwatch/core';
import { FgbWriter, openFileByteSource, readFeatures, readHeader, readIndexLeaves } from '@landwatch/fgb';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { seededRandom } from './support/random-layer.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function usedBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const N = 200_000;

describe('bounded-memory writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgb-spill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`writes ${N} features through a spill file with heap growth far below the encoded size`, async () => {
    const rand = seededRandom(3);
    const before = usedBytes();
    const writer = new FgbWriter({
      name: 'spill', crs: handWrittenCrs(4527), geometryType: 'Polygon', spillDir: dir,
      columns: [{ name: 'id', type: 'int' }, { name: 'code', type: 'string', title: '地类编码' }],
    });
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const x = 39_500_000 + rand() * 50_000;
      const y = 2_900_000 + rand() * 50_000;
      const g: MultiPolygon = [[[[x, y], [x + 30, y], [x + 30, y + 20], [x, y + 20], [x, y]]]];
      writer.add(g, { id: i, code: '0101' });
    }
    const addMs = performance.now() - t0;
    const spillFiles = readdirSync(dir);
    expect(spillFiles).toHaveLength(1);
    const encodedBytes = statSync(join(dir, spillFiles[0])).size;
    const growth = usedBytes() - before;
    const path = join(dir, 'spill.fgb');
    const t1 = performance.now();
    await writer.finishToFile(path);
    const finishMs = performance.now() - t1;
    console.info(
      `[fgb] spill writer: ${N} features, encoded ${(encodedBytes / 1e6).toFixed(1)} MB (+ last buffer), ` +
      `heap+arrayBuffers growth after add ${(growth / 1e6).toFixed(1)} MB (${(growth / N).toFixed(0)} B/feature); ` +
      `add ${addMs.toFixed(0)} ms, finish ${finishMs.toFixed(0)} ms`,
    );
    // Per feature: 4 doubles of bbox + location + length, arrays grown by doubling (≤ 2 × 44 B), + a 4 MiB write buffer.
    expect(growth).toBeLessThan(N * 100 + 8 * 1024 * 1024);
    expect(growth).toBeLessThan(encodedBytes / 2);
    expect(readdirSync(dir)).toEqual(['spill.fgb']);

    const src = await openFileByteSource(path);
    try {
      const header = await readHeader(src);
      expect(header.featuresCount).toBe(N);
      const leaves = await readIndexLeaves(src, header);
      expect(leaves.count).toBe(N);
      let n = 0;
      const ids = new Uint8Array(N);
      for await (const f of readFeatures(src, header)) {
        ids[f.properties.id as number]++;
        n++;
      }
      expect(n).toBe(N);
      expect(ids.every((v) => v === 1)).toBe(true);
    } finally {
      await src.close();
    }
  });
});
