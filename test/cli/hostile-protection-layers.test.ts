// A protection layer that cannot be trusted stops the run (exit 2), naming the layer, the feature and the reason,
// and nothing is written. Each fixture is a GDAL-written layer with one thing wrong, named after the case.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { nullGeometry, setCoordinate, setHeaderGeometryType, zeroRootNode } from '../support/fgb-patch.ts';
import { ogr2ogr } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-hostile-layer-'));
const square = (lon: number, lat: number, d = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

function geojson(name: string, features: { geometry: object | null; properties: Record<string, string | number> }[]): string {
  const path = join(work, `${name}.geojson`);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
  return path;
}

let changes = '';
let goodLayer: Uint8Array;

beforeAll(() => {
  changes = join(work, 'changes.fgb');
  const pieces = Array.from({ length: 3 }, (_, i) => ({
    geometry: square(111.6 + i * 0.002, 26.2),
    properties: { BSM: `4311022024000000${i}`, BGQDLBM: '0101', BGHDLBM: '0702', BGHZLDWDM: '4311020010010000000', SJNF: 2024 },
  }));
  ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', '-a_srs', 'EPSG:4490', changes, geojson('changes', pieces)]);
  const farmland = Array.from({ length: 3 }, (_, i) => ({ geometry: square(111.6 + i * 0.002, 26.2, 0.0015), properties: { BSM: `pf-${i}` } }));
  const layer = join(work, 'pbf.fgb');
  ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-nlt', 'MULTIPOLYGON', '-a_srs', 'EPSG:4490', layer, geojson('pbf', farmland)]);
  goodLayer = new Uint8Array(readFileSync(layer));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs with `layer` as the only (permanent-farmland) layer; returns exit code, stderr lines and what --out holds. */
async function runWith(name: string, layer: Uint8Array): Promise<{ code: number; lines: string[]; written: string[] }> {
  writeFileSync(join(work, `${name}.fgb`), layer);
  const registry = join(work, `${name}.layers.json`);
  writeFileSync(registry, JSON.stringify({ layers: [{ id: 'pbf', kind: 'permanent-farmland', title: '永久基本农田', path: `${name}.fgb` }] }));
  const out = join(work, `out-${name}`);
  const r = await runCli(['run', '--changes', changes, '--layers', registry, '--out', out, '--classification', 'sandiao']);
  return { code: r.code, lines: r.stderr.trim().split('\n'), written: existsSync(out) ? readdirSync(out) : [] };
}

async function expectLayerRejected(name: string, layer: Uint8Array, reason: RegExp): Promise<void> {
  const r = await runWith(name, layer);
  expect(r.code, r.lines.join('\n')).toBe(2);
  expect(r.lines.some((l) => l.startsWith(`layer pbf: ${join(work, `${name}.fgb`)}: `) && reason.test(l)), `${reason} in\n${r.lines.join('\n')}`).toBe(true);
  expect(r.written).toEqual([]);
}

describe('protection layers are validated like uploads', () => {
  it('accepts the GDAL-written layer (control)', async () => {
    const r = await runWith('valid-layer', goodLayer);
    expect(r.code, r.lines.join('\n')).toBe(0);
  });

  it('one-coordinate-y-1e20: rejected by the range check, no hang', async () => {
    await expectLayerRejected('one-coordinate-y-1e20', await setCoordinate(goodLayer, 1, 3, 1e20), /^.*: feature 1: geometry: coordinates span .*, 100000000000000000000\), outside the range of EPSG:4490/);
  });

  it('non-finite-coordinate: NaN in one position', async () => {
    await expectLayerRejected('non-finite-coordinate', await setCoordinate(goodLayer, 2, 2, Number.NaN), /: feature 2: geometry: non-finite coordinate \(NaN, /);
  });

  it('r-tree-root-zeroed: the index no longer nests', async () => {
    await expectLayerRejected('r-tree-root-zeroed', await zeroRootNode(goodLayer), /: index node 0: points to node 0, its first child is node 1$/);
  });

  it('gauss-kruger-labelled-epsg-4326: metres read as degrees are rejected', async () => {
    const gk = join(work, 'gk.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-t_srs', 'EPSG:4525', gk, join(work, 'pbf.fgb')]);
    const relabelled = join(work, 'gk-as-4326.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-a_srs', 'EPSG:4326', relabelled, gk]);
    await expectLayerRejected('gauss-kruger-labelled-epsg-4326', readFileSync(relabelled), /: feature 0: geometry: coordinates span \(375\d+.*outside the range of EPSG:4326 \(longitude −180\.\.180/);
  });

  it('header-geometry-type-changed: MultiPolygon features read as empty Polygons are rejected, not skipped', async () => {
    await expectLayerRejected('header-geometry-type-changed', setHeaderGeometryType(goodLayer, 3), /: feature 0: geometry: empty \(no positions\)/);
  });

  it('null-geometry: a feature without geometry is rejected, not skipped', async () => {
    await expectLayerRejected('null-geometry', await nullGeometry(goodLayer, 1), /: feature 1: geometry: missing \(null\)/);
  });

  it('unclosed-ring: a moved last position is a broken ring', async () => {
    const n = 10; // 5 positions × 2 doubles; the last x is double 8
    await expectLayerRejected('unclosed-ring', await setCoordinate(goodLayer, 0, n - 2, 111.60001), /: feature 0: geometry: 1 broken ring\(s\), the first with 5 positions, not closed/);
  });

  it('feature-outside-its-index-box: a shifted polygon that bbox reads would miss', async () => {
    // all five positions of feature 0 moved 0.01° east (still closed, still in China), its index box unchanged
    let layer = goodLayer;
    for (let k = 0; k < 10; k += 2) {
      layer = await setCoordinate(layer, 0, k, 111.62 + (k === 2 || k === 4 ? 0.0015 : 0));
    }
    await expectLayerRejected('feature-outside-its-index-box', layer, /: feature 0: spatial index: the feature's box .* is not inside its index box/);
  });
});
