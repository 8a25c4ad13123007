// The same county delivered as FlatGeobuf, GeoPackage, GBK Shapefile (with and without .cpg), File Geodatabase and
// zips of both gives byte-identical detections.csv (the run id, which hashes the upload, aside); protection layers
// may be delivered in these formats too; `convert` exits 2 on a bad delivery and writes nothing.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeliveries, removeDir, type Deliveries } from '../../packages/formats/test/support/deliveries.ts';
import { runCli } from '../support/cli.ts';
import { ogr2ogr, ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-cli-formats-'));
let county: Deliveries;
let reference: string;

/** Runs the county from `changes` (and `layers`) and returns detections.csv with the run id replaced. */
async function detectionsOf(name: string, changes: string, layers = county.layers, extra: string[] = []): Promise<string> {
  const out = join(work, `out-${name}`);
  const run = await runCli(['run', '--changes', changes, '--layers', layers, '--out', out, '--workers', '0', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  const dir = join(out, 'results', '2024', '431102');
  const runId = readdirSync(dir)[0];
  return readFileSync(join(dir, runId, 'detections.csv'), 'utf8').split(runId).join('RUN');
}

beforeAll(async () => {
  county = await makeDeliveries(join(work, 'county'), 300, 21);
  reference = await detectionsOf('fgb', county.fgb);
});
afterAll(() => removeDir(work));

describe('landwatch run on every delivery format of one county', () => {
  it('has detections to compare', () => {
    expect(reference.split('\n').length).toBeGreaterThan(20);
  });
  for (const [name, pick] of [
    ['gpkg', (d: Deliveries) => d.gpkg],
    ['shp-gbk', (d: Deliveries) => d.shp],
    ['shp-gbk-no-cpg', (d: Deliveries) => d.shpNoCpg],
    ['gdb', (d: Deliveries) => d.gdb],
    ['gdb-zip', (d: Deliveries) => d.gdbZip],
    ['shp-zip', (d: Deliveries) => d.shpZip],
  ] as const) {
    it(`${name}: detections.csv identical to the FlatGeobuf run`, async () => {
      expect(await detectionsOf(name, pick(county))).toBe(reference);
    });
  }

  it('protection layers delivered as one GeoPackage with "layer" entries give the same detections', async () => {
    const registry = JSON.parse(readFileSync(county.layers, 'utf8')) as { layers?: { path: string; layer?: string; id: string }[] } | { path: string; layer?: string; id: string }[];
    const entries = Array.isArray(registry) ? registry : registry.layers!;
    const gpkg = join(county.dir, 'data', 'protection.gpkg');
    for (const entry of entries) {
      ogr2ogr(['-f', 'GPKG', ...(existsSync(gpkg) ? ['-update'] : []), gpkg, join(county.dir, 'data', entry.path), '-nln', entry.id.replace(/-/g, '_')]);
      entry.layer = entry.id.replace(/-/g, '_');
      entry.path = 'protection.gpkg';
    }
    const layers = join(county.dir, 'data', 'layers-gpkg.json');
    writeFileSync(layers, JSON.stringify(registry));
    expect(await detectionsOf('layers-gpkg', county.fgb, layers)).toBe(reference);
  });
});

describe('messages number features as the delivery does', () => {
  it('an unknown code in the 42nd feature of a GeoPackage is reported as feature 41 (0-based, the GeoPackage order)', async () => {
    const gpkg = join(work, 'bad-code.gpkg');
    copyFileSync(county.gpkg, gpkg);
    ogrinfo([gpkg, '-sql', "UPDATE DLTBGXGC SET BGHDLBM = '9999' WHERE fid = 42"]);
    const r = await runCli(['run', '--changes', gpkg, '--layers', county.layers, '--out', join(work, 'out-bad-code')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${gpkg}: field BGHDLBM: unknown land-use code '9999' in 1 feature (first: feature 41)\n`);
  });
});

describe('landwatch convert', () => {
  it('writes an indexed FlatGeobuf from a zipped File Geodatabase that the run reads like the original', async () => {
    const out = join(work, 'converted.fgb');
    const r = await runCli(['convert', county.gdbZip, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${out} (300 features from zip, layer DLTBGXGC; Hilbert-sorted, spatial index)\n`);
    expect(await detectionsOf('converted', out)).toBe(reference);
  });

  it('exits 2 on a .shp without its .dbf, names the file, writes nothing', async () => {
    const dir = join(work, 'nodbf');
    mkdirSync(dir);
    for (const ext of ['shp', 'shx', 'prj', 'cpg']) copyFileSync(join(county.dir, 'shp', `DLTBGXGC.${ext}`), join(dir, `DLTBGXGC.${ext}`));
    const out = join(work, 'nodbf.fgb');
    const r = await runCli(['convert', join(dir, 'DLTBGXGC.shp'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join(dir, 'DLTBGXGC.shp')}: the .dbf (attribute table) of this Shapefile is missing; the land-use codes are in it\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('landwatch-convert-'))).toEqual([]);
  });

  it('run exits 2 on a zip with two candidate layers and writes no results', async () => {
    const zip = join(work, 'two.zip');
    execFileSync('zip', ['-q', '-r', zip, 'shp', 'county.gdb'], { cwd: county.dir });
    const out = join(work, 'out-two');
    const r = await runCli(['run', '--changes', zip, '--layers', county.layers, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${zip}: holds 2 candidate layer sources (shp/DLTBGXGC.shp, county.gdb); a zip must hold exactly one Shapefile set or one .gdb folder\n`);
    expect(existsSync(join(out, 'results'))).toBe(false);
  });
});
