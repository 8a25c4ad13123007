// One generated county written by Debian's GDAL in every delivery format, as provincial teams receive it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../test/support/cli.ts';
import { ogr2ogr } from '../../../../test/support/gdal.ts';

export interface Deliveries {
  dir: string;
  fgb: string;
  layers: string;
  gpkg: string;
  /** GBK Shapefile with its .cpg (GDAL -lco ENCODING=GBK). */
  shp: string;
  /** The same GBK bytes without the .cpg. */
  shpNoCpg: string;
  gdb: string;
  gdbZip: string;
  shpZip: string;
}

/** Generates a county of `changes` pieces into `dir` and writes every format from it with GDAL. */
export async function makeDeliveries(dir: string, changes: number, seed: number): Promise<Deliveries> {
  const gen = await runCli(['generate', '--out', join(dir, 'data'), '--changes', String(changes), '--seed', String(seed)]);
  if (gen.code !== 0) throw new Error(gen.stderr);
  const fgb = join(dir, 'data', readdirSync(join(dir, 'data')).find((f) => f.endsWith('.fgb'))!);
  const gpkg = join(dir, 'county.gpkg');
  ogr2ogr(['-f', 'GPKG', gpkg, fgb, '-nln', 'DLTBGXGC']);
  mkdirSync(join(dir, 'shp'));
  const shp = join(dir, 'shp', 'DLTBGXGC.shp');
  ogr2ogr(['-f', 'ESRI Shapefile', shp, fgb, '-nln', 'DLTBGXGC', '-lco', 'ENCODING=GBK']);
  mkdirSync(join(dir, 'nocpg'));
  for (const ext of ['shp', 'shx', 'dbf', 'prj']) copyFileSync(join(dir, 'shp', `DLTBGXGC.${ext}`), join(dir, 'nocpg', `DLTBGXGC.${ext}`));
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
