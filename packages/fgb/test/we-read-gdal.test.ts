// We read files that GDAL (ogr2ogr) writes: indexed and unindexed, header, every feature, bbox queries.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiPolygon, type Bbox, type MultiPolygon, type NestedMultiPolygon } from '@landwatch/core';
import {
  type FgbFeature, FgbNoIndexError, FgbWriter, memoryByteSource, openFileByteSource, planTiles, readFeatures, readHeader, readIndexLeaves,
} from '@landwatch/fgb';
import { hasGdal } from './support/crs-wkt.ts';
import { bboxOf, intersects, seededRandom, starPolygon } from './support/random-layer.ts';

const GDAL = hasGdal();
if (!GDAL) console.warn('SKIPPED we-read-gdal: ogr2ogr is not on the PATH (install gdal-bin to run these tests)');

const N = 1200;
const EXTENT: Bbox = { minX: 111.5, minY: 26.0, maxX: 111.8, maxY: 26.3 };

interface Source {
  id: number;
  geometry: MultiPolygon;
  /** the same as written in the GeoJSON handed to GDAL */
  nested: NestedMultiPolygon;
  /** GeoJSON type written: single polygons as Polygon. */
  type: 'Polygon' | 'MultiPolygon';
  properties: Record<string, string | number | boolean>;
  bbox: Bbox;
}

function makeSources(): Source[] {
  const rand = seededRandom(2024);
  return Array.from({ length: N }, (_, id) => {
    const cx = EXTENT.minX + rand() * (EXTENT.maxX - EXTENT.minX);
    const cy = EXTENT.minY + rand() * (EXTENT.maxY - EXTENT.minY);
    const parts = rand() < 0.25 ? 2 : 1;
    const nested: NestedMultiPolygon = [];
    for (let p = 0; p < parts; p++) nested.push(starPolygon(rand, cx + p * 0.002, cy, 0.0005 + rand() * 0.0008, 5 + Math.floor(rand() * 20), rand() < 0.3));
    return {
      id,
      geometry: multiPolygon(nested),
      nested,
      type: parts === 1 ? 'Polygon' : 'MultiPolygon',
      properties: {
        id,
        BSM: `BSM${String(id).padStart(6, '0')}`,
        BGQDLBM: ['0101', '0102', '0103'][id % 3],
        ZLDWMC: `朝阳街道${id % 7}村`,
        TBBGMJ: Math.round(rand() * 1e6) / 100,
        BIG: 2 ** 40 + id,
        PBF: id % 2 === 0,
        GXSJ: `2024-${String(1 + (id % 12)).padStart(2, '0')}-15`,
      },
      bbox: bboxOf(multiPolygon(nested)),
    };
  });
}

async function readAll(gen: AsyncGenerator<FgbFeature>): Promise<FgbFeature[]> {
  const out: FgbFeature[] = [];
  for await (const f of gen) out.push(f);
  return out;
}

