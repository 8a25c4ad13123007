// Untrusted bytes: bad magic, truncation at every stage, absurd sizes, random corruption → FgbFormatError naming the file.
import { describe, expect, it } from 'vitest';
import {
  type FgbFeature, FgbFormatError, type FgbHeader, FgbNoIndexError, FgbWriter, memoryByteSource, readFeatures, readHeader, readIndexLeaves,
} from '@landwatch/fgb';
import { handWrittenCrs } from './support/crs-wkt.ts';
import { ALL_KINDS_COLUMNS, GK39_EXTENT, randomGeometry, randomProperties, seededRandom } from './support/random-layer.ts';

const NAME = 'uploads/changes/2024/431102.fgb';

async function sampleFile(n = 20): Promise<Uint8Array> {
  const rand = seededRandom(5);
  const w = new FgbWriter({ name: 'sample', crs: handWrittenCrs(4527), columns: ALL_KINDS_COLUMNS, geometryType: 'MultiPolygon', indexNodeSize: 4 });
  for (let i = 0; i < n; i++) w.add(randomGeometry(rand, GK39_EXTENT), randomProperties(rand, i));
  return w.finishToBytes();
}

async function readEverything(bytes: Uint8Array, opts: { chunkSize?: number } = {}): Promise<{ header: FgbHeader; features: FgbFeature[] }> {
  const src = memoryByteSource(NAME, bytes);
  const header = await readHeader(src);
  const features: FgbFeature[] = [];
  for await (const f of readFeatures(src, header, opts)) features.push(f);
  return { header, features };
}

async function formatError(promise: Promise<unknown>): Promise<FgbFormatError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FgbFormatError);
  const e = error as FgbFormatError;
  expect(e.source).toBe(NAME);
  expect(e.message.startsWith(`${NAME}: `)).toBe(true);
  return e;
}

