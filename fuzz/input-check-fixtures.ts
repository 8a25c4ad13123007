// Writes the fixtures of docs/INPUT-CHECKS.md "Each case and the command that shows it": one small file per case of
// the hostile-input issue, each a GDAL-written layer with one thing wrong (byte-patched where GDAL would not write
// it), named after the case, with a layers.json per protection-layer case. They are committed under
// test/fuzz/fixtures/input-checks/ so that the commands in the doc run as printed; test/fuzz/input-checks.test.ts
// runs them.
//
//   node --import tsx fuzz/input-check-fixtures.ts [--out test/fuzz/fixtures/input-checks]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changePiece, changePieces, lonLatSquare } from '../test/support/change-pieces.ts';
import { nullGeometry, removeHeaderCrs, setCoordinate, setHeaderFeaturesCount, setHeaderGeometryType, zeroRootNode } from '../test/support/fgb-patch.ts';

export const INPUT_CHECK_FIXTURES = 'test/fuzz/fixtures/input-checks';

export async function writeInputCheckFixtures(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'lw-input-check-fixtures-'));
  const ogr = (name: string, features: object[], args: string[]): string => {
    const gj = join(work, `${name}.geojson`);
    writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features }));
    const file = join(work, `${name}.fgb`);
    execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-a_srs', 'EPSG:4490', '-nlt', 'MULTIPOLYGON', ...args, file, gj]);
    return file;
  };
  const unindexed = (name: string, features: object[]) => ogr(name, features, ['-lco', 'SPATIAL_INDEX=NO']);
  const indexed = (name: string, features: object[]) => ogr(name, features, ['-lco', 'SPATIAL_INDEX=YES']);
  const put = (name: string, bytes: Uint8Array): void => writeFileSync(join(out, name), bytes);
  const layers = (name: string, layer: string): void =>
    writeFileSync(join(out, name), `${JSON.stringify({ layers: [{ id: 'permanent-farmland', kind: 'permanent-farmland', title: '永久基本农田', path: layer }] }, null, 2)}\n`);
  try {
    // the valid pair every case runs with
    put('changes.fgb', readFileSync(unindexed('changes', changePieces())));
    const farmland = Array.from({ length: 3 }, (_, i) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[lonLatSquare(111.6 + i * 0.002, 26.2, 0.0015)]] }, properties: { BSM: `pf-${i}` } }));
    const pf = new Uint8Array(readFileSync(indexed('permanent-farmland', farmland)));
    put('permanent-farmland.fgb', pf);
    layers('layers.json', 'permanent-farmland.fgb');

    // protection layers: each case is the valid layer with one thing wrong, and a layers.json naming it
    const gkWork = join(work, 'gk.fgb');
    execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-t_srs', 'EPSG:4525', gkWork, join(work, 'permanent-farmland.fgb')]);
    const gkAs4326 = join(work, 'gk-as-4326.fgb');
    execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', '-a_srs', 'EPSG:4326', gkAs4326, gkWork]);
    const protectionCases: [string, Uint8Array | Promise<Uint8Array>][] = [
      ['pf-one-coordinate-y-1e20', setCoordinate(pf, 1, 3, 1e20)],
      ['pf-r-tree-root-zeroed', zeroRootNode(pf)],
      ['pf-gauss-kruger-labelled-epsg-4326', new Uint8Array(readFileSync(gkAs4326))],
      ['pf-header-geometry-type-changed', setHeaderGeometryType(pf, 3)],
      ['pf-null-geometry', nullGeometry(pf, 1)],
      ['pf-unclosed-ring', setCoordinate(pf, 0, 8, 111.60001)],
    ];
    for (const [name, bytes] of protectionCases) {
      put(`${name}.fgb`, await bytes);
      layers(`layers-${name}.json`, `${name}.fgb`);
    }

    // change layers
    const source = readFileSync(unindexed('change-source', changePieces()));
    // y of the third position of feature 2: 26.201 → 26.701 (a flipped exponent bit's worth, still in China)
    put('changes-flipped-coordinate-area.fgb', await setCoordinate(source, 2, 5, 26.701));
    put('changes-null-geometry.fgb', await nullGeometry(source, 1));
    put('changes-r-tree-root-zeroed.fgb', await zeroRootNode(readFileSync(indexed('indexed-source', changePieces()))));
    put('index-nan-coordinates.fgb', await setCoordinate(source, 1, 0, Number.NaN));
    put('changes-duplicated-feature.fgb', readFileSync(unindexed('duplicated', [...changePieces(), changePiece(1), changePiece(3)])));
    const twelve = changePieces();
    twelve[0].properties.BGHZLDWDM = '431102001001';
    put('changes-location-code-12-characters.fgb', readFileSync(unindexed('twelve', twelve)));
    put('changes-features-count-zero.fgb', setHeaderFeaturesCount(source, 0n));
    put('changes-huge-features-count.fgb', setHeaderFeaturesCount(source, 2n ** 63n - 1n));
    put('index-no-crs.fgb', removeHeaderCrs(source));
    put('index-points.fgb', readFileSync(ogr('points', [{ type: 'Feature', geometry: { type: 'Point', coordinates: [111.6, 26.2] }, properties: { BSM: 'p0' } }], ['-nlt', 'POINT', '-lco', 'SPATIAL_INDEX=NO'])));

    // found by the fuzzer: a survey year the rules do not cover, in the data (a GBK Shapefile whose SJNF reads 11)
    // and in the file name of an upload without SJNF
    const shp = join(out, 'shp-sjnf-year-11');
    mkdirSync(shp, { recursive: true });
    const gj = join(work, 'sjnf-11.geojson');
    writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: changePieces().map((f) => ({ ...f, properties: { ...f.properties, SJNF: 11 } })) }));
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-a_srs', 'EPSG:4490', '-nlt', 'MULTIPOLYGON', '-nln', 'DLTBGXGC', join(shp, 'DLTBGXGC.shp'), gj]);
    const noYear = changePieces().map(({ properties: { SJNF: _y, ...rest }, ...f }) => ({ ...f, properties: rest }));
    put('changes-no-sjnf-1985.fgb', readFileSync(unindexed('no-sjnf', noYear)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: INPUT_CHECK_FIXTURES } } });
  await writeInputCheckFixtures(values.out!);
}
