// The spilling writer: 200 k features go through one spill file and come back whole, indexed and in order of id.
// How much memory it holds per feature is measured by packages/fgb/bench/spill-memory.ts (`npm run bench:memory`),
// not asserted here: heap sizes depend on the garbage collector's timing.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from '@landwatch/core';
import { FgbWriter, openFileByteSource, readFeatures, readHeader, readIndexLeaves } from '@landwatch/fgb';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { seededRandom } from './support/random-layer.ts';
import { multiPolygon } from '@landwatch/core';

const N = 200_000;

describe('bounded-memory writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgb-spill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`writes ${N} features through a spill file and reads every one back`, async () => {
    const rand = seededRandom(3);
    const writer = new FgbWriter({
      name: 'spill', crs: handWrittenCrs(4527), geometryType: 'Polygon', spillDir: dir,
      columns: [{ name: 'id', type: 'int' }, { name: 'code', type: 'string', title: '地类编码' }],
    });
    for (let i = 0; i < N; i++) {
      const x = 39_500_000 + rand() * 50_000;
      const y = 2_900_000 + rand() * 50_000;
      const g: MultiPolygon = multiPolygon([[[[x, y], [x + 30, y], [x + 30, y + 20], [x, y + 20], [x, y]]]]);
      writer.add(g, { id: i, code: '0101' });
    }
    const spillFiles = readdirSync(dir);
    expect(spillFiles).toHaveLength(1);
    expect(statSync(join(dir, spillFiles[0])).size).toBeGreaterThan(0);
    const path = join(dir, 'spill.fgb');
    await writer.finishToFile(path);
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
