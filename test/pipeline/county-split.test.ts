// The county split's two passes on a small hand-made layer (packages/pipeline/src/county-split.ts): every feature lands
// in its county's copy with its upload number, whatever its size — one larger than pass 1's 64 KiB county buffer, one
// larger than pass 2's 4 MiB read buffer — and no spill file is left behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crsFromEpsg, crsWkt, multiPolygon, UPLOAD_INDEX_COLUMN, type MultiPolygon } from '@landwatch/core';
import { FgbWriter, memoryByteSource, readFeatures, readHeader } from '@landwatch/fgb';
import { openChangeLayer, type ChangeLayer } from '../../packages/pipeline/src/change-layer.ts';
import { SPLIT_BUFFER_BYTES, spillByCounty, writeCountyCopy } from '../../packages/pipeline/src/county-split.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-county-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A square ring of `n` positions around (x, y), closed. */
function ring(x: number, y: number, n: number): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < n - 1; i++) {
    const a = (2 * Math.PI * i) / (n - 1);
    points.push([x + 0.001 * Math.cos(a), y + 0.001 * Math.sin(a)]);
  }
  return [...points, points[0]];
}

/** An unindexed layer: pieces of two counties interleaved, feature 3 with 10 000 positions (160 KB), feature 6 with
 * 300 000 (4.8 MB). */
async function layer(): Promise<{ layer: ChangeLayer; counties: string[]; sizes: number[] }> {
  const crs = crsFromEpsg(4490);
  const writer = new FgbWriter({
    name: 'DLTBGXGC',
    crs: { code: 4490, wkt: crsWkt(crs) },
    columns: [
      { name: 'BSM', type: 'string' },
      { name: 'BGQDLBM', type: 'string' },
      { name: 'BGHDLBM', type: 'string' },
      { name: 'BGHZLDWDM', type: 'string' },
    ],
    geometryType: 'MultiPolygon',
    spatialIndex: false,
  });
  const counties = ['431102', '431103', '431102', '431103', '431102', '431103', '431102', '431103'];
  const sizes = counties.map((_, i) => (i === 3 ? 10_000 : i === 6 ? 300_000 : 5));
  counties.forEach((county, i) => {
    const geometry: MultiPolygon = multiPolygon([[ring(111 + i * 0.01, 26, sizes[i])]]);
    writer.add(geometry, { BSM: `p${i}`, BGQDLBM: '0101', BGHDLBM: '0702', BGHZLDWDM: `${county}1000010000000` });
  });
  const opened = await openChangeLayer(memoryByteSource('province.fgb', await writer.finishToBytes()));
  if (!opened.ok) throw new Error(opened.reasons.join('; '));
  return { layer: opened.layer, counties, sizes };
}

describe('the county split', () => {
  it('puts every feature, small or larger than either buffer, into its own county copy with its upload number', async () => {
    const { layer: province, counties, sizes } = await layer();
    expect(sizes[3] * 16).toBeGreaterThan(SPLIT_BUFFER_BYTES);
    expect(sizes[6] * 16).toBeGreaterThan(4 * 1024 * 1024);
    const spills = await spillByCounty(province, dir);
    expect(spills.counties.map((c) => [c.countyCode, c.count])).toEqual([
      ['431102', 4],
      ['431103', 4],
    ]);
    for (const county of spills.counties) {
      const file = join(dir, `${county.countyCode}.fgb`);
      await writeCountyCopy(province, county, dir, file);
      const source = memoryByteSource(file, new Uint8Array(readFileSync(file)));
      const header = await readHeader(source);
      expect(header.indexNodeSize).toBeGreaterThan(0);
      const got = new Map<number, { county: string; positions: number }>();
      for await (const f of readFeatures(source, header)) {
        got.set(f.properties[UPLOAD_INDEX_COLUMN] as number, { county: String(f.properties.BGHZLDWDM).slice(0, 6), positions: f.geometry!.xy.length / 2 });
      }
      const want = counties.flatMap((c, i) => (c === county.countyCode ? [[i, { county: c, positions: sizes[i] }] as const] : []));
      expect(new Map(want)).toEqual(got);
    }
    // the spill files are gone once each copy is written; only the two copies remain
    expect(readdirSync(dir).sort()).toEqual(['431102.fgb', '431103.fgb']);
    await spills.dispose();
  });
});
