// Corrupt change layers that used to pass, and the quiet spots of the format: each case is a GDAL-written upload
// with one thing wrong (byte-patched where GDAL would not write it), named after the case. Rejections exit 2 with
// the feature number as uploaded and its BSM, and write nothing.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePiece, changePieces, lonLatSquare, squareAreaM2, type PieceProperties } from '../support/change-pieces.ts';
import { runCli } from '../support/cli.ts';
import { nullGeometry, setCoordinate, setHeaderFeaturesCount, zeroRootNode } from '../support/fgb-patch.ts';
import { ogr2ogr } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-hostile-changes-'));
const layersJson = join(work, 'layers.json');

type Feature = { geometry: { type: string; coordinates: unknown }; properties: PieceProperties };
const good = (): Feature[] => changePieces();

/** GDAL writes the features as given (unindexed, so feature numbers are the GeoJSON order); returns the .fgb path. */
function fgb(name: string, features: Feature[], lco = ['SPATIAL_INDEX=NO']): string {
  const gj = join(work, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
  const out = join(work, `${name}.fgb`);
  ogr2ogr(['-f', 'FlatGeobuf', ...lco.flatMap((o) => ['-lco', o]), '-a_srs', 'EPSG:4490', out, gj]);
  return out;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(work, `${name}.fgb`);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(() => {
  const prot = fgb('pbf', [{ geometry: { type: 'Polygon', coordinates: [lonLatSquare(111.6, 26.2, 0.01)] }, properties: { id: 1 } }], ['SPATIAL_INDEX=YES']);
  writeFileSync(layersJson, JSON.stringify({ layers: [{ id: 'pbf', kind: 'permanent-farmland', title: '永久基本农田', path: prot }] }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(file: string): Promise<{ code: number; lines: string[]; out: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const r = await runCli(['run', '--changes', file, '--layers', layersJson, '--out', out, '--classification', 'sandiao']);
  return { code: r.code, lines: r.stderr.trim().split('\n'), out };
}

async function expectRejected(file: string, expected: string[]): Promise<void> {
  const r = await run(file);
  expect(r.code, r.lines.join('\n')).toBe(2);
  for (const line of expected) expect(r.lines, r.lines.join('\n')).toContain(line);
  expect(existsSync(r.out) ? readdirSync(r.out) : []).toEqual([]);
}

function summaryOf(out: string): { inputChecks: Record<string, unknown> } {
  const dir = join(out, 'results', '2024', '431102');
  const [runId] = readdirSync(dir);
  return JSON.parse(readFileSync(join(dir, runId, 'summary.json'), 'utf8'));
}

describe('change layers: corrupt bytes and duplicates are rejected, not measured', () => {
  it('accepts the GDAL-written upload (control)', async () => {
    const r = await run(fgb('control', good()));
    expect(r.code, r.lines.join('\n')).toBe(0);
    expect(summaryOf(r.out).inputChecks.areaMismatches).toEqual([]);
  });

  it('flipped-coordinate-area: a corner moved far away disagrees with TBBGMJ by more than 10 %', async () => {
    const file = fgb('flipped-coordinate-area', good());
    // y of the third position of feature 2: 26.201 → 26.701 (one exponent bit's worth of damage, still in China)
    const patched = write('flipped-coordinate-area', await setCoordinate(readFileSync(file), 2, 5, 26.701));
    const r = await run(patched);
    expect(r.code, r.lines.join('\n')).toBe(2);
    expect(r.lines.some((l) => l.startsWith(`${patched}: feature 2 (BSM 431102202400000002): field TBBGMJ: declared area ${squareAreaM2(111.604, 26.2)} m², the geometry measures `) && l.endsWith('more than 10 % apart: a corrupt geometry or attribute')), r.lines.join('\n')).toBe(true);
  });

  it('area-off-5-percent: listed in summary.json inputChecks.areaMismatches, the run goes on', async () => {
    const feats = good();
    const computed = squareAreaM2(111.602, 26.2);
    const declared = Math.round(computed * 1.05 * 100) / 100;
    feats[1].properties.TBBGMJ = declared;
    const r = await run(fgb('area-off-5-percent', feats));
    expect(r.code, r.lines.join('\n')).toBe(0);
    expect(summaryOf(r.out).inputChecks.areaMismatches).toEqual([
      { featureIndex: 1, pieceId: '431102202400000001', declaredM2: declared, computedM2: computed, differencePercent: Math.round(((computed - declared) / declared) * 10_000) / 100, repaired: false },
    ]);
  });

  it('duplicated-feature: the same BSM and the same content twice, every duplicate listed', async () => {
    const feats = good();
    feats.push(changePiece(1), changePiece(3));
    const file = fgb('duplicated-feature', feats);
    await expectRejected(file, [
      `${file}: feature 4 (BSM 431102202400000001): duplicate: feature 1 has the same BSM`,
      `${file}: feature 4 (BSM 431102202400000001): duplicate: same geometry and attributes as feature 1 (BSM 431102202400000001)`,
      `${file}: feature 5 (BSM 431102202400000003): duplicate: feature 3 has the same BSM`,
      `${file}: feature 5 (BSM 431102202400000003): duplicate: same geometry and attributes as feature 3 (BSM 431102202400000003)`,
    ]);
  });

  it('same-geometry-other-bsm: a copy under a new BSM is still a duplicate', async () => {
    const feats = good();
    feats.push(changePiece(2, { BSM: '431102202400009999' }));
    const file = fgb('same-geometry-other-bsm', feats);
    await expectRejected(file, [`${file}: feature 4 (BSM 431102202400009999): duplicate: same geometry and attributes as feature 2 (BSM 431102202400000002)`]);
  });

  it('null-geometry: reported with its BSM and as missing, not as a wrong type', async () => {
    // GDAL drops features without geometry when it writes FlatGeobuf: the geometry is removed from its bytes
    const file = write('null-geometry', await nullGeometry(readFileSync(fgb('null-source', good())), 1));
    await expectRejected(file, [`${file}: feature 1 (BSM 431102202400000001): geometry: missing (null); every piece needs its polygon`]);
  });

  it('location-code-12-characters: the check and its message agree on 19', async () => {
    const feats = good();
    feats[0].properties.BGHZLDWDM = '431102001001';
    const file = fgb('location-code-12-characters', feats);
    await expectRejected(file, [`${file}: feature 0 (BSM 431102202400000000): field BGHZLDWDM: location code '431102001001' is not a 19-character 坐落单位代码 (12-digit village code followed by 7 characters)`]);
  });

  it('features-count-zero: "unknown" in the header, counted by reading', async () => {
    const file = write('features-count-zero', setHeaderFeaturesCount(readFileSync(fgb('count-source', good())), 0n));
    const r = await run(file);
    expect(r.code, r.lines.join('\n')).toBe(0);
    const status = JSON.parse(readFileSync(join(r.out, 'runs', readdirSync(join(r.out, 'runs'))[0], 'status.json'), 'utf8'));
    expect([status.state, status.features]).toEqual(['finished', 4]);
  });

  it('huge-features-count: printed exactly, not rounded', async () => {
    const file = write('huge-features-count', setHeaderFeaturesCount(readFileSync(fgb('huge-source', good())), 2n ** 63n - 1n));
    await expectRejected(file, [`${file}: features count 9223372036854775807 is out of bounds`]);
  });

  it('change-layer-r-tree-root-zeroed: an indexed upload with a broken index is rejected (run and inspect agree)', async () => {
    const file = write('change-layer-r-tree-root-zeroed', await zeroRootNode(readFileSync(fgb('indexed-source', good(), ['SPATIAL_INDEX=YES']))));
    await expectRejected(file, [`${file}: index node 0: points to node 0, its first child is node 1`]);
    const r = await runCli(['inspect', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toContain(`${file}: index node 0: points to node 0, its first child is node 1`);
  });

  it('upload-feature-numbers: messages about an unindexed upload number features as uploaded, not as sorted', async () => {
    // feature 0 lies west of the others, so the Hilbert-sorted copy moves it last; its geometry cannot be repaired
    const feats = good();
    const x = 111.5;
    feats.unshift({ geometry: { type: 'Polygon', coordinates: [[[x, 26.2], [x + 0.001, 26.2], [x + 0.002, 26.2], [x, 26.2]]] }, properties: { ...changePiece(9).properties, TBBGMJ: 0 } });
    const r = await run(fgb('upload-feature-numbers', feats));
    expect(r.code, r.lines.join('\n')).toBe(0);
    const unrepairable = summaryOf(r.out).inputChecks.unrepairable as { featureIndex: number; message: string }[];
    expect(unrepairable.map((u) => u.message.split(':')[0])).toEqual(['feature 0 (BSM 431102202400000009)']);
  });
});

// Found by the long fuzz run (mutants 4212 and 4842 of seed 2026, a Shapefile in a stored zip): `run` stopped with an
// internal failure (exit 1) while making the indexed copy of an unindexed upload, for causes real deliveries have too.
describe('unindexed uploads the run copies before tiling', () => {
  it('chinese-column-name: an extra column named 备注 is copied and the run finishes (was: "not a plain identifier", exit 1)', async () => {
    const r = await run(fgb('chinese-column-name', good().map((f) => ({ ...f, properties: { ...f.properties, 备注: '复核' } }))));
    expect(r.code, r.lines.join('\n')).toBe(0);
  });

  it('column-name-control-character: a damaged field name is refused, naming the column (was: exit 1)', async () => {
    // GDAL writes the name QQZZ; its first byte becomes U+0010, as a damaged .dbf field table reads
    const bytes = readFileSync(fgb('column-name-source', good().map((f) => ({ ...f, properties: { ...f.properties, QQZZ: 'x' } }))));
    const at = Buffer.from(bytes).indexOf('QQZZ');
    bytes[at] = 0x10;
    const file = write('column-name-control-character', bytes);
    await expectRejected(file, [`${file}: column 7 name "\\u0010QZZ" holds control characters (a damaged field table?)`]);
  });

  it('wkt-without-epsg-code: a CRS stored as ESRI WKT only is read as EPSG:4490 and the copy carries that code (was: exit 1)', async () => {
    const esri = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const gj = join(work, 'wkt-without-epsg-code.geojson');
    writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: good().map((f) => ({ type: 'Feature', ...f })) }));
    const file = join(work, 'wkt-without-epsg-code.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', '-a_srs', esri, file, gj]);
    const inspect = await runCli(['inspect', file]);
    expect(inspect.stdout.split('\n')).toContain('crs:           WKT without a code, read as EPSG:4490 (China Geodetic Coordinate System 2000)');
    const r = await run(file);
    expect(r.code, r.lines.join('\n')).toBe(0);
    const indexed = join(work, 'wkt-without-epsg-code-indexed.fgb');
    expect((await runCli(['index', file, '--out', indexed])).code).toBe(0);
    expect((await runCli(['inspect', indexed])).stdout.split('\n')).toContain('crs:           EPSG:4490 (China Geodetic Coordinate System 2000)');
  });
});