describe.skipIf(!GDAL)('we read GDAL files', () => {
  let dir: string;
  let sources: Source[];
  let indexed: string;
  let unindexed: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fgb-from-gdal-'));
    sources = makeSources();
    const geojson = {
      type: 'FeatureCollection',
      features: sources.map((s) => ({
        type: 'Feature',
        properties: s.properties,
        geometry: { type: s.type, coordinates: s.type === 'Polygon' ? s.nested[0] : s.nested },
      })),
    };
    const input = join(dir, 'input.geojson');
    writeFileSync(input, JSON.stringify(geojson));
    indexed = join(dir, 'indexed.fgb');
    unindexed = join(dir, 'unindexed.fgb');
    const run = (args: string[]): void => {
      execFileSync('ogr2ogr', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    };
    run(['-f', 'FlatGeobuf', '-a_srs', 'EPSG:4490', '-nlt', 'MULTIPOLYGON', '-nln', 'dltbgxgc', '-lco', 'SPATIAL_INDEX=YES', indexed, input]);
    // No -nlt: the layer mixes Polygon and MultiPolygon, so the header says Unknown and each geometry carries its type.
    run(['-f', 'FlatGeobuf', '-a_srs', 'EPSG:4490', '-lco', 'SPATIAL_INDEX=NO', unindexed, input]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the header of an indexed file', async () => {
    const src = await openFileByteSource(indexed);
    try {
      const h = await readHeader(src);
      expect(h).toMatchObject({ name: 'dltbgxgc', geometryTypeName: 'MultiPolygon', featuresCount: N, indexNodeSize: 16 });
      expect(h.crs).toMatchObject({ org: 'EPSG', code: 4490 });
      expect(h.columns.map((c) => [c.name, c.type])).toEqual([
        ['id', 'int'], ['BSM', 'string'], ['BGQDLBM', 'string'], ['ZLDWMC', 'string'], ['TBBGMJ', 'double'], ['BIG', 'long'], ['PBF', 'bool'], ['GXSJ', 'datetime'],
      ]);
      expect(h.indexSize).toBeGreaterThan(N * 40);
      expect(h.featuresOffset + h.dataSize).toBe(src.size);
      const e = h.envelope!;
      const all = sources.reduce((a, s) => ({ minX: Math.min(a.minX, s.bbox.minX), minY: Math.min(a.minY, s.bbox.minY), maxX: Math.max(a.maxX, s.bbox.maxX), maxY: Math.max(a.maxY, s.bbox.maxY) }), { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
      expect(e).toEqual(all);
    } finally {
      await src.close();
    }
  });

  it('reads every feature of the indexed file exactly, and bbox queries match a brute-force filter', async () => {
    const src = await openFileByteSource(indexed);
    try {
      const h = await readHeader(src);
      const features = await readAll(readFeatures(src, h));
      expect(features).toHaveLength(N);
      const ids = new Set<number>();
      features.forEach((f, i) => {
        expect(f.featureIndex).toBe(i);
        const s = sources[f.properties.id as number];
        ids.add(s.id);
        expect(f.geometry).toEqual(s.geometry);
        // GDAL detects the date field and stores it as a DateTime column.
        expect(f.properties).toEqual({ ...s.properties, GXSJ: `${s.properties.GXSJ}T00:00:00` });
      });
      expect(ids.size).toBe(N);

      const leaves = await readIndexLeaves(src, h);
      features.forEach((f, i) => {
        expect(leaves.offsets[i]).toBe(f.offset);
        const b = sources[f.properties.id as number].bbox;
        expect(Array.from(leaves.boxes.subarray(4 * i, 4 * i + 4))).toEqual([b.minX, b.minY, b.maxX, b.maxY]);
      });
      const tiles = planTiles(leaves, h.dataSize, { maxFeatures: 100 });
      expect(tiles.reduce((n, t) => n + t.count, 0)).toBe(N);
      const t = tiles[3];
      expect(await readAll(readFeatures(src, h, { range: t }))).toEqual(features.slice(t.firstIndex, t.firstIndex + t.count));

      const rand = seededRandom(99);
      for (let q = 0; q < 60; q++) {
        const minX = EXTENT.minX + rand() * 0.3;
        const minY = EXTENT.minY + rand() * 0.3;
        const box = { minX, minY, maxX: minX + rand() * 0.05, maxY: minY + rand() * 0.05 };
        const expected = sources.filter((s) => intersects(s.bbox, box)).map((s) => s.id).sort((a, b) => a - b);
        const got = await readAll(readFeatures(src, h, { bbox: box }));
        expect(got.map((f) => f.properties.id as number).sort((a, b) => a - b)).toEqual(expected);
        for (const f of got) expect(f).toEqual(features[f.featureIndex]);
      }
    } finally {
      await src.close();
    }
  });

  it('sorts features in the same Hilbert order as GDAL', async () => {
    const gdal = await openFileByteSource(indexed);
    const gdalOrder: number[] = [];
    try {
      for await (const f of readFeatures(gdal, await readHeader(gdal))) gdalOrder.push(f.properties.id as number);
    } finally {
      await gdal.close();
    }
    const writer = new FgbWriter({
      name: 'ours', crs: { code: 4490, wkt: 'GEOGCS["CGCS2000"]' }, geometryType: 'MultiPolygon', columns: [{ name: 'id', type: 'int' }],
    });
    for (const s of sources) writer.add(s.geometry, { id: s.id });
    const ours = memoryByteSource('ours.fgb', await writer.finishToBytes());
    const ourOrder: number[] = [];
    for await (const f of readFeatures(ours, await readHeader(ours))) ourOrder.push(f.properties.id as number);
    expect(ourOrder).toEqual(gdalOrder);
  });

  it('reads an unindexed mixed Polygon/MultiPolygon file; bbox and index reads fail clearly', async () => {
    const src = await openFileByteSource(unindexed);
    try {
      const h = await readHeader(src);
      expect(h).toMatchObject({ geometryTypeName: 'Unknown', indexNodeSize: 0, indexSize: 0, featuresCount: N });
      const features = await readAll(readFeatures(src, h, { chunkSize: 4096 }));
      expect(features.map((f) => f.properties.id)).toEqual(sources.map((s) => s.id)); // input order kept
      features.forEach((f, i) => {
        expect(f.geometryTypeName).toBe(sources[i].type);
        expect(f.geometry).toEqual(sources[i].geometry);
      });
      const bbox = readFeatures(src, h, { bbox: EXTENT });
      await expect(bbox.next()).rejects.toThrow(FgbNoIndexError);
      await expect(readAll(readFeatures(src, h, { bbox: EXTENT }))).rejects.toThrow(/unindexed\.fgb: a bbox query needs a spatial index and this file has none/);
      await expect(readIndexLeaves(src, h)).rejects.toThrow(/unindexed\.fgb: reading the index leaves needs a spatial index/);
    } finally {
      await src.close();
    }
  });
});
