// bbox reads with acceptBox: only features whose index box meets the query AND is accepted are read, in file order.
import { describe, expect, it } from 'vitest';
import { FgbWriter, memoryByteSource, readFeatures, readHeader } from '../src/index.ts';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { bboxOf, GK39_EXTENT, intersects, randomGeometry, seededRandom } from './support/random-layer.ts';

describe('readFeatures with acceptBox', () => {
  it('returns exactly the features whose box meets the query and one of the target boxes', async () => {
    const rand = seededRandom(17);
    const writer = new FgbWriter({
      name: 'accept',
      crs: handWrittenCrs(4527),
      columns: [{ name: 'id', type: 'long' }],
      geometryType: 'MultiPolygon',
    });
    const boxes = [];
    for (let i = 0; i < 3000; i++) {
      const g = randomGeometry(rand, GK39_EXTENT);
      boxes.push(bboxOf(g));
      writer.add(g, { id: i });
    }
    const src = memoryByteSource('accept.fgb', await writer.finishToBytes());
    const header = await readHeader(src);
    const query = { minX: 39_510_000, minY: 2_910_000, maxX: 39_550_000, maxY: 2_950_000 };
    const targets = Array.from({ length: 20 }, () => {
      const x = 39_500_000 + rand() * 60_000;
      const y = 2_900_000 + rand() * 60_000;
      return { minX: x, minY: y, maxX: x + 500, maxY: y + 500 };
    });
    const accept = (minX: number, minY: number, maxX: number, maxY: number) => targets.some((t) => intersects(t, { minX, minY, maxX, maxY }));
    const got = [];
    let calls = 0;
    for await (const f of readFeatures(src, header, { bbox: query, acceptBox: (...b) => (calls++, accept(...b)) })) got.push(f.properties.id);
    const expected = boxes.map((b, i) => ({ b, i })).filter(({ b }) => intersects(b, query) && targets.some((t) => intersects(t, b))).map(({ i }) => i);
    expect([...got].sort((a, b) => Number(a) - Number(b))).toEqual(expected);
    expect(got.length).toBeGreaterThan(0);
    expect(calls).toBe(boxes.filter((b) => intersects(b, query)).length);
  });
});
