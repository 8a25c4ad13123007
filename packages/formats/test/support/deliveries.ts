// One generated county written by Debian's GDAL in every delivery format, as provincial teams receive it.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../test/support/cli.ts';
import { ogr2ogr as ogr2ogrLoud } from '../../../../test/support/gdal.ts';

/** ogr2ogr without its warnings on stderr (the generated county has deliberately unclosed rings; GDAL warns per ring). */
const ogr2ogr = (args: string[]) => ogr2ogrLoud(['--config', 'CPL_LOG', '/dev/null', ...args]);

export interface Deliveries {
  dir: string;
  fgb: string;
  layers: string;
  gpkg: string;
  /** GBK Shapefile with its .cpg (GDAL -lco ENCODING=GBK). */
  shp: string;
  /** The same GBK bytes without the .cpg and with the .dbf's language-driver byte cleared. */
  shpNoCpg: string;
  gdb: string;
  gdbZip: string;
  shpZip: string;
}

/** Generates a county of `changes` pieces into `dir` and writes every format from it with GDAL. */
export async function makeDeliveries(dir: string, changes: number, seed: number): Promise<Deliveries> {
  const gen = await runCli(['generate', '--out', join(dir, 'data'), '--changes', String(changes), '--seed', String(seed)]);
  if (gen.code !== 0) throw new Error(gen.stderr);
  const generated = join(dir, 'data', readdirSync(join(dir, 'data')).find((f) => f.endsWith('.fgb'))!);
  // A File Geodatabase stores coordinates on a grid (sub-millimetre): the county every format is made from is the
  // generated one after one pass through that grid, so that all formats carry exactly the same coordinates.
  const snapped = join(dir, 'snapped.gdb');
  ogr2ogr(['-f', 'OpenFileGDB', snapped, generated, '-nln', 'DLTBGXGC']);
  const fgb = join(dir, 'data', 'DLTBGXGC-431102-2024-snapped.fgb');
  ogr2ogr(['-f', 'FlatGeobuf', fgb, snapped, 'DLTBGXGC', '-lco', 'SPATIAL_INDEX=YES']);
  rmSync(generated);
  const gpkg = join(dir, 'county.gpkg');
  ogr2ogr(['-f', 'GPKG', gpkg, fgb, '-nln', 'DLTBGXGC']);
  mkdirSync(join(dir, 'shp'));
  const shp = join(dir, 'shp', 'DLTBGXGC.shp');
  ogr2ogr(['-f', 'ESRI Shapefile', shp, fgb, '-nln', 'DLTBGXGC', '-lco', 'ENCODING=GBK']);
  mkdirSync(join(dir, 'nocpg'));
  for (const ext of ['shp', 'shx', 'dbf', 'prj']) copyFileSync(join(dir, 'shp', `DLTBGXGC.${ext}`), join(dir, 'nocpg', `DLTBGXGC.${ext}`));
  // language-driver byte (LDID) 0: GDAL 3.6 already writes 0 for GBK; set here so that the case does not depend on
  // it — nothing in the set says GBK, only the rule for a .dbf without .cpg
  const dbf = openSync(join(dir, 'nocpg', 'DLTBGXGC.dbf'), 'r+');
  writeSync(dbf, Buffer.from([0]), 0, 1, 29);
  closeSync(dbf);
  const gdb = join(dir, 'county.gdb');
  ogr2ogr(['-f', 'OpenFileGDB', gdb, fgb, '-nln', 'DLTBGXGC']);
  const gdbZip = join(dir, 'county.gdb.zip');
  execFileSync('zip', ['-q', '-r', gdbZip, 'county.gdb'], { cwd: dir });
  const shpZip = join(dir, 'county-shp.zip');
  execFileSync('zip', ['-q', '-r', shpZip, 'shp'], { cwd: dir });
  return { dir, fgb, layers: join(dir, 'data', 'layers.json'), gpkg, shp, shpNoCpg: join(dir, 'nocpg', 'DLTBGXGC.shp'), gdb, gdbZip, shpZip };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
