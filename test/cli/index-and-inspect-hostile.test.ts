// `landwatch index` and `inspect` on hostile files: index exits 2 with every reason (never 1 with a stack trace) and
// leaves no output or temp file; inspect says what a file is fit for. Fixtures: GDAL-written, byte-patched per case.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { removeHeaderCrs, setCoordinate, setHeaderGeometryType } from '../support/fgb-patch.ts';
import { ogr2ogr } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-index-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ring = (lon: number, lat: number, d = 0.001) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];

function gdal(name: string, geometries: object[], opts: string[] = ['-a_srs', 'EPSG:4490', '-lco', 'SPATIAL_INDEX=NO']): string {
  const gj = join(work, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: geometries.map((geometry, i) => ({ type: 'Feature', geometry, properties: { BSM: `f${i}` } })) }));
  const out = join(work, `${name}.fgb`);
  ogr2ogr(['-f', 'FlatGeobuf', ...opts, out, gj]);
  return out;
}
const polygons = (n = 3) => Array.from({ length: n }, (_, i) => ({ type: 'MultiPolygon', coordinates: [[ring(111.6 + i * 0.002, 26.2)]] }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(work, `${name}.fgb`);
  writeFileSync(path, bytes);
  return path;
}

async function expectIndexRejected(file: string, line: string): Promise<void> {
  const dir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const r = await runCli(['index', file, '--out', join(dir, 'indexed.fgb')]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/internal failure|    at /);
  expect(r.stderr.trim().split('\n')).toContain(line);
  expect(readdirSync(dir)).toEqual([]);
}

describe('landwatch index on bad input: exit 2 with reasons, nothing written', () => {
  it('points', async () => {
    const file = gdal('points', [{ type: 'Point', coordinates: [111.6, 26.2] }]);
    await expectIndexRejected(file, `${file}: geometry type Point is not Polygon or MultiPolygon`);
  });

  it('no-crs: the header carries no CRS', async () => {
    const file = write('no-crs', removeHeaderCrs(readFileSync(gdal('crs-source', polygons()))));
    await expectIndexRejected(file, `${file}: unsupported CRS: no CRS code and no WKT (no EPSG code and no WKT); accepted: EPSG:4490 (CGCS2000), EPSG:4326, CGCS2000 Gauss-Kruger EPSG:4491–4554`);
  });

  it('nan-coordinates', async () => {
    const file = write('nan-coordinates', await setCoordinate(readFileSync(gdal('nan-source', polygons())), 1, 0, Number.NaN));
    await expectIndexRejected(file, `${file}: feature 1: geometry: non-finite coordinate (NaN, 26.2)`);
  });

  it('empty-multipolygon: features read as empty after the header type changed', async () => {
    const file = write('empty-multipolygon', setHeaderGeometryType(readFileSync(gdal('empty-source', polygons())), 3));
    await expectIndexRejected(file, `${file}: feature 0: geometry: empty (no positions)`);
  });

  it('inflated-length: a feature size prefix larger than the file', async () => {
    const bytes = new Uint8Array(readFileSync(gdal('inflated-source', polygons())));
    const file = write('inflated-length', bytes.fill(0xff, bytes.length - 200, bytes.length - 196));
    const r = await runCli(['index', file, '--out', join(work, 'inflated-out.fgb')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/internal failure|    at /);
    expect(existsSync(join(work, 'inflated-out.fgb'))).toBe(false);
  });
});

describe('landwatch inspect says what a file is fit for', () => {
  it('a GDAL-written protection layer: fit for a protection layer, exit 0, change-layer fields named as information', async () => {
    const file = gdal('farmland', polygons(), ['-a_srs', 'EPSG:4490', '-lco', 'SPATIAL_INDEX=YES']);
    const r = await runCli(['inspect', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^fit for:       protection layer$/m);
    expect(r.stdout).toMatch(/^not a change layer: 3 reason\(s\):$/m);
  });

  it('the same layer unindexed: neither, with why', async () => {
    const file = gdal('farmland-unindexed', polygons());
    const r = await runCli(['inspect', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^fit for:       neither a change layer nor a protection layer$/m);
    expect(r.stderr.trim().split('\n')).toContain(`${file}: has no spatial index (write one with \`landwatch index\`)`);
  });
});
