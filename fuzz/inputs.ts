// The inputs the fuzzer mutates: small, valid files written by GDAL, each with the role it plays in a run. A new
// format (zip, Shapefile, File Geodatabase) is a new FuzzInput with its own `format`; the mutators work on bytes and
// the outcome rules do not change.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CGCS2000, officialAreaM2, type Position } from '@landwatch/core';

export type InputRole = 'change-layer' | 'protection-layer';

export interface FuzzInput {
  /** Row label in the outcome table, e.g. 'change-layer (unindexed fgb)'. */
  name: string;
  role: InputRole;
  /** File extension the CLI expects. */
  format: 'fgb';
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

function ogr(dir: string, name: string, features: object[], lco: string): string {
  const gj = join(dir, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features }));
  const out = join(dir, `${name}.fgb`);
  execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', lco, '-a_srs', 'EPSG:4490', '-nlt', 'MULTIPOLYGON', out, gj]);
  return out;
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
        TBBGMJ: officialAreaM2([[r]], CGCS2000),
        SJNF: 2024,
      },
    };
  });
  const farmland = Array.from({ length: 6 }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [[ring(LON0 + i * 0.0015, LAT0, 0.0025)]] },
    properties: { BSM: `pf-${i}`, DLBM: '0101' },
  }));
  const changes = ogr(dir, 'changes', pieces, 'SPATIAL_INDEX=NO');
  const changesIndexed = ogr(dir, 'changes-indexed', pieces, 'SPATIAL_INDEX=YES');
  const protection = ogr(dir, 'permanent-farmland', farmland, 'SPATIAL_INDEX=YES');
  return {
    changes,
    protection,
    inputs: [
      { name: 'change-layer (unindexed fgb)', role: 'change-layer', format: 'fgb', bytes: new Uint8Array(readFileSync(changes)) },
      { name: 'change-layer (indexed fgb)', role: 'change-layer', format: 'fgb', bytes: new Uint8Array(readFileSync(changesIndexed)) },
      { name: 'protection-layer (indexed fgb)', role: 'protection-layer', format: 'fgb', bytes: new Uint8Array(readFileSync(protection)) },
    ],
  };
}
