// Write random polygons with every column kind, read them back in every way the package offers.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Bbox, MultiPolygon } from '@landwatch/core';
import {
  type FgbFeature, type FgbHeader, FgbWriter, FgbWriterError, memoryByteSource, openFileByteSource, planTiles,
  readFeatures, readHeader, readIndexLeaves,
} from '@landwatch/fgb';
import { handWrittenCrs } from './support/crs-wkt.ts';
import {
  ALL_KINDS_COLUMNS, GK39_EXTENT, bboxOf, intersects, randomGeometry, randomProperties, seededRandom,
} from './support/random-layer.ts';
import { EMPTY_MULTI_POLYGON, multiPolygon, toNested } from '@landwatch/core';

const N = 2000;

interface Written {
  geometry: MultiPolygon;
  properties: Record<string, string | number | boolean | null>;
  bbox: Bbox;
}

async function collect(gen: AsyncGenerator<FgbFeature>): Promise<FgbFeature[]> {
  const out: FgbFeature[] = [];
  for await (const f of gen) out.push(f);
  return out;
}

/** What the reader returns for written properties: every column present, missing ones null. */
function expectedProperties(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(ALL_KINDS_COLUMNS.map((c) => [c.name, p[c.name] ?? null]));
}

describe('round trip', () => {
  const written: Written[] = [];
  let bytes: Uint8Array;
  let header: FgbHeader;
  let all: FgbFeature[];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fgb-rt-'));
    const rand = seededRandom(42);
    const writer = new FgbWriter({
      name: 'round_trip', title: '往返测试', description: 'random polygons', crs: handWrittenCrs(4527),
      columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon',
    });
    for (let i = 0; i < N; i++) {
      const geometry = randomGeometry(rand, GK39_EXTENT);
      const properties = randomProperties(rand, i);
      writer.add(geometry, properties);
      written.push({ geometry, properties, bbox: bboxOf(geometry) });
    }
    expect(writer.count).toBe(N);
    bytes = await writer.finishToBytes();
    header = await readHeader(memoryByteSource('rt.fgb', bytes));
    all = await collect(readFeatures(memoryByteSource('rt.fgb', bytes), header));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the header fields', () => {
    expect(header).toMatchObject({
      name: 'round_trip', title: '往返测试', description: 'random polygons', geometryTypeName: 'MultiPolygon',
      geometryType: 6, featuresCount: N, indexNodeSize: 16, hasZ: false, hasM: false,
      crs: { org: 'EPSG', code: 4527, wkt: handWrittenCrs(4527).wkt },
    });
    expect(header.columns.map(({ storageType, ...c }) => c)).toEqual(ALL_KINDS_COLUMNS.map((c) => ({ nullable: true, ...c })));
    const extent = written.reduce((e, w) => ({
      minX: Math.min(e.minX, w.bbox.minX), minY: Math.min(e.minY, w.bbox.minY),
      maxX: Math.max(e.maxX, w.bbox.maxX), maxY: Math.max(e.maxY, w.bbox.maxY),
    }), { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
    expect(header.envelope).toEqual(extent);
    expect(header.featuresOffset).toBe(header.headerSize + header.indexSize);
    expect(header.dataSize).toBe(bytes.length - header.featuresOffset);
  });

  it('reads back every feature exactly (values and geometry), each once, in file order', () => {
    expect(all).toHaveLength(N);
    const seen = new Set<number>();
    all.forEach((f, i) => {
      expect(f.featureIndex).toBe(i);
      const id = f.properties.id as number;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(f.geometryTypeName).toBe('MultiPolygon');
      expect(f.geometry).toEqual(written[id].geometry);
      expect(f.properties).toEqual(expectedProperties(written[id].properties));
    });
    for (let i = 1; i < N; i++) expect(all[i].offset).toBeGreaterThan(all[i - 1].offset);
  });

  it('reads the same with a tiny chunk size (features straddle every chunk boundary)', async () => {
    const small = await collect(readFeatures(memoryByteSource('rt.fgb', bytes), header, { chunkSize: 100 }));
    expect(small).toEqual(all);
  });

  it('answers bbox queries exactly like a brute-force bbox filter', async () => {
    const rand = seededRandom(7);
    const src = memoryByteSource('rt.fgb', bytes);
    const w = GK39_EXTENT.maxX - GK39_EXTENT.minX;
    let totalHits = 0;
    for (let q = 0; q < 100; q++) {
      const size = w * (q % 3 === 0 ? 0.002 : q % 3 === 1 ? 0.05 : 0.4) * rand();
      const minX = GK39_EXTENT.minX - 500 + rand() * (w + 1000);
      const minY = GK39_EXTENT.minY - 500 + rand() * (w + 1000);
      const box = { minX, minY, maxX: minX + size, maxY: minY + size * (0.5 + rand()) };
      const expected = written.map((x, id) => ({ id, hit: intersects(x.bbox, box) })).filter((x) => x.hit).map((x) => x.id).sort((a, b) => a - b);
      const got = await collect(readFeatures(src, header, { bbox: box }));
      for (let i = 1; i < got.length; i++) expect(got[i].offset).toBeGreaterThan(got[i - 1].offset);
      for (const f of got) expect(f).toEqual(all[f.featureIndex]);
      expect(got.map((f) => f.properties.id as number).sort((a, b) => a - b)).toEqual(expected);
      totalHits += got.length;
    }
    expect(totalHits).toBeGreaterThan(N);
    // The whole extent returns everything; a box far away returns nothing.
    expect(await collect(readFeatures(src, header, { bbox: { minX: -1e12, minY: -1e12, maxX: 1e12, maxY: 1e12 } }))).toEqual(all);
    expect(await collect(readFeatures(src, header, { bbox: { minX: 0, minY: 0, maxX: 1, maxY: 1 } }))).toEqual([]);
  });

  it('reads index leaves that match the features in file order', async () => {
    const leaves = await readIndexLeaves(memoryByteSource('rt.fgb', bytes), header);
    expect(leaves.count).toBe(N);
    all.forEach((f, i) => {
      expect(leaves.offsets[i]).toBe(f.offset);
      const b = written[f.properties.id as number].bbox;
      expect(Array.from(leaves.boxes.subarray(i * 4, i * 4 + 4))).toEqual([b.minX, b.minY, b.maxX, b.maxY]);
    });
  });

  it('plans tiles that cover every feature once, in order, within the limits; ranges read back the same features', async () => {
    const src = memoryByteSource('rt.fgb', bytes);
    const leaves = await readIndexLeaves(src, header);
    for (const opts of [{ maxFeatures: 1 }, { maxFeatures: 250 }, { maxFeatures: 400, maxBytes: 40_000 }, { maxFeatures: N * 2 }]) {
      const tiles = planTiles(leaves, header.dataSize, opts);
      let next = 0;
      let byte = 0;
      tiles.forEach((t, k) => {
        expect(t.tileId).toBe(`t${String(k).padStart(5, '0')}`);
        expect(t.firstIndex).toBe(next);
        expect(t.start).toBe(byte);
        expect(t.count).toBeGreaterThan(0);
        expect(t.count).toBeLessThanOrEqual(opts.maxFeatures);
        if (opts.maxBytes && t.count > 1) expect(t.end - t.start).toBeLessThanOrEqual(opts.maxBytes);
        next += t.count;
        byte = t.end;
      });
      expect(next).toBe(N);
      expect(byte).toBe(header.dataSize);
      for (const t of tiles.filter((_, k) => k % 37 === 0 || k === tiles.length - 1)) {
        const got = await collect(readFeatures(src, header, { range: { start: t.start, end: t.end, firstIndex: t.firstIndex } }));
        expect(got).toEqual(all.slice(t.firstIndex, t.firstIndex + t.count));
        for (const f of got) {
          const b = written[f.properties.id as number].bbox;
          expect(b.minX).toBeGreaterThanOrEqual(t.bbox.minX);
          expect(b.maxY).toBeLessThanOrEqual(t.bbox.maxY);
        }
      }
    }
    expect(planTiles({ count: 0, offsets: new Float64Array(0), boxes: new Float64Array(0) }, 0, { maxFeatures: 10 })).toEqual([]);
  });

  it('is readable by the flatgeobuf npm package, bbox queries included', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined); // its index search logs every step
    try {
      const ids: number[] = [];
      for await (const f of deserialize(bytes)) ids.push(f.properties!.id as number);
      expect(ids).toEqual(all.map((f) => f.properties.id));
      const box = { minX: 39_520_000, minY: 2_920_000, maxX: 39_530_000, maxY: 2_925_000 };
      const theirs: number[] = [];
      for await (const f of deserialize(bytes, { rect: box })) theirs.push(f.properties!.id as number);
      const ours = (await collect(readFeatures(memoryByteSource('rt.fgb', bytes), header, { bbox: box }))).map((f) => f.properties.id);
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.sort((a, b) => a - b)).toEqual(ours.sort((a, b) => (a as number) - (b as number)));
    } finally {
      debug.mockRestore();
    }
  });

  it('writes the same bytes to a file (atomically) with spillDir, and reads it through a file source', async () => {
    const rand = seededRandom(42);
    const writer = new FgbWriter({
      name: 'round_trip', title: '往返测试', description: 'random polygons', crs: handWrittenCrs(4527),
      columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon', spillDir: dir,
    });
    for (let i = 0; i < N; i++) writer.add(randomGeometry(rand, GK39_EXTENT), randomProperties(rand, i));
    const path = join(dir, 'rt.fgb');
    await writer.finishToFile(path);
    expect(readdirSync(dir)).toEqual(['rt.fgb']); // no spill or temp file left behind
    const src = await openFileByteSource(path);
    try {
      expect(src.size).toBe(bytes.length);
      const fromFile = await src.read(0, src.size);
      expect(Buffer.from(fromFile).equals(Buffer.from(bytes))).toBe(true);
      expect(await collect(readFeatures(src, await readHeader(src), { chunkSize: 64 * 1024 }))).toEqual(all);
    } finally {
      await src.close();
    }
  });
});

