// `landwatch inspect` and `landwatch index` as an analyst would use them, with GDAL-made and generated files.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { ogr2ogr, ogrFeatureCount, ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-cmd-'));
let changes = '';

beforeAll(async () => {
  const gen = await runCli(['generate', '--out', work, '--changes', '300', '--seed', '3', '--crs', '4490']);
  expect(gen.code, gen.stderr).toBe(0);
  changes = join(work, readdirSync(work).find((f) => f.endsWith('.fgb'))!);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('landwatch inspect', () => {
  it('shows header, CRS, fields, index and the code histogram of a good file, exit 0', async () => {
    const r = await runCli(['inspect', changes]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/features:\s+300/);
    expect(r.stdout).toMatch(/crs:\s+EPSG:4490/);
    expect(r.stdout).toMatch(/spatial index: packed Hilbert R-tree, node size 16/);
    expect(r.stdout).toMatch(/BGQDLBM\s+string/);
    expect(r.stdout).toMatch(/0101\s+\d+\s+水田/);
    expect(r.stdout).toContain('checks: ok');
  });

  it('lists every problem of a bad file on stderr, exit 2', async () => {
    const gj = join(work, 'bad.geojson');
    const sq = (lon: number) => ({ type: 'Polygon', coordinates: [[[lon, 26.2], [lon + 0.001, 26.2], [lon + 0.001, 26.201], [lon, 26.2]]] });
    writeFileSync(gj, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: sq(111.6), properties: { BGQDLBM: '0101', BGHDLBM: 'ZZZZ', BGHZLDWDM: '4311020010010000000' } },
    ] }));
    const bad = join(work, 'bad.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-a_srs', 'EPSG:4490', bad, gj]);
    const r = await runCli(['inspect', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/ZZZZ\s+1\s+UNKNOWN/);
    expect(r.stderr).toMatch(/bad\.fgb: field BGHDLBM: unknown land-use code 'ZZZZ' in 1 feature/);
  });
});

describe('landwatch index', () => {
  it('turns an unindexed GDAL file into a Hilbert-sorted, indexed one that GDAL filters spatially', async () => {
    const unindexed = join(work, 'unindexed.fgb');
    ogr2ogr(['-f', 'FlatGeobuf', '-lco', 'SPATIAL_INDEX=NO', unindexed, changes]);
    expect((await runCli(['inspect', unindexed])).stdout).toMatch(/spatial index: none/);
    const indexed = join(work, 'indexed.fgb');
    const r = await runCli(['index', unindexed, '--out', indexed]);
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['inspect', indexed])).stdout).toMatch(/spatial index: packed Hilbert R-tree/);
    expect(ogrFeatureCount(indexed)).toBe(300);
    const info = ogrinfo(['-ro', '-so', '-al', indexed]);
    const ext = /Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)/.exec(info)!.slice(1).map(Number);
    const half: [number, number, number, number] = [ext[0], ext[1], (ext[0] + ext[2]) / 2, ext[3]];
    const n = ogrFeatureCount(indexed, half);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(300);
    expect(n).toBe(ogrFeatureCount(unindexed, half));
  });

  it('exits 2 with the file named when the input is not a FlatGeobuf', async () => {
    const junk = join(work, 'junk.fgb');
    writeFileSync(junk, 'hello');
    const r = await runCli(['index', junk, '--out', join(work, 'junk-indexed.fgb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('junk.fgb');
  });
});

describe('usage errors', () => {
  it('exit 2 with usage on an unknown command or a missing option', async () => {
    const a = await runCli(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('unknown command');
    const b = await runCli(['run', '--changes', changes]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--layers is required');
  });
});

describe('the same county in EPSG:4490 and in its Gauss-Krüger zone', () => {
  it('gives the same detections, with areas agreeing to the official method’s ppm-level CRS difference', async () => {
    const gk = join(work, 'gk');
    expect((await runCli(['generate', '--out', gk, '--changes', '300', '--seed', '3'])).code).toBe(0);
    const summaries = [];
    for (const [dir, input] of [[join(work, 'out-4490'), changes], [join(work, 'out-gk'), join(gk, readdirSync(gk).find((f) => f.endsWith('.fgb'))!)]]) {
      const r = await runCli(['run', '--changes', input, '--layers', join(input, '..', 'layers.json'), '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      const base = join(dir, 'results', '2024', '431102');
      summaries.push(JSON.parse(readFileSync(join(base, readdirSync(base)[0], 'summary.json'), 'utf8')));
    }
    const [geo, proj] = summaries;
    for (const t of Object.keys(proj.totals.byChangeType)) expect(geo.totals.byChangeType[t].count, t).toBe(proj.totals.byChangeType[t].count);
    expect(Math.abs(geo.totals.areaM2 - proj.totals.areaM2) / proj.totals.areaM2).toBeLessThan(1e-5);
  });
});
