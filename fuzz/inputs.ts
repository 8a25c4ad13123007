// The inputs the fuzzer mutates: small, valid files written by GDAL, each with the role it plays in a run — the
// change layer as FlatGeobuf (unindexed, indexed), as a GBK Shapefile (its .shp or its .dbf mutated), as a zipped
// Shapefile and as a zipped File Geodatabase, and a permanent-farmland layer. A new format is a new FuzzInput with its
// `format` (which layout function aims the mutators, fuzz/layouts.ts); the mutators work on bytes and the outcome
// rules do not change.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CGCS2000, multiPolygon, officialAreaM2, type Position } from '@landwatch/core';

export type InputRole = 'change-layer' | 'protection-layer';

/** The format of the mutated file: it decides the layout function that aims the mutators. */
export type InputFormat = 'fgb' | 'shp' | 'dbf' | 'zip';

export interface FuzzInput {
  /** Row label in the outcome table, e.g. 'change-layer (unindexed fgb)'. */
  name: string;
  role: InputRole;
  format: InputFormat;
  /** Name of the mutated file in the mutant's folder (its extension is what the CLI goes by). */
  file: string;
  /** The file the CLI is given when it is not the mutated one: the .shp of a set whose .dbf is mutated. */
  open?: string;
  /** Unmutated files written beside the mutant, name → bytes: the rest of a Shapefile set. */
  companions?: Record<string, Uint8Array>;
  bytes: Uint8Array;
}

/** The valid companions a mutant runs with: a change layer for protection mutants, a registry for change mutants. */
export interface FuzzBase {
  inputs: FuzzInput[];
  /** A valid change layer (path). */
  changes: string;
  /** A valid protection layer (path), indexed. */
  protection: string;
}

const PIECES = 12;
const LON0 = 111.6;
const LAT0 = 26.2;

function ring(lon: number, lat: number, d: number): Position[] {
  return [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
}

/** Writes `features` (as GeoJSON in `dir`, then with ogr2ogr in EPSG:4490 as MultiPolygons) to `out`. */
function ogr(dir: string, name: string, features: object[], driver: string, out: string, lco: string[]): string {
  const gj = join(dir, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features }));
  execFileSync('ogr2ogr', ['-f', driver, ...lco.flatMap((o) => ['-lco', o]), '-a_srs', 'EPSG:4490', '-nlt', 'MULTIPOLYGON', '-nln', 'DLTBGXGC', out, gj]);
  return out;
}

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const SHP_SET = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;

/** A Shapefile set of the change layer in folder `dir` (GeoJSON in `work`) with a .cpg of `encoding`; ext → bytes. */
function shapefileSet(work: string, dir: string, pieces: object[], encoding: 'GBK' | 'UTF-8'): Record<(typeof SHP_SET)[number], Uint8Array> {
  mkdirSync(dir, { recursive: true });
  ogr(work, 'changes', pieces, 'ESRI Shapefile', join(dir, 'DLTBGXGC.shp'), [`ENCODING=${encoding}`]);
  return Object.fromEntries(SHP_SET.map((ext) => [ext, read(join(dir, `DLTBGXGC.${ext}`))])) as Record<(typeof SHP_SET)[number], Uint8Array>;
}

/** `zip -0`: stored, not deflated, so that a mutation reaches the members' own structures. */
function storedZip(cwd: string, zip: string, members: string[]): Uint8Array {
  execFileSync('zip', ['-0', '-q', '-r', '-X', zip, ...members], { cwd });
  return read(join(cwd, zip));
}

/** Writes the base files into `dir` (GDAL's ogr2ogr must be on the PATH). */
export function buildBase(dir: string): FuzzBase {
  const pieces = Array.from({ length: PIECES }, (_, i) => {
    const lon = LON0 + (i % 4) * 0.002;
    const lat = LAT0 + Math.floor(i / 4) * 0.002;
    const r = ring(lon, lat, 0.001);
    return {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[r]] },
      properties: {
        BSM: `4311022024${String(i).padStart(8, '0')}`,
        BGQDLBM: '0101',
        BGHDLBM: ['0702', '0201', '1202', '0101'][i % 4],
        BGHZLDWDM: '4311020010010000000',
        TBBGMJ: officialAreaM2(multiPolygon([[r]]), CGCS2000),
        SJNF: 2024,
        // a Chinese text attribute (not used by the rules), so that the .cpg's encoding is read for real
        ZLDWMC: ['零陵区', '冷水滩区', '祁阳县'][i % 3],
      },
    };
  });
  const farmland = Array.from({ length: 6 }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [[ring(LON0 + i * 0.0015, LAT0, 0.0025)]] },
    properties: { BSM: `pf-${i}`, DLBM: '0101' },
  }));
  const fgb = (name: string, features: object[], lco: string) => ogr(dir, name, features, 'FlatGeobuf', join(dir, `${name}.fgb`), [lco]);
  const changes = fgb('changes', pieces, 'SPATIAL_INDEX=NO');
  const changesIndexed = fgb('changes-indexed', pieces, 'SPATIAL_INDEX=YES');
  const protection = fgb('permanent-farmland', farmland, 'SPATIAL_INDEX=YES');
  const gbk = shapefileSet(dir, join(dir, 'shp-gbk'), pieces, 'GBK');
  const companions = (but: string) => Object.fromEntries(SHP_SET.filter((e) => e !== but).map((e) => [`DLTBGXGC.${e}`, gbk[e]]));
  shapefileSet(dir, join(dir, 'shp-utf8', 'DLTBGXGC'), pieces, 'UTF-8');
  const shpZip = storedZip(join(dir, 'shp-utf8'), 'changes-shp.zip', ['DLTBGXGC']);
  mkdirSync(join(dir, 'gdb'));
  ogr(dir, 'changes', pieces, 'OpenFileGDB', join(dir, 'gdb', 'DLTBGXGC.gdb'), []);
  const gdbZip = storedZip(join(dir, 'gdb'), 'changes.gdb.zip', ['DLTBGXGC.gdb']);
  const change = (name: string, format: InputFormat, file: string, bytes: Uint8Array, extra: Partial<FuzzInput> = {}): FuzzInput => ({ name, role: 'change-layer', format, file, bytes, ...extra });
  return {
    changes,
    protection,
    inputs: [
      change('change-layer (unindexed fgb)', 'fgb', 'mutant.fgb', read(changes)),
      change('change-layer (indexed fgb)', 'fgb', 'mutant.fgb', read(changesIndexed)),
      { name: 'protection-layer (indexed fgb)', role: 'protection-layer', format: 'fgb', file: 'mutant.fgb', bytes: read(protection) },
      change('change-layer (GBK shp: .shp)', 'shp', 'DLTBGXGC.shp', gbk.shp, { companions: companions('shp') }),
      change('change-layer (GBK shp: .dbf)', 'dbf', 'DLTBGXGC.dbf', gbk.dbf, { open: 'DLTBGXGC.shp', companions: companions('dbf') }),
      change('change-layer (shp zip, stored)', 'zip', 'changes-shp.zip', shpZip),
      change('change-layer (gdb.zip, stored)', 'zip', 'changes.gdb.zip', gdbZip),
    ],
  };
}