describe('writer input checks', () => {
  const base = { name: 'checks', crs: handWrittenCrs(4490), columns: ALL_KINDS_COLUMNS } as const;
  const square: MultiPolygon = multiPolygon([[[[112, 26], [112.001, 26], [112.001, 26.001], [112, 26]]]]);

  it('a Polygon layer accepts single polygons and rejects multi-part ones', async () => {
    const w = new FgbWriter({ ...base, geometryType: 'Polygon' });
    w.add(square, { id: 1 });
    expect(() => w.add(multiPolygon([...toNested(square), ...toNested(square)]), { id: 2 })).toThrow(/Polygon layer takes single polygons.*feature 1/);
    const bytes = await w.finishToBytes();
    const src = memoryByteSource('poly.fgb', bytes);
    const h = await readHeader(src);
    expect(h.geometryTypeName).toBe('Polygon');
    const features = await collect(readFeatures(src, h));
    expect(features.map((f) => f.geometry)).toEqual([square]);
  });

  it('rejects values that do not match their column, unknown properties and missing required values', () => {
    const w = new FgbWriter({ ...base, geometryType: 'MultiPolygon' });
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ id: 1.5 }, /expected a 32-bit integer.*column id/],
      [{ id: 1, count_i: 2 ** 31 }, /32-bit integer.*column count_i/],
      [{ id: 1, big: 2 ** 60 }, /safe integer.*column big/],
      [{ id: 1, flag: 1 }, /boolean.*column flag/],
      [{ id: 1, area_m2: '3' }, /number.*column area_m2/],
      [{ id: 1, label: 3 }, /string.*column label/],
      [{ id: 1, surveyed: 'yesterday' }, /ISO 8601.*column surveyed/],
      [{ id: 1, nope: 1 }, /not a declared column.*column nope/],
      [{ flag: true }, /non-nullable.*column id/],
    ];
    for (const [props, message] of bad) {
      const error = (() => {
        try {
          w.add(square, props);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(FgbWriterError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^checks: /);
    }
    expect(w.count).toBe(0);
    expect(() => w.add(EMPTY_MULTI_POLYGON, { id: 1 })).toThrow(/non-empty MultiPolygon/);
    expect(() => w.add(multiPolygon([[[[NaN, 1], [2, 2], [3, 3], [NaN, 1]]]]), { id: 1 })).toThrow(/finite/);
    // Dates and bigint are accepted and written as ISO text / int64.
    w.add(square, { id: 1, surveyed: new Date(Date.UTC(2024, 5, 1)), big: -(2n ** 62n) });
    expect(w.count).toBe(1);
    w.discard();
  });

  it('rejects options without a WKT, with bad column names or duplicate columns', () => {
    expect(() => new FgbWriter({ ...base, geometryType: 'Polygon', crs: { code: 4490 } })).toThrow(/crs.wkt is required/);
    expect(() => new FgbWriter({ ...base, geometryType: 'Polygon', columns: [{ name: '', type: 'int' }] })).toThrow(/column 1 has no name/);
    expect(() => new FgbWriter({ ...base, geometryType: 'Polygon', columns: [{ name: 'a\u0010', type: 'int' }] })).toThrow(/holds control characters/);
    // any other UTF-8 name is a FlatGeobuf column name (deliveries carry Chinese ones)
    expect(() => new FgbWriter({ ...base, geometryType: 'Polygon', columns: [{ name: '备注', type: 'string' }, { name: 'a b', type: 'int' }] }).discard()).not.toThrow();
    expect(() => new FgbWriter({ ...base, geometryType: 'Polygon', columns: [{ name: 'A', type: 'int' }, { name: 'a', type: 'int' }] })).toThrow(/declared twice/);
  });

  it('writes an empty layer that reads back empty (no index)', async () => {
    const w = new FgbWriter({ ...base, geometryType: 'MultiPolygon' });
    const bytes = await w.finishToBytes();
    const src = memoryByteSource('empty.fgb', bytes);
    const h = await readHeader(src);
    expect(h).toMatchObject({ featuresCount: 0, indexNodeSize: 0, envelope: null, dataSize: 0 });
    expect(await collect(readFeatures(src, h))).toEqual([]);
    expect(await collect(readFeatures(src, h, { bbox: { minX: 0, minY: 0, maxX: 1, maxY: 1 } }))).toEqual([]);
    expect((await readIndexLeaves(src, h)).count).toBe(0);
  });

  it('handles identical boxes (zero-size extent) and one feature', async () => {
    for (const n of [1, 40]) {
      const w = new FgbWriter({ ...base, geometryType: 'MultiPolygon', indexNodeSize: 4 });
      for (let i = 0; i < n; i++) w.add(square, { id: i });
      const bytes = await w.finishToBytes();
      const src = memoryByteSource('same.fgb', bytes);
      const h = await readHeader(src);
      const hits = await collect(readFeatures(src, h, { bbox: { minX: 112.0005, minY: 26.0005, maxX: 112.0006, maxY: 26.0006 } }));
      expect(hits.map((f) => f.properties.id)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
