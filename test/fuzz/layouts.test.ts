// The layout functions aim `length-inflation`, `coordinate-extreme` and `features-count` at real structural fields:
// checked on the fuzzer's own GDAL-written inputs, against what each format's fields must say about the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fgbLayout } from '../../fuzz/fgb-layout.ts';
import { buildBase, type FuzzBase, type FuzzInput } from '../../fuzz/inputs.ts';
import { readInt, viewOf } from '../../fuzz/layout.ts';
import { dbfLayout, shpLayout } from '../../fuzz/shp-layout.ts';
import { zipLayout } from '../../fuzz/zip-layout.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-fuzz-layouts-'));
let base: FuzzBase;
beforeAll(() => {
  base = buildBase(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const input = (name: string): FuzzInput => base.inputs.find((i) => i.name === name)!;
const inChina = (bytes: Uint8Array, at: number) => {
  const v = viewOf(bytes).getFloat64(at, true);
  return (v > 111 && v < 112) || (v > 26 && v < 27);
};

describe('layouts of the fuzzer inputs', () => {
  it('FlatGeobuf: 12 feature size prefixes after the header prefix, features_count 12, coordinates in the county', async () => {
    const { bytes } = input('change-layer (unindexed fgb)');
    const layout = await fgbLayout(bytes);
    expect(layout.lengths).toHaveLength(13);
    expect(layout.counts.map((c) => readInt(bytes, c))).toEqual([12n]);
    expect(layout.coordinates.length).toBeGreaterThanOrEqual(12 * 10);
  });

  it('.shp: the header file length and the record lengths add up to the file; every coordinate is in the county', () => {
    const { bytes } = input('change-layer (GBK shp: .shp)');
    const layout = shpLayout(bytes);
    expect(Number(readInt(bytes, layout.lengths[0])) * 2).toBe(bytes.length);
    const records = layout.lengths.filter((f) => f.bigEndian).slice(1);
    expect(records).toHaveLength(12);
    expect(100 + records.reduce((n, f) => n + 8 + Number(readInt(bytes, f)) * 2, 0)).toBe(bytes.length);
    expect(layout.counts.map((c) => readInt(bytes, c))).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    // header box 4 + per record: box 4 + 5 positions × 2
    expect(layout.coordinates).toHaveLength(4 + 12 * 14);
    expect(layout.coordinates.every((p) => inChina(bytes, p))).toBe(true);
  });

  it('.dbf: record count 12; header length and record length match the field descriptors', () => {
    const { bytes } = input('change-layer (GBK shp: .dbf)');
    const layout = dbfLayout(bytes);
    expect(layout.counts.map((c) => readInt(bytes, c))).toEqual([12n]);
    const [headerLength, recordLength, ...fields] = layout.lengths.map((f) => Number(readInt(bytes, f)));
    expect(headerLength).toBe(32 + 32 * fields.length + 1);
    expect(recordLength).toBe(1 + fields.reduce((a, b) => a + b, 0));
    expect(bytes.length).toBe(headerLength + 12 * recordLength + 1); // + the 0x1a end-of-file byte
  });

  it('stored zips: local and central sizes agree, the end record counts the entries, the .shp member is reached', () => {
    for (const name of ['change-layer (shp zip, stored)', 'change-layer (gdb.zip, stored)']) {
      const { bytes } = input(name);
      const layout = zipLayout(bytes);
      expect(layout.counts.map((c) => readInt(bytes, c))).toEqual([BigInt(layout.records), BigInt(layout.records)]);
      expect(layout.coordinates.length, name).toBeGreaterThan(0);
    }
    const { bytes } = input('change-layer (shp zip, stored)');
    const layout = zipLayout(bytes);
    // the .shp member's coordinates, shifted into the zip, still decode to the county's degrees
    expect(layout.coordinates.filter((p) => inChina(bytes, p))).toHaveLength(4 + 12 * 14);
  });
});