describe('distrusted input', () => {
  it('rejects bytes without the magic, an unsupported version and files too small to hold a header', async () => {
    const geojson = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    expect((await formatError(readEverything(geojson))).message).toMatch(/not a FlatGeobuf: the magic bytes are missing/);
    const v2 = (await sampleFile()).slice();
    v2[3] = 2;
    expect((await formatError(readEverything(v2))).message).toMatch(/unsupported FlatGeobuf major version 2/);
    expect((await formatError(readEverything(new Uint8Array([0x66, 0x67, 0x62])))).message).toMatch(/3 bytes is shorter/);
  });

  it('rejects an absurd header length and a header cut short', async () => {
    const bytes = await sampleFile();
    const absurd = bytes.slice();
    new DataView(absurd.buffer).setUint32(8, 0xfffffff0, true);
    expect((await formatError(readEverything(absurd))).message).toMatch(/header length 4294967280 is out of bounds/);
    const tooLong = bytes.slice();
    new DataView(tooLong.buffer).setUint32(8, bytes.length, true);
    expect((await formatError(readEverything(tooLong))).message).toMatch(/truncated in the header/);
    const src = memoryByteSource(NAME, bytes);
    const { headerSize } = await readHeader(src);
    expect((await formatError(readEverything(bytes.slice(0, headerSize - 10)))).message).toMatch(/truncated in the header/);
  });

  it('rejects a file cut in the index', async () => {
    const bytes = await sampleFile();
    const { headerSize, indexSize } = await readHeader(memoryByteSource(NAME, bytes));
    for (const cut of [headerSize, headerSize + 7, headerSize + indexSize - 1]) {
      expect((await formatError(readEverything(bytes.slice(0, cut)))).message).toMatch(/truncated in the (index|features)/);
    }
  });

  it('rejects a file cut inside a feature, naming the feature', async () => {
    const bytes = await sampleFile();
    const { header, features } = await readEverything(bytes);
    // Cut in the first feature: too few bytes for 20 features, caught by readHeader already.
    const first = bytes.slice(0, header.featuresOffset + 30);
    expect((await formatError(readEverything(first))).message).toMatch(/truncated in the features: 20 features cannot fit in 30 bytes/);
    for (const k of [1, 7, 19]) {
      const cut = header.featuresOffset + features[k].offset + 30;
      for (const chunkSize of [undefined, 64]) {
        const e = await formatError(readEverything(bytes.slice(0, cut), { chunkSize }));
        expect(e.featureIndex).toBe(k);
        expect(e.message).toMatch(new RegExp(`truncated in a feature.*\\(feature ${k}\\)$`));
      }
    }
    // Cut exactly between two features: the header count does not add up.
    const between = bytes.slice(0, header.featuresOffset + features[12].offset);
    expect((await formatError(readEverything(between))).message).toMatch(/announces 20 features, the file holds only 12/);
  });

  it('rejects a feature size prefix pointing past the end of the file', async () => {
    const bytes = await sampleFile();
    const { header, features } = await readEverything(bytes);
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint32(header.featuresOffset + features[5].offset, 0x7ffffff0, true);
    const e = await formatError(readEverything(bad));
    expect(e.featureIndex).toBe(5);
    expect(e.message).toMatch(/size prefix says 2147483632 bytes/);
    // Through the index the same feature is caught too.
    const src = memoryByteSource(NAME, bad);
    const viaIndex = await formatError((async () => {
      for await (const _ of readFeatures(src, header, { bbox: { minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity } })) void _;
    })());
    expect(viaIndex.featureIndex).toBe(5);
  });

  it('rejects bytes after the last announced feature', async () => {
    const bytes = await sampleFile();
    const longer = new Uint8Array(bytes.length + 16);
    longer.set(bytes);
    expect((await formatError(readEverything(longer))).message).toMatch(/16 bytes follow the last of the 20 features/);
  });

  it('rejects corrupt offsets inside a feature flatbuffer and an index leaf pointing outside the data', async () => {
    const bytes = await sampleFile();
    const { header, features } = await readEverything(bytes);
    const bad = bytes.slice();
    // The root table offset (right after the size prefix) now points far outside the feature.
    new DataView(bad.buffer).setUint32(header.featuresOffset + features[3].offset + 4, 1_000_000, true);
    const e = await formatError(readEverything(bad));
    expect(e.featureIndex).toBe(3);
    expect(e.message).toMatch(/corrupt feature/);

    const leafOffsetAt = header.headerSize + header.indexSize - 40 + 32; // offset field of the last leaf
    const badLeaf = bytes.slice();
    new DataView(badLeaf.buffer).setUint32(leafOffsetAt, header.dataSize + 100, true);
    const src = memoryByteSource(NAME, badLeaf);
    expect((await formatError(readIndexLeaves(src, header))).featureIndex).toBe(19);
  });

  it('random corruption never escapes as anything but FgbFormatError (or a missing index), and never hangs', async () => {
    const bytes = await sampleFile(40);
    const rand = seededRandom(11);
    const box = { minX: GK39_EXTENT.minX, minY: GK39_EXTENT.minY, maxX: (GK39_EXTENT.minX + GK39_EXTENT.maxX) / 2, maxY: GK39_EXTENT.maxY };
    let failures = 0;
    for (let trial = 0; trial < 400; trial++) {
      const bad = bytes.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < flips; f++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
      const src = memoryByteSource(NAME, bad);
      try {
        const header = await readHeader(src);
        for await (const _ of readFeatures(src, header, { chunkSize: 512 })) void _;
        for await (const _ of readFeatures(src, header, { bbox: box })) void _;
        await readIndexLeaves(src, header);
      } catch (error) {
        failures++;
        if (!(error instanceof FgbNoIndexError)) {
          expect(error).toBeInstanceOf(FgbFormatError);
          expect((error as FgbFormatError).message.startsWith(NAME)).toBe(true);
        }
      }
    }
    expect(failures).toBeGreaterThan(50);
  });
});
