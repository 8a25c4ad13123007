// Every kind of bad input of docs/ARCHITECTURE.md, "Inputs" exits 2, lists each reason on its own line naming the file (and feature and
// field where they apply), and writes no output. Input files are made with GDAL, as a data team's would be.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { ogr2ogr } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-bad-'));
const layersJson = join(work, 'layers.json');

type Props = Record<string, string | number>;
const base = (i: number): Props => ({
  BSM: `43110220240000${String(i).padStart(4, '0')}`,
  BGQDLBM: '0101',
  BGHDLBM: '0702',
  BGHZLDWDM: '4311020010010000000',
  SJNF: 2024,
});
const square = (lon: number, lat: number, d = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

/** Writes a GeoJSON and converts it with ogr2ogr to FlatGeobuf; returns the .fgb path. */
function fgb(name: string, features: { geometry: object; properties: Props }[], opts: { srs?: string; nlt?: string } = {}): string {
  const gj = join(work, `${name}.geojson`);
  writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
  const out = join(work, `${name}.fgb`);
  // unindexed, as many uploads are: GDAL keeps the GeoJSON order, so feature numbers are predictable
  ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', '-a_srs', opts.srs ?? 'EPSG:4490', ...(opts.nlt ? ['-nlt', opts.nlt] : []), out, gj]);
  return out;
}

const good = () => Array.from({ length: 5 }, (_, i) => ({ geometry: square(111.6 + i * 0.002, 26.2), properties: base(i) }));

beforeAll(() => {
  // one protection layer, valid
  const prot = fgb('pbf', [{ geometry: square(111.6, 26.2, 0.01), properties: { id: 1 } }], {});
  ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=YES', join(work, 'pbf-indexed.fgb'), prot]);
  writeFileSync(layersJson, JSON.stringify({ layers: [{ id: 'pbf', kind: 'permanent-farmland', title: '永久基本农田', path: 'pbf-indexed.fgb' }] }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function expectRejected(file: string, patterns: RegExp[]): Promise<string[]> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const r = await runCli(['run', '--changes', file, '--layers', layersJson, '--out', out]);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  for (const p of patterns) expect(lines.some((l) => p.test(l)), `${p} in\n${r.stderr}`).toBe(true);
  for (const l of lines) expect(l, 'every reason names the file').toContain(file.split('/').pop()!.replace('.fgb', ''));
  // nothing written: no results, no status, no staging left behind
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  return lines;
}

describe('bad input is rejected with every reason, and nothing is written', () => {
  it('accepts the good file (control)', async () => {
    const file = fgb('good', good());
    // [issue-9] 0101 → 0702 alone is valid in both classifications with different meanings (农村宅基地 / 城镇社区服务设施用地):
    // auto refuses to guess (docs/CLASSIFICATIONS.md), so the control declares its classification
    const r = await runCli(['run', '--changes', file, '--layers', layersJson, '--out', join(work, 'out-good'), '--classification', 'sandiao']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('not a FlatGeobuf', async () => {
    const file = join(work, 'not-fgb.fgb');
    writeFileSync(file, 'BSM,BGQDLBM\n1,0101\n');
    await expectRejected(file, [/not-fgb\.fgb.*(magic|FlatGeobuf)/i]);
  });

  it('truncated file', async () => {
    const whole = readFileSync(fgb('whole', good()));
    const file = join(work, 'truncated.fgb');
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    await expectRejected(file, [/truncated\.fgb.*(truncat|beyond|past|end of file|EOF)/i]);
  });

  it('header count that does not add up with the features', async () => {
    const whole = readFileSync(fgb('count', good()));
    const file = join(work, 'count-mismatch.fgb');
    // append a copy of the last feature: the header still declares 5
    writeFileSync(file, Buffer.concat([whole, whole.subarray(whole.length - lastFeatureLength(whole))]));
    await expectRejected(file, [/count-mismatch\.fgb: .*(bytes follow the last of the 5 features|declares 5 features but the file holds 6)/]);
  });

  it('wrong geometry type', async () => {
    const file = fgb('lines', [{ geometry: { type: 'LineString', coordinates: [[111.6, 26.2], [111.61, 26.21]] }, properties: base(0) }]);
    await expectRejected(file, [/lines\.fgb.*LineString/]);
  });

  it('missing required fields (each named)', async () => {
    const file = fgb('missing', good().map((f) => ({ ...f, properties: { BSM: f.properties.BSM, SJNF: 2024 } })));
    await expectRejected(file, [/missing\.fgb.*BGQDLBM/, /missing\.fgb.*BGHDLBM/, /missing\.fgb.*BGHZLDWDM/]);
  });

  it('unknown CRS, named', async () => {
    const file = fgb('webmerc', good().map((f, i) => ({ ...f, geometry: square(12_420_000 + i * 200, 3_020_000, 100) })), { srs: 'EPSG:3857' });
    await expectRejected(file, [/webmerc\.fgb.*3857/]);
  });

  it('coordinates outside China, per feature', async () => {
    const feats = good();
    feats[3] = { ...feats[3], geometry: square(10.0, 50.0) };
    const file = fgb('outside', feats);
    await expectRejected(file, [/outside\.fgb: feature 3 .*geometry.*outside China/]);
  });

  it('unknown land-use codes, listed with counts and field', async () => {
    const feats = good();
    feats[1].properties.BGHDLBM = '9999';
    feats[2].properties.BGHDLBM = '9999';
    feats[4].properties.BGQDLBM = '01X1';
    const file = fgb('codes', feats);
    await expectRejected(file, [/codes\.fgb: field BGHDLBM: unknown land-use code '9999' in 2 features \(first: feature 1, 2\)/, /codes\.fgb: field BGQDLBM: unknown land-use code '01X1' in 1 feature/]);
  });

  it('empty upload: a 0-byte object, and a FlatGeobuf with a header and no features', async () => {
    const zero = join(work, 'empty-zero-bytes.fgb');
    writeFileSync(zero, '');
    await expectRejected(zero, [/empty-zero-bytes\.fgb.*empty upload/]);
    const gj = join(work, 'empty.geojson');
    writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    const file = join(work, 'empty-header-only.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-a_srs', 'EPSG:4490', '-nlt', 'POLYGON', file, gj]);
    await expectRejected(file, [/empty-header-only\.fgb.*empty upload/]);
  });

  it('several problems at once are all listed', async () => {
    const feats = good();
    feats[0].properties.BGHDLBM = '9999';
    feats[1] = { ...feats[1], geometry: square(10, 50) };
    feats[2].properties.BGHZLDWDM = '4311';
    const file = fgb('several', feats);
    const lines = await expectRejected(file, [/unknown land-use code '9999'/, /feature 1 .*outside China/, /feature 2 .*BGHZLDWDM/]);
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });

  it('a bad layer registry is rejected too', async () => {
    const bad = join(work, 'bad-layers.json');
    writeFileSync(bad, JSON.stringify([{ id: 'x', kind: 'not-a-kind', path: 'nope.fgb' }]));
    const out = join(work, 'out-badlayers');
    const r = await runCli(['run', '--changes', fgb('good2', good()), '--layers', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-layers\.json.*layer 0 \(x\): field kind/);
    expect(existsSync(out)).toBe(false);
  });
});

/** Length (size prefix + body) of the last feature record of an unindexed FlatGeobuf holding `count` features. */
function lastFeatureLength(buf: Buffer, count = 5): number {
  let p = 12 + buf.readUInt32LE(8); // magic (8) + header length prefix (4) + header; no index follows
  let last = 0;
  for (let i = 0; i < count; i++) {
    last = buf.readUInt32LE(p) + 4;
    p += last;
  }
  if (p !== buf.length) throw new Error('unexpected layout');
  return last;
}
