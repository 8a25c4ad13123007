// End to end: generate a county, run the CLI on it, read every result file back — the FlatGeobuf layers with GDAL.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.ts';
import { ogrFeatureCount, ogrinfo } from '../support/gdal.ts';

const work = mkdtempSync(join(tmpdir(), 'lw-cli-'));
let gen: CliResult;
let run: CliResult;
let resultDir = '';
let summary: any;

beforeAll(async () => {
  gen = await runCli(['generate', '--out', join(work, 'data'), '--changes', '800', '--seed', '11']);
  expect(gen.code, gen.stderr).toBe(0);
  const changes = readdirSync(join(work, 'data')).find((f) => f.endsWith('.fgb'))!;
  run = await runCli([
    'run',
    '--changes', join(work, 'data', changes),
    '--layers', join(work, 'data', 'layers.json'),
    '--out', join(work, 'out'),
    '--workers', '2',
    '--tile-size', '150',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const year = readdirSync(join(work, 'out', 'results'))[0];
  const county = readdirSync(join(work, 'out', 'results', year))[0];
  const runId = readdirSync(join(work, 'out', 'results', year, county))[0];
  resultDir = join(work, 'out', 'results', year, county, runId);
  summary = JSON.parse(readFileSync(join(resultDir, 'summary.json'), 'utf8'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('landwatch run on a generated county', () => {
  it('writes every result file of docs/ARCHITECTURE.md, "Outputs" under results/{year}/{county}/{runId}/', () => {
    for (const f of ['detections.fgb', 'overlaps.fgb', 'detections.csv', 'balance.csv', 'summary.json', 'report.html']) {
      expect(existsSync(join(resultDir, f)), f).toBe(true);
    }
    expect(resultDir).toMatch(/results[\/\\]2024[\/\\]431102[\/\\]2024-[0-9a-f]{12}$/);
    expect(existsSync(join(work, 'out', '.landwatch-tmp'))).toBe(false);
  });

  it('detections.fgb opens in GDAL with the right count, SRS, columns and a working spatial index', () => {
    const file = join(resultDir, 'detections.fgb');
    const info = ogrinfo(['-ro', '-so', '-al', file]);
    expect(ogrFeatureCount(file)).toBe(summary.totals.count);
    expect(info).toMatch(/ID\["EPSG",4525\]|AUTHORITY\["EPSG","4525"\]/);
    for (const col of ['alert_id', 'county_code', 'change_type', 'severity', 'rule_ids', 'reasons', 'inspection_category', 'disposition', 'area_m2', 'area_mu', 'net_area_m2', 'permanent_farmland_m2', 'approval_refs', 'change_date', 'stock', 'repeat', 'run_id']) {
      expect(info).toContain(`${col}:`);
    }
    // a spatial filter on a quarter of the extent returns a strict subset (the index is read)
    const ext = /Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)/.exec(info)!.slice(1).map(Number);
    const quarter: [number, number, number, number] = [ext[0], ext[1], (ext[0] + ext[2]) / 2, (ext[1] + ext[3]) / 2];
    const n = ogrFeatureCount(file, quarter);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(summary.totals.count);
  });

  it('finds every change type of the generated county', () => {
    const present = Object.entries(summary.totals.byChangeType)
      .filter(([, v]: [string, any]) => v.count > 0)
      .map(([k]) => k)
      .sort();
    expect(present).toEqual(
      ['abandoned', 'agricultural_facility', 'gain', 'non_agricultural', 'non_grain_land', 'non_grain_planting', 'paddy_to_dry', 'restorable_loss', 'to_unused', 'to_water', 'tree_intercrop'].sort(),
    );
    expect(summary.permanentFarmland.count).toBeGreaterThan(0);
  });

  it('detections.csv is UTF-8 with BOM, has the contract columns and one row per detection', () => {
    const text = readFileSync(join(resultDir, 'detections.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['alert_id', 'county_code', 'township_code']);
    expect(lines[0].endsWith('run_id,centroid_lon,centroid_lat')).toBe(true);
    expect(lines.length - 1).toBe(summary.totals.count);
    // GDAL reads it too
    expect(ogrFeatureCount(join(resultDir, 'detections.csv'))).toBe(summary.totals.count);
  });

  it('overlaps.fgb holds clipped parts no larger than their pieces', () => {
    const file = join(resultDir, 'overlaps.fgb');
    expect(ogrFeatureCount(file)).toBeGreaterThan(0);
    const out = ogrinfo(['-ro', '-al', '-q', '-dialect', 'SQLite', '-sql', 'SELECT MAX(share) AS max_share, MIN(area_m2) AS min_area FROM overlaps', file]);
    const maxShare = Number(/max_share \(Real\) = ([\d.]+)/.exec(out)![1]);
    expect(maxShare).toBeLessThanOrEqual(1);
  });

  it('balance.csv and report.html are complete and self-contained', () => {
    const balance = readFileSync(join(resultDir, 'balance.csv'), 'utf8');
    expect(balance.charCodeAt(0)).toBe(0xfeff);
    expect(balance).toContain('township_code,township_name,out_m2');
    const header = balance.slice(1).split('\r\n')[0].split(',');
    for (const col of ['pbf_out_m2', 'occupied_m2', 'paddy_to_dry_m2', 'dry_to_paddy_m2', 'not_counted_river_lake_expansion_m2', 'not_counted_disaster_m2']) {
      expect(header, col).toContain(col);
    }
    // every detection says why, with its legal basis
    const rows = readFileSync(join(resultDir, 'detections.csv'), 'utf8').slice(1).trimEnd().split('\r\n');
    const reasonsAt = rows[0].split(',').indexOf('reasons');
    expect(reasonsAt).toBeGreaterThan(0);
    expect(summary.mustRestore.count).toBeGreaterThan(0);
    const html = readFileSync(join(resultDir, 'report.html'), 'utf8');
    expect(html).toContain('id="lw-data"');
    // markup outside the inlined scripts (whose strings are checked in a browser, test/cli/report-browser.test.ts)
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(markup).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('is deterministic: a second run writes identical files except the generation time', async () => {
    const changes = readdirSync(join(work, 'data')).find((f) => f.endsWith('.fgb'))!;
    const again = await runCli(['run', '--changes', join(work, 'data', changes), '--layers', join(work, 'data', 'layers.json'), '--out', join(work, 'out2'), '--workers', '1', '--tile-size', '150']);
    expect(again.code, again.stderr).toBe(0);
    const rel = resultDir.slice(join(work, 'out').length);
    for (const f of ['detections.fgb', 'overlaps.fgb', 'detections.csv', 'balance.csv']) {
      expect(readFileSync(join(work, 'out2', rel, f)).equals(readFileSync(join(resultDir, f))), f).toBe(true);
    }
  });
});
