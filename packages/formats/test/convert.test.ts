// Every delivery format of one county converts to an indexed FlatGeobuf with the same features and attributes,
// including the Chinese names of a GBK Shapefile with and without its .cpg; the layer rule picks or refuses.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedInputError } from '@landwatch/core';
import { openFileByteSource, readFeatures, readHeader } from '@landwatch/fgb';
import { convertToFlatGeobuf } from '@landwatch/formats';
import { ogr2ogr } from '../../../test/support/gdal.ts';
import { makeDeliveries, removeDir, type Deliveries } from './support/deliveries.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-formats-'));
let county: Deliveries;
let original: string[];

/** Attributes a run reads, one JSON line per piece, in BSM order. */
async function rows(path: string): Promise<string[]> {
  const source = await openFileByteSource(path);
  try {
    const header = await readHeader(source);
    const out: string[] = [];
    for await (const f of readFeatures(source, header)) {
      const p = f.properties;
      out.push(JSON.stringify([p.BSM, p.BGQDLBM, p.BGHDLBM, p.BGQDLMC, p.BGHDLMC, p.BGHZLDWDM, p.BGHZLDWMC, p.BGHZZSXDM, p.TBBGMJ, p.SJNF]));
    }
    return out.sort();
  } finally {
    await source.close();
  }
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 150, 9);
  original = await rows(county.fgb);
});
afterAll(() => removeDir(work));

describe('convertToFlatGeobuf', () => {
  for (const [name, pick] of [
    ['GeoPackage', (d: Deliveries) => d.gpkg],
    ['GBK Shapefile with .cpg', (d: Deliveries) => d.shp],
    ['GBK Shapefile without .cpg (read as GBK)', (d: Deliveries) => d.shpNoCpg],
    ['File Geodatabase folder', (d: Deliveries) => d.gdb],
    ['zipped File Geodatabase', (d: Deliveries) => d.gdbZip],
    ['zipped Shapefile set', (d: Deliveries) => d.shpZip],
  ] as const) {
    it(`${name}: indexed FlatGeobuf, same attributes as the original`, async () => {
      const outPath = join(work, `${name.replace(/\W+/g, '-')}.fgb`);
      const result = await convertToFlatGeobuf(pick(county), { outPath, tmpDir: work });
      expect(result.features).toBe(150);
      expect(result.layer).toBe('DLTBGXGC');
      const source = await openFileByteSource(outPath);
      const header = await readHeader(source);
      await source.close();
      expect(header.indexNodeSize).toBeGreaterThan(0);
      expect(header.crs?.code).toBe(4525);
      expect(await rows(outPath)).toEqual(original);
    });
  }

  it('a zip made on Chinese Windows: GBK entry names without the UTF-8 flag (零陵区.gdb)', async () => {
    const root = join(work, 'gbk-names');
    mkdirSync(root);
    const gbkFolder = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([193, 227, 193, 234, 199, 248, 46, 103, 100, 98])]); // 零陵区.gdb in GBK
    mkdirSync(gbkFolder);
    for (const f of readdirSync(county.gdb)) copyFileSync(join(county.gdb, f), Buffer.concat([gbkFolder, Buffer.from(`/${f}`)]));
    const zip = join(work, 'gbk-names.zip');
    execFileSync('zip', ['-q', '-r', zip, '.'], { cwd: root });
    const result = await convertToFlatGeobuf(zip, { outPath: join(work, 'gbk-names.fgb'), tmpDir: work });
    expect(result.features).toBe(150);
    expect(await rows(join(work, 'gbk-names.fgb'))).toEqual(original);
  });

  it('a GeoPackage with two polygon layers and no DLTBGXGC is refused with its layers listed; --layer picks one', async () => {
    const gpkg = join(work, 'two-layers.gpkg');
    ogr2ogr(['-f', 'GPKG', gpkg, county.fgb, '-nln', 'changes_a']);
    ogr2ogr(['-update', gpkg, county.fgb, '-nln', 'changes_b', '-where', "BGHDLBM = '0101'"]);
    const refused = await convertToFlatGeobuf(gpkg, { outPath: join(work, 'two.fgb'), tmpDir: work }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RejectedInputError);
    expect((refused as RejectedInputError).reasons).toEqual([
      `${gpkg}: 2 polygon layers and none named DLTBGXGC; choose one with --layer NAME (CLI) or "layer" (layers.json); its layers: changes_a (MultiPolygon, 150 features), changes_b (MultiPolygon, ${(await rows(county.fgb)).filter((r) => JSON.parse(r)[2] === '0101').length} features)`,
    ]);
    const picked = await convertToFlatGeobuf(gpkg, { outPath: join(work, 'a.fgb'), tmpDir: work, layer: 'CHANGES_A' });
    expect(picked.layer).toBe('changes_a');
    expect(await rows(join(work, 'a.fgb'))).toEqual(original);
  });
});
