// The S3 byte source under @landwatch/fgb's reader: header, bbox search through the index, a tile's byte range.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FgbWriter, memoryByteSource, readFeatures, readHeader, type ByteSource } from '@landwatch/fgb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type Emulators } from '../../test/support/emulators.ts';
import { s3ByteSource } from './s3-byte-source.ts';
import { putBytes } from './s3-objects.ts';
import { multiPolygon } from '@landwatch/core';

let emu: Emulators;
let bytes: Uint8Array;
const KEY = 'changes/2024/grid.fgb';

beforeAll(async () => {
  emu = await startEmulators();
  const dir = await mkdtemp(join(tmpdir(), 'landwatch-fgb-s3-'));
  const writer = new FgbWriter({
    name: 'grid',
    crs: { code: 4490, wkt: 'GEOGCS["China Geodetic Coordinate System 2000"]' },
    columns: [{ name: 'BSM', type: 'string' }],
    geometryType: 'MultiPolygon',
  });
  for (let i = 0; i < 3000; i++) {
    const x = 111 + (i % 60) * 0.001;
    const y = 26 + Math.floor(i / 60) * 0.001;
    writer.add(multiPolygon([[[[x, y], [x + 0.0008, y], [x + 0.0008, y + 0.0008], [x, y + 0.0008], [x, y]]]]), { BSM: `p${i}` });
  }
  await writer.finishToFile(join(dir, 'grid.fgb'));
  bytes = new Uint8Array(await readFile(join(dir, 'grid.fgb')));
  await rm(dir, { recursive: true, force: true });
  await putBytes(emu.s3, emu.buckets.uploads, KEY, bytes);
});
afterAll(async () => emu?.stop());

async function ids(src: ByteSource, bbox: { minX: number; minY: number; maxX: number; maxY: number }): Promise<unknown[]> {
  const header = await readHeader(src);
  const out: unknown[] = [];
  for await (const feature of readFeatures(src, header, { bbox })) out.push(feature.properties.BSM);
  return out;
}

describe('s3ByteSource with @landwatch/fgb', () => {
  it('reads the header and a bbox query like the in-memory source, in few requests', async () => {
    const bbox = { minX: 111.0101, minY: 26.0101, maxX: 111.0149, maxY: 26.0149 };
    const expected = await ids(memoryByteSource('mem', bytes), bbox);
    expect(expected.length).toBeGreaterThan(10);
    const src = await s3ByteSource(emu.s3, emu.buckets.uploads, KEY);
    expect(await ids(src, bbox)).toEqual(expected);
    expect(src.stats.requests).toBeLessThanOrEqual(6);
    console.info(`fgb bbox query over S3: ${bytes.length} B file, ${src.stats.requests} GetObject, ${src.stats.bytesFetched} B fetched`);
  });
});
